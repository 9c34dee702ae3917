//! Ranking upcoming shows for a person, with reasons that add up to the score.
//!
//! The score of an event is a sum of parts: artist matches (a headliner counts more than a support
//! act), genre match, distance from the person (events beyond the radius are out), time until
//! the show (sooner is better) and feedback (saves, skips; hidden events are out). The top `k`
//! carry [`Reason`]s, one per nonzero part, whose contributions sum to the score.
//!
//! Ranking runs over an [`EventSet`]: built once from a list of events, ranked many times. It keeps
//! the few fields the hot loop reads (venue unit vector, start, eligibility deadline, three genre
//! slots, three performer slots: 44 bytes per event, one column each) apart from the events
//! themselves, interns artists and genres to integers, and keeps an artist → events index so a
//! profile's artists touch only their own shows. A ranking resolves the profile into small tables
//! (per artist, per genre), scores the events block by block without branches (AVX2 gathers when
//! the CPU has them, chosen at run time; the same bits without), offers a block to an exact
//! top `k` (diversity cap included) only when its best score can enter, and builds reasons for
//! the chosen `k` only.
//!
//! ```
//! use gigradar_core::{Event, profile::{Picks, Pick, Profile}, rank::{EventSet, RankContext, rank}};
//! let mut e = Event::from_json(r#"{"id":"ev_1","title":"Bicep","sources":[{"provider":"dice","id":"1"}],
//!   "performers":[{"name":"Bicep"}],"start":"2026-12-05T21:00:00+00:00","timezone":"Europe/London",
//!   "venue":{"name":"Printworks","lat":51.4976,"lon":-0.0398}}"#).unwrap();
//! let mut profile = Profile::default();
//! profile.add_picks(&Picks { artists: vec![Pick::Name("Bicep".into())], ..Picks::default() });
//! let set = EventSet::new(vec![e]);
//! let ctx = RankContext::new("2026-12-01T12:00:00Z".parse().unwrap(), 51.5072, -0.1276);
//! let top = rank(&profile, &set, &ctx).unwrap();
//! assert_eq!(top[0].reasons[0].text, "You picked Bicep");
//! let sum: f64 = top[0].reasons.iter().map(|r| r.contribution).sum();
//! assert!((sum - top[0].score).abs() < 1e-9);
//! ```

use crate::model::{Event, Role, Status};
use crate::profile::{ArtistSignal, DerivedGenre, FeedbackAction, Profile, artist_key, genre_key};
use crate::{Error, Result};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc (FxHash): much faster than SipHash on short keys, and the
/// keys here (ids, names from our own events) are not chosen by an attacker who gains from
/// collisions in an in-memory index.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

fn fx(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// A string key of the artist and genre tables, held in the table's own entry when it is short
/// (a Spotify id is 22 bytes, most name keys fewer): a lookup then compares it without a second
/// cache miss on a heap string, and interning it allocates nothing. Hashes as its `str` does.
#[derive(Clone)]
enum Key {
    Inline { len: u8, bytes: [u8; KEY_INLINE] },
    Heap(Box<str>),
}

const KEY_INLINE: usize = 22;
const _: () = assert!(
    std::mem::size_of::<Key>() == 24,
    "a key is no larger than a String"
);

impl Key {
    fn as_str(&self) -> &str {
        match self {
            Key::Inline { len, bytes } => {
                // SAFETY: `bytes[..len]` is a whole `str` copied in `From<&str>`.
                unsafe { std::str::from_utf8_unchecked(&bytes[..usize::from(*len)]) }
            }
            Key::Heap(s) => s,
        }
    }
}

impl From<&str> for Key {
    fn from(s: &str) -> Key {
        if s.len() <= KEY_INLINE {
            let mut bytes = [0; KEY_INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Key::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            Key::Heap(s.into())
        }
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::hash::Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Key {}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// The hash an event id is indexed by: the high half of [`fx`], its best-mixed bits.
fn id_hash(id: &str) -> u64 {
    fx(id.as_bytes()) >> 32
}

/// Mean Earth radius, km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Seconds in the hot arrays count from here (2020-01-01T00:00:00Z): an `i32` reaches 2088.
const EPOCH_SECS: i64 = 1_577_836_800;
const NONE: u32 = u32::MAX;
const SUPPORT_BIT: u32 = 1 << 31;
/// In a posting: this performer is past the event's [`SLOTS`] hot slots.
const OVERFLOW_BIT: u32 = 1 << 30;
const EVENT_MASK: u32 = OVERFLOW_BIT - 1;
/// Performers per event kept in the hot arrays; more (festival bills) are handled sparsely.
const SLOTS: usize = 3;
/// Genres per event that ranking reads (the most specific ones).
const GENRE_SLOTS: usize = 3;
/// Events scored per block: the block's scores stay in L1 until its events are offered.
const BLOCK: usize = 512;

/// Where and when the person is, and how many results they want.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RankContext {
    /// The moment of ranking: only shows that have not started are eligible.
    pub now: DateTime<Utc>,
    /// The person's position, degrees.
    pub lat: f64,
    pub lon: f64,
    /// Shows farther than this (great-circle km) are left out.
    pub radius_km: f64,
    /// How many results.
    pub k: usize,
    /// At most this many dates of one headliner in the results (0: no limit).
    pub max_per_headliner: usize,
}

impl RankContext {
    /// A context with the defaults: 50 km, top 20, at most 2 dates of one headliner.
    pub fn new(now: DateTime<Utc>, lat: f64, lon: f64) -> RankContext {
        RankContext {
            now,
            lat,
            lon,
            radius_km: 50.0,
            k: 20,
            max_per_headliner: 2,
        }
    }

    fn validate(&self) -> Result<()> {
        if !(-90.0..=90.0).contains(&self.lat) || !(-180.0..=180.0).contains(&self.lon) {
            return Err(Error::invalid(format!(
                "position {},{} is not a latitude,longitude in degrees",
                self.lat, self.lon
            )));
        }
        if !(self.radius_km.is_finite() && self.radius_km > 0.0) {
            return Err(Error::invalid(format!(
                "radius {} km must be a positive number",
                self.radius_km
            )));
        }
        Ok(())
    }
}

/// How much each part can contribute. The defaults are hand-set so that an artist you like beats
/// anything else, a genre match beats being close, and closeness and soonness break the rest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Points for a headliner with affinity 1 (affinity scales it).
    pub headliner: f64,
    /// Points for a support act with affinity 1.
    pub support: f64,
    /// Points for a genre with affinity 1 (a disliked genre takes up to this much off).
    pub genre: f64,
    /// Points for a show at the person's door, falling linearly to 0 at the radius.
    pub distance: f64,
    /// Points for a show starting now, falling as `1 / (1 + days / time_scale_days)`.
    pub time: f64,
    pub time_scale_days: f64,
    /// Points for having saved this very event (skipping takes `skip` off).
    pub save: f64,
    pub skip: f64,
    /// Points for other shows of an artist whose show you saved (or skipped/hid: taken off).
    pub artist_save: f64,
    pub artist_skip: f64,
    /// Feedback loses half its weight every this many days.
    pub feedback_half_life_days: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            headliner: 40.0,
            support: 15.0,
            genre: 20.0,
            distance: 10.0,
            time: 10.0,
            time_scale_days: 14.0,
            save: 30.0,
            skip: 15.0,
            artist_save: 10.0,
            artist_skip: 5.0,
            feedback_half_life_days: 30.0,
        }
    }
}

/// Which part of the score a reason explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonKind {
    Artist,
    Genre,
    Distance,
    Time,
    Feedback,
}

/// One nonzero part of an event's score: what it is, how much it adds, a sentence a person reads,
/// and the data behind it (fields that do not apply are absent from the JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub contribution: f64,
    pub text: String,
    /// The performer, for artist and artist-feedback reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Where the like came from: `picked`, `spotify_top`, `spotify_followed`, `listened`; for
    /// genres also `events` (the catalogue's tags of the person's artists' shows) and `lineups`
    /// (of the acts sharing their bills).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The event's genre that matched, for genre reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The person's genre it matched (the same unless the match is partial).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liked_genre: Option<String>,
    /// For genres derived from listening: the person's artists it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_until: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<FeedbackAction>,
}

impl Reason {
    fn new(kind: ReasonKind, contribution: f64, text: String) -> Reason {
        Reason {
            kind,
            contribution,
            text,
            artist: None,
            role: None,
            source: None,
            genre: None,
            liked_genre: None,
            via: Vec::new(),
            distance_km: None,
            days_until: None,
            action: None,
        }
    }
}

/// One ranked event: its position in the [`EventSet`], its id, its score, and the reasons
/// (sorted by contribution, largest first) that sum to the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub index: u32,
    pub event_id: String,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// An artist as the event set knows it (interned from performers).
#[derive(Debug, Clone, Default)]
struct ArtistEntry {
    spotify: Option<String>,
    musicbrainz: Option<String>,
}

/// Events prepared for ranking many times. Build once with [`EventSet::new`].
#[derive(Debug, Clone, Default)]
pub struct EventSet {
    events: Vec<Event>,
    // Hot: read for every event of every ranking.
    /// Venue unit vectors, one array per axis (so the distance loop vectorizes).
    px: Vec<f32>,
    py: Vec<f32>,
    pz: Vec<f32>,
    start: Vec<i32>,
    open_until: Vec<i32>,
    /// The event's last [`GENRE_SLOTS`] genres (most specific last), one column per slot (so a
    /// vector of events loads with one instruction); 0 is "no genre".
    genre_slots: [Vec<u32>; GENRE_SLOTS],
    /// The first [`SLOTS`] performers, one column per slot: artist id with [`SUPPORT_BIT`]; an
    /// empty slot holds the artist count (a table entry that is always 0).
    slots: [Vec<u32>; SLOTS],
    // Cold: read per profile, or for the top k.
    headliner: Vec<u32>,
    /// Genre keys (see [`genre_key`]) by genre id, and the names as the first event spelled them.
    genre_names: Vec<String>,
    genre_labels: Vec<String>,
    artists: Vec<ArtistEntry>,
    by_spotify: HashMap<Key, u32>,
    by_mbid: HashMap<Key, u32>,
    by_name: HashMap<Key, u32>,
    /// Per event, its performers' artist ids (with [`SUPPORT_BIT`]), as a CSR list.
    perf_start: Vec<u32>,
    perf: Vec<u32>,
    /// Per artist, the events they play (with [`SUPPORT_BIT`], [`OVERFLOW_BIT`]), as a CSR list.
    post_start: Vec<u32>,
    post: Vec<u32>,
    /// Per artist, only the postings past the hot slots (with [`SUPPORT_BIT`]): what a ranking
    /// adds sparsely, without walking a popular artist's every show.
    over_start: Vec<u32>,
    over: Vec<u32>,
    /// Per artist: up to three (genre id, share of their shows tagged with it).
    artist_genres: Vec<[(u32, f32); 3]>,
    /// The high 32 bits of the event id's hash above the event index, sorted: ids are checked
    /// on lookup, so colliding hashes are fine. Sorting once is cheaper than a million random
    /// inserts into a hash table, and saves a million id copies; 8 bytes an entry, not 16, halve
    /// what the sort moves.
    by_event_id: Vec<u64>,
}

/// How many events ahead [`EventSet::new`] asks for an event's strings.
const PREFETCH_AHEAD: usize = 8;

/// How many postings ahead [`EventSet::new`] asks for the genres of a posting's event.
const PREFETCH_POSTINGS: usize = 16;

/// A hint to start loading the cache line at `p`; no effect on results.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Unit vector of a point on the sphere.
fn unit(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

/// Chord length (unit sphere) of a great-circle distance in km.
fn chord_of_km(km: f64) -> f64 {
    2.0 * (km / (2.0 * EARTH_RADIUS_KM))
        .min(std::f64::consts::FRAC_PI_2)
        .sin()
}

fn km_of_chord(c: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * (c / 2.0).clamp(0.0, 1.0).asin()
}

fn rel_secs(t: i64) -> i32 {
    (t - EPOCH_SECS).clamp(i64::from(i32::MIN) + 1, i64::from(i32::MAX)) as i32
}

impl EventSet {
    /// Prepare `events` for ranking. Cancelled events, events without coordinates and events
    /// without a date are kept (for lookups) but never eligible.
    pub fn new(events: Vec<Event>) -> EventSet {
        let mut set = EventSet::default();
        let n = events.len();
        set.px.reserve(n);
        set.py.reserve(n);
        set.pz.reserve(n);
        set.start.reserve(n);
        set.open_until.reserve(n);
        // Each event's genre slots side by side while building: the per-artist genre counts
        // below read an event's three at random, one cache line instead of three.
        let mut genre_rows: Vec<[u32; GENRE_SLOTS]> = Vec::with_capacity(n);
        // Genre id 0 is "none": its table entries are always 0.
        set.genre_names.push(String::new());
        set.genre_labels.push(String::new());
        set.headliner.reserve(n);
        set.perf_start.reserve(n + 1);
        set.perf_start.push(0);
        set.perf.reserve(2 * n);
        set.by_event_id = Vec::with_capacity(n);
        let mut genre_ids: HashMap<String, u32> = HashMap::default();
        let mut genre_raw: HashMap<Key, u32> = HashMap::default();
        // Build-time caches: venues repeat, and so do performers known only by name.
        let mut places: HashMap<(u64, u64), [f32; 3]> = HashMap::default();
        let mut by_raw_name: HashMap<Key, u32> = HashMap::default();
        let mut gbuf: Vec<u32> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            // The build is bound by cache misses on each event's heap parts (its id, genre and
            // performer lists, their strings): ask for them a few events ahead, lists first.
            if let Some(f) = events.get(i + 2 * PREFETCH_AHEAD) {
                prefetch(f.id.as_ptr());
                prefetch(f.genres.as_ptr());
                prefetch(f.performers.as_ptr());
            }
            if let Some(f) = events.get(i + PREFETCH_AHEAD) {
                for g in &f.genres {
                    prefetch(g.as_ptr());
                }
                for p in &f.performers {
                    prefetch(p.name.as_ptr());
                    if let Some(s) = &p.ids.spotify {
                        prefetch(s.as_ptr());
                    }
                }
            }
            let i = u32::try_from(i)
                .ok()
                .filter(|&i| i <= EVENT_MASK)
                .expect("an event set holds at most 2^30 events");
            // Place.
            let coords = e.venue.as_ref().and_then(|v| Some((v.lat?, v.lon?)));
            let p = coords.map_or([0.0; 3], |(la, lo)| {
                *places
                    .entry((la.to_bits(), lo.to_bits()))
                    .or_insert_with(|| {
                        let v = unit(la, lo);
                        [v[0] as f32, v[1] as f32, v[2] as f32]
                    })
            });
            set.px.push(p[0]);
            set.py.push(p[1]);
            set.pz.push(p[2]);
            // Time.
            let (start, open_until) = match (e.start, e.local_date) {
                (Some(s), _) => (s.timestamp(), s.timestamp()),
                (None, Some(d)) => {
                    // Only date-only events need the zone (parsing its name is not free).
                    let tz = e.timezone.as_deref().and_then(crate::time::zone);
                    let midnight = |d: NaiveDate| -> i64 {
                        let t = d.and_time(NaiveTime::MIN);
                        match tz {
                            Some(tz) => {
                                crate::time::local_to_instant(d, NaiveTime::MIN, tz).timestamp()
                            }
                            None => Utc.from_utc_datetime(&t).timestamp(),
                        }
                    };
                    let next = d.succ_opt().map_or(i64::MAX, midnight);
                    (midnight(d), next)
                }
                (None, None) => (0, i64::MIN),
            };
            let never = e.status == Status::Cancelled || coords.is_none() || open_until == i64::MIN;
            set.start.push(rel_secs(start));
            set.open_until.push(if never {
                i32::MIN
            } else {
                rel_secs(open_until)
            });
            // Genres, interned (by the string as sent first, to skip folding it again).
            gbuf.clear();
            for g in &e.genres {
                let id = match genre_raw.get(g.as_str()) {
                    Some(&id) => id,
                    None => {
                        let key = genre_key(g);
                        let next = u32::try_from(set.genre_names.len()).expect("< 2^32 genres");
                        let id = if key.is_empty() {
                            0
                        } else {
                            *genre_ids.entry(key.clone()).or_insert_with(|| {
                                set.genre_labels.push(g.trim().to_lowercase());
                                set.genre_names.push(key);
                                next
                            })
                        };
                        genre_raw.insert(Key::from(g.as_str()), id);
                        id
                    }
                };
                if id != 0 && !gbuf.contains(&id) {
                    gbuf.push(id);
                }
            }
            let keep = &gbuf[gbuf.len().saturating_sub(GENRE_SLOTS)..];
            genre_rows.push(std::array::from_fn(|j| keep.get(j).copied().unwrap_or(0)));
            // Performers.
            let mut head = NONE;
            for p in &e.performers {
                let a = if p.ids.spotify.is_none() && p.ids.musicbrainz.is_none() {
                    match by_raw_name.get(p.name.as_str()) {
                        Some(&a) => a,
                        None => {
                            let a = set.intern_artist(p);
                            by_raw_name.insert(Key::from(p.name.as_str()), a);
                            a
                        }
                    }
                } else {
                    set.intern_artist(p)
                };
                if p.role == Role::Headliner && head == NONE {
                    head = a;
                }
                let bit = if p.role == Role::Support {
                    SUPPORT_BIT
                } else {
                    0
                };
                set.perf.push(a | bit);
            }
            if head == NONE {
                head = set.perf[set.perf_start[i as usize] as usize..]
                    .first()
                    .map_or(NONE, |a| a & !SUPPORT_BIT);
            }
            set.headliner.push(head);
            set.perf_start
                .push(u32::try_from(set.perf.len()).expect("fewer than 2^32 performers"));
            set.by_event_id.push(id_hash(&e.id) << 32 | u64::from(i));
        }
        set.by_event_id.sort_unstable();
        for (j, col) in set.genre_slots.iter_mut().enumerate() {
            *col = genre_rows.iter().map(|r| r[j]).collect();
        }
        // Hot performer slots; the empty slot points past the last artist.
        let empty = u32::try_from(set.artists.len()).expect("fewer than 2^31 artists");
        for (j, col) in set.slots.iter_mut().enumerate() {
            *col = (0..n)
                .map(|ev| {
                    let p = &set.perf[set.perf_start[ev] as usize..set.perf_start[ev + 1] as usize];
                    p.get(j).copied().unwrap_or(empty)
                })
                .collect();
        }
        // The artist → events index, by counting sort.
        let mut count = vec![0u32; set.artists.len() + 1];
        for &a in &set.perf {
            count[(a & !SUPPORT_BIT) as usize + 1] += 1;
        }
        for j in 1..count.len() {
            count[j] += count[j - 1];
        }
        set.post_start = count.clone();
        set.post = vec![0; set.perf.len()];
        let mut over_count = vec![0u32; set.artists.len() + 1];
        for ev in 0..n {
            let range = set.perf_start[ev] as usize..set.perf_start[ev + 1] as usize;
            for (j, &a) in set.perf[range].iter().enumerate() {
                let slot = &mut count[(a & !SUPPORT_BIT) as usize];
                let overflow = if j >= SLOTS { OVERFLOW_BIT } else { 0 };
                set.post[*slot as usize] = ev as u32 | (a & SUPPORT_BIT) | overflow;
                *slot += 1;
                if j >= SLOTS {
                    over_count[(a & !SUPPORT_BIT) as usize + 1] += 1;
                }
            }
        }
        for j in 1..over_count.len() {
            over_count[j] += over_count[j - 1];
        }
        set.over_start = over_count.clone();
        set.over = vec![0; over_count[over_count.len() - 1] as usize];
        for ev in 0..n {
            let range = set.perf_start[ev] as usize..set.perf_start[ev + 1] as usize;
            for &a in set.perf[range].iter().skip(SLOTS) {
                let slot = &mut over_count[(a & !SUPPORT_BIT) as usize];
                set.over[*slot as usize] = ev as u32 | (a & SUPPORT_BIT);
                *slot += 1;
            }
        }
        // What the catalogue says each artist plays: the three genres most of their shows are
        // tagged with, and on what share of their shows.
        let mut counts = vec![0u32; set.genre_names.len()];
        let mut touched: Vec<u32> = Vec::new();
        set.artist_genres = (0..set.artists.len())
            .map(|a| {
                let from = set.post_start[a] as usize;
                let posts = set.postings(a as u32);
                for (k, &p) in posts.iter().enumerate() {
                    // Most artists' shows are far apart in the set: each is a cache miss,
                    // asked for a few postings (across artists) ahead.
                    if let Some(&q) = set.post.get(from + k + PREFETCH_POSTINGS) {
                        prefetch(&genre_rows[(q & EVENT_MASK) as usize]);
                    }
                    for g in genre_rows[(p & EVENT_MASK) as usize] {
                        if g != 0 {
                            if counts[g as usize] == 0 {
                                touched.push(g);
                            }
                            counts[g as usize] += 1;
                        }
                    }
                }
                touched.sort_unstable_by(|x, y| {
                    counts[*y as usize].cmp(&counts[*x as usize]).then(x.cmp(y))
                });
                let mut top = [(0u32, 0f32); 3];
                for (slot, &g) in top.iter_mut().zip(touched.iter()) {
                    *slot = (g, counts[g as usize] as f32 / posts.len() as f32);
                }
                for &g in &touched {
                    counts[g as usize] = 0;
                }
                touched.clear();
                top
            })
            .collect();
        set.events = events;
        set
    }

    /// The artist id of a performer: by Spotify id, then MusicBrainz id, then normalized name
    /// (unless the name's artist carries a different id of the same kind).
    fn intern_artist(&mut self, p: &crate::Performer) -> u32 {
        let spotify = p.ids.spotify.as_deref().filter(|s| !s.is_empty());
        let mbid = p
            .ids
            .musicbrainz
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(str::to_ascii_lowercase);
        if let Some(&id) = spotify.and_then(|s| self.by_spotify.get(s))
            && mbid.is_none()
        {
            return id; // the common case, and nothing to add to the artist
        }
        let id = match self.find_by_id(spotify, mbid.as_deref()) {
            Some(id) => id,
            None => {
                // The name's key is computed once, for the lookup and for the new entry.
                let key = artist_key(&p.name);
                match self.find_by_name(spotify, mbid.as_deref(), &key) {
                    Some(id) => id,
                    None => {
                        let id =
                            u32::try_from(self.artists.len()).expect("fewer than 2^31 artists");
                        assert!(id < SUPPORT_BIT, "fewer than 2^31 artists");
                        self.artists.push(ArtistEntry::default());
                        if !key.is_empty() {
                            self.by_name.entry(Key::from(key.as_str())).or_insert(id);
                        }
                        id
                    }
                }
            }
        };
        let entry = &mut self.artists[id as usize];
        if let Some(s) = spotify
            && entry.spotify.is_none()
        {
            entry.spotify = Some(s.to_owned());
            self.by_spotify.entry(Key::from(s)).or_insert(id);
        }
        if let Some(m) = mbid
            && entry.musicbrainz.is_none()
        {
            self.by_mbid.entry(Key::from(m.as_str())).or_insert(id);
            entry.musicbrainz = Some(m);
        }
        id
    }

    fn find_artist(&self, spotify: Option<&str>, mbid: Option<&str>, name: &str) -> Option<u32> {
        self.find_by_id(spotify, mbid)
            .or_else(|| self.find_by_name(spotify, mbid, &artist_key(name)))
    }

    fn find_by_id(&self, spotify: Option<&str>, mbid: Option<&str>) -> Option<u32> {
        spotify
            .and_then(|s| self.by_spotify.get(s))
            .or_else(|| mbid.and_then(|m| self.by_mbid.get(m)))
            .copied()
    }

    /// The artist of a name key, unless it carries a different id of the same kind.
    fn find_by_name(&self, spotify: Option<&str>, mbid: Option<&str>, key: &str) -> Option<u32> {
        let &id = self.by_name.get(key)?;
        let a = &self.artists[id as usize];
        let clash = matches!((spotify, &a.spotify), (Some(x), Some(y)) if x != y)
            || matches!((mbid, &a.musicbrainz), (Some(x), Some(y)) if x != y);
        (!clash).then_some(id)
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// The index of the event with this id.
    pub fn event_index(&self, id: &str) -> Option<u32> {
        let h = id_hash(id);
        let from = self.by_event_id.partition_point(|&x| x >> 32 < h);
        // Equal hashes are in index order: the first event with this id wins.
        self.by_event_id[from..]
            .iter()
            .take_while(|&&x| x >> 32 == h)
            .map(|&x| x as u32)
            .find(|&i| self.events[i as usize].id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The event at `index` (as in [`Ranked::index`]).
    pub fn event(&self, index: u32) -> Option<&Event> {
        self.events.get(index as usize)
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Bytes of per-event state the ranking loop streams for every event.
    /// (Unit vector 12, start 4, eligibility deadline 4, genre slots 12, performer slots 12.)
    pub const HOT_BYTES_PER_EVENT: usize = 12 + 4 + 4 + 4 * GENRE_SLOTS + 4 * SLOTS;

    /// Distinct artists and genres interned.
    pub fn artist_count(&self) -> usize {
        self.artists.len()
    }

    pub fn genre_count(&self) -> usize {
        self.genre_names.len().saturating_sub(1)
    }

    fn performers(&self, ev: usize) -> &[u32] {
        &self.perf[self.perf_start[ev] as usize..self.perf_start[ev + 1] as usize]
    }

    fn postings(&self, artist: u32) -> &[u32] {
        let a = artist as usize;
        &self.post[self.post_start[a] as usize..self.post_start[a + 1] as usize]
    }

    /// The artist's postings past the hot slots (event index with [`SUPPORT_BIT`]).
    fn overflow(&self, artist: u32) -> &[u32] {
        let a = artist as usize;
        &self.over[self.over_start[a] as usize..self.over_start[a + 1] as usize]
    }

    /// The genre ids ranking reads for event `ev` (0: none).
    fn genres_of(&self, ev: usize) -> [u32; GENRE_SLOTS] {
        std::array::from_fn(|j| self.genre_slots[j][ev])
    }
}

/// How two genre keys relate, in 0..=1: 1 when equal; otherwise the best of their closeness in
/// the genre tree ([`crate::taxonomy::tree_similarity`], up to 0.8) and of their words: 0.5 when
/// one narrows the other ("indie rock" and "rock"), 0.25 when they share their last word.
pub fn genre_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    word_similarity(a, b).max(crate::taxonomy::tree_similarity(a, b))
}

fn word_similarity(a: &str, b: &str) -> f64 {
    let ends_with_words = |long: &str, short: &str| {
        long.len() > short.len()
            && long.ends_with(short)
            && long.as_bytes()[long.len() - short.len() - 1] == b' '
    };
    if ends_with_words(a, b) || ends_with_words(b, a) {
        return 0.5;
    }
    match (a.rsplit(' ').next(), b.rsplit(' ').next()) {
        (Some(x), Some(y)) if x == y && x.len() > 2 => 0.25,
        _ => 0.0,
    }
}

/// A like of one event-set artist, from the profile.
#[derive(Debug, Clone, Copy)]
struct ArtistLike {
    affinity: f64,
    /// Index into `profile.artists`.
    taste: usize,
}

/// A genre's value for this person: the best positive match and the worst dislike.
#[derive(Debug, Clone, Default)]
struct GenreMatch {
    like: f64,
    like_with: Option<usize>,
    dislike: f64,
    dislike_with: Option<usize>,
}

impl GenreMatch {
    /// Offer the person's genre `u` with value `v` (affinity × similarity).
    fn offer(&mut self, v: f64, u: usize) {
        if v > self.like {
            self.like = v;
            self.like_with = Some(u);
        }
        if v < self.dislike {
            self.dislike = v;
            self.dislike_with = Some(u);
        }
    }

    fn offer_scaled(&mut self, other: &GenreMatch, sim: f64) {
        if let Some(u) = other.like_with {
            self.offer(other.like * sim, u);
        }
        if let Some(u) = other.dislike_with {
            self.offer(other.dislike * sim, u);
        }
    }
}

/// The best like and worst dislike of each of `names` (genre keys) among the person's genres,
/// under [`genre_similarity`]: the same as trying every pair, with a few hash lookups per genre
/// (a profile's 100 genres against a catalogue's thousands, for every ranking).
fn match_genres(names: &[String], genres: &[DerivedGenre]) -> Vec<GenreMatch> {
    // The person's genres by key, by each shorter word-suffix of theirs, and by last word.
    let mut exact: HashMap<&str, GenreMatch> = HashMap::default();
    let mut narrower: HashMap<&str, GenreMatch> = HashMap::default();
    let mut last: HashMap<&str, GenreMatch> = HashMap::default();
    // The person's genres in the tree: per ancestor node, per depth of the person's genre.
    let tree = crate::taxonomy::tree();
    let mut above: HashMap<u32, Vec<(u8, GenreMatch)>> = HashMap::default();
    for (u, g) in genres.iter().enumerate() {
        let name = g.name.as_str();
        exact.entry(name).or_default().offer(g.affinity, u);
        for node in tree.resolve(name) {
            let du = tree.depth(node);
            for a in tree.ancestors(node) {
                let list = above.entry(a).or_default();
                match list.iter_mut().find(|(d, _)| *d == du) {
                    Some((_, m)) => m.offer(g.affinity, u),
                    None => {
                        let mut m = GenreMatch::default();
                        m.offer(g.affinity, u);
                        list.push((du, m));
                    }
                }
            }
        }
        for (i, _) in name.match_indices(' ') {
            narrower
                .entry(&name[i + 1..])
                .or_default()
                .offer(g.affinity, u);
        }
        let lw = name.rsplit(' ').next().unwrap_or(name);
        if lw.len() > 2 {
            last.entry(lw).or_default().offer(g.affinity, u);
        }
    }
    names
        .iter()
        .enumerate()
        .map(|(gid, name)| {
            let mut m = GenreMatch::default();
            if gid == 0 || name.is_empty() {
                return m;
            }
            if let Some(x) = exact.get(name.as_str()) {
                m.offer_scaled(x, 1.0);
            }
            if let Some(x) = narrower.get(name.as_str()) {
                m.offer_scaled(x, 0.5);
            }
            for (i, _) in name.match_indices(' ') {
                if let Some(x) = exact.get(&name[i + 1..]) {
                    m.offer_scaled(x, 0.5);
                }
            }
            let lw = name.rsplit(' ').next().unwrap_or(name);
            if lw.len() > 2
                && let Some(x) = last.get(lw)
            {
                m.offer_scaled(x, 0.25);
            }
            // Tree neighbours: every common ancestor is offered; the deepest (the lowest
            // common ancestor) gives the highest similarity, and the best offer wins.
            for node in tree.resolve(name) {
                let dg = f64::from(tree.depth(node));
                for a in tree.ancestors(node) {
                    let da = f64::from(tree.depth(a));
                    for (du, x) in above.get(&a).map_or(&[][..], Vec::as_slice) {
                        let sim = crate::taxonomy::TREE_WEIGHT * 2.0 * da / (dg + f64::from(*du));
                        m.offer_scaled(x, sim);
                    }
                }
            }
            m
        })
        .collect()
}

/// A profile resolved against one event set and one context.
struct Prepared<'a> {
    profile: &'a Profile,
    weights: &'a Weights,
    likes: HashMap<u32, ArtistLike>,
    genres: Vec<DerivedGenre>,
    genre_match: Vec<GenreMatch>,
    /// Per genre id: the genre part of a like (>= 0) and of a dislike (<= 0).
    genre_like: Vec<f32>,
    genre_dislike: Vec<f32>,
    /// Per artist id (and one more, for empty slots): affinity, `NEG_INFINITY` when disliked.
    artist_value: Vec<f32>,
    /// Bit per artist id: set for the profile's liked and disliked artists. 150k artists fit
    /// in 19 KB (L1), the value table does not; the AVX2 kernel reads the table only where the
    /// bit is set.
    artist_bits: Vec<u32>,
    /// Sorted by event index; `NEG_INFINITY` excludes.
    deltas: Vec<(u32, f32)>,
    /// Per event index: feedback (index into profile.feedback, decay, own event?).
    feedback: HashMap<u32, Vec<(usize, f64, bool)>>,
    now_rel: i32,
    user: [f64; 3],
    chord_max: f64,
}

fn decay(weights: &Weights, now: DateTime<Utc>, at: DateTime<Utc>) -> f64 {
    let age_days = ((now - at).num_seconds().max(0)) as f64 / 86_400.0;
    if weights.feedback_half_life_days > 0.0 {
        0.5f64.powf(age_days / weights.feedback_half_life_days)
    } else {
        1.0
    }
}

impl<'a> Prepared<'a> {
    #[inline(never)] // its own frame in profiles; called once per ranking
    fn new(
        profile: &'a Profile,
        set: &EventSet,
        ctx: &RankContext,
        weights: &'a Weights,
        (mut artist_value, mut artist_bits): (Vec<f32>, Vec<u32>),
    ) -> Self {
        // Artists.
        let (likes, disliked) = resolve_likes(profile, set);
        // Genres: the person's, plus those the catalogue tags their artists' shows with
        // (Spotify often sends none), then the value of each of the set's genres.
        let mut genres = profile.genre_tastes();
        infer_genres(set, profile, &likes, &mut genres);
        let genre_match = match_genres(&set.genre_names, &genres);
        let genre_like = genre_match
            .iter()
            .map(|m| (weights.genre * m.like) as f32)
            .collect();
        let genre_dislike = genre_match
            .iter()
            .map(|m| (weights.genre * m.dislike) as f32)
            .collect();
        // Artists: a dense table for the hot slots; performers past the slots as deltas.
        artist_value.clear();
        artist_value.resize(set.artists.len() + 1, 0.0);
        artist_bits.clear();
        artist_bits.resize(set.artists.len() / 32 + 1, 0);
        let mut deltas: Vec<(u32, f32)> = Vec::new();
        for (&id, like) in &likes {
            artist_value[id as usize] = like.affinity as f32;
            artist_bits[id as usize >> 5] |= 1 << (id & 31);
            for &p in set.overflow(id) {
                let w = if p & SUPPORT_BIT != 0 {
                    weights.support
                } else {
                    weights.headliner
                };
                deltas.push((p & EVENT_MASK, (w * like.affinity) as f32));
            }
        }
        for id in disliked {
            artist_value[id as usize] = f32::NEG_INFINITY;
            artist_bits[id as usize >> 5] |= 1 << (id & 31);
            deltas.extend(
                set.overflow(id)
                    .iter()
                    .map(|p| (p & EVENT_MASK, f32::NEG_INFINITY)),
            );
        }
        let mut feedback: HashMap<u32, Vec<(usize, f64, bool)>> = HashMap::default();
        for (f, fb) in profile.feedback.iter().enumerate() {
            let d = decay(weights, ctx.now, fb.at);
            let own = set.event_index(&fb.event_id);
            if let Some(ev) = own {
                if fb.action == FeedbackAction::Hide {
                    deltas.push((ev, f32::NEG_INFINITY));
                } else {
                    feedback.entry(ev).or_default().push((f, d, true));
                    deltas.push((ev, feedback_value(weights, fb.action, true, d) as f32));
                }
            }
            let mut touched: Vec<u32> = Vec::new();
            for a in &fb.artists {
                for id in resolve(set, a.spotify.as_deref(), a.musicbrainz.as_deref(), &a.name) {
                    for &p in set.postings(id) {
                        let ev = p & EVENT_MASK;
                        if Some(ev) != own && !touched.contains(&ev) {
                            touched.push(ev);
                        }
                    }
                }
            }
            for ev in touched {
                feedback.entry(ev).or_default().push((f, d, false));
                deltas.push((ev, feedback_value(weights, fb.action, false, d) as f32));
            }
        }
        deltas.sort_unstable_by_key(|d| d.0);
        let user = unit(ctx.lat, ctx.lon);
        Prepared {
            profile,
            weights,
            likes,
            genres,
            genre_match,
            genre_like,
            genre_dislike,
            artist_value,
            artist_bits,
            deltas,
            feedback,
            now_rel: rel_secs(ctx.now.timestamp()),
            user,
            chord_max: chord_of_km(ctx.radius_km),
        }
    }
}

/// The genres ranking uses for `profile` against `set`: picked, listened (Spotify), and inferred
/// from how the set's events tag the person's artists' shows. For showing a person "what we
/// think you like", and for the benchmark baselines.
pub fn genres_for(profile: &Profile, set: &EventSet) -> Vec<DerivedGenre> {
    let (likes, _) = resolve_likes(profile, set);
    let mut genres = profile.genre_tastes();
    infer_genres(set, profile, &likes, &mut genres);
    genres
}

/// The profile's artists as event-set artist ids: likes (strongest profile entry per id) and
/// dislikes.
fn resolve_likes(profile: &Profile, set: &EventSet) -> (HashMap<u32, ArtistLike>, Vec<u32>) {
    let mut likes: HashMap<u32, ArtistLike> = HashMap::default();
    let mut disliked: Vec<u32> = Vec::new();
    for (t, a) in profile.artists.iter().enumerate() {
        let ids = resolve(set, a.spotify.as_deref(), a.musicbrainz.as_deref(), &a.name);
        if a.disliked() {
            disliked.extend(ids);
            continue;
        }
        let affinity = a.affinity();
        if affinity <= 0.0 {
            continue;
        }
        for id in ids {
            let e = likes.entry(id).or_insert(ArtistLike { affinity, taste: t });
            if affinity > e.affinity {
                *e = ArtistLike { affinity, taste: t };
            }
        }
    }
    (likes, disliked)
}

/// Add to `genres` what the events catalogue says the liked artists play, for artists Spotify
/// sent no genres for: each of an artist's top genres counts with
/// `0.3 × affinity × share of their shows` (less than a Spotify genre: catalogue tags are broad),
/// combined as a noisy-or with what is there (so a stronger like never lowers a genre).
///
/// When the catalogue tags none of an artist's own shows (Bandsintown sends no genres), the acts
/// they share bills with speak for them, at half that weight: `0.15 × affinity × share`, the
/// share being how much of those acts' tagged shows carry the genre (see [`lineup_genres`]).
fn infer_genres(
    set: &EventSet,
    profile: &Profile,
    likes: &HashMap<u32, ArtistLike>,
    genres: &mut Vec<DerivedGenre>,
) {
    let mut index: HashMap<String, usize> = genres
        .iter()
        .enumerate()
        .map(|(i, g)| (g.name.clone(), i))
        .collect();
    let mut ids: Vec<(&u32, &ArtistLike)> = likes.iter().collect();
    ids.sort_unstable_by_key(|(id, _)| **id);
    for (&id, like) in ids {
        let Some(top) = set.artist_genres.get(id as usize) else {
            continue;
        };
        if !profile.artists[like.taste].genres.is_empty() {
            continue;
        }
        let own = top.iter().any(|(g, _)| *g != 0);
        let (top, weight) = if own {
            (*top, 0.3)
        } else {
            (lineup_genres(set, id), 0.15)
        };
        for &(g, share) in top.iter().filter(|(g, _)| *g != 0) {
            let s = weight * like.affinity * f64::from(share);
            let name = &set.genre_names[g as usize];
            let i = *index.entry(name.clone()).or_insert_with(|| {
                genres.push(DerivedGenre {
                    name: name.clone(),
                    affinity: 0.0,
                    picked: false,
                    via: Vec::new(),
                    from_events: true,
                    from_lineups: !own,
                });
                genres.len() - 1
            });
            let d = &mut genres[i];
            if d.affinity < 0.0 {
                continue; // disliked stays disliked
            }
            d.affinity = 1.0 - (1.0 - d.affinity) * (1.0 - s);
            let who = &profile.artists[like.taste].name;
            if d.from_events && d.via.len() < 3 && !d.via.contains(who) {
                d.via.push(who.clone());
            }
        }
    }
}

/// Shows of one artist read for their bills: enough to see who they play with, bounded because
/// every read is a cache miss in a large set (on the 1M-event benchmark, 64 shows cost ~1.4 ms
/// of a ~9.5 ms ranking; 8 cost ~0.5 ms).
const LINEUP_SHOWS: usize = 8;

/// The top three genres of the acts that share bills with `artist` (on up to [`LINEUP_SHOWS`]
/// of their shows): each co-billed act's catalogue genres, weighted by their share of that act's
/// shows and by how often the two share a bill, as shares of the whole.
fn lineup_genres(set: &EventSet, artist: u32) -> [(u32, f32); 3] {
    let mut weights: Vec<(u32, f32)> = Vec::new();
    let mut total = 0.0f32;
    for &posting in set.postings(artist).iter().take(LINEUP_SHOWS) {
        let ev = (posting & EVENT_MASK) as usize;
        for &other in set.performers(ev) {
            let other = other & !SUPPORT_BIT;
            if other == artist {
                continue;
            }
            let Some(top) = set.artist_genres.get(other as usize) else {
                continue;
            };
            for &(g, share) in top.iter().filter(|(g, _)| *g != 0) {
                total += share;
                match weights.iter_mut().find(|(h, _)| *h == g) {
                    Some((_, w)) => *w += share,
                    None => weights.push((g, share)),
                }
            }
        }
    }
    // Heaviest first; ties by genre id, so the result does not depend on the order of shows.
    weights.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = [(0u32, 0.0f32); 3];
    for (slot, &(g, w)) in out.iter_mut().zip(&weights) {
        *slot = (g, w / total);
    }
    out
}

/// Event-set artist ids for a profile artist: by Spotify id and MusicBrainz id; by name only
/// when neither id is known to the set.
fn resolve(set: &EventSet, spotify: Option<&str>, mbid: Option<&str>, name: &str) -> Vec<u32> {
    let mut ids = Vec::new();
    if let Some(&id) = spotify.and_then(|s| set.by_spotify.get(s)) {
        ids.push(id);
    }
    if let Some(&id) = mbid.and_then(|m| set.by_mbid.get(m.to_ascii_lowercase().as_str()))
        && !ids.contains(&id)
    {
        ids.push(id);
    }
    if ids.is_empty()
        && let Some(id) = set.find_artist(spotify, mbid, name)
    {
        ids.push(id);
    }
    ids
}

fn feedback_value(w: &Weights, action: FeedbackAction, own: bool, decay: f64) -> f64 {
    match (action, own) {
        (FeedbackAction::Save, true) => w.save * decay,
        (FeedbackAction::Skip, true) => -w.skip * decay,
        (FeedbackAction::Hide, true) => 0.0,
        (FeedbackAction::Save, false) => w.artist_save * decay,
        (FeedbackAction::Skip | FeedbackAction::Hide, false) => -w.artist_skip * decay,
    }
}

/// A genre id of the event set and its contribution.
type GenrePart = Option<(u32, f64)>;

/// The genre part of a genre set: the best like plus the worst dislike, and which genres.
fn genre_part(
    w: &Weights,
    matches: &[GenreMatch],
    genre_set: &[u32],
) -> (f64, GenrePart, GenrePart) {
    let mut like: Option<(u32, f64)> = None;
    let mut dislike: Option<(u32, f64)> = None;
    for &g in genre_set {
        let m = &matches[g as usize];
        if m.like > 0.0 && like.is_none_or(|(_, v)| m.like > v) {
            like = Some((g, m.like));
        }
        if m.dislike < 0.0 && dislike.is_none_or(|(_, v)| m.dislike < v) {
            dislike = Some((g, m.dislike));
        }
    }
    let like = like.map(|(g, v)| (g, w.genre * v));
    let dislike = dislike.map(|(g, v)| (g, w.genre * v));
    (
        like.map_or(0.0, |l| l.1) + dislike.map_or(0.0, |d| d.1),
        like,
        dislike,
    )
}

/// Rank `set` for `profile` with the default [`Weights`].
pub fn rank(profile: &Profile, set: &EventSet, ctx: &RankContext) -> Result<Vec<Ranked>> {
    rank_with(profile, set, ctx, &Weights::default())
}

/// Rank `set` for `profile`: the best `ctx.k` eligible events, best first, with reasons.
pub fn rank_with(
    profile: &Profile,
    set: &EventSet,
    ctx: &RankContext,
    weights: &Weights,
) -> Result<Vec<Ranked>> {
    Ranker::new().rank(profile, set, ctx, weights)
}

/// Working memory for ranking (a value per artist of the set), kept between rankings. Keep one
/// per thread; [`rank`] and [`rank_with`] make a new one each call.
#[derive(Debug, Default)]
pub struct Ranker {
    artist_value: Vec<f32>,
    artist_bits: Vec<u32>,
}

impl Ranker {
    pub fn new() -> Ranker {
        Ranker::default()
    }

    /// [`rank_with`], reusing this ranker's memory.
    pub fn rank(
        &mut self,
        profile: &Profile,
        set: &EventSet,
        ctx: &RankContext,
        weights: &Weights,
    ) -> Result<Vec<Ranked>> {
        ctx.validate()?;
        let bufs = (
            std::mem::take(&mut self.artist_value),
            std::mem::take(&mut self.artist_bits),
        );
        let prep = Prepared::new(profile, set, ctx, weights, bufs);
        let chosen = select(set, ctx, &prep);
        let mut out: Vec<Ranked> = chosen
            .into_iter()
            .map(|ev| explain(set, ctx, &prep, ev))
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.event_id.cmp(&b.event_id))
        });
        self.artist_value = prep.artist_value;
        self.artist_bits = prep.artist_bits;
        Ok(out)
    }
}

/// Rank a plain list of events (builds an [`EventSet`] first; rank many times with a set).
pub fn rank_events(profile: &Profile, events: &[Event], ctx: &RankContext) -> Result<Vec<Ranked>> {
    rank(profile, &EventSet::new(events.to_vec()), ctx)
}

/// Rank `set` for each profile in turn (one thread; see `rank_many_parallel` with the `threads`
/// feature).
pub fn rank_many(
    profiles: &[Profile],
    set: &EventSet,
    ctx: &RankContext,
    weights: &Weights,
) -> Result<Vec<Vec<Ranked>>> {
    let mut ranker = Ranker::new();
    profiles
        .iter()
        .map(|p| ranker.rank(p, set, ctx, weights))
        .collect()
}

/// [`rank_many`] on `threads` scoped threads (at least one), profiles split into contiguous
/// chunks; results in the order of `profiles`.
///
/// Behind the opt-in `threads` feature because core owns no threads by default: hosts that run
/// their own pools (or none, on a phone) keep that rule; batch hosts (the Python binding
/// releasing the GIL, the CLI) turn the feature on and get one shared implementation.
#[cfg(feature = "threads")]
pub fn rank_many_parallel(
    profiles: &[Profile],
    set: &EventSet,
    ctx: &RankContext,
    weights: &Weights,
    threads: usize,
) -> Result<Vec<Vec<Ranked>>> {
    let threads = threads.clamp(1, profiles.len().max(1));
    let chunk = profiles.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = profiles
            .chunks(chunk)
            .map(|part| s.spawn(move || rank_many(part, set, ctx, weights)))
            .collect();
        let mut out = Vec::with_capacity(profiles.len());
        for h in handles {
            out.extend(h.join().expect("ranking does not panic")?);
        }
        Ok(out)
    })
}

/// A candidate for the top k: its hot-loop score and its event index.
#[derive(Debug, Clone, Copy)]
struct Cand {
    score: f32,
    index: u32,
}

/// The order of results: higher score first, then smaller event id, then smaller index (two
/// events sharing an id), so ties break the same way on every run and every machine.
fn order(set: &EventSet, a: &Cand, b: &Cand) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| {
            set.events[a.index as usize]
                .id
                .cmp(&set.events[b.index as usize].id)
        })
        .then(a.index.cmp(&b.index))
}

/// The best `k` events offered so far, with at most `cap` dates per headliner (0: no cap), best
/// first.
///
/// Taking events in score order and skipping a headliner's dates past the cap yields the best
/// `k` of the events that are among their own headliner's best `cap`. Keeping only those while
/// streaming is exact: an event pushed out of the `k` only ever makes way for better ones, so
/// it never needs to come back, and one pass over the events suffices (no widening, no buffer
/// of every score).
///
/// Meant for feed-sized `k`: an entry costs a shift of the kept list, O(k).
struct TopK<'s> {
    set: &'s EventSet,
    k: usize,
    cap: usize,
    kept: Vec<Cand>,
    /// Kept events per headliner (only with a cap).
    per_headliner: HashMap<u32, usize>,
}

impl<'s> TopK<'s> {
    fn new(set: &'s EventSet, k: usize, cap: usize) -> Self {
        TopK {
            set,
            k,
            cap,
            kept: Vec::with_capacity(k + 1),
            per_headliner: HashMap::default(),
        }
    }

    /// Events scoring below this cannot enter.
    fn floor(&self) -> f32 {
        if self.kept.len() < self.k {
            f32::NEG_INFINITY
        } else {
            self.kept[self.k - 1].score
        }
    }

    fn offer(&mut self, c: Cand) {
        let set = self.set;
        let first = |a: &Cand, b: &Cand| order(set, a, b).is_lt();
        if self.kept.len() >= self.k && !first(&c, &self.kept[self.k - 1]) {
            return;
        }
        let capped = |ev: u32| self.cap > 0 && set.headliner[ev as usize] != NONE;
        if capped(c.index) {
            let head = set.headliner[c.index as usize];
            let count = self.per_headliner.entry(head).or_insert(0);
            if *count >= self.cap {
                // The headliner's worst kept date makes way, or the newcomer is out.
                let worst = self
                    .kept
                    .iter()
                    .rposition(|x| set.headliner[x.index as usize] == head)
                    .expect("a counted date is kept");
                if !first(&c, &self.kept[worst]) {
                    return;
                }
                self.kept.remove(worst);
            } else {
                *count += 1;
            }
        }
        let at = self.kept.partition_point(|x| first(x, &c));
        self.kept.insert(at, c);
        if self.kept.len() > self.k {
            let out = self.kept.pop().expect("more than k kept");
            if capped(out.index) {
                let head = set.headliner[out.index as usize];
                *self
                    .per_headliner
                    .get_mut(&head)
                    .expect("a kept date is counted") -= 1;
            }
        }
    }
}

/// What the hot loop reads besides the event columns, in `f32`: the person's unit vector, the
/// radius as a chord, the weights, and the per-profile tables (each indexed by ids that the
/// event set guarantees are in range).
struct Kernel<'p> {
    user: [f32; 3],
    cmax2: f32,
    inv_cmax: f32,
    wd: f32,
    wt: f32,
    inv_scale: f32,
    now: i32,
    /// Points per unit of affinity for a headliner (0) and a support act (1): indexed by the
    /// support bit, so no branch.
    role_weight: [f32; 2],
    artist: &'p [f32],
    artist_bits: &'p [u32],
    like: &'p [f32],
    dislike: &'p [f32],
    any_dislike: bool,
}

impl<'p> Kernel<'p> {
    fn new(set: &EventSet, prep: &'p Prepared) -> Self {
        // The AVX2 gathers read these tables without bounds checks: every slot holds an artist
        // id <= artist count (the last entry is the always-zero one) and a genre id < genre count.
        assert_eq!(prep.artist_value.len(), set.artists.len() + 1);
        assert_eq!(prep.artist_bits.len(), set.artists.len() / 32 + 1);
        assert_eq!(prep.genre_like.len(), set.genre_names.len());
        assert_eq!(prep.genre_dislike.len(), set.genre_names.len());
        let cmax = prep.chord_max as f32;
        Kernel {
            user: prep.user.map(|x| x as f32),
            cmax2: cmax * cmax,
            inv_cmax: 1.0 / cmax,
            wd: prep.weights.distance as f32,
            wt: prep.weights.time as f32,
            inv_scale: (1.0 / (prep.weights.time_scale_days.max(1e-9) * 86_400.0)) as f32,
            now: prep.now_rel,
            role_weight: [prep.weights.headliner as f32, prep.weights.support as f32],
            artist: &prep.artist_value,
            artist_bits: &prep.artist_bits,
            like: &prep.genre_like,
            dislike: &prep.genre_dislike,
            any_dislike: prep.genre_dislike.iter().any(|&d| d != 0.0),
        }
    }
}

/// The distance and time parts of events `start..start + out.len()` into `out`, or
/// `NEG_INFINITY` when out of reach or no longer open: straight-line arithmetic over the hot
/// columns, which the compiler vectorizes (4 wide with SSE2, 8 wide in the AVX2 copy).
#[inline(always)]
fn place_and_time(set: &EventSet, k: &Kernel, start: usize, out: &mut [f32]) {
    let end = start + out.len();
    let (px, py, pz) = (
        &set.px[start..end],
        &set.py[start..end],
        &set.pz[start..end],
    );
    let (st, open) = (&set.start[start..end], &set.open_until[start..end]);
    for j in 0..out.len() {
        let dx = px[j] - k.user[0];
        let dy = py[j] - k.user[1];
        let dz = pz[j] - k.user[2];
        let c2 = dx * dx + dy * dy + dz * dz;
        let dist = k.wd * (1.0 - c2.sqrt() * k.inv_cmax);
        // Both instants lie in 1952..2088, so the difference fits an i32.
        let dt = (st[j].wrapping_sub(k.now) as f32 * k.inv_scale).max(0.0);
        let time = k.wt / (1.0 + dt);
        let ok = (c2 <= k.cmax2) & (open[j] > k.now);
        out[j] = if ok { dist + time } else { f32::NEG_INFINITY };
    }
}

/// The artist and genre parts of one event: table lookups, no branches. The AVX2 kernel does
/// the same operations in the same order, so both give the same bits.
#[inline(always)]
fn lookup_part(k: &Kernel, a: [u32; SLOTS], g: [u32; GENRE_SLOTS]) -> f32 {
    let part = |a: u32| k.role_weight[(a >> 31) as usize] * k.artist[(a & !SUPPORT_BIT) as usize];
    let artist = part(a[0]) + part(a[1]) + part(a[2]);
    let [g0, g1, g2] = g.map(|g| g as usize);
    let like = k.like[g0].max(k.like[g1]).max(k.like[g2]);
    let dislike = k.dislike[g0].min(k.dislike[g1]).min(k.dislike[g2]);
    like + dislike + artist
}

/// The hot-loop scores of events `start..start + out.len()` (`NEG_INFINITY` or NaN: not
/// eligible), before the profile's sparse deltas. Portable: SSE2 on every x86_64.
fn score_block(set: &EventSet, k: &Kernel, start: usize, out: &mut [f32]) {
    place_and_time(set, k, start, out);
    let end = start + out.len();
    let [s0, s1, s2] = set.slots.each_ref().map(|c| &c[start..end]);
    let [g0, g1, g2] = set.genre_slots.each_ref().map(|c| &c[start..end]);
    for (j, o) in out.iter_mut().enumerate() {
        *o += lookup_part(k, [s0[j], s1[j], s2[j]], [g0[j], g1[j], g2[j]]);
    }
}

/// [`score_block`] with AVX2 gathers: eight events' table lookups per instruction. Chosen at
/// run time (`is_x86_feature_detected!`), so the build stays portable.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn score_block_avx2(set: &EventSet, k: &Kernel, start: usize, out: &mut [f32]) {
    use std::arch::x86_64::*;
    place_and_time(set, k, start, out);
    let len = out.len();
    let end = start + len;
    let [s0, s1, s2] = set.slots.each_ref().map(|c| &c[start..end]);
    let [g0, g1, g2] = set.genre_slots.each_ref().map(|c| &c[start..end]);
    let whole = len / 8 * 8;
    // SAFETY: every load reads 8 elements at j < whole <= len of slices of length len; the
    // gathers index tables whose lengths Kernel::new checked against the id ranges the event
    // set guarantees (artist ids <= artist count, genre ids < genre count).
    unsafe {
        let id_mask = _mm256_set1_epi32((!SUPPORT_BIT) as i32);
        let wh = _mm256_set1_ps(k.role_weight[0]);
        let ws = _mm256_set1_ps(k.role_weight[1]);
        let load = |col: &[u32], j: usize| _mm256_loadu_si256(col.as_ptr().add(j).cast());
        let low5 = _mm256_set1_epi32(31);
        // The value table is too big for L1 and most slots hold artists the person never named
        // (whose entry is 0): read the profile's bitset (in L1) first, then gather values only
        // in the lanes whose bit is set (measured: 8.7-10.4 ms against 11.1-11.6 ms gathering
        // every lane from the table). The support bit is the sign bit, which blendv reads.
        let part = |slot: __m256i| {
            let id = _mm256_and_si256(slot, id_mask);
            let word = _mm256_i32gather_epi32::<4>(
                k.artist_bits.as_ptr().cast(),
                _mm256_srli_epi32::<5>(id),
            );
            // Bit (id mod 32) of the word, moved to the sign bit: the gather's lane mask.
            let hit = _mm256_sllv_epi32(word, _mm256_sub_epi32(low5, _mm256_and_si256(id, low5)));
            let v = _mm256_mask_i32gather_ps::<4>(
                _mm256_setzero_ps(),
                k.artist.as_ptr(),
                id,
                _mm256_castsi256_ps(hit),
            );
            _mm256_mul_ps(_mm256_blendv_ps(wh, ws, _mm256_castsi256_ps(slot)), v)
        };
        for j in (0..whole).step_by(8) {
            let artist = _mm256_add_ps(
                _mm256_add_ps(part(load(s0, j)), part(load(s1, j))),
                part(load(s2, j)),
            );
            let (i0, i1, i2) = (load(g0, j), load(g1, j), load(g2, j));
            let lk = k.like.as_ptr();
            let like = _mm256_max_ps(
                _mm256_max_ps(
                    _mm256_i32gather_ps::<4>(lk, i0),
                    _mm256_i32gather_ps::<4>(lk, i1),
                ),
                _mm256_i32gather_ps::<4>(lk, i2),
            );
            let dislike = if k.any_dislike {
                let dk = k.dislike.as_ptr();
                _mm256_min_ps(
                    _mm256_min_ps(
                        _mm256_i32gather_ps::<4>(dk, i0),
                        _mm256_i32gather_ps::<4>(dk, i1),
                    ),
                    _mm256_i32gather_ps::<4>(dk, i2),
                )
            } else {
                _mm256_setzero_ps()
            };
            let o = out.as_mut_ptr().add(j);
            let sum = _mm256_add_ps(_mm256_add_ps(like, dislike), artist);
            _mm256_storeu_ps(o, _mm256_add_ps(_mm256_loadu_ps(o), sum));
        }
    }
    for j in whole..len {
        out[j] += lookup_part(k, [s0[j], s1[j], s2[j]], [g0[j], g1[j], g2[j]]);
    }
}

/// The largest score of a block (NaN ignored), eight lanes at a time.
fn block_max(xs: &[f32]) -> f32 {
    let mut lanes = [f32::NEG_INFINITY; 8];
    let mut chunks = xs.chunks_exact(8);
    for c in &mut chunks {
        for l in 0..8 {
            lanes[l] = if c[l] > lanes[l] { c[l] } else { lanes[l] };
        }
    }
    for &x in chunks.remainder() {
        lanes[0] = if x > lanes[0] { x } else { lanes[0] };
    }
    lanes
        .into_iter()
        .fold(f32::NEG_INFINITY, |m, x| if x > m { x } else { m })
}

/// The best `ctx.k` eligible events (at most `ctx.max_per_headliner` dates of one headliner),
/// best first, in one pass: score a block of events into a small buffer, add the profile's
/// sparse deltas, and offer the block's events to the top k only when its best can enter
/// (after the first few blocks, almost none can).
#[inline(never)] // its own frame in profiles; called once per ranking
fn select(set: &EventSet, ctx: &RankContext, prep: &Prepared) -> Vec<u32> {
    let n = set.len();
    if ctx.k == 0 || n == 0 {
        return Vec::new();
    }
    let kernel = Kernel::new(set, prep);
    let avx2 = has_avx2();
    let mut top = TopK::new(set, ctx.k, ctx.max_per_headliner);
    let mut buf = [0f32; BLOCK];
    let mut d = 0usize;
    for start in (0..n).step_by(BLOCK) {
        let end = (start + BLOCK).min(n);
        let out = &mut buf[..end - start];
        score_block_with(avx2, set, &kernel, start, out);
        // Artists past the hot slots, feedback, exclusions: the few events the profile touches.
        while d < prep.deltas.len() && (prep.deltas[d].0 as usize) < end {
            out[prep.deltas[d].0 as usize - start] += prep.deltas[d].1;
            d += 1;
        }
        let best = block_max(out);
        if best == f32::NEG_INFINITY || best < top.floor() {
            continue;
        }
        for (j, &score) in out.iter().enumerate() {
            if score > f32::NEG_INFINITY && score >= top.floor() {
                top.offer(Cand {
                    score,
                    index: (start + j) as u32,
                });
            }
        }
    }
    top.kept.into_iter().map(|c| c.index).collect()
}

fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Score one block with the AVX2 kernel when `avx2` (from [`has_avx2`]), else the portable one.
fn score_block_with(avx2: bool, set: &EventSet, kernel: &Kernel, start: usize, out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY: the caller checked that the CPU has AVX2.
        unsafe { score_block_avx2(set, kernel, start, out) }
    } else {
        score_block(set, kernel, start, out);
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = avx2;
        score_block(set, kernel, start, out);
    }
}

/// The events at `indices` that are eligible, ranked with their reasons, in index order: what
/// [`rank_with`] gives them when `ctx.k` covers the whole set and no headliner cap applies, but
/// scoring only the blocks that hold them (learning reads a person's few dozen shows, not a
/// million).
pub(crate) fn rank_only(
    profile: &Profile,
    set: &EventSet,
    ctx: &RankContext,
    weights: &Weights,
    indices: &[u32],
) -> Result<Vec<Ranked>> {
    ctx.validate()?;
    let n = set.len();
    let mut wanted: Vec<u32> = indices
        .iter()
        .copied()
        .filter(|&i| (i as usize) < n)
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let prep = Prepared::new(profile, set, ctx, weights, Default::default());
    let kernel = Kernel::new(set, &prep);
    let avx2 = has_avx2();
    let mut buf = [0f32; BLOCK];
    let mut scored = usize::MAX;
    let mut out = Vec::new();
    for ev in wanted {
        let start = ev as usize / BLOCK * BLOCK;
        if start != scored {
            let end = (start + BLOCK).min(n);
            let block = &mut buf[..end - start];
            score_block_with(avx2, set, &kernel, start, block);
            let from = prep.deltas.partition_point(|d| (d.0 as usize) < start);
            for &(i, v) in prep.deltas[from..]
                .iter()
                .take_while(|d| (d.0 as usize) < end)
            {
                block[i as usize - start] += v;
            }
            scored = start;
        }
        if buf[ev as usize - start] > f32::NEG_INFINITY {
            out.push(explain(set, ctx, &prep, ev));
        }
    }
    Ok(out)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The reasons of one event, recomputed exactly (f64) from the same inputs as the hot loop.
#[inline(never)] // its own frame in profiles; called once per ranking
fn explain(set: &EventSet, ctx: &RankContext, prep: &Prepared, ev: u32) -> Ranked {
    let i = ev as usize;
    let w = prep.weights;
    let event = &set.events[i];
    let mut reasons: Vec<Reason> = Vec::new();
    // Artists.
    let sole_headliner = set
        .performers(i)
        .iter()
        .filter(|a| *a & SUPPORT_BIT == 0)
        .count()
        == 1;
    for (n, &a) in set.performers(i).iter().enumerate() {
        let id = a & !SUPPORT_BIT;
        let Some(like) = prep.likes.get(&id) else {
            continue;
        };
        let support = a & SUPPORT_BIT != 0;
        let role = if support {
            Role::Support
        } else {
            Role::Headliner
        };
        let weight = if support { w.support } else { w.headliner };
        let contribution = weight * like.affinity;
        let taste = &prep.profile.artists[like.taste];
        let name = event
            .performers
            .get(n)
            .map_or(taste.name.as_str(), |p| p.name.as_str());
        let signal = taste.strongest();
        let mut text = signal.map_or_else(|| format!("You like {name}"), |s| s.text(name));
        if let (Some(ArtistSignal::SpotifyTop { .. }), false, true) =
            (signal, support, sole_headliner)
        {
            text = capitalize(&text.replacen(&format!("{name} is a top"), "top", 1));
        }
        if support {
            text.push_str(" (support)");
        }
        let mut r = Reason::new(ReasonKind::Artist, contribution, text);
        r.artist = Some(name.to_owned());
        r.role = Some(role);
        r.source = signal.map(|s| s.source().to_owned());
        reasons.push(r);
    }
    // Genres.
    let (_, like, dislike) = genre_part(w, &prep.genre_match, &set.genres_of(i));
    for (found, liked) in [(like, true), (dislike, false)] {
        let Some((g, value)) = found else { continue };
        let m = &prep.genre_match[g as usize];
        let Some(u) = (if liked { m.like_with } else { m.dislike_with }) else {
            continue;
        };
        let user_genre = &prep.genres[u];
        let event_genre = &set.genre_labels[g as usize];
        let how = if !liked {
            "you don't like"
        } else if user_genre.picked {
            "you picked"
        } else {
            "you listen to"
        };
        // For a genre derived from artists: the one it comes from most.
        let who = user_genre
            .via
            .first()
            .map_or("your artists", String::as_str);
        let text = if user_genre.from_lineups && liked {
            if set.genre_names[g as usize] == user_genre.name {
                format!(
                    "{}, like the acts {who} shares bills with",
                    capitalize(event_genre)
                )
            } else {
                format!(
                    "{}, close to the {} of the acts {who} shares bills with",
                    capitalize(event_genre),
                    user_genre.name
                )
            }
        } else if user_genre.from_events && liked {
            let of = if who.ends_with('s') { "'" } else { "'s" };
            if set.genre_names[g as usize] == user_genre.name {
                format!("{}, like {who}{of} shows", capitalize(event_genre))
            } else {
                format!(
                    "{}, close to the {} of {who}{of} shows",
                    capitalize(event_genre),
                    user_genre.name
                )
            }
        } else if set.genre_names[g as usize] == user_genre.name {
            format!("{}, which {how}", capitalize(event_genre))
        } else {
            format!(
                "{}, like the {} {how}",
                capitalize(event_genre),
                user_genre.name
            )
        };
        let mut r = Reason::new(ReasonKind::Genre, value, text);
        r.genre = Some(event_genre.clone());
        r.liked_genre = Some(user_genre.name.clone());
        r.source = Some(
            if user_genre.picked {
                "picked"
            } else if user_genre.from_lineups {
                "lineups"
            } else if user_genre.from_events {
                "events"
            } else {
                "listened"
            }
            .to_owned(),
        );
        if !user_genre.picked && liked {
            r.via = user_genre.via.clone();
        }
        reasons.push(r);
    }
    // Distance.
    let p = [set.px[i], set.py[i], set.pz[i]];
    let u = [
        prep.user[0] as f32,
        prep.user[1] as f32,
        prep.user[2] as f32,
    ];
    let c2 = (0..3).map(|j| (p[j] - u[j]) * (p[j] - u[j])).sum::<f32>();
    let c = f64::from(c2.sqrt());
    let dist_part = w.distance * (1.0 - c / f64::from(prep.chord_max as f32));
    let km = {
        let pv = [f64::from(p[0]), f64::from(p[1]), f64::from(p[2])];
        let cc = (0..3)
            .map(|j| (pv[j] - prep.user[j]).powi(2))
            .sum::<f64>()
            .sqrt();
        km_of_chord(cc)
    };
    if dist_part != 0.0 {
        let text = if km < 1.0 {
            "Less than 1 km away".to_owned()
        } else if km < 10.0 {
            format!("{km:.1} km away")
        } else {
            format!("{km:.0} km away")
        };
        let mut r = Reason::new(ReasonKind::Distance, dist_part, text);
        r.distance_km = Some((km * 10.0).round() / 10.0);
        reasons.push(r);
    }
    // Time.
    let secs = f64::from(set.start[i].saturating_sub(prep.now_rel)).max(0.0);
    let dt = secs / (w.time_scale_days.max(1e-9) * 86_400.0);
    let time_part = w.time / (1.0 + dt);
    if time_part != 0.0 {
        let mut r = Reason::new(ReasonKind::Time, time_part, when_text(event, ctx.now));
        r.days_until = Some((secs / 86_400.0 * 10.0).round() / 10.0);
        reasons.push(r);
    }
    // Feedback.
    for &(f, d, own) in prep.feedback.get(&ev).map_or(&[][..], |v| v.as_slice()) {
        let fb = &prep.profile.feedback[f];
        let value = feedback_value(w, fb.action, own, d);
        if value == 0.0 {
            continue;
        }
        let verb = match fb.action {
            FeedbackAction::Save => "saved",
            FeedbackAction::Skip => "skipped",
            FeedbackAction::Hide => "hid",
        };
        let text = if own {
            format!("You {verb} this show")
        } else {
            let who = fb
                .artists
                .first()
                .map_or("this artist", |a| a.name.as_str());
            format!("You {verb} another {who} show")
        };
        let mut r = Reason::new(ReasonKind::Feedback, value, text);
        r.action = Some(fb.action);
        if !own {
            r.artist = fb.artists.first().map(|a| a.name.clone());
        }
        reasons.push(r);
    }
    // A part a weight of 0 switched off is no reason.
    reasons.retain(|r| r.contribution != 0.0);
    let score = reasons.iter().map(|r| r.contribution).sum();
    reasons.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    Ranked {
        index: ev,
        event_id: event.id.clone(),
        score,
        reasons,
    }
}

/// "Tonight", "Tomorrow", "This Saturday", "Next Friday", "On Saturday 12 December": the day of
/// the show at the venue, relative to `now` at the venue.
pub fn when_text(event: &Event, now: DateTime<Utc>) -> String {
    let tz = event.timezone.as_deref().and_then(crate::time::zone);
    let date = event
        .local_date
        .or_else(|| event.start.map(|s| s.date_naive()))
        .unwrap_or_else(|| now.date_naive());
    let today = match tz {
        Some(tz) => now.with_timezone(&tz).date_naive(),
        None => event.start.map_or(now.date_naive(), |s| {
            now.with_timezone(s.offset()).date_naive()
        }),
    };
    let days = (date - today).num_days();
    let evening = event
        .local_time
        .or_else(|| event.start.map(|s| s.time()))
        .is_some_and(|t| t >= NaiveTime::from_hms_opt(17, 0, 0).expect("valid time"));
    let weekday = match date.weekday() {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    };
    // "This" week runs to the coming Sunday.
    let to_sunday = 6 - i64::from(today.weekday().num_days_from_monday());
    match days {
        ..=0 if evening => "Tonight".to_owned(),
        ..=0 => "Today".to_owned(),
        1 => "Tomorrow".to_owned(),
        d if d <= to_sunday => format!("This {weekday}"),
        d if d <= to_sunday + 7 => format!("Next {weekday}"),
        _ => format!("On {weekday} {} {}", date.day(), month_name(date.month())),
    }
}

fn month_name(m: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][(m as usize).clamp(1, 12) - 1]
}

#[cfg(test)]
mod tests;
