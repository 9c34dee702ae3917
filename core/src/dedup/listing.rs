//! What dedup knows about one unit (an input event, or a cluster merged in an earlier round):
//! hashed matching keys, flags and numbers, computed once.

use super::sort::radix_sort_by_key;
use crate::Event;
use crate::normalize::{TitleReader, fold, is_placeholder_venue, name_key, venue_key};
use chrono::{Datelike, Timelike};

/// Stable 64-bit hash (FNV-1a with a final mix); `std`'s hasher is seeded per process.
/// `const`, so the hashes of fixed strings are computed once, at compile time.
pub(crate) const fn hash_str(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    mix(h)
}

/// Hash of a source key (`provider:id`) without building it.
pub(crate) fn source_hash(s: &crate::Source) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s
        .provider
        .as_bytes()
        .iter()
        .chain(b":")
        .chain(s.id.as_bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

pub(crate) const fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A fast hasher for the batch's string tables ([`Interner`]). Not DoS-resistant: a crafted
/// batch could only make dedup slower, never change its result, as a lookup compares the string
/// itself and a number never depends on where a string sits in the table.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        mix(self.0)
    }
}

/// The distinct strings of one batch, numbered in order of first sight. One buffer holds them
/// all (no allocation per string, and one free for all of them). The table is open addressing
/// with each slot holding the string's hash and where its text is, so a lookup usually costs one
/// cache miss for the slot and one for the text it compares before trusting the number.
#[derive(Default)]
struct Interner {
    text: String,
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    from: usize,
    len: u32,
    /// The string's number; [`EMPTY`] for a free slot.
    id: u32,
}

const EMPTY: u32 = u32::MAX;

impl Interner {
    fn hash(s: &str) -> u64 {
        let mut h = FastHasher::default();
        std::hash::Hasher::write(&mut h, s.as_bytes());
        std::hash::Hasher::finish(&h)
    }

    /// The string's number, or the slot where it would go.
    fn find(&self, s: &str, hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.id == EMPTY {
                return Err(i);
            }
            if slot.hash == hash
                && slot.len as usize == s.len()
                && &self.text[slot.from..slot.from + s.len()] == s
            {
                return Ok(slot.id);
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, s: &str, hash: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.find(s, hash).ok()
    }

    /// Number a string `get` did not find.
    fn insert(&mut self, s: &str, hash: u64) -> u32 {
        // At most half full: probes stay short.
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let id = u32::try_from(self.len)
            .ok()
            .filter(|&id| id != EMPTY)
            .expect("fewer than 2^32 - 1 distinct strings");
        let len = u32::try_from(s.len()).expect("a string under 4 GiB");
        let at = match self.find(s, hash) {
            Err(at) => at,
            Ok(_) => unreachable!("insert is only called for a string get did not find"),
        };
        self.slots[at] = Slot {
            hash,
            from: self.text.len(),
            len,
            id,
        };
        self.text.push_str(s);
        self.len += 1;
        id
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(
            &mut self.slots,
            vec![
                Slot {
                    hash: 0,
                    from: 0,
                    len: 0,
                    id: EMPTY,
                };
                size
            ],
        );
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s.id != EMPTY) {
            let mut i = slot.hash as usize & mask;
            while self.slots[i].id != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

/// What a title gives matching: where its act keys' hashes and its words' hashes (sorted) are in
/// [`KeyCache::title_hashes`].
struct TitleKeys {
    from: usize,
    acts: usize,
    to: usize,
    package: bool,
    pass: bool,
}

/// What a venue name gives matching (before the city is taken off its key).
struct VenueKeys {
    placeholder: bool,
    key: Box<str>,
    room: u64,
    words: Box<[u64]>,
    /// The city id and venue hash of the last listing with this name (almost every listing
    /// of one venue name has one city): [`NO_CITY`] before any.
    last: (u32, u64),
}

/// A city id no city has: a venue's `last` before its first listing.
const NO_CITY: u32 = u32::MAX;
/// The city id of a listing without a city, in a venue's `last`.
const CITYLESS: u32 = u32::MAX - 1;

/// The matching keys of every distinct title, performer name, venue name and city of one batch,
/// each computed once. Providers repeat performer and venue names on many listings (at 100k
/// listings: 15k distinct names on 130k performers, 5k venue names), and a merged event repeats
/// its members' strings, so normalization runs once per distinct string, not once per use.
#[derive(Default)]
pub(crate) struct KeyCache {
    /// Each distinct title's keys ([`KeyCache::title_entries`] numbers them).
    title_keys: Vec<TitleKeys>,
    title_hashes: Vec<u64>,
    /// Each interner numbers its strings densely: the vector beside it holds their entries.
    /// Performers' name keys ([`KeyCache::performer_keys`]).
    name_keys: Interner,
    /// By name key id: the key's hash when it is long enough to match on (two characters).
    name_key_hashes: Vec<Option<u64>>,
    venues: Interner,
    venue_keys: Vec<VenueKeys>,
    /// City -> its folded name without spaces.
    cities: Interner,
    city_keys: Vec<Box<str>>,
    /// A reused buffer for one listing's keys.
    keys: Vec<u64>,
    /// Reused buffers for reading titles.
    reader: TitleReader,
}

impl KeyCache {
    /// The title entry of each of a batch's titles, in order: each distinct title is analyzed
    /// once, and entries are numbered in order of first sight.
    pub fn title_entries(&mut self, titles: &[&str]) -> Vec<u32> {
        // No head: titles are longer than most names, and a head would add more to the sort
        // than it spares.
        by_first_sight::<0>(titles, |t| self.add_title(t))
    }

    /// The id of each of a batch's performer names' [`name_key`], in order: two names have one
    /// id exactly when their keys are equal. Each distinct name is normalized once.
    pub fn performer_keys(&mut self, names: &[&str]) -> Vec<u32> {
        // 97% of performer names are 28 bytes or shorter (the benchmark's 1M listings).
        by_first_sight::<28>(names, |name| {
            let k = name_key(name);
            let kh = Interner::hash(&k);
            match self.name_keys.get(&k, kh) {
                Some(id) => id,
                None => {
                    self.name_key_hashes
                        .push((k.chars().count() >= 2).then(|| hash_str(&k)));
                    self.name_keys.insert(&k, kh)
                }
            }
        })
    }

    /// Analyze a title and add its entry.
    fn add_title(&mut self, title: &str) -> u32 {
        let t = &mut self.reader;
        t.read(title);
        let from = self.title_hashes.len();
        self.title_hashes.extend(t.acts().map(hash_str));
        let acts = self.title_hashes.len();
        // The words of the core, which is its pieces joined by spaces.
        for piece in t.core() {
            self.title_hashes.extend(word_hashes(piece));
        }
        sort_tail(&mut self.title_hashes, acts);
        self.title_keys.push(TitleKeys {
            from,
            acts,
            to: self.title_hashes.len(),
            package: t.package,
            pass: t.pass,
        });
        u32::try_from(self.title_keys.len() - 1).expect("fewer than 2^32 titles")
    }

    fn venue(&mut self, name: &str) -> u32 {
        let h = Interner::hash(name);
        if let Some(i) = self.venues.get(name, h) {
            return i;
        }
        let placeholder = is_placeholder_venue(name);
        let v = if placeholder {
            VenueKeys {
                placeholder,
                key: "".into(),
                room: 0,
                words: Box::new([]),
                last: (NO_CITY, 0),
            }
        } else {
            let (k, r) = venue_key(name);
            VenueKeys {
                placeholder,
                key: k.into_boxed_str(),
                room: r.map_or(0, |r| hash_str(&r)),
                words: words(&fold(name)).into_boxed_slice(),
                last: (NO_CITY, 0),
            }
        };
        self.venue_keys.push(v);
        self.venues.insert(name, h)
    }

    fn city(&mut self, city: &str) -> u32 {
        let h = Interner::hash(city);
        if let Some(i) = self.cities.get(city, h) {
            return i;
        }
        let c: String = crate::normalize::spaced(&fold(city)).collect();
        self.city_keys.push(c.into_boxed_str());
        self.cities.insert(city, h)
    }
}

/// A text of a batch, as [`first_sight`] sorts it: 32 bits of its hash, its position, its
/// length and its first `HEAD` bytes (zero-padded).
#[derive(Clone, Copy)]
struct Sighting<const HEAD: usize> {
    hash: u32,
    at: u32,
    len: u32,
    head: [u8; HEAD],
}

impl<const HEAD: usize> Sighting<HEAD> {
    /// The sighting of `text` at position `at`.
    fn of(text: &str, at: u32) -> Self {
        let mut head = [0; HEAD];
        let k = text.len().min(HEAD);
        head[..k].copy_from_slice(&text.as_bytes()[..k]);
        Sighting {
            hash: (Interner::hash(text) >> 32) as u32,
            at,
            len: u32::try_from(text.len()).expect("a text under 4 GiB"),
            head,
        }
    }

    /// Whether two sightings of `texts` are one text: by the heads alone when they hold it all.
    fn same(&self, other: &Self, texts: &[&str]) -> bool {
        self.len == other.len
            && self.head == other.head
            && (self.len as usize <= HEAD || texts[self.at as usize] == texts[other.at as usize])
    }
}

impl<const HEAD: usize> Default for Sighting<HEAD> {
    fn default() -> Self {
        Sighting {
            hash: 0,
            at: 0,
            len: 0,
            head: [0; HEAD],
        }
    }
}

/// For each text, the position of the first equal text (its own when it is the first).
///
/// Equal texts are found by sorting their hashes rather than through a table: at a million
/// listings (two thirds of the titles distinct), a table outgrew the cache and cost a miss per
/// lookup, another per compared text and one per entry moved each time it grew. Sorting reads
/// the texts in order, and only texts whose hashes agree are compared. A text of at most `HEAD`
/// bytes is compared through the copy of it that is sorted with its hash: comparing texts in
/// hash order reads them in no order at all, a cache miss each (most performer names are that
/// short, and each name recurs on many listings: a 28-byte head spares a million misses at a
/// million listings).
fn first_sight<const HEAD: usize>(texts: &[&str]) -> Vec<u32> {
    let n = u32::try_from(texts.len()).expect("fewer than 2^32 texts");
    // 32 bits of the hash are enough to bring equal texts together: a run holding two distinct
    // texts only costs a comparison.
    let mut sighted: Vec<Sighting<HEAD>> = texts
        .iter()
        .zip(0..n)
        .map(|(t, at)| Sighting::of(t, at))
        .collect();
    // Stable: each run is in batch order, so its first text is the first sight.
    radix_sort_by_key(&mut sighted, |e| u64::from(e.hash));
    let mut first: Vec<u32> = (0..n).collect();
    let mut seen: Vec<Sighting<HEAD>> = Vec::new();
    for run in sighted
        .chunk_by(|x, y| x.hash == y.hash)
        .filter(|r| r.len() > 1)
    {
        seen.clear();
        for e in run {
            match seen.iter().find(|s| s.same(e, texts)) {
                Some(s) => first[e.at as usize] = s.at,
                None => seen.push(*e),
            }
        }
    }
    first
}

/// `make(text)` for the first sight of each distinct text, in batch order, and that same value
/// for every later equal text.
fn by_first_sight<const HEAD: usize>(
    texts: &[&str],
    mut make: impl FnMut(&str) -> u32,
) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(texts.len());
    for (i, (t, f)) in texts.iter().zip(first_sight::<HEAD>(texts)).enumerate() {
        let value = if f as usize == i {
            make(t)
        } else {
            out[f as usize]
        };
        out.push(value);
    }
    out
}

pub(crate) struct Listing {
    /// Local wall-clock minutes since 1970-01-01T00:00 (as shown at the venue): comparing wall
    /// clocks is immune to a wrong zone (Eventbrite sends some).
    pub wall: Option<i64>,
    /// Local date, days since 1970-01-01.
    pub date: Option<i64>,
    pub pos: Option<(f64, f64)>,
    pub placeholder: bool,
    /// The listing names no venue at all: it gives no evidence of place.
    pub no_venue: bool,
    pub venue: u64,
    pub room: u64,
    /// The title's entry in the [`KeyCache`]: a merged event reuses its member's.
    pub title: u32,
    /// One allocation for the four sorted hash sets, in this order: act keys from the title and
    /// every performer's name; performer ids, namespaced ("spotify:…", "musicbrainz:…",
    /// "ticketmaster:…"); title words; venue name words. Then the id of each performer's name
    /// key, in billing order (what a merge of this unit needs). `ends` marks where each ends.
    keys: Box<[u64]>,
    ends: [u32; 4],
    pub package: bool,
    pub pass: bool,
    /// Bit per provider among the unit's sources.
    pub providers: u64,
    /// Hash of the smallest source key: the order-independent tie-break.
    pub key_hash: u64,
}

/// The hashes of a folded text's words but "the" and "and", in text order.
fn word_hashes(folded: &str) -> impl Iterator<Item = u64> + '_ {
    crate::normalize::spaced(folded)
        .filter(|w| !w.is_empty() && *w != "the" && *w != "and")
        .map(hash_str)
}

/// [`word_hashes`], sorted and deduplicated.
fn words(folded: &str) -> Vec<u64> {
    let mut v: Vec<u64> = word_hashes(folded).collect();
    sort_tail(&mut v, 0);
    v
}

/// Sort and deduplicate `v[from..]` in place.
fn sort_tail(v: &mut Vec<u64>, from: usize) {
    v[from..].sort_unstable();
    let mut w = from;
    for r in from..v.len() {
        if w == from || v[r] != v[w - 1] {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
}

pub(crate) fn provider_bit(provider: &str) -> u64 {
    match provider {
        "ticketmaster" => 1,
        "bandsintown" => 2,
        "eventbrite" => 4,
        "dice" => 8,
        "seatgeek" => 16,
        "songkick" => 32,
        other => 1 << (6 + hash_str(other) % 58),
    }
}

impl Listing {
    /// Sorted: act keys from the title and every performer's name.
    pub fn acts(&self) -> &[u64] {
        &self.keys[..self.ends[0] as usize]
    }
    /// Sorted: performer ids, namespaced.
    pub fn ids(&self) -> &[u64] {
        &self.keys[self.ends[0] as usize..self.ends[1] as usize]
    }
    pub fn title_words(&self) -> &[u64] {
        &self.keys[self.ends[1] as usize..self.ends[2] as usize]
    }
    pub fn venue_words(&self) -> &[u64] {
        &self.keys[self.ends[2] as usize..self.ends[3] as usize]
    }
    /// The id of each performer's name key ([`KeyCache::performer_keys`]), in billing order.
    pub fn performer_keys(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.keys[self.ends[3] as usize..].iter().map(|&k| k as u32)
    }

    /// The listing of an event whose title has the entry `title_id`
    /// ([`KeyCache::title_entries`]) and whose performers have the name key ids `performers`
    /// (one per performer, in order; [`KeyCache::performer_keys`]). A merged event's come from
    /// its members.
    pub fn with_keys(
        e: &Event,
        cache: &mut KeyCache,
        title_id: u32,
        performers: &[u32],
    ) -> Listing {
        let mut keys = std::mem::take(&mut cache.keys);
        keys.clear();
        let title = &cache.title_keys[title_id as usize];
        keys.extend_from_slice(&cache.title_hashes[title.from..title.acts]);
        let (package, pass) = (title.package, title.pass);
        for &k in performers {
            if let Some(h) = cache.name_key_hashes[k as usize] {
                keys.push(h);
            }
        }
        sort_tail(&mut keys, 0);
        let acts_end = keys.len();
        for p in &e.performers {
            let i = &p.ids;
            for (ns, v) in [
                (const { hash_str("spotify") }, &i.spotify),
                (const { hash_str("musicbrainz") }, &i.musicbrainz),
                (const { hash_str("ticketmaster") }, &i.ticketmaster),
                (const { hash_str("bandsintown") }, &i.bandsintown),
                (const { hash_str("eventbrite") }, &i.eventbrite),
                (const { hash_str("seatgeek") }, &i.seatgeek),
                (const { hash_str("songkick") }, &i.songkick),
                (const { hash_str("dice") }, &i.dice),
            ] {
                if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                    keys.push(mix(ns ^ hash_str(v)));
                }
            }
        }
        sort_tail(&mut keys, acts_end);
        let ids_end = keys.len();
        let title = &cache.title_keys[title_id as usize];
        keys.extend_from_slice(&cache.title_hashes[title.acts..title.to]);
        let title_end = keys.len();
        let date = e
            .local_date
            .or_else(|| e.start.map(|s| s.date_naive()))
            .map(|d| i64::from(d.num_days_from_ce()) - 719_163);
        let time = e.local_time.or_else(|| e.start.map(|s| s.time()));
        let wall = match (date, time, e.local_date, e.start) {
            // A time is only meaningful with the date it belongs to.
            (Some(d), Some(t), Some(_), _) | (Some(d), Some(t), None, Some(_)) => {
                Some(d * 1440 + i64::from(t.hour() * 60 + t.minute()))
            }
            _ => None,
        };
        let (mut venue, mut room, mut pos, mut placeholder) = (0, 0, None, true);
        if let Some(v) = &e.venue {
            let city = v.city.as_deref().map_or(CITYLESS, |c| cache.city(c));
            let keyed = cache.venue(&v.name);
            let keyed = &mut cache.venue_keys[keyed as usize];
            placeholder = keyed.placeholder;
            if !placeholder {
                if keyed.last.0 != city {
                    let mut k: &str = &keyed.key;
                    // "Violet Season Club Amsterdam" is Eventbrite's "Violet Season Club".
                    if city != CITYLESS {
                        let c: &str = &cache.city_keys[city as usize];
                        if !c.is_empty() && k.len() > c.len() && k.ends_with(c) {
                            k = &k[..k.len() - c.len()];
                        }
                    }
                    keyed.last = (city, if k.is_empty() { 0 } else { hash_str(k) });
                }
                venue = keyed.last.1;
                room = keyed.room;
                keys.extend_from_slice(&keyed.words);
            }
            if let (Some(lat), Some(lon)) = (v.lat, v.lon)
                && lat.is_finite()
                && lon.is_finite()
                && lat.abs() <= 90.0
                && lon.abs() <= 180.0
                && !(lat == 0.0 && lon == 0.0)
            {
                pos = Some((lat, lon));
            }
        }
        let venue_end = keys.len();
        keys.extend(performers.iter().map(|&k| u64::from(k)));
        let providers = e
            .sources
            .iter()
            .fold(0, |m, s| m | provider_bit(&s.provider));
        // The hash of the smallest source key, without building the key.
        let key_hash = super::merge::min_source(e).map_or_else(|| hash_str(""), source_hash);
        let listing = Listing {
            wall,
            date,
            pos,
            placeholder,
            no_venue: e.venue.is_none(),
            venue,
            room,
            title: title_id,
            keys: Box::from(keys.as_slice()),
            ends: [
                acts_end as u32,
                ids_end as u32,
                title_end as u32,
                venue_end as u32,
            ],
            package,
            pass,
            providers,
            key_hash,
        };
        cache.keys = keys;
        listing
    }
}

/// Size of two sorted sets' intersection.
pub(crate) fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn interner_numbers_strings_in_order_and_survives_equal_hashes() {
        let mut t = Interner::default();
        let words: Vec<String> = (0..5000).map(|i| format!("act {i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w, Interner::hash(w)), None);
            assert_eq!(t.insert(w, Interner::hash(w)), i as u32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w, Interner::hash(w)), Some(i as u32));
        }
        // Two strings given one hash stay two strings.
        let a = t.insert("same hash a", 42);
        let b = t.insert("same hash b", 42);
        assert_ne!(a, b);
        assert_eq!(t.get("same hash a", 42), Some(a));
        assert_eq!(t.get("same hash b", 42), Some(b));
        assert_eq!(t.get("same hash c", 42), None);
        // A prefix of a stored string is another string.
        assert_eq!(t.get("act", Interner::hash("act")), None);
    }

    /// Two short texts whose hashes share the 32 bits that [`super::first_sight`] sorts on:
    /// found by trying.
    fn colliding_texts() -> (String, String) {
        let mut by_bits = std::collections::HashMap::new();
        (0..1_000_000u32)
            .map(|i| format!("t{i}"))
            .find_map(|t| {
                let bits = Interner::hash(&t) >> 32;
                by_bits.insert(bits, t.clone()).map(|old| (old, t))
            })
            .expect("a 32-bit collision among a million texts")
    }

    #[test]
    fn title_entries_number_distinct_titles_in_order_of_first_sight() {
        let (a, b) = colliding_texts();
        let titles = [&a, "Show", &b, &a, "Show", &b, "Other"];
        let mut cache = super::KeyCache::default();
        let entries = cache.title_entries(&titles);
        assert_eq!(entries, vec![0, 1, 2, 0, 1, 2, 3]);
        assert_eq!(cache.title_keys.len(), 4);
    }

    #[test]
    fn first_sight_compares_short_texts_by_their_heads_and_long_ones_in_full() {
        let (a, b) = colliding_texts();
        let texts = [&a, "x", &b, &a, "x", &b];
        let first = super::first_sight::<8>(&texts);
        assert_eq!(first, vec![0, 1, 2, 0, 1, 2]);
        assert_eq!(super::first_sight::<0>(&texts), first);
        // Texts that agree on their heads: "ab" and "ab\0" once padded, two long ones on their
        // first eight bytes.
        let texts = ["ab", "ab\0", "abcdefghX", "abcdefghY", "abcdefghX"];
        let s: Vec<super::Sighting<8>> = (0..5)
            .map(|i| super::Sighting::of(texts[i], i as u32))
            .collect();
        assert!(!s[0].same(&s[1], &texts));
        assert!(!s[2].same(&s[3], &texts));
        assert!(s[2].same(&s[4], &texts));
        assert!(s[0].same(&super::Sighting::of("ab", 0), &texts));
    }

    #[test]
    fn a_venue_key_drops_the_city_it_ends_with_whichever_city_came_before() {
        let mut cache = super::KeyCache::default();
        let entry = cache.title_entries(&["Show"])[0];
        let mut venue_hash = |name: &str, city: Option<&str>| {
            let mut e = crate::Event::new("dice", "1", "Show".into());
            e.venue = Some(crate::Venue {
                name: name.into(),
                address: None,
                city: city.map(String::from),
                region: None,
                postal_code: None,
                country: None,
                lat: None,
                lon: None,
                ids: Default::default(),
            });
            super::Listing::with_keys(&e, &mut cache, entry, &[]).venue
        };
        let with_city = venue_hash("Violet Season Club Amsterdam", Some("Amsterdam"));
        assert_eq!(
            venue_hash("Violet Season Club", Some("Amsterdam")),
            with_city
        );
        let elsewhere = venue_hash("Violet Season Club Amsterdam", Some("Utrecht"));
        assert_ne!(elsewhere, with_city);
        // Back to the first city, then none: each answer is the city's own, not the last one.
        assert_eq!(
            venue_hash("Violet Season Club Amsterdam", Some("Amsterdam")),
            with_city
        );
        assert_eq!(venue_hash("Violet Season Club Amsterdam", None), elsewhere);
    }
}
