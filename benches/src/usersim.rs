//! Simulated people for the learning evaluation (`bin/ndcg-eval.rs`).
//!
//! Each person's true taste comes from a model the ranking cannot express exactly, so that no
//! choice of weights is right by construction:
//!
//! - artists and genres live in an 8-dimensional taste space (genres near their family, artists
//!   near their main genre); a person likes an artist by the dot product of their taste vector
//!   with the artist's, known artists or not, headliner and (less) support acts alike;
//! - distance hurts as a smooth step at a personal threshold (4 to 20 km), not linearly;
//! - some people prefer Friday and Saturday nights, some shows in the next two weeks, some big
//!   names;
//! - and every (person, show) pair has its own noise.
//!
//! What the ranking sees of a person is what an app would: a Spotify top-artist list and
//! followed artists (drawn from their true taste, with noise, mostly without genres), sometimes a
//! picked or disliked genre, and a home. They are shown feeds over 60 days and save, skip or hide
//! by their true taste; [`World::history`] returns that feedback.

use crate::{CENTER, Rng};
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use gigradar_core::model::{Event, ExternalIds, Performer, Role, Venue};
use gigradar_core::profile::{Feedback, FeedbackAction, Pick, Picks, Profile, SpotifyArtist};
use gigradar_core::profile::{Home, SpotifyTerm};
use gigradar_core::rank::{EventSet, RankContext, Weights, rank_with};
use std::collections::HashSet;

/// Dimensions of the taste space.
const DIM: usize = 8;
type Taste = [f64; DIM];

/// Genre names the genre tree knows, by family; the first of each family is its umbrella.
const FAMILIES: [&[&str]; 6] = [
    &[
        "electronic",
        "house",
        "deep house",
        "tech house",
        "techno",
        "drum and bass",
        "dubstep",
        "ambient",
    ],
    &[
        "rock",
        "indie rock",
        "post-punk",
        "punk rock",
        "shoegaze",
        "garage rock",
        "heavy metal",
    ],
    &["hip hop", "grime", "trap", "r&b"],
    &["jazz", "soul", "funk", "jazz fusion"],
    &["folk", "country", "americana"],
    &["pop", "synth-pop", "k-pop", "indie pop"],
];

/// Days of feeds; sessions every `SESSION_EVERY_DAYS`; the history splits at `SPLIT_DAY`.
pub const HISTORY_DAYS: i64 = 60;
pub const SESSION_EVERY_DAYS: i64 = 3;
pub const SPLIT_DAY: i64 = 42;
/// Shows days 0..CATALOGUE_DAYS after the start.
const CATALOGUE_DAYS: f64 = 150.0;
/// A training-period feed: this many from the ranking (default weights), the rest at random.
const FEED_RANKED: usize = 6;
const FEED_RANDOM: usize = 4;
/// A held-out session: this many shows at random (browsing; independent of any ranking, so the
/// held-out saves favour no method).
const BROWSE: usize = 12;

fn normal(rng: &mut Rng) -> f64 {
    // Box–Muller; 1 - u keeps the logarithm finite.
    let u = 1.0 - rng.f64();
    let v = rng.f64();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn random_taste(rng: &mut Rng) -> Taste {
    std::array::from_fn(|_| normal(rng))
}

fn unit(mut t: Taste) -> Taste {
    let n = t.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
    for x in &mut t {
        *x /= n;
    }
    t
}

fn mix(a: &Taste, b: &Taste, wb: f64) -> Taste {
    unit(std::array::from_fn(|i| a[i] + wb * b[i]))
}

fn dot(a: &Taste, b: &Taste) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A point uniformly inside a disc of `km` around `(lat, lon)`.
fn near(rng: &mut Rng, (lat, lon): (f64, f64), km: f64) -> (f64, f64) {
    let r = km * rng.f64().sqrt();
    let a = rng.f64() * std::f64::consts::TAU;
    (
        lat + r * a.cos() / 111.2,
        lon + r * a.sin() / (111.2 * lat.to_radians().cos()),
    )
}

fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * gigradar_core::rank::EARTH_RADIUS_KM * h.sqrt().asin()
}

struct Artist {
    taste: Taste,
    genre: usize,
    /// 0..1, by log of popularity.
    fame: f64,
}

/// What the simulator knows of a show (the ranking sees only the [`Event`]).
pub struct Show {
    headliner: usize,
    support: Vec<usize>,
    place: (f64, f64),
    pub start: DateTime<Utc>,
}

/// A person: what the app sees (`profile`, `home`) and their true taste.
pub struct Person {
    pub profile: Profile,
    pub home: (f64, f64),
    pub radius_km: f64,
    taste: Taste,
    artist_weight: f64,
    distance_weight: f64,
    distance_km: f64,
    weekend: f64,
    soon: f64,
    fame: f64,
    noise_seed: u64,
    /// Saves above this utility are likely (about the top eighth of the catalogue).
    save_at: f64,
    /// Below this, a shown show may be hidden.
    hide_below: f64,
}

/// Catalogue and people of one seed.
pub struct World {
    pub set: EventSet,
    pub shows: Vec<Show>,
    pub people: Vec<Person>,
    /// Day 0 of the feeds.
    pub start: DateTime<Utc>,
    artists: Vec<Artist>,
}

/// One person's feedback over the 60 days (see [`World::split`]).
pub struct History {
    pub feedback: Vec<Feedback>,
}

fn genre_names() -> Vec<(&'static str, usize)> {
    FAMILIES
        .iter()
        .enumerate()
        .flat_map(|(f, gs)| gs.iter().map(move |g| (*g, f)))
        .collect()
}

impl World {
    /// `people` people and `shows` shows, all from `seed`.
    pub fn generate(seed: u64, people: usize, shows: usize) -> World {
        let mut rng = Rng::new(seed ^ 0x5EED_0F7A_57E0);
        let start: DateTime<Utc> = "2026-09-01T00:00:00Z".parse().expect("a valid instant");
        let genres = genre_names();
        let family_taste: Vec<Taste> = (0..FAMILIES.len())
            .map(|_| unit(random_taste(&mut rng)))
            .collect();
        let genre_taste: Vec<Taste> = genres
            .iter()
            .map(|(_, f)| mix(&family_taste[*f], &random_taste(&mut rng), 0.35))
            .collect();
        // Artists: near their main genre; popularity Zipf-like over a random order.
        let n_artists = 800;
        let mut artists: Vec<Artist> = (0..n_artists)
            .map(|_| {
                let genre = rng.below(genres.len());
                Artist {
                    taste: mix(&genre_taste[genre], &random_taste(&mut rng), 0.3),
                    genre,
                    fame: 0.0,
                }
            })
            .collect();
        let zipf = crate::Zipf::new(n_artists, 0.9);
        for (rank, a) in artists.iter_mut().enumerate() {
            a.fame = 1.0 - ((rank + 1) as f64).ln() / (n_artists as f64).ln();
        }
        let venues: Vec<(f64, f64)> = (0..250).map(|_| near(&mut rng, CENTER, 30.0)).collect();
        let mut events = Vec::with_capacity(shows);
        let mut meta = Vec::with_capacity(shows);
        for i in 0..shows {
            let headliner = zipf.sample(&mut rng);
            let family = genres[artists[headliner].genre].1;
            let n_support = match rng.f64() {
                x if x < 0.5 => 0,
                x if x < 0.85 => 1,
                _ => 2,
            };
            let mut support = Vec::new();
            while support.len() < n_support {
                let a = zipf.sample(&mut rng);
                let same = genres[artists[a].genre].1 == family;
                if a != headliner && !support.contains(&a) && (same || rng.f64() < 0.3) {
                    support.push(a);
                }
            }
            let day = (rng.f64() * CATALOGUE_DAYS) as i64;
            let hour = [19, 20, 20, 21, 22][rng.below(5)];
            let when = start + Duration::days(day) + Duration::hours(hour);
            let place = venues[rng.below(venues.len())];
            let mut e = Event::new("ticketmaster", &format!("S{i}"), String::new());
            e.performers = std::iter::once((headliner, Role::Headliner))
                .chain(support.iter().map(|a| (*a, Role::Support)))
                .map(|(a, role)| Performer {
                    name: format!("Sim Artist {a}"),
                    role,
                    ids: ExternalIds {
                        spotify: Some(format!("simsp{a:05}")),
                        ..ExternalIds::default()
                    },
                })
                .collect();
            e.title = e.performers[0].name.clone();
            if rng.f64() > 0.08 {
                let g = artists[headliner].genre;
                e.genres.push(genres[g].0.to_owned());
                if rng.f64() < 0.4 && FAMILIES[family][0] != genres[g].0 {
                    e.genres.insert(0, FAMILIES[family][0].to_owned());
                }
            }
            e.start = Some(when.fixed_offset());
            e.local_date = Some(when.date_naive());
            e.local_time = Some(when.time());
            e.timezone = Some("Europe/London".into());
            e.venue = Some(Venue {
                name: format!("Sim Venue {}", place.0),
                address: None,
                city: Some("London".into()),
                region: None,
                postal_code: None,
                country: Some("GB".into()),
                lat: Some(place.0),
                lon: Some(place.1),
                ids: ExternalIds::default(),
            });
            events.push(e);
            meta.push(Show {
                headliner,
                support,
                place,
                start: when,
            });
        }
        let set = EventSet::new(events);
        let mut world = World {
            set,
            shows: meta,
            people: Vec::new(),
            start,
            artists,
        };
        world.people = (0..people)
            .map(|p| world.person(&mut rng, &family_taste, &genre_taste, seed, p))
            .collect();
        world
    }

    fn person(
        &self,
        rng: &mut Rng,
        family_taste: &[Taste],
        genre_taste: &[Taste],
        seed: u64,
        index: usize,
    ) -> Person {
        let genres = genre_names();
        // Taste: one or two families, and a personal twist.
        let f1 = rng.below(FAMILIES.len());
        let mut taste = mix(&family_taste[f1], &random_taste(rng), 0.5);
        if rng.f64() < 0.5 {
            taste = mix(&taste, &family_taste[rng.below(FAMILIES.len())], 0.6);
        }
        let home = near(rng, CENTER, 20.0);
        let mut person = Person {
            profile: Profile::default(),
            home,
            radius_km: 30.0,
            taste,
            artist_weight: 0.5 + 1.5 * rng.f64(),
            distance_weight: 2.5 * rng.f64(),
            distance_km: 4.0 + 16.0 * rng.f64(),
            weekend: -0.3 + 1.3 * rng.f64(),
            soon: rng.f64(),
            fame: 0.6 * rng.f64(),
            noise_seed: seed
                .wrapping_mul(0x9E37_79B9)
                .wrapping_add(index as u64 * 7919),
            save_at: 0.0,
            hide_below: 0.0,
        };
        // What they play on Spotify: their taste, blurred, leaning to famous acts.
        let mut listened: Vec<(f64, usize)> = self
            .artists
            .iter()
            .enumerate()
            .map(|(a, x)| (dot(&taste, &x.taste) + 0.3 * x.fame + 0.2 * normal(rng), a))
            .collect();
        listened.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let spotify = |a: usize, rng: &mut Rng| SpotifyArtist {
            id: format!("simsp{a:05}"),
            name: format!("Sim Artist {a}"),
            // Spotify withholds most genres.
            genres: if rng.f64() < 0.3 {
                vec![genres[self.artists[a].genre].0.to_owned()]
            } else {
                Vec::new()
            },
        };
        let top: Vec<SpotifyArtist> = listened[..20]
            .iter()
            .map(|(_, a)| spotify(*a, rng))
            .collect();
        person.profile.add_spotify_top(SpotifyTerm::Short, 1, &top);
        let mut followed: Vec<SpotifyArtist> = Vec::new();
        for (_, a) in &listened[20..60] {
            if rng.f64() < 0.25 {
                followed.push(spotify(*a, rng));
            }
        }
        person.profile.add_spotify_followed(&followed);
        let mut by_genre: Vec<(f64, usize)> = genre_taste
            .iter()
            .enumerate()
            .map(|(g, t)| (dot(&taste, t), g))
            .collect();
        by_genre.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut picks = Picks {
            home: Some(Home {
                lat: home.0,
                lon: home.1,
                radius_km: person.radius_km,
            }),
            ..Picks::default()
        };
        if rng.f64() < 0.5 {
            let n = 1 + rng.below(2);
            picks.genres = by_genre[..n]
                .iter()
                .map(|(_, g)| Pick::Name(genres[*g].0.to_owned()))
                .collect();
        }
        if rng.f64() < 0.15 {
            let worst = by_genre.last().expect("genres").1;
            picks.disliked_genres = vec![genres[worst].0.to_owned()];
        }
        person.profile.add_picks(&picks);
        // Calibrate saving and hiding to this person's own scale, over the whole catalogue as
        // seen from day 0 (noise included: it is part of how they decide).
        let mut us: Vec<f64> = (0..self.shows.len())
            .map(|s| self.utility(&person, s, self.start))
            .collect();
        us.sort_by(f64::total_cmp);
        person.save_at = us[us.len() * 7 / 8];
        person.hide_below = us[us.len() / 10];
        person
    }

    /// How much `person` wants show `s` when seeing it at `at`: the true model, noise included.
    pub fn utility(&self, person: &Person, s: usize, at: DateTime<Utc>) -> f64 {
        let show = &self.shows[s];
        let like = |a: usize| dot(&person.taste, &self.artists[a].taste);
        let support = show.support.iter().map(|a| like(*a)).fold(0.0f64, f64::max);
        let artist = like(show.headliner) + 0.4 * support;
        let km = km_between(person.home, show.place);
        let far = 1.0 / (1.0 + (-(km - person.distance_km) / 1.5).exp());
        let weekend = matches!(show.start.weekday(), Weekday::Fri | Weekday::Sat);
        let days = (show.start - at).num_seconds().max(0) as f64 / 86_400.0;
        let mut rng = Rng::new(person.noise_seed ^ (s as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        3.0 * person.artist_weight * artist - person.distance_weight * far
            + person.weekend * f64::from(u8::from(weekend))
            + person.soon * (-days / 14.0).exp()
            + person.fame * self.artists[show.headliner].fame
            + 0.4 * normal(&mut rng)
    }

    /// Shows `person` can go to as of `at`: not started, within their radius.
    pub fn open(&self, person: &Person, at: DateTime<Utc>) -> Vec<usize> {
        (0..self.shows.len())
            .filter(|&s| {
                self.shows[s].start > at
                    && km_between(person.home, self.shows[s].place) <= person.radius_km
            })
            .collect()
    }

    /// A ranking context for `person` at `at`.
    pub fn context(&self, person: &Person, at: DateTime<Utc>, k: usize) -> RankContext {
        let mut ctx = RankContext::new(at, person.home.0, person.home.1);
        ctx.radius_km = person.radius_km;
        ctx.k = k;
        ctx
    }

    /// What `person` does over the 60 days: before the split, feeds of the ranking's top
    /// (default weights, their feedback so far) plus a few random shows; after it, random
    /// browsing. Each shown show is saved, skipped or hidden once, by their true taste.
    pub fn history(&self, p: usize, seed: u64) -> History {
        let person = &self.people[p];
        let mut rng = Rng::new(seed ^ (p as u64 + 1).wrapping_mul(0xD134_2543_DE82_EF95));
        let mut profile = person.profile.clone();
        let mut seen: HashSet<usize> = HashSet::new();
        let weights = Weights::default();
        let mut day = 0;
        while day < HISTORY_DAYS {
            let at = self.start + Duration::days(day) + Duration::hours(18);
            let mut open: Vec<usize> = self.open(person, at);
            open.retain(|s| !seen.contains(s));
            let mut shown: Vec<usize> = Vec::new();
            let random = if day < SPLIT_DAY {
                let ctx = self.context(person, at, FEED_RANKED + seen.len());
                let ranked = rank_with(&profile, &self.set, &ctx, &weights).expect("valid context");
                shown.extend(
                    ranked
                        .iter()
                        .map(|r| r.index as usize)
                        .filter(|s| !seen.contains(s))
                        .take(FEED_RANKED),
                );
                FEED_RANDOM
            } else {
                BROWSE
            };
            open.retain(|s| !shown.contains(s));
            for _ in 0..random.min(open.len()) {
                shown.push(open.swap_remove(rng.below(open.len())));
            }
            for s in shown {
                seen.insert(s);
                let u = self.utility(person, s, at);
                let save = rng.f64() < 1.0 / (1.0 + (-(u - person.save_at) / 0.25).exp());
                let action = if save {
                    FeedbackAction::Save
                } else if u < person.hide_below && rng.f64() < 0.3 {
                    FeedbackAction::Hide
                } else {
                    FeedbackAction::Skip
                };
                let event = self.set.event(s as u32).expect("a show of the set");
                profile.add_feedback(Feedback::on(event, action, at));
            }
            day += SESSION_EVERY_DAYS;
        }
        History {
            feedback: profile.feedback,
        }
    }

    /// The moment the history splits: feedback before it trains, saves after it are held out.
    pub fn split(&self) -> DateTime<Utc> {
        self.start + Duration::days(SPLIT_DAY)
    }
}
