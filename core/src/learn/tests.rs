use super::*;
use crate::model::{Event, ExternalIds, Performer, Venue};
use crate::profile::{Feedback, Pick, Picks};
use crate::rank::rank;
use chrono::Duration;
use proptest::prelude::*;

const LONDON: (f64, f64) = (51.5072, -0.1276);

fn now() -> DateTime<Utc> {
    "2026-12-02T12:00:00Z".parse().unwrap()
}

/// A show `km` north of central London, `days` after `now()`, headlined by `artist`.
fn show(id: usize, artist: &str, support: Option<&str>, km: f64, days: f64, genre: &str) -> Event {
    let mut e = Event::new("dice", &id.to_string(), format!("show {id}"));
    e.id = format!("ev{id:03}");
    e.performers = std::iter::once((artist, Role::Headliner))
        .chain(support.map(|s| (s, Role::Support)))
        .map(|(n, role)| Performer {
            name: n.to_owned(),
            role,
            ids: ExternalIds::default(),
        })
        .collect();
    e.genres = vec![genre.to_owned()];
    let s = (now() + Duration::seconds((days * 86_400.0) as i64)).fixed_offset();
    e.start = Some(s);
    e.local_date = Some(s.date_naive());
    e.local_time = Some(s.time());
    e.timezone = Some("Europe/London".into());
    e.venue = Some(Venue {
        name: format!("Venue {id}"),
        address: None,
        city: None,
        region: None,
        postal_code: None,
        country: None,
        lat: Some(LONDON.0 + km / 111.2),
        lon: Some(LONDON.1),
        ids: ExternalIds::default(),
    });
    e
}

/// 60 shows: every third headlined by a picked artist, genres alternating between a picked one
/// and another, distances 1..45 km and dates 1..60 days ahead, shuffled against each other.
fn world() -> (Profile, EventSet) {
    let mut p = Profile::default();
    p.add_picks(&Picks {
        artists: ["Bicep", "Little Simz"]
            .iter()
            .map(|a| Pick::Name((*a).into()))
            .collect(),
        genres: vec![Pick::Name("techno".into())],
        ..Picks::default()
    });
    let events = (0..60)
        .map(|i| {
            let artist = match i % 3 {
                0 => "Bicep",
                1 if i % 2 == 0 => "Little Simz",
                _ => "Nobody",
            };
            let support = (i % 7 == 0).then_some("Little Simz");
            let km = 1.0 + ((i * 17) % 45) as f64;
            let days = 1.0 + ((i * 23) % 60) as f64;
            let genre = if i % 2 == 0 { "techno" } else { "country" };
            show(i, artist, support, km, days, genre)
        })
        .collect();
    (p, EventSet::new(events))
}

fn ctx() -> RankContext {
    RankContext::new(now(), LONDON.0, LONDON.1)
}

/// The profile with feedback on each show given at `now() - 1 day`: `label(event)`.
fn with_history(
    mut p: Profile,
    set: &EventSet,
    label: impl Fn(&Event) -> Option<FeedbackAction>,
) -> Profile {
    let at = now() - Duration::days(1);
    for e in set.events() {
        if let Some(action) = label(e) {
            p.add_feedback(Feedback::on(e, action, at));
        }
    }
    p
}

fn km_of(e: &Event) -> f64 {
    (e.venue.as_ref().unwrap().lat.unwrap() - LONDON.0) * 111.2
}

#[test]
fn parts_times_weights_are_the_ranking_score() {
    let (p, set) = world();
    let mut c = ctx();
    c.k = 100;
    c.max_per_headliner = 0;
    let parts = parts_of(&p, &set, &c, 14.0).unwrap();
    let ranked = rank(&p, &set, &c).unwrap();
    assert_eq!(parts.len(), ranked.len());
    assert!(ranked.len() > 40);
    let w = Weights::default();
    for r in &ranked {
        let x = parts[&r.index];
        let score = w.headliner * x.headliner
            + w.support * x.support
            + w.genre * x.genre
            + w.distance * x.distance
            + w.time * x.time;
        assert!((score - r.score).abs() < 1e-9, "{score} vs {}", r.score);
    }
}

#[test]
fn parts_for_some_shows_are_what_parts_of_every_show_gives_them() {
    // Three blocks of the kernel, with shows that are not eligible: past, beyond the radius,
    // by a disliked artist.
    let (mut p, _) = world();
    p.add_picks(&Picks {
        disliked_artists: vec![Pick::Name("Nobody Else".into())],
        ..Picks::default()
    });
    let events: Vec<Event> = (0..1500)
        .map(|i| {
            let artist = match i % 4 {
                0 => "Bicep",
                1 => "Little Simz",
                2 => "Nobody Else",
                _ => "Nobody",
            };
            let km = 1.0 + ((i * 17) % 90) as f64;
            let days = ((i * 23) % 60) as f64 - 5.0;
            show(
                i,
                artist,
                (i % 7 == 0).then_some("Bicep"),
                km,
                days,
                "techno",
            )
        })
        .collect();
    let set = EventSet::new(events);
    let c = ctx();
    let every = parts_of(&p, &set, &c, 14.0).unwrap();
    assert!(every.len() > 300 && every.len() < 1200, "{}", every.len());
    let some: Vec<u32> = (0..1600).step_by(3).chain([7, 7, 1499, 9999]).collect();
    let got = parts_for(&p, &set, &c, 14.0, &some).unwrap();
    let want: HashMap<u32, Parts> = every
        .iter()
        .filter(|(i, _)| some.contains(i))
        .map(|(i, x)| (*i, *x))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn time_part_moves_with_the_moment_of_acting() {
    let t0 = now();
    // A show 28 days after t0 is worth 1 / (1 + 2) then, and 1 / (1 + 1) 14 days later.
    let part = time_part_at(1.0 / 3.0, t0, t0 + Duration::days(14), 14.0);
    assert!((part - 0.5).abs() < 1e-9, "{part}");
    // After the start, the part stays at its maximum.
    assert!((time_part_at(1.0 / 3.0, t0, t0 + Duration::days(40), 14.0) - 1.0).abs() < 1e-9);
}

#[test]
fn learns_that_distance_matters_to_someone_who_saves_only_close_shows() {
    let (p, set) = world();
    let p = with_history(p, &set, |e| {
        Some(if km_of(e) < 12.0 {
            FeedbackAction::Save
        } else {
            FeedbackAction::Skip
        })
    });
    let fit = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    assert!(fit.learned, "{}", fit.summary);
    let d = Weights::default();
    // Distance rises, and rises against the artist weight (which alone orders the ranking).
    assert!(fit.weights.distance > d.distance, "{:?}", fit.weights);
    assert!(
        fit.weights.distance / fit.weights.headliner > 2.0 * d.distance / d.headliner,
        "{:?}",
        fit.weights
    );
    // Artist likes are spread over near and far: they explain nothing here, and do not rise.
    assert!(fit.weights.headliner < d.headliner, "{:?}", fit.weights);
    assert!(fit.pairs_right_after.unwrap() > fit.pairs_right_before.unwrap());
    let distance = &fit.moves[3];
    assert_eq!(distance.part, Part::Distance);
    assert!(distance.saved_mean > distance.other_mean);
    assert!(
        distance.text.contains("the shows you saved were closer"),
        "{}",
        distance.text
    );
    // The untouched weights are the base's.
    assert_eq!(fit.weights.save, d.save);
    assert_eq!(fit.weights.time_scale_days, d.time_scale_days);
}

#[test]
fn learns_that_picked_artists_matter_less_to_someone_who_saves_by_genre() {
    let (p, set) = world();
    // Saves every techno show that is not by a picked artist; skips the picked artists' shows.
    let p = with_history(p, &set, |e| {
        let by_picked = e.performers[0].name != "Nobody";
        let techno = e.genres[0] == "techno";
        Some(if techno && !by_picked {
            FeedbackAction::Save
        } else {
            FeedbackAction::Skip
        })
    });
    let fit = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    assert!(fit.learned, "{}", fit.summary);
    let d = Weights::default();
    assert!(
        fit.weights.headliner < 0.8 * d.headliner,
        "{:?}",
        fit.weights
    );
    assert!(fit.weights.genre > d.genre, "{:?}", fit.weights);
}

#[test]
fn too_little_history_keeps_the_base_weights() {
    let (p, set) = world();
    let few = with_history(p, &set, |e| match e.id.as_str() {
        "ev000" | "ev001" => Some(FeedbackAction::Save),
        "ev002" | "ev003" | "ev004" | "ev005" | "ev006" | "ev007" => Some(FeedbackAction::Skip),
        _ => None,
    });
    let fit = fit(&few, &set, &ctx(), &FitOptions::default()).unwrap();
    assert!(!fit.learned);
    assert_eq!(fit.weights, Weights::default());
    assert_eq!((fit.saves, fit.negatives), (2, 6));
    assert!(fit.moves.is_empty());
    assert!(
        fit.summary.starts_with("kept the default weights"),
        "{}",
        fit.summary
    );
}

#[test]
fn feedback_after_now_and_on_unknown_shows_is_ignored() {
    let (p, set) = world();
    let mut p = with_history(p, &set, |e| {
        Some(if km_of(e) < 12.0 {
            FeedbackAction::Save
        } else {
            FeedbackAction::Skip
        })
    });
    let before = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    for f in p.feedback.clone() {
        let mut late = f.clone();
        late.at = now() + Duration::hours(1);
        late.action = FeedbackAction::Hide;
        p.add_feedback(late);
    }
    p.add_feedback(Feedback {
        event_id: "not in the set".into(),
        action: FeedbackAction::Save,
        at: now() - Duration::days(2),
        artists: Vec::new(),
    });
    let after = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    assert_eq!(before, after);
}

#[test]
fn the_same_history_in_any_order_gives_the_same_weights() {
    let (p, set) = world();
    let p = with_history(p, &set, |e| match e.id.as_bytes()[4] % 3 {
        0 => Some(FeedbackAction::Save),
        1 => Some(FeedbackAction::Skip),
        _ => Some(FeedbackAction::Hide),
    });
    let a = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    let b = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    let mut reversed = p.clone();
    reversed.feedback.reverse();
    let c = fit(&reversed, &set, &ctx(), &FitOptions::default()).unwrap();
    assert!(a.learned);
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn the_latest_action_on_a_show_wins() {
    let (p, set) = world();
    let mut p = with_history(p, &set, |e| {
        Some(if km_of(e) < 12.0 {
            FeedbackAction::Save
        } else {
            FeedbackAction::Skip
        })
    });
    let near_saved = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    // The person later changes their mind on every show: now the far ones are the saved ones.
    for f in p.feedback.clone() {
        let mut again = f.clone();
        again.at = now() - Duration::hours(1);
        again.action = if f.action == FeedbackAction::Save {
            FeedbackAction::Skip
        } else {
            FeedbackAction::Save
        };
        p.add_feedback(again);
    }
    let far_saved = fit(&p, &set, &ctx(), &FitOptions::default()).unwrap();
    assert!(far_saved.weights.distance < near_saved.weights.distance);
    assert!(far_saved.weights.distance < Weights::default().distance);
}

#[test]
fn bad_options_are_an_invalid_input_error() {
    let (p, set) = world();
    for options in [
        FitOptions {
            strength: f64::NAN,
            ..FitOptions::default()
        },
        FitOptions {
            base: Weights {
                genre: -1.0,
                ..Weights::default()
            },
            ..FitOptions::default()
        },
        FitOptions {
            base: Weights {
                time_scale_days: 0.0,
                ..Weights::default()
            },
            ..FitOptions::default()
        },
    ] {
        assert!(matches!(
            fit(&p, &set, &ctx(), &options),
            Err(Error::InvalidInput(_))
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the person did, the weights stay finite, at least 0 and at most 5 × the base.
    #[test]
    fn weights_are_never_negative_nan_or_unbounded(
        labels in proptest::collection::vec(0u8..4, 60),
        strength in prop_oneof![Just(0.0), 0.0..100.0f64],
    ) {
        let (p, set) = world();
        let p = with_history(p, &set, |e| {
            let i: usize = e.id[2..].parse().unwrap();
            match labels[i] {
                0 => Some(FeedbackAction::Save),
                1 => Some(FeedbackAction::Skip),
                2 => Some(FeedbackAction::Hide),
                _ => None,
            }
        });
        let options = FitOptions { strength, min_saves: 1, min_negatives: 1, ..FitOptions::default() };
        let fit = fit(&p, &set, &ctx(), &options).unwrap();
        let d = Weights::default();
        for part in Part::ALL {
            let w = part.weight(&fit.weights);
            prop_assert!(w.is_finite() && w >= 0.0, "{:?}", fit.weights);
            prop_assert!(w <= MAX_FACTOR * part.weight(&d) + 1e-9, "{:?}", fit.weights);
        }
        for mv in &fit.moves {
            prop_assert!(mv.saved_mean.is_finite() && mv.other_mean.is_finite());
        }
    }
}
