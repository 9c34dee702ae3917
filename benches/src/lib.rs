//! Benchmark data, shared by the criterion benches, the eval binaries and the exporter for the
//! Python baselines.
//!
//! - `generator.rs`: the labelled dedup benchmark generator (seeded; ground truth per listing).
//! - `eval.rs`: pairwise precision, recall, F1 and hard-negative merges of a clustering.
//! - `bin/gen-listings.rs`, `bin/dedup-eval.rs`: write a generated set; print dedup's table.
//! - `export.rs`: ranking data for `rank_baseline.py`.
//! - `usersim.rs`, `bin/ndcg-eval.rs`: simulated people and the learning evaluation (NDCG@10).
//!
//! The ranking data is the hard case of issue 5: every event passes the radius and time filters
//! (venues within 40 km of central London, shows 1 hour to 180 days ahead), performers come from a
//! 200k-artist Zipf pool (s = 1), and the profile has 300 artists and 100 genres.

pub mod eval;
pub mod export;
pub mod generator;
pub mod usersim;

use chrono::{DateTime, Duration, Utc};

/// CPU time this thread has run (first field of Linux's `/proc/thread-self/schedstat`, in ns),
/// so other processes on a busy machine do not count; `None` where that file does not exist.
pub fn thread_cpu() -> Option<std::time::Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = s.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}
use gigradar_core::model::{Event, ExternalIds, Performer, Role, Venue};
use gigradar_core::profile::{Pick, Picks, Profile, SpotifyArtist, SpotifyTerm};
use gigradar_core::rank::RankContext;

pub const ARTISTS: usize = 200_000;
pub const VENUES: usize = 5_000;
pub const CENTER: (f64, f64) = (51.5072, -0.1276);

/// SplitMix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.f64() * n as f64) as usize
    }
}

/// Zipf over `0..n` with exponent `s`, by inverse CDF.
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (1..=n)
            .map(|k| {
                acc += 1.0 / (k as f64).powf(s);
                acc
            })
            .collect();
        for c in &mut cdf {
            *c /= acc;
        }
        Zipf { cdf }
    }
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.f64();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

const PREFIXES: [&str; 18] = [
    "deep",
    "tech",
    "minimal",
    "progressive",
    "acid",
    "indie",
    "post",
    "dream",
    "art",
    "garage",
    "hard",
    "soft",
    "nu",
    "dark",
    "uk",
    "afro",
    "lo-fi",
    "alt",
];
const BASES: [&str; 20] = [
    "house", "techno", "rock", "pop", "punk", "jazz", "soul", "hop", "metal", "folk", "disco",
    "trance", "garage", "ambient", "r&b", "country", "blues", "grime", "drill", "dub",
];

/// The genre vocabulary: 20 bases and 360 prefixed forms ("deep house", "post punk", ...).
pub fn genre_names() -> Vec<String> {
    let mut g: Vec<String> = BASES.iter().map(|b| (*b).to_owned()).collect();
    for p in PREFIXES {
        for b in BASES {
            g.push(format!("{p} {b}"));
        }
    }
    g
}

pub fn now() -> DateTime<Utc> {
    "2026-12-02T18:00:00Z".parse().expect("a valid instant")
}

pub fn artist_name(n: usize) -> String {
    format!("Artist {n}")
}

/// Half the artists carry a Spotify id (as on Ticketmaster/Bandsintown); the rest match by name.
pub fn artist_spotify(n: usize) -> Option<String> {
    n.is_multiple_of(2).then(|| format!("sp{n:020}"))
}

/// `n` events, deterministic for a seed.
pub fn events(n: usize, seed: u64) -> Vec<Event> {
    let mut rng = Rng::new(seed);
    let zipf = Zipf::new(ARTISTS, 1.0);
    let genres = genre_names();
    let gzipf = Zipf::new(genres.len(), 1.0);
    let venues: Vec<(f64, f64)> = (0..VENUES)
        .map(|_| {
            // Uniform over a 40 km disc (flat approximation is fine at this scale).
            let r = 40.0 * rng.f64().sqrt();
            let a = rng.f64() * std::f64::consts::TAU;
            let dlat = r * a.cos() / 111.2;
            let dlon = r * a.sin() / (111.2 * CENTER.0.to_radians().cos());
            (CENTER.0 + dlat, CENTER.1 + dlon)
        })
        .collect();
    let now = now();
    (0..n)
        .map(|i| {
            let mut e = Event::new("ticketmaster", &format!("B{i}"), String::new());
            let count = 1 + usize::from(rng.f64() < 0.5) + usize::from(rng.f64() < 0.2);
            e.performers = (0..count)
                .map(|j| {
                    let a = zipf.sample(&mut rng);
                    Performer {
                        name: artist_name(a),
                        role: if j == 0 {
                            Role::Headliner
                        } else {
                            Role::Support
                        },
                        ids: ExternalIds {
                            spotify: artist_spotify(a),
                            ..ExternalIds::default()
                        },
                    }
                })
                .collect();
            e.title = e.performers[0].name.clone();
            for _ in 0..1 + rng.below(3) {
                gigradar_core::model::push_genre(&mut e.genres, &genres[gzipf.sample(&mut rng)]);
            }
            let secs = 3600 + (rng.f64() * 180.0 * 86_400.0) as i64;
            let start = (now + Duration::seconds(secs)).fixed_offset();
            e.start = Some(start);
            e.local_date = Some(start.date_naive());
            e.local_time = Some(start.time());
            e.timezone = Some("Europe/London".into());
            let v = rng.below(VENUES);
            e.venue = Some(Venue {
                name: format!("Venue {v}"),
                address: None,
                city: Some("London".into()),
                region: None,
                postal_code: None,
                country: Some("GB".into()),
                lat: Some(venues[v].0),
                lon: Some(venues[v].1),
                ids: ExternalIds::default(),
            });
            e
        })
        .collect()
}

/// A heavy listener: 300 distinct artists drawn from the same Zipf pool (so popular acts are in
/// it, as in real profiles) as Spotify top artists of three terms, followed artists and picks;
/// 100 picked genres with weights.
pub fn profile(seed: u64) -> Profile {
    let mut rng = Rng::new(seed);
    let zipf = Zipf::new(ARTISTS, 1.0);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < 300 {
        let a = zipf.sample(&mut rng);
        if !chosen.contains(&a) {
            chosen.push(a);
        }
    }
    let sp = |a: &usize| SpotifyArtist {
        id: artist_spotify(*a).unwrap_or_default(),
        name: artist_name(*a),
        genres: Vec::new(),
    };
    let mut p = Profile::default();
    p.add_spotify_top(
        SpotifyTerm::Short,
        1,
        &chosen[0..50].iter().map(sp).collect::<Vec<_>>(),
    );
    p.add_spotify_top(
        SpotifyTerm::Medium,
        1,
        &chosen[50..100].iter().map(sp).collect::<Vec<_>>(),
    );
    p.add_spotify_top(
        SpotifyTerm::Long,
        1,
        &chosen[100..150].iter().map(sp).collect::<Vec<_>>(),
    );
    p.add_spotify_followed(&chosen[150..250].iter().map(sp).collect::<Vec<_>>());
    let genres = genre_names();
    let mut gs: Vec<usize> = Vec::new();
    while gs.len() < 100 {
        let g = rng.below(genres.len());
        if !gs.contains(&g) {
            gs.push(g);
        }
    }
    p.add_picks(&Picks {
        artists: chosen[250..]
            .iter()
            .map(|a| Pick::Full {
                name: artist_name(*a),
                spotify: None,
                musicbrainz: None,
                weight: Some(0.5 + rng.f64() / 2.0),
            })
            .collect(),
        genres: gs
            .iter()
            .map(|g| Pick::Full {
                name: genres[*g].clone(),
                spotify: None,
                musicbrainz: None,
                weight: Some(0.3 + 0.7 * rng.f64()),
            })
            .collect(),
        ..Picks::default()
    });
    p
}

/// Central London, 50 km (every event is inside), top 20, at most 2 dates per headliner.
pub fn context() -> RankContext {
    RankContext::new(now(), CENTER.0, CENTER.1)
}
