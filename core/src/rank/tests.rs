use super::*;
use crate::model::{ExternalIds, Performer, Venue};
use crate::profile::{Feedback, Pick, Picks, SpotifyArtist, SpotifyTerm};

const LONDON: (f64, f64) = (51.5072, -0.1276);

fn now() -> DateTime<Utc> {
    // A Wednesday.
    "2026-12-02T12:00:00Z".parse().unwrap()
}

fn ev(
    id: &str,
    artists: &[(&str, Role)],
    start: &str,
    lat: f64,
    lon: f64,
    genres: &[&str],
) -> Event {
    let mut e = Event::new("dice", id, format!("show {id}"));
    e.id = id.to_owned();
    e.performers = artists
        .iter()
        .map(|(n, r)| Performer {
            name: (*n).to_owned(),
            role: *r,
            ids: ExternalIds::default(),
        })
        .collect();
    e.genres = genres.iter().map(|g| (*g).to_owned()).collect();
    let s = DateTime::parse_from_rfc3339(start).unwrap();
    e.start = Some(s);
    e.local_date = Some(s.date_naive());
    e.local_time = Some(s.time());
    e.timezone = Some("Europe/London".into());
    e.venue = Some(Venue {
        name: "V".into(),
        address: None,
        city: None,
        region: None,
        postal_code: None,
        country: None,
        lat: Some(lat),
        lon: Some(lon),
        ids: ExternalIds::default(),
    });
    e
}

fn ctx() -> RankContext {
    RankContext::new(now(), LONDON.0, LONDON.1)
}

fn picks(artists: &[&str], genres: &[&str]) -> Profile {
    let mut p = Profile::default();
    p.add_picks(&Picks {
        artists: artists.iter().map(|a| Pick::Name((*a).into())).collect(),
        genres: genres.iter().map(|g| Pick::Name((*g).into())).collect(),
        ..Picks::default()
    });
    p
}

fn assert_sums(r: &[Ranked]) {
    for x in r {
        let sum: f64 = x.reasons.iter().map(|r| r.contribution).sum();
        assert!((sum - x.score).abs() < 1e-9, "{x:?}");
        assert!(x.reasons.iter().all(|r| r.contribution != 0.0));
    }
}

#[test]
fn liked_headliner_beats_support_beats_nothing() {
    let h = ("Bicep", Role::Headliner);
    let events = vec![
        ev(
            "a",
            &[("Other", Role::Headliner), ("Bicep", Role::Support)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev("b", &[h], "2026-12-05T20:00:00Z", 51.5, -0.1, &[]),
        ev(
            "c",
            &[("Other", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
    ];
    let r = rank_events(&picks(&["bicep"], &[]), &events, &ctx()).unwrap();
    let ids: Vec<_> = r.iter().map(|r| r.event_id.as_str()).collect();
    assert_eq!(ids, ["b", "a", "c"]);
    assert_eq!(r[0].reasons[0].text, "You picked Bicep");
    assert_eq!(r[1].reasons[0].text, "You picked Bicep (support)");
    assert_sums(&r);
}

#[test]
fn spotify_reasons_read_like_the_spec() {
    let mut p = Profile::default();
    p.add_spotify_top(
        SpotifyTerm::Short,
        1,
        &[SpotifyArtist {
            id: "S1".into(),
            name: "Bicep".into(),
            genres: vec!["deep house".into()],
        }],
    );
    p.add_spotify_followed(&[SpotifyArtist {
        id: "S2".into(),
        name: "Bonobo".into(),
        genres: vec![],
    }]);
    let events = vec![
        ev(
            "a",
            &[("Bicep", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.55,
            -0.1,
            &["deep house"],
        ),
        ev(
            "b",
            &[("Bonobo", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "c",
            &[("Nobody", Role::Headliner)],
            "2026-12-09T20:00:00Z",
            51.5,
            -0.1,
            &["deep house"],
        ),
    ];
    let r = rank_events(&p, &events, &ctx()).unwrap();
    let texts: Vec<Vec<&str>> = r
        .iter()
        .map(|r| r.reasons.iter().map(|x| x.text.as_str()).collect())
        .collect();
    assert_eq!(
        texts[0][0], "Top artist for you in the last 4 weeks",
        "{texts:?}"
    );
    assert_eq!(texts[0][1], "Deep house, which you listen to");
    assert!(texts[0].contains(&"This Saturday"), "{texts:?}");
    assert!(texts[0].contains(&"5.1 km away"), "{texts:?}");
    assert_eq!(texts[1][0], "You follow Bonobo on Spotify");
    assert!(texts[2].contains(&"Next Wednesday"), "{texts:?}");
    assert_eq!(r[0].reasons[1].via, vec!["Bicep"]);
    assert_sums(&r);
}

#[test]
fn out_of_radius_past_cancelled_hidden_and_disliked_never_appear() {
    let mut e_cancelled = ev(
        "cancelled",
        &[("A", Role::Headliner)],
        "2026-12-05T20:00:00Z",
        51.5,
        -0.1,
        &[],
    );
    e_cancelled.status = Status::Cancelled;
    let events = vec![
        ev(
            "ok",
            &[("A", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "paris",
            &[("A", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            48.85,
            2.35,
            &[],
        ),
        ev(
            "past",
            &[("A", Role::Headliner)],
            "2026-12-02T11:59:59Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "now",
            &[("A", Role::Headliner)],
            "2026-12-02T12:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        e_cancelled,
        ev(
            "hidden",
            &[("A", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "disliked",
            &[("A", Role::Headliner), ("Nope", Role::Support)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
    ];
    let mut p = picks(&["A"], &[]);
    p.add_picks(&Picks {
        disliked_artists: vec![Pick::Name("nope".into())],
        ..Picks::default()
    });
    p.add_feedback(Feedback::on(&events[5], FeedbackAction::Hide, now()));
    let r = rank_events(&p, &events, &ctx()).unwrap();
    let ids: Vec<_> = r.iter().map(|r| r.event_id.as_str()).collect();
    assert_eq!(ids, ["ok"]);
}

#[test]
fn date_only_events_count_until_the_day_ends_at_the_venue() {
    // 23:30 UTC on 2 Dec is 00:30 on 3 Dec in Berlin: a Berlin show dated 2 Dec is over.
    let late: DateTime<Utc> = "2026-12-02T23:30:00Z".parse().unwrap();
    let mut a = ev(
        "berlin",
        &[("A", Role::Headliner)],
        "2026-12-02T20:00:00Z",
        52.52,
        13.4,
        &[],
    );
    a.start = None;
    a.local_time = None;
    a.timezone = Some("Europe/Berlin".into());
    let mut b = a.clone();
    b.id = "london".into();
    b.timezone = Some("Europe/London".into());
    b.venue.as_mut().unwrap().lat = Some(51.5);
    b.venue.as_mut().unwrap().lon = Some(-0.1);
    let mut c = RankContext::new(late, 51.5, 5.0);
    c.radius_km = 2000.0;
    let r = rank_events(&Profile::default(), &[a, b], &c).unwrap();
    let ids: Vec<_> = r.iter().map(|r| r.event_id.as_str()).collect();
    assert_eq!(ids, ["london"]);
    assert_eq!(
        r[0].reasons
            .iter()
            .find(|r| r.kind == ReasonKind::Time)
            .unwrap()
            .text,
        "Today"
    );
}

#[test]
fn diversity_caps_dates_of_one_headliner() {
    let mut events: Vec<Event> = (0..6)
        .map(|d| {
            ev(
                &format!("b{d}"),
                &[("Bicep", Role::Headliner)],
                &format!("2026-12-1{d}T20:00:00Z"),
                51.5,
                -0.1,
                &[],
            )
        })
        .collect();
    events.push(ev(
        "x",
        &[("Other", Role::Headliner)],
        "2026-12-20T20:00:00Z",
        51.5,
        -0.1,
        &[],
    ));
    let mut c = ctx();
    c.k = 3;
    c.max_per_headliner = 2;
    let r = rank_events(&picks(&["Bicep"], &[]), &events, &c).unwrap();
    let ids: Vec<_> = r.iter().map(|r| r.event_id.as_str()).collect();
    assert_eq!(ids, ["b0", "b1", "x"]);
    c.max_per_headliner = 0;
    let r = rank_events(&picks(&["Bicep"], &[]), &events, &c).unwrap();
    assert_eq!(r.len(), 3);
    assert!(r.iter().all(|r| r.event_id.starts_with('b')));
}

#[test]
fn ties_break_by_event_id_whatever_the_input_order() {
    let a = ev(
        "aaa",
        &[("X", Role::Headliner)],
        "2026-12-05T20:00:00Z",
        51.5,
        -0.1,
        &[],
    );
    let b = ev(
        "bbb",
        &[("Y", Role::Headliner)],
        "2026-12-05T20:00:00Z",
        51.5,
        -0.1,
        &[],
    );
    let mut c = ctx();
    c.k = 1;
    for events in [vec![a.clone(), b.clone()], vec![b, a]] {
        let r = rank_events(&Profile::default(), &events, &c).unwrap();
        assert_eq!(r[0].event_id, "aaa");
    }
}

#[test]
fn feedback_decays_and_spreads_to_the_artist() {
    let events = vec![
        ev(
            "saved",
            &[("A", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "other",
            &[("A", Role::Headliner)],
            "2026-12-06T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "plain",
            &[("B", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
    ];
    let mut p = Profile::default();
    let month_ago = now() - chrono::Duration::days(30);
    p.add_feedback(Feedback::on(&events[0], FeedbackAction::Save, month_ago));
    let r = rank_events(&p, &events, &ctx()).unwrap();
    assert_eq!(r[0].event_id, "saved");
    let fb = r[0]
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Feedback)
        .unwrap();
    assert!(
        (fb.contribution - 15.0).abs() < 1e-9,
        "half of 30 after one half-life"
    );
    assert_eq!(fb.text, "You saved this show");
    assert_eq!(r[1].event_id, "other");
    let fb = r[1]
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Feedback)
        .unwrap();
    assert_eq!(fb.text, "You saved another A show");
    assert_sums(&r);
}

#[test]
fn partial_genre_matches_say_so() {
    let events = vec![ev(
        "a",
        &[("Z", Role::Headliner)],
        "2026-12-05T20:00:00Z",
        51.5,
        -0.1,
        &["indie rock"],
    )];
    let r = rank_events(&picks(&[], &["rock"]), &events, &ctx()).unwrap();
    let g = r[0]
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Genre)
        .unwrap();
    assert_eq!(g.text, "Indie rock, like the rock you picked");
    assert!((g.contribution - 10.0).abs() < 1e-9);
}

#[test]
fn bad_context_is_invalid_input() {
    let mut c = ctx();
    c.lat = 91.0;
    assert!(matches!(
        rank_events(&Profile::default(), &[], &c),
        Err(Error::InvalidInput(_))
    ));
    let mut c = ctx();
    c.radius_km = 0.0;
    assert!(rank_events(&Profile::default(), &[], &c).is_err());
}

#[test]
fn artists_match_by_ids_before_names() {
    let mut e = ev(
        "a",
        &[("Bicep (DJ set)", Role::Headliner)],
        "2026-12-05T20:00:00Z",
        51.5,
        -0.1,
        &[],
    );
    e.performers[0].ids.spotify = Some("S1".into());
    let mut p = Profile::default();
    p.add_spotify_followed(&[SpotifyArtist {
        id: "S1".into(),
        name: "Bicep".into(),
        genres: vec![],
    }]);
    let r = rank_events(&p, &[e], &ctx()).unwrap();
    assert_eq!(r[0].reasons[0].kind, ReasonKind::Artist);
    assert_eq!(r[0].reasons[0].text, "You follow Bicep (DJ set) on Spotify");
}

#[test]
fn when_text_cases() {
    let e = |s: &str| ev("x", &[], s, 51.5, -0.1, &[]);
    assert_eq!(when_text(&e("2026-12-02T20:00:00Z"), now()), "Tonight");
    assert_eq!(when_text(&e("2026-12-03T20:00:00Z"), now()), "Tomorrow");
    assert_eq!(when_text(&e("2026-12-06T20:00:00Z"), now()), "This Sunday");
    assert_eq!(when_text(&e("2026-12-07T20:00:00Z"), now()), "Next Monday");
    assert_eq!(
        when_text(&e("2026-12-24T20:00:00Z"), now()),
        "On Thursday 24 December"
    );
}

#[test]
fn fast_genre_matching_equals_trying_every_pair() {
    let names: Vec<String> = [
        "",
        "deep house",
        "house",
        "tech house",
        "indie rock",
        "rock",
        "post punk",
        "punk",
        "uk garage",
        "garage",
        "hip hop",
        "trip hop",
        "pop",
        "k pop",
        "r&b",
        "dance/electronic",
        "hip hop/rap",
        "rock en espanol",
        "edm",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let mut p = picks(&[], &["house", "post punk", "hop", "garage rock", "k pop"]);
    p.add_picks(&Picks {
        disliked_genres: vec!["rock".into(), "uk garage".into()],
        ..Picks::default()
    });
    let genres = p.genre_tastes();
    let fast = match_genres(&names, &genres);
    for (gid, name) in names.iter().enumerate().skip(1) {
        let mut slow = GenreMatch::default();
        for (u, g) in genres.iter().enumerate() {
            let sim = genre_similarity(name, &g.name);
            if sim > 0.0 {
                slow.offer(g.affinity * sim, u);
            }
        }
        assert_eq!(fast[gid].like, slow.like, "{name}");
        assert_eq!(fast[gid].dislike, slow.dislike, "{name}");
    }
}

#[test]
fn festival_bills_beyond_the_hot_slots_still_count() {
    let bill: Vec<(&str, Role)> = vec![
        ("A", Role::Headliner),
        ("B", Role::Headliner),
        ("C", Role::Support),
        ("D", Role::Support),
        ("Liked", Role::Support),
    ];
    let mut with_dislike = bill.clone();
    with_dislike.push(("Nope", Role::Support));
    let events = vec![
        ev("fest", &bill, "2026-12-05T12:00:00Z", 51.5, -0.1, &[]),
        ev(
            "fest2",
            &with_dislike,
            "2026-12-05T12:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "plain",
            &[("Z", Role::Headliner)],
            "2026-12-05T12:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
    ];
    let mut p = picks(&["Liked"], &[]);
    p.add_picks(&Picks {
        disliked_artists: vec![Pick::Name("Nope".into())],
        ..Picks::default()
    });
    let r = rank_events(&p, &events, &ctx()).unwrap();
    let ids: Vec<_> = r.iter().map(|r| r.event_id.as_str()).collect();
    assert_eq!(ids, ["fest", "plain"]);
    assert_eq!(r[0].reasons[0].text, "You picked Liked (support)");
    assert!((r[0].reasons[0].contribution - 15.0).abs() < 1e-9);
    assert_sums(&r);
}

#[test]
fn genres_are_inferred_from_the_catalogue_when_spotify_sends_none() {
    let events = vec![
        ev(
            "b1",
            &[("Bicep", Role::Headliner)],
            "2026-12-01T20:00:00Z",
            51.5,
            -0.1,
            &["techno"],
        ),
        ev(
            "b2",
            &[("Bicep", Role::Headliner)],
            "2026-12-20T20:00:00Z",
            51.5,
            -0.1,
            &["techno", "house"],
        ),
        ev(
            "t",
            &[("Unknown DJ", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &["techno"],
        ),
        ev(
            "r",
            &[("Unknown Band", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &["bluegrass"],
        ),
    ];
    let mut p = Profile::default();
    p.add_spotify_followed(&[SpotifyArtist {
        id: "S1".into(),
        name: "Bicep".into(),
        genres: vec![],
    }]);
    let set = EventSet::new(events);
    let g = genres_for(&p, &set);
    let techno = g.iter().find(|g| g.name == "techno").unwrap();
    assert!(
        techno.from_events && (techno.affinity - 0.21).abs() < 1e-6,
        "{techno:?}"
    );
    let r = rank(&p, &set, &ctx()).unwrap();
    let ids: Vec<_> = r.iter().map(|r| r.event_id.as_str()).collect();
    assert_eq!(ids[..2], ["b2", "t"]);
    let reason = r[1]
        .reasons
        .iter()
        .find(|x| x.kind == ReasonKind::Genre)
        .unwrap();
    assert_eq!(reason.text, "Techno, like Bicep's shows");
    assert_eq!(reason.source.as_deref(), Some("events"));
    assert_sums(&r);
}

#[test]
fn genres_come_from_lineups_when_the_catalogue_tags_none_of_the_artists_shows() {
    // Bandsintown-style: the followed act's own shows carry no genre; the acts on its bills do.
    let events = vec![
        ev(
            "bill1",
            &[("Quiet Act", Role::Headliner), ("Techno DJ", Role::Support)],
            "2026-12-01T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "bill2",
            &[("Quiet Act", Role::Headliner), ("Acid Trio", Role::Support)],
            "2026-12-02T20:00:00Z",
            51.5,
            -0.1,
            &[],
        ),
        ev(
            "dj",
            &[("Techno DJ", Role::Headliner)],
            "2026-12-03T20:00:00Z",
            51.5,
            -0.1,
            &["techno"],
        ),
        ev(
            "trio",
            &[("Acid Trio", Role::Headliner)],
            "2026-12-04T20:00:00Z",
            51.5,
            -0.1,
            &["techno"],
        ),
        ev(
            "other",
            &[("Stranger", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &["techno"],
        ),
        ev(
            "folk",
            &[("Folk Singer", Role::Headliner)],
            "2026-12-05T20:00:00Z",
            51.5,
            -0.1,
            &["folk"],
        ),
    ];
    let mut p = Profile::default();
    p.add_spotify_followed(&[SpotifyArtist {
        id: "S9".into(),
        name: "Quiet Act".into(),
        genres: vec![],
    }]);
    let set = EventSet::new(events);
    let g = genres_for(&p, &set);
    let techno = g.iter().find(|g| g.name == "techno").unwrap();
    // Both co-billed acts are all techno: share 1, so 0.15 × affinity of a followed act.
    let followed = p.artists[0].affinity();
    assert!(techno.from_events && techno.from_lineups, "{techno:?}");
    assert!(
        (techno.affinity - 0.15 * followed).abs() < 1e-6,
        "{techno:?}"
    );
    assert_eq!(techno.via, ["Quiet Act"]);
    assert!(g.iter().all(|g| g.name != "folk"));

    let r = rank(&p, &set, &ctx()).unwrap();
    let stranger = r.iter().find(|r| r.event_id == set.events()[4].id).unwrap();
    let folk = r.iter().find(|r| r.event_id == set.events()[5].id).unwrap();
    assert!(stranger.score > folk.score);
    let reason = stranger
        .reasons
        .iter()
        .find(|x| x.kind == ReasonKind::Genre)
        .unwrap();
    assert_eq!(
        reason.text,
        "Techno, like the acts Quiet Act shares bills with"
    );
    assert_eq!(reason.source.as_deref(), Some("lineups"));
    assert_eq!(reason.via, ["Quiet Act"]);
    assert_sums(&r);

    // A weight of 0 switches the part off, reasons and all.
    let off = Weights {
        genre: 0.0,
        ..Weights::default()
    };
    let r = rank_with(&p, &set, &ctx(), &off).unwrap();
    assert!(
        r.iter()
            .all(|x| x.reasons.iter().all(|r| r.kind != ReasonKind::Genre))
    );
    assert_sums(&r);
}

/// A catalogue where a few headliners have many dates, with supports, festival bills, genre
/// likes and dislikes: the hard case for selection under the diversity cap.
fn crowded(n: usize, seed: u64) -> (EventSet, Profile) {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let names: Vec<String> = (0..40).map(|a| format!("Act {a}")).collect();
    let genres = [
        "deep house",
        "house",
        "techno",
        "indie rock",
        "country",
        "jazz",
    ];
    let events: Vec<Event> = (0..n)
        .map(|_| {
            // Acts 0..4 headline most shows.
            let bill: Vec<(&str, Role)> = (0..1 + next(5) as usize)
                .map(|j| {
                    let a = if j == 0 && next(3) > 0 {
                        next(4)
                    } else {
                        next(40)
                    };
                    let role = if j == 0 {
                        Role::Headliner
                    } else {
                        Role::Support
                    };
                    (names[a as usize].as_str(), role)
                })
                .collect();
            let gs: Vec<&str> = (0..next(4)).map(|_| genres[next(6) as usize]).collect();
            let start = format!("2026-12-{:02}T{:02}:00:00Z", 1 + next(28), next(24));
            let lat = LONDON.0 + (next(1000) as f64 - 500.0) / 1000.0;
            let lon = LONDON.1 + (next(1000) as f64 - 500.0) / 1000.0;
            ev(
                &format!("e{:04}", next(n as u64)),
                &bill,
                &start,
                lat,
                lon,
                &gs,
            )
        })
        .collect();
    let mut p = picks(
        &["Act 0", "Act 1", "Act 2", "Act 7", "Act 30"],
        &["house", "jazz"],
    );
    p.add_picks(&Picks {
        disliked_artists: vec![Pick::Name("Act 3".into())],
        disliked_genres: vec!["country".into()],
        ..Picks::default()
    });
    (EventSet::new(events), p)
}

#[test]
fn avx2_and_portable_kernels_give_the_same_bits() {
    #[cfg(target_arch = "x86_64")]
    {
        if !std::arch::is_x86_feature_detected!("avx2") {
            eprintln!("no AVX2 here: only the portable kernel runs");
            return;
        }
        let (set, profile) = crowded(3001, 7);
        let w = Weights::default();
        let prep = Prepared::new(&profile, &set, &ctx(), &w, Default::default());
        let kernel = Kernel::new(&set, &prep);
        assert!(kernel.any_dislike);
        let mut reached = 0;
        for start in (0..set.len()).step_by(BLOCK) {
            let len = BLOCK.min(set.len() - start);
            let (mut a, mut b) = (vec![0f32; len], vec![0f32; len]);
            score_block(&set, &kernel, start, &mut a);
            // SAFETY: AVX2 checked above.
            unsafe { score_block_avx2(&set, &kernel, start, &mut b) };
            for j in 0..len {
                assert_eq!(a[j].to_bits(), b[j].to_bits(), "event {}", start + j);
            }
            reached += a.iter().filter(|s| s.is_finite()).count();
        }
        assert!(reached > 100, "the data reaches the interesting cases");
    }
}

#[test]
fn one_pass_selection_equals_sorting_every_score() {
    for seed in 1..6 {
        let (set, profile) = crowded(1500, seed);
        let w = Weights::default();
        for (k, cap) in [(1, 1), (5, 1), (20, 2), (40, 0), (3000, 2)] {
            let mut c = ctx();
            c.k = k;
            c.max_per_headliner = cap;
            let prep = Prepared::new(&profile, &set, &c, &w, Default::default());
            let kernel = Kernel::new(&set, &prep);
            let mut scores = vec![0f32; set.len()];
            score_block(&set, &kernel, 0, &mut scores);
            for &(ev, delta) in &prep.deltas {
                scores[ev as usize] += delta;
            }
            // Every eligible event, sorted; then the cap applied greedily.
            let mut all: Vec<Cand> = (0..set.len())
                .filter(|&i| scores[i] > f32::NEG_INFINITY)
                .map(|i| Cand {
                    score: scores[i],
                    index: i as u32,
                })
                .collect();
            all.sort_by(|a, b| order(&set, a, b));
            let mut per: HashMap<u32, usize> = HashMap::default();
            let want: Vec<u32> = all
                .iter()
                .filter(|x| {
                    let h = set.headliner[x.index as usize];
                    let n = per.entry(h).or_insert(0);
                    *n += 1;
                    cap == 0 || h == NONE || *n <= cap
                })
                .take(k)
                .map(|x| x.index)
                .collect();
            assert_eq!(
                select(&set, &c, &prep),
                want,
                "seed {seed}, k {k}, cap {cap}"
            );
        }
    }
}
