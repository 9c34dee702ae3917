//! Invariants of ranking, over random events and profiles.

use chrono::{DateTime, Duration, Utc};
use gigradar_core::model::{Event, ExternalIds, Performer, Role, Status, Venue};
use gigradar_core::profile::{Feedback, FeedbackAction, Pick, Picks, Profile};
use gigradar_core::rank::{EventSet, RankContext, Ranked, rank_events};
use proptest::prelude::*;

const ARTISTS: [&str; 6] = [
    "Bicep",
    "Bonobo",
    "Floating Points",
    "Caribou",
    "Jamie xx",
    "Four Tet",
];
const GENRES: [&str; 5] = ["deep house", "house", "techno", "indie rock", "rock"];
const HOME: (f64, f64) = (51.5072, -0.1276);

fn now() -> DateTime<Utc> {
    "2026-12-02T12:00:00Z".parse().unwrap()
}

#[derive(Debug, Clone)]
struct Spec {
    artists: Vec<(usize, bool)>,
    genres: Vec<usize>,
    /// Hours from now (negative: past).
    hours: i64,
    dlat: f64,
    dlon: f64,
    cancelled: bool,
    date_only: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec((0..ARTISTS.len(), any::<bool>()), 0..3),
        prop::collection::vec(0..GENRES.len(), 0..3),
        -48i64..24 * 60,
        -0.6f64..0.6,
        -0.9f64..0.9,
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(artists, genres, hours, dlat, dlon, cancelled, date_only)| Spec {
                artists,
                genres,
                hours,
                dlat,
                dlon,
                cancelled,
                date_only,
            },
        )
}

fn event(i: usize, s: &Spec) -> Event {
    let mut e = Event::new("dice", &i.to_string(), format!("show {i}"));
    e.performers = s
        .artists
        .iter()
        .map(|&(a, support)| Performer {
            name: ARTISTS[a].into(),
            role: if support {
                Role::Support
            } else {
                Role::Headliner
            },
            ids: ExternalIds::default(),
        })
        .collect();
    e.genres = s.genres.iter().map(|&g| GENRES[g].to_owned()).collect();
    let start = (now() + Duration::hours(s.hours)).fixed_offset();
    e.timezone = Some("UTC".into());
    e.local_date = Some(start.date_naive());
    if !s.date_only {
        e.start = Some(start);
        e.local_time = Some(start.time());
    }
    if s.cancelled {
        e.status = Status::Cancelled;
    }
    e.venue = Some(Venue {
        name: "V".into(),
        address: None,
        city: None,
        region: None,
        postal_code: None,
        country: None,
        lat: Some(HOME.0 + s.dlat),
        lon: Some(HOME.1 + s.dlon),
        ids: ExternalIds::default(),
    });
    e
}

fn pick(name: &str, w: f64) -> Pick {
    Pick::Full {
        name: name.into(),
        spotify: None,
        musicbrainz: None,
        weight: Some(w),
    }
}

fn profile(likes: &[(usize, f64)], genres: &[(usize, f64)]) -> Profile {
    let mut p = Profile::default();
    p.add_picks(&Picks {
        artists: likes.iter().map(|&(a, w)| pick(ARTISTS[a], w)).collect(),
        genres: genres.iter().map(|&(g, w)| pick(GENRES[g], w)).collect(),
        ..Picks::default()
    });
    p
}

fn ctx(k: usize) -> RankContext {
    let mut c = RankContext::new(now(), HOME.0, HOME.1);
    c.k = k;
    c.max_per_headliner = 0;
    c
}

fn score_of(r: &[Ranked], id: &str) -> Option<f64> {
    r.iter().find(|x| x.event_id == id).map(|x| x.score)
}

type Inputs = (Vec<Spec>, Vec<(usize, f64)>, Vec<(usize, f64)>);

fn inputs() -> impl Strategy<Value = Inputs> {
    (
        prop::collection::vec(spec(), 1..30),
        prop::collection::vec((0..ARTISTS.len(), 0.0f64..=1.0), 0..4),
        prop::collection::vec((0..GENRES.len(), 0.0f64..=1.0), 0..3),
    )
}

fn events_of(specs: &[Spec]) -> Vec<Event> {
    specs.iter().enumerate().map(|(i, s)| event(i, s)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn contributions_sum_to_the_score((specs, likes, genres) in inputs(), k in 1usize..40) {
        let events = events_of(&specs);
        let r = rank_events(&profile(&likes, &genres), &events, &ctx(k)).unwrap();
        prop_assert!(r.len() <= k);
        for x in &r {
            let sum: f64 = x.reasons.iter().map(|r| r.contribution).sum();
            prop_assert!((sum - x.score).abs() < 1e-9);
            prop_assert!(x.reasons.windows(2).all(|w| w[0].contribution >= w[1].contribution));
        }
        prop_assert!(r.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn hidden_cancelled_and_past_never_ranked(
        (specs, likes, genres) in inputs(),
        hide in prop::collection::vec(any::<bool>(), 30),
    ) {
        let events = events_of(&specs);
        let mut p = profile(&likes, &genres);
        for (e, _) in events.iter().zip(&hide).filter(|(_, h)| **h) {
            p.add_feedback(Feedback::on(e, FeedbackAction::Hide, now() - Duration::days(400)));
        }
        let r = rank_events(&p, &events, &ctx(100)).unwrap();
        for x in &r {
            let i = x.index as usize;
            let e = &events[i];
            prop_assert!(!hide[i], "hidden event ranked");
            prop_assert!(e.status != Status::Cancelled);
            match e.start {
                Some(s) => prop_assert!(s > now()),
                None => prop_assert!(e.local_date.unwrap() >= now().date_naive()),
            }
        }
    }

    #[test]
    fn a_stronger_like_never_lowers_a_score(
        (specs, likes, genres) in inputs(),
        which in 0..ARTISTS.len(),
        gwhich in 0..GENRES.len(),
        boost in 0.0f64..=1.0,
    ) {
        let events = events_of(&specs);
        let set = EventSet::new(events.clone());
        let base = profile(&likes, &genres);
        let mut likes2 = likes.clone();
        likes2.push((which, boost));
        let mut genres2 = genres.clone();
        genres2.push((gwhich, boost));
        let stronger = profile(&likes2, &genres2);
        let k = events.len();
        let a = gigradar_core::rank::rank(&base, &set, &ctx(k)).unwrap();
        let b = gigradar_core::rank::rank(&stronger, &set, &ctx(k)).unwrap();
        prop_assert_eq!(a.len(), b.len());
        for x in &a {
            let after = score_of(&b, &x.event_id).unwrap();
            prop_assert!(after >= x.score - 1e-9, "{} fell from {} to {}", x.event_id, x.score, after);
        }
    }

    #[test]
    fn moving_a_venue_closer_never_lowers_its_score(
        (specs, likes, genres) in inputs(),
        toward in 0.05f64..=1.0,
    ) {
        let events = events_of(&specs);
        let mut moved = events.clone();
        let v = moved[0].venue.as_mut().unwrap();
        // Toward home along a straight line in degrees (distance falls monotonically at this
        // scale), at least 5% of the way, so the move is far above f32 rounding of positions.
        v.lat = Some(v.lat.unwrap() + (HOME.0 - v.lat.unwrap()) * toward);
        v.lon = Some(v.lon.unwrap() + (HOME.1 - v.lon.unwrap()) * toward);
        let p = profile(&likes, &genres);
        let k = events.len();
        let a = rank_events(&p, &events, &ctx(k)).unwrap();
        let b = rank_events(&p, &moved, &ctx(k)).unwrap();
        if let Some(before) = score_of(&a, &events[0].id) {
            let after = score_of(&b, &events[0].id);
            prop_assert!(after.is_some(), "moved closer and dropped out");
            prop_assert!(after.unwrap() >= before - 1e-9);
        }
    }
}
