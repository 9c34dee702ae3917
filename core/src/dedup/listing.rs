//! What dedup knows about one unit (an input event, or a cluster merged in an earlier round):
//! hashed matching keys, flags and numbers, computed once.

use crate::Event;
use crate::normalize::{analyze_title, fold, is_placeholder_venue, name_key, venue_key};
use chrono::{Datelike, Timelike};

/// Stable 64-bit hash (FNV-1a with a final mix); `std`'s hasher is seeded per process.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
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

pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
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
    pub venue_words: Vec<u64>,
    pub room: u64,
    /// Sorted: act keys from the title and every performer's name.
    pub acts: Vec<u64>,
    /// Sorted: performer ids, namespaced ("spotify:…", "musicbrainz:…", "ticketmaster:…").
    pub ids: Vec<u64>,
    pub title_words: Vec<u64>,
    pub package: bool,
    pub pass: bool,
    /// Bit per provider among the unit's sources.
    pub providers: u64,
    /// Hash of the smallest source key: the order-independent tie-break.
    pub key_hash: u64,
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

fn words(folded: &str) -> Vec<u64> {
    sorted(
        folded
            .split(' ')
            .filter(|w| !w.is_empty() && *w != "the" && *w != "and")
            .map(hash_str)
            .collect(),
    )
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
    pub fn of(e: &Event, min_key: &str) -> Listing {
        let title = analyze_title(&e.title);
        let mut acts: Vec<u64> = title.acts.iter().map(|k| hash_str(k)).collect();
        let mut ids = Vec::new();
        for p in &e.performers {
            let k = name_key(&p.name);
            if k.chars().count() >= 2 {
                acts.push(hash_str(&k));
            }
            let i = &p.ids;
            for (ns, v) in [
                ("spotify", &i.spotify),
                ("musicbrainz", &i.musicbrainz),
                ("ticketmaster", &i.ticketmaster),
                ("bandsintown", &i.bandsintown),
                ("eventbrite", &i.eventbrite),
                ("seatgeek", &i.seatgeek),
                ("songkick", &i.songkick),
                ("dice", &i.dice),
            ] {
                if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                    ids.push(mix(hash_str(ns) ^ hash_str(v)));
                }
            }
        }
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
        let (mut venue, mut venue_words_v, mut room, mut pos, mut placeholder) =
            (0, Vec::new(), 0, None, true);
        if let Some(v) = &e.venue {
            placeholder = is_placeholder_venue(&v.name);
            if !placeholder {
                let (mut k, r) = venue_key(&v.name);
                // "Violet Season Club Amsterdam" is Eventbrite's "Violet Season Club".
                if let Some(city) = v.city.as_deref() {
                    let c: String = fold(city).split(' ').collect();
                    if !c.is_empty() && k.len() > c.len() && k.ends_with(&c) {
                        k.truncate(k.len() - c.len());
                    }
                }
                venue = if k.is_empty() { 0 } else { hash_str(&k) };
                room = r.map_or(0, |r| hash_str(&r));
                venue_words_v = words(&fold(&v.name));
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
        let providers = e
            .sources
            .iter()
            .fold(0, |m, s| m | provider_bit(&s.provider));
        Listing {
            wall,
            date,
            pos,
            placeholder,
            no_venue: e.venue.is_none(),
            venue,
            venue_words: venue_words_v,
            room,
            acts: sorted(acts),
            ids: sorted(ids),
            title_words: words(&title.core),
            package: title.package,
            pass: title.pass,
            providers,
            key_hash: hash_str(min_key),
        }
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
