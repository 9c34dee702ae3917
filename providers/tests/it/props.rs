//! Properties of every parser: no input makes one panic, and every event it returns keeps the
//! start invariant ([`check_start`]). Inputs: arbitrary bytes, arbitrary JSON built from the
//! providers' own field names, and real payloads (../shared/fixtures when present, small ones of
//! our own always, DICE's only ours) with bytes flipped, cut short, or one value replaced.

use crate::support::{check_start, fixtures_dir};
use gigradar_providers::{Provider, parse};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use std::sync::OnceLock;

/// Small payloads of our own, one per provider, so the mutation tests run without the fixtures.
const OWN: &[(Provider, &str)] = &[
    (
        Provider::Ticketmaster,
        r#"{"_embedded":{"events":[{"id":"G1","name":"Bicep","url":"https://www.ticketmaster.com/e/G1",
        "dates":{"start":{"localDate":"2026-03-08","localTime":"02:30:00","dateTime":"2026-03-08T07:30:00Z"},
        "timezone":"America/New_York","status":{"code":"cancelled"}},
        "classifications":[{"primary":true,"segment":{"name":"Music"},"genre":{"name":"Electronic"}}],
        "priceRanges":[{"type":"standard","currency":"USD","min":20,"max":45}],
        "_embedded":{"venues":[{"id":"KovZ1","name":"Brooklyn Steel","timezone":"America/New_York",
        "city":{"name":"Brooklyn"},"country":{"countryCode":"US"},"location":{"latitude":"40.7","longitude":"-73.9"}}],
        "attractions":[{"id":"K8","name":"Bicep","externalLinks":{"spotify":[{"url":"https://open.spotify.com/artist/73A3bLnfnz5BoQjb4gNCga"}],
        "musicbrainz":[{"id":"e0140a67-e4d1-4f13-8a01-364355bee46e"}]}}]}}]},"page":{"number":0}}"#,
    ),
    (
        Provider::Bandsintown,
        r#"[{"id":"1","artist_id":"7","datetime":"2026-11-01T01:30:00","ends_at":"","title":"",
        "datetime_display_rule":"datetime","lineup":["Zardonic","DJ Bones"],
        "offers":[{"type":"Tickets","url":"https://www.bandsintown.com/t/1"}],
        "venue":{"name":"Irving Plaza","latitude":"40.7349","longitude":"-73.9882","city":"New York",
        "region":"NY","country":"United States"},
        "artist":{"id":"7","name":"Zardonic","mbid":"993a72cf-d48c-446a-a6f6-97b2b7ea3831",
        "links":[{"type":"spotify","url":"https://open.spotify.com/artist/7BqEidErPMNiUXCRE0dV2n"}]}},
        {"id":"2","datetime":"2026-06-11T00:00:00","datetime_display_rule":"range","lineup":["A"],
        "venue":{"name":"Letňany","latitude":"50.13","longitude":"14.52","country":"Czechia"}}]"#,
    ),
    (
        Provider::Eventbrite,
        r#"{"pagination":{"page_number":1},"events":[{"id":"54875447942","name":{"text":"Static X"},
        "start":{"timezone":"America/Anchorage","local":"2019-07-26T18:30:00","utc":"2019-07-27T02:30:00Z"},
        "end":{"timezone":"America/Anchorage","utc":"2019-07-27T07:00:00Z"},"status":"live","currency":"USD",
        "is_free":false,"online_event":false,"hide_start_date":false,"category_id":"103","subcategory_id":"3011",
        "venue":{"id":"1","name":"Catch One","latitude":"34.047827","longitude":"-118.324115",
        "address":{"address_1":"4067 W Pico Blvd","city":"Los Angeles","country":"US"}},
        "ticket_availability":{"minimum_ticket_price":{"major_value":"25.00","currency":"USD"}},
        "logo":{"original":{"url":"https://img.evbuc.com/1.jpg"}}}]}"#,
    ),
    (
        Provider::Seatgeek,
        r#"{"meta":{"page":1},"events":[{"id":5225201,"title":"Maroon 5","datetime_utc":"2020-03-03T06:30:00",
        "datetime_local":"2020-03-03T03:30:00","time_tbd":false,"date_tbd":false,"status":"normal",
        "taxonomies":[{"name":"concert"}],"performers":[{"id":2499,"name":"Maroon 5","primary":true,
        "genres":[{"name":"Pop","primary":true}]}],"stats":{"lowest_price":187,"highest_price":619},
        "venue":{"id":1,"name":"Estadio","timezone":"America/Sao_Paulo","country":"Brazil",
        "location":{"lat":-15.7835,"lon":-47.8992}}}]}"#,
    ),
    (
        Provider::Songkick,
        r#"{"resultsPage":{"status":"ok","results":{"event":[{"id":36224119,
        "displayName":"LANY at Rebel (May 22, 2019)","type":"Concert","status":"ok",
        "start":{"date":"2019-05-22","datetime":"2019-05-22T19:00:00-0400","time":"19:00:00"},
        "performance":[{"billing":"headline","billingIndex":1,"artist":{"id":8376228,"displayName":"LANY",
        "identifier":[{"mbid":"f1cc066a-6dd1-4b18-ae68-3708472ab4b1"}]}}],
        "venue":{"id":3417329,"displayName":"Rebel","lat":43.6409,"lng":-79.35459,
        "metroArea":{"displayName":"Toronto","country":{"displayName":"Canada"}}},
        "location":{"city":"Toronto, ON, Canada","lat":43.6409,"lng":-79.35459}}]}}}"#,
    ),
    (
        Provider::Dice,
        r#"[{"id":"6507f1b2","name":"Four Tet","date":"2026-10-25T01:30:00+01:00","date_end":"2026-10-25T06:00:00Z",
        "timezone":"Europe/London","status":"on-sale","perm_name":"four-tet",
        "event_images":{"landscape":"https://dice-media.imgix.net/l.jpg"},
        "venues":[{"id":42,"name":"Printworks","city":{"name":"London","country_alpha3":"GBR"}}],
        "location":{"lat":51.4955,"lng":-0.0437},"lineup":[{"details":"Four Tet","time":"23:00"}],
        "genre_tags":["music:electronic"],"type_tags":["music:dj"],"currency":"GBP",
        "ticket_types":[{"price":{"total":3550,"face_value":3000}}]}]"#,
    ),
];

/// A payload to mutate: its provider, bytes, and the JSON pointer of every value in it.
struct Sample {
    provider: Provider,
    bytes: Vec<u8>,
    value: Value,
    pointers: Vec<String>,
}

fn samples() -> &'static [Sample] {
    static ALL: OnceLock<Vec<Sample>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<(Provider, Vec<u8>)> = OWN
            .iter()
            .map(|(p, s)| (*p, s.as_bytes().to_vec()))
            .collect();
        if let Some(dir) = fixtures_dir() {
            for (folder, provider) in [
                ("ticketmaster", Provider::Ticketmaster),
                ("bandsintown", Provider::Bandsintown),
                ("eventbrite", Provider::Eventbrite),
                ("seatgeek", Provider::Seatgeek),
                ("songkick", Provider::Songkick),
            ] {
                let mut paths: Vec<_> = std::fs::read_dir(dir.join(folder))
                    .expect("readable fixtures")
                    .map(|e| e.expect("entry").path())
                    .collect();
                paths.sort();
                all.extend(
                    paths
                        .into_iter()
                        .map(|p| (provider, std::fs::read(p).unwrap())),
                );
            }
        }
        all.into_iter()
            .map(|(provider, bytes)| {
                let value: Value = serde_json::from_slice(&bytes).expect("valid JSON sample");
                let mut pointers = Vec::new();
                collect_pointers(&value, String::new(), &mut pointers);
                Sample {
                    provider,
                    bytes,
                    value,
                    pointers,
                }
            })
            .collect()
    })
}

fn collect_pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_pointers(item, format!("{here}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                collect_pointers(item, format!("{here}/{key}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

/// Parse with `provider` and check every event it returns.
fn parse_and_check(provider: Provider, bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(out) = parse(provider, bytes) {
        for p in &out.problems {
            let line = p.to_string();
            prop_assert!(
                !line.contains(['\n', '\r']),
                "{provider}: problem on several lines"
            );
        }
        for e in &out.events {
            if let Err(m) = check_start(e) {
                return Err(TestCaseError::fail(format!("{provider}: {m}")));
            }
            prop_assert!(!e.title.is_empty(), "{provider}: empty title");
            let coords_ok = e.venue.as_ref().is_none_or(|v| {
                v.lat
                    .is_none_or(|l| l.is_finite() && (-90.0..=90.0).contains(&l))
                    && v.lon
                        .is_none_or(|l| l.is_finite() && (-180.0..=180.0).contains(&l))
            });
            prop_assert!(coords_ok, "{provider}: coordinates out of range");
            let urls = [&e.url, &e.image].into_iter().flatten();
            for u in urls {
                prop_assert!(u.starts_with("http://") || u.starts_with("https://"), "{u}");
            }
        }
    }
    Ok(())
}

/// Field names the parsers read, so random JSON reaches past the first check.
const KEYS: &[&str] = &[
    "id",
    "name",
    "title",
    "datetime",
    "starts_at",
    "ends_at",
    "lineup",
    "venue",
    "latitude",
    "longitude",
    "country",
    "artist",
    "artist_id",
    "mbid",
    "links",
    "type",
    "url",
    "offers",
    "datetime_display_rule",
    "start",
    "end",
    "utc",
    "local",
    "timezone",
    "events",
    "pagination",
    "hide_start_date",
    "online_event",
    "is_free",
    "currency",
    "category_id",
    "subcategory_id",
    "ticket_availability",
    "minimum_ticket_price",
    "major_value",
    "logo",
    "meta",
    "datetime_utc",
    "datetime_local",
    "time_tbd",
    "date_tbd",
    "performers",
    "primary",
    "genres",
    "taxonomies",
    "stats",
    "lowest_price",
    "location",
    "lat",
    "lon",
    "lng",
    "resultsPage",
    "results",
    "event",
    "date",
    "time",
    "billing",
    "billingIndex",
    "performance",
    "displayName",
    "metroArea",
    "identifier",
    "status",
    "data",
    "items",
    "dates",
    "event_start_date",
    "venues",
    "city",
    "country_alpha3",
    "ticket_types",
    "price",
    "total",
    "face_value",
    "_embedded",
    "localDate",
    "localTime",
    "dateTime",
    "attractions",
    "externalLinks",
    "spotify",
    "musicbrainz",
    "classifications",
    "priceRanges",
    "errorMessage",
    "error",
    "noSpecificTime",
    "code",
];

/// Strings that mean something to a parser: times in DST gaps and folds, zones, odd numbers.
const STRINGS: &[&str] = &[
    "2026-03-08T02:30:00",
    "2026-11-01T01:30:00",
    "2026-11-01T01:30:00-0500",
    "2026-11-01T05:30:00Z",
    "2026-10-25T01:30:00+00:00",
    "2026-02-30T20:00:00",
    "2026-03-08",
    "02:30:00",
    "03:30",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Mars/Olympus",
    "40.7",
    "-73.9",
    "91",
    "NaN",
    "1e309",
    "-0",
    "canceled",
    "postponed",
    "range",
    "https://example.com/a",
    "javascript:alert(1)",
    "103",
    "3006",
    "Czechia",
    "GBR",
    "e0140a67-e4d1-4f13-8a01-364355bee46e",
    "https://open.spotify.com/artist/7BqEidErPMNiUXCRE0dV2n",
    "",
    "\u{202e}x\u{0007}",
];

/// Modest case counts keep `cargo test` fast; `PROPTEST_CASES=5000` runs a longer hunt.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| {
            serde_json::Number::from_f64(f).map(Value::Number)
        }),
        prop::sample::select(STRINGS).prop_map(|s| Value::String(s.to_owned())),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        for p in Provider::ALL {
            parse_and_check(p, &bytes)?;
        }
    }

    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        let bytes = serde_json::to_vec(&v).unwrap();
        for p in Provider::ALL {
            parse_and_check(p, &bytes)?;
        }
    }

    #[test]
    fn payloads_with_one_value_replaced_never_panic(
        which in any::<Index>(),
        at in any::<Index>(),
        replacement in json_value(),
    ) {
        let all = samples();
        let s = which.get(all);
        let mut v = s.value.clone();
        let pointer = at.get(&s.pointers);
        if let Some(slot) = v.pointer_mut(pointer) {
            *slot = replacement;
        }
        parse_and_check(s.provider, &serde_json::to_vec(&v).unwrap())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn payloads_with_bytes_flipped_or_cut_never_panic(
        which in any::<Index>(),
        flips in prop::collection::vec((any::<Index>(), any::<u8>()), 0..8),
        cut in prop::option::of(any::<Index>()),
    ) {
        let s = which.get(samples());
        let mut bytes = s.bytes.clone();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        parse_and_check(s.provider, &bytes)?;
    }
}

#[test]
fn own_samples_parse_and_keep_the_invariant() {
    for (p, s) in OWN {
        let out = parse(*p, s.as_bytes()).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert!(out.problems.is_empty(), "{p}: {:?}", out.problems);
        assert!(!out.events.is_empty(), "{p}");
        for e in &out.events {
            check_start(e).unwrap_or_else(|m| panic!("{p}: {m}"));
        }
    }
}
