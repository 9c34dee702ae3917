//! `gigradar profile` and `gigradar rank` on the sample data in examples/data.

use crate::{gigradar, stderr, stdout};

const D: &str = "examples/data";

fn sample_profile() -> String {
    let o = gigradar(
        &[
            "profile",
            "--spotify-top",
            &format!("{D}/spotify_top_short_term.json"),
            "--spotify-top",
            &format!("long_term={D}/spotify_top_long_term.json"),
            "--spotify-following",
            &format!("{D}/spotify_following.json"),
            "--picks",
            &format!("{D}/picks.json"),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

fn write_temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("gigradar-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn rank_sample(extra: &[&str]) -> std::process::Output {
    let profile = write_temp("profile.json", &sample_profile());
    let mut args = vec![
        "rank",
        "--profile",
        &profile,
        "--events",
        "examples/data/sample_events.jsonl",
        "--now",
        "2026-12-02T18:00:00Z",
        "--near",
        "51.5465,-0.1058",
    ];
    args.extend_from_slice(extra);
    gigradar(&args, None)
}

#[test]
fn profile_blends_spotify_and_picks() {
    let p: serde_json::Value = serde_json::from_str(&sample_profile()).unwrap();
    let artists = p["artists"].as_array().unwrap();
    let bicep = artists.iter().find(|a| a["name"] == "Bicep").unwrap();
    let sources: Vec<&str> = bicep["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["spotify_top", "spotify_top", "spotify_followed"]);
    assert_eq!(p["home"]["radius_km"], 25.0);
    assert!(artists.iter().any(|a| a["name"] == "Coldplay"));
}

#[test]
fn empty_profile_needs_no_input() {
    let o = gigradar(&["profile"], None);
    assert!(o.status.success());
    let p: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(p["artists"].as_array().unwrap().len(), 0);
}

#[test]
fn sample_feed_is_one_a_person_would_agree_with() {
    let o = rank_sample(&["-k", "10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10);
    let titles: Vec<&str> = lines
        .iter()
        .map(|l| l["event"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Bicep CHROMA", "{titles:?}");
    // Two of Fred again..'s three nights at most; nothing disliked, cancelled, past or too far.
    assert_eq!(
        titles
            .iter()
            .filter(|t| t.starts_with("Fred again"))
            .count(),
        2
    );
    for bad in [
        "Coldplay",
        "Caribou",
        "IDLES",
        "Bonobo",
        "Peggy Gou",
        "Country",
    ] {
        assert!(
            !titles.iter().any(|t| t.contains(bad)),
            "{bad} in {titles:?}"
        );
    }
    let kinds: Vec<&str> = lines[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    for k in ["artist", "genre", "distance", "time"] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
    for l in &lines {
        let sum: f64 = l["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["contribution"].as_f64().unwrap())
            .sum();
        assert!((sum - l["score"].as_f64().unwrap()).abs() < 1e-9);
    }
}

#[test]
fn table_for_people() {
    let o = rank_sample(&["-k", "3", "--format", "table"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(
        out.contains("Top artist for you in the last 4 weeks"),
        "{out}"
    );
}

#[test]
fn events_from_stdin() {
    let profile = write_temp("p2.json", "{}");
    let events = std::fs::read(crate::root().join("examples/data/sample_events.jsonl")).unwrap();
    let o = gigradar(
        &[
            "rank",
            "--profile",
            &profile,
            "--events",
            "-",
            "--now",
            "2026-12-02T18:00:00Z",
            "--near",
            "51.5465,-0.1058",
            "-k",
            "2",
        ],
        Some(&events),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let garbage = write_temp("garbage.json", "{not json");
    let good_profile = write_temp("p3.json", "{}");
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "rank",
            "--profile",
            &garbage,
            "--events",
            "examples/data/sample_events.jsonl",
            "--now",
            "2026-12-02T18:00:00Z",
            "--near",
            "51.5,-0.1",
        ],
        vec![
            "rank",
            "--profile",
            "no/such/file.json",
            "--events",
            "examples/data/sample_events.jsonl",
            "--now",
            "2026-12-02T18:00:00Z",
            "--near",
            "51.5,-0.1",
        ],
        vec![
            "rank",
            "--profile",
            &good_profile,
            "--events",
            &garbage,
            "--now",
            "2026-12-02T18:00:00Z",
            "--near",
            "51.5,-0.1",
        ],
        vec![
            "rank",
            "--profile",
            &good_profile,
            "--events",
            "examples/data/sample_events.jsonl",
            "--now",
            "yesterday",
            "--near",
            "51.5,-0.1",
        ],
        vec![
            "rank",
            "--profile",
            &good_profile,
            "--events",
            "examples/data/sample_events.jsonl",
            "--now",
            "2026-12-02T18:00:00Z",
            "--near",
            "95,0",
        ],
        vec![
            "rank",
            "--profile",
            &good_profile,
            "--events",
            "examples/data/sample_events.jsonl",
            "--now",
            "2026-12-02T18:00:00Z",
            "--near",
            "51.5,-0.1",
            "--radius-km",
            "-3",
        ],
        vec!["rank", "--wrong-flag"],
        vec!["profile", "--spotify-top", &garbage],
        vec!["profile", "--picks", "examples/data/spotify_following.json"],
        vec!["profile", "--spotify-following", "no/such/file.json"],
    ];
    for args in cases {
        let o = gigradar(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}");
        let err = stderr(&o);
        assert!(!err.trim().is_empty(), "{args:?}");
        if !args.contains(&"--wrong-flag")
            && !args.contains(&"yesterday")
            && !args.contains(&"95,0")
        {
            assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        }
    }
}

/// The sample profile, with the person having saved the shows near Highbury and skipped the
/// farther ones the day before.
fn profile_with_feedback() -> String {
    let mut p: serde_json::Value = serde_json::from_str(&sample_profile()).unwrap();
    let saved = [
        "ev_e3cb0400fe0200fdbd96fe7d", // Nala Sinephro, 2.1 km
        "ev_831a664606391af73fa7ba3c", // Little Simz, 2.6 km
        "ev_c408460587d00c1991e18da6", // Stand-up, 2.6 km
        "ev_2352221c85c6edede171a9c1", // Fontaines D.C., 2.6 km
        "ev_a793ad1c96590ae722f38add", // Ezra Collective, 2.8 km
        "ev_c6e64eefa7faf1b3bd84b080", // Overmono, 3.0 km
    ];
    let skipped = [
        "ev_19be49ccdbe6dcb1fb387572", // Objekt, 5.9 km
        "ev_53538e4c3bbe74dd5f2a1858", // Phoebe Bridgers, 7.1 km
        "ev_c6f123f82348eefaef3a9db7", // Nils Frahm, 7.1 km
        "ev_cebbcb8fdf8f92fdfd114966", // Bicep, 9.1 km
        "ev_fc52f987f170ead870401729", // Wet Leg, 9.1 km
        "ev_b15c247d4216b2408635d517", // Khruangbin, 10.3 km
        "ev_51d3356a63955fe75436b3e4", // Arctic Monkeys, 12.1 km
    ];
    let feedback: Vec<serde_json::Value> = saved
        .iter()
        .map(|id| (id, "save"))
        .chain(skipped.iter().map(|id| (id, "skip")))
        .map(|(id, action)| {
            serde_json::json!({"event_id": id, "action": action, "at": "2026-12-01T12:00:00Z"})
        })
        .collect();
    p["feedback"] = feedback.into();
    p.to_string()
}

fn rank_lines(profile: &str, extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let mut args = vec![
        "rank",
        "--profile",
        profile,
        "--events",
        "examples/data/sample_events.jsonl",
        "--now",
        "2026-12-02T18:00:00Z",
        "--near",
        "51.5465,-0.1058",
        "-k",
        "30",
    ];
    args.extend_from_slice(extra);
    let o = gigradar(&args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, stderr(&o))
}

/// The contribution of the `kind` reason of the show titled `title`.
fn contribution(lines: &[serde_json::Value], title: &str, kind: &str) -> f64 {
    let line = lines
        .iter()
        .find(|l| l["event"]["title"] == title)
        .unwrap_or_else(|| panic!("{title} not ranked"));
    line["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == kind)
        .and_then(|r| r["contribution"].as_f64())
        .unwrap_or(0.0)
}

#[test]
fn learn_fits_weights_to_the_profiles_feedback() {
    let profile = write_temp("p-feedback.json", &profile_with_feedback());
    let (plain, _) = rank_lines(&profile, &[]);
    let (learned, log) = rank_lines(&profile, &["--learn"]);
    assert!(
        log.contains("learn: learned from 6 saved and 7 skipped or hidden shows"),
        "{log}"
    );
    assert!(log.contains("the shows you saved were closer"), "{log}");
    // Floating Points (3.2 km, no feedback of its own): its distance now counts for more.
    let show = "Floating Points (live)";
    let (before, after) = (
        contribution(&plain, show, "distance"),
        contribution(&learned, show, "distance"),
    );
    assert!(after > before, "{before} -> {after}");
    for l in &learned {
        let sum: f64 = l["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["contribution"].as_f64().unwrap())
            .sum();
        assert!((sum - l["score"].as_f64().unwrap()).abs() < 1e-9);
    }
}

#[test]
fn learn_with_too_little_feedback_keeps_the_default_ranking() {
    let profile = write_temp("p-nofeedback.json", &sample_profile());
    let (plain, _) = rank_lines(&profile, &[]);
    let (learned, log) = rank_lines(&profile, &["--learn"]);
    assert!(log.contains("learn: kept the default weights"), "{log}");
    assert_eq!(plain, learned);
}
