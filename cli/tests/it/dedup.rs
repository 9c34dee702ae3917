//! `gigradar dedup`, and `parse` + `dedup` over the real payloads in ../shared/fixtures.

use crate::gigradar;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn source_keys(event: &Value) -> Vec<String> {
    event["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| {
            format!(
                "{}:{}",
                s["provider"].as_str().unwrap(),
                s["id"].as_str().unwrap()
            )
        })
        .collect()
}

const TWO_LISTINGS: &str = concat!(
    r#"{"id":"a","title":"Bicep - VIP Packages","local_date":"2026-05-01","local_time":"20:00:00","venue":{"name":"Printworks","lat":51.4951,"lon":-0.0434},"sources":[{"provider":"ticketmaster","id":"T1"}]}"#,
    "\n\n",
    r#"{"id":"b","title":"BICEP","local_date":"2026-05-01","local_time":"19:00:00","venue":{"name":"Printworks London","lat":51.4960,"lon":-0.0440},"sources":[{"provider":"dice","id":"D1"}]}"#,
    "\n",
    r#"{"id":"c","title":"Bicep","local_date":"2026-05-02","local_time":"19:00:00","venue":{"name":"Printworks","lat":51.4951,"lon":-0.0434},"sources":[{"provider":"dice","id":"D2"}]}"#,
    "\n",
);

#[test]
fn merges_one_performance_and_keeps_every_source() {
    let out = gigradar(&["dedup", "-"], Some(TWO_LISTINGS.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = lines(&out.stdout);
    assert_eq!(events.len(), 2);
    let mut all: Vec<String> = events.iter().flat_map(source_keys).collect();
    all.sort();
    assert_eq!(all, ["dice:D1", "dice:D2", "ticketmaster:T1"]);
    let merged = events.iter().find(|e| source_keys(e).len() == 2).unwrap();
    assert_eq!(
        merged["title"], "BICEP",
        "the plain title beats the package's"
    );
    assert!(
        merged.get("evidence").is_none(),
        "evidence only with --explain"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 listings -> 2 events"));
}

#[test]
fn explain_adds_the_evidence_to_merged_events() {
    let out = gigradar(&["dedup", "--explain", "-"], Some(TWO_LISTINGS.as_bytes()));
    assert!(out.status.success());
    let events = lines(&out.stdout);
    let merged = events.iter().find(|e| source_keys(e).len() == 2).unwrap();
    let pair = &merged["evidence"][0];
    assert_eq!(pair["a"], "dice:D1");
    assert_eq!(pair["b"], "ticketmaster:T1");
    assert!(pair["score"].as_f64().unwrap() > 0.5);
    assert_eq!(pair["features"]["start_diff_minutes"], 60);
    assert_eq!(pair["features"]["package"], true);
    let single = events.iter().find(|e| source_keys(e).len() == 1).unwrap();
    assert!(single.get("evidence").is_none());
}

#[test]
fn bad_input_is_exit_2_with_the_line_number() {
    let out = gigradar(&["dedup", "-"], Some(b"{\"id\":\"a\",\"title\":\"x\",\"sources\":[{\"provider\":\"dice\",\"id\":\"1\"}]}\nnot json\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    let out = gigradar(&["dedup", "/no/such/file.jsonl"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// The expected merges over ../shared/fixtures, reviewed by hand: each entry is the sorted source
/// keys of one event that dedup merged. Anything merging that is not listed (or not merging that
/// is) fails this test, so a new parser's fixtures get a review before their merges are trusted.
const EXPECTED: &str = include_str!("../data/expected_fixture_merges.json");

#[test]
fn fixtures_merge_only_true_duplicates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures");
    if !root.is_dir() {
        eprintln!("SKIPPED: {} is absent", root.display());
        return;
    }
    let mut jsonl = Vec::new();
    let mut parsed_files = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|d| d.path())
        .collect();
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let provider = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|d| d.path())
            .collect();
        files.sort();
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|x| x == "json"))
        {
            let out = gigradar(&["parse", "-p", &provider, file.to_str().unwrap()], None);
            // Exit 2: not this provider's events (a categories list, a Spotify payload) or a
            // parser that is not written yet. Those files are skipped, loudly.
            if !out.status.success() {
                eprintln!(
                    "skipped {}: {}",
                    file.display(),
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                continue;
            }
            parsed_files.push(file.clone());
            jsonl.extend_from_slice(&out.stdout);
        }
    }
    assert!(
        !parsed_files.is_empty(),
        "at least the Ticketmaster fixtures parse"
    );
    let out = gigradar(&["dedup", "--explain", "-"], Some(&jsonl));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = lines(&out.stdout);
    let n_in = lines(&jsonl).len();
    let all: BTreeSet<String> = lines(&jsonl).iter().flat_map(source_keys).collect();
    let out_keys: Vec<String> = events.iter().flat_map(source_keys).collect();
    assert_eq!(out_keys.len(), all.len(), "every source exactly once");
    assert_eq!(out_keys.iter().cloned().collect::<BTreeSet<_>>(), all);

    let merged: BTreeSet<Vec<String>> = events
        .iter()
        .filter(|e| e.get("evidence").is_some())
        .map(|e| {
            let mut k = source_keys(e);
            k.sort();
            k
        })
        .collect();
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let present: BTreeSet<String> = all.clone();
    let want: BTreeSet<Vec<String>> = expected["merges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        // Only merges whose listings were all parsed here (a provider's parser may be missing).
        .filter(|keys: &Vec<String>| keys.iter().all(|k| present.contains(k)))
        .collect();
    assert_eq!(merged, want, "{n_in} listings from {parsed_files:?}");

    // The hard negatives the fixtures hold, spelled out.
    let event_of = |key: &str| {
        events
            .iter()
            .position(|e| source_keys(e).iter().any(|k| k == key))
    };
    let apart = |a: &str, b: &str| {
        if let (Some(x), Some(y)) = (event_of(a), event_of(b)) {
            assert_ne!(x, y, "{a} and {b} are different performances");
        }
    };
    // Spider-Man live in concert at the Dolby Theatre, 2024-10-26 at 14:00 and at 20:00.
    apart("ticketmaster:vvG10ZbGUNMwr2", "ticketmaster:vvG10ZbGUNUwr6");
    // Avatar: 14:00 and 20:00 on 2024-11-23, and the night before.
    apart("ticketmaster:vvG10Zb5LQKJPP", "ticketmaster:vvG10Zb5LQ3JPO");
    apart("ticketmaster:vvG10Zb5LQopPq", "ticketmaster:vvG10Zb5LQ3JPO");
    // "2 Day Pass: Cold Waves" is not "Cold Waves X Front 242" on its first day.
    apart("ticketmaster:G5e0Z9FOuNojJ", "ticketmaster:G5e0Z9FOG9-9U");
    // Eagles at the MGM Grand Garden Arena on two consecutive nights.
    apart("ticketmaster:G5ezZ4EQXAozb", "ticketmaster:G5ezZ4EQXk-zQ");
    // The Beach Boys at the Holland Performing Arts Center, three days running (Bandsintown).
    apart("bandsintown:20886663", "bandsintown:20884256");
    apart("bandsintown:20884256", "bandsintown:20884202");
}
