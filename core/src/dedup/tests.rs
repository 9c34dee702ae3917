//! The hard negatives and positives of the issue, one test each, and the invariants as
//! property tests.

use super::*;
use crate::{ExternalIds, Performer, Role, Venue};
use chrono::{NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;

fn listing(provider: &str, id: &str, title: &str, day: u32, hm: (u32, u32)) -> Event {
    let mut e = Event::new(provider, id, title.to_owned());
    let d = NaiveDate::from_ymd_opt(2026, 6, day).unwrap();
    let t = NaiveTime::from_hms_opt(hm.0, hm.1, 0).unwrap();
    e.local_date = Some(d);
    e.local_time = Some(t);
    let tz = crate::time::zone("Europe/London").unwrap();
    e.start = Some(crate::time::local_to_instant(d, t, tz));
    e.timezone = Some("Europe/London".into());
    e.venue = Some(Venue {
        name: "Electric Ballroom".into(),
        address: None,
        city: Some("London".into()),
        region: None,
        postal_code: None,
        country: Some("GB".into()),
        lat: Some(51.5390),
        lon: Some(-0.1426),
        ids: ExternalIds::default(),
    });
    e
}

fn with_venue(mut e: Event, name: &str, lat: f64, lon: f64) -> Event {
    let v = e.venue.as_mut().unwrap();
    v.name = name.into();
    v.lat = Some(lat);
    v.lon = Some(lon);
    e
}

fn performer(mut e: Event, name: &str, spotify: Option<&str>) -> Event {
    e.performers.push(Performer {
        name: name.into(),
        role: Role::Headliner,
        ids: ExternalIds {
            spotify: spotify.map(String::from),
            ..ExternalIds::default()
        },
    });
    e
}

fn count(events: Vec<Event>) -> usize {
    dedup(events, &DedupOptions::default()).events.len()
}

#[test]
fn venueless_listings_need_a_shared_performer_id() {
    // Seen in Eventbrite's DC organizer events: two activities, one time, no venue.
    let mut a = listing(
        "eventbrite",
        "1",
        "March 19, 20, & 21 - Full Moon Hikes",
        19,
        (19, 30),
    );
    let mut b = listing(
        "eventbrite",
        "2",
        "March 19, 20, & 21 Full Moon - Forest Bathing",
        19,
        (19, 30),
    );
    a.venue = None;
    b.venue = None;
    assert_eq!(count(vec![a.clone(), b.clone()]), 2);
    let (a, b) = (
        performer(a, "Bicep", Some("2Mu5NfyYm8n5iTomuKAEHl")),
        performer(b, "Bicep", Some("2Mu5NfyYm8n5iTomuKAEHl")),
    );
    assert_eq!(count(vec![a, b]), 1);
}

#[test]
fn same_show_across_providers_merges_despite_noise() {
    let tm = performer(
        listing(
            "ticketmaster",
            "G1",
            "Shinedown: Planet Zero World Tour",
            10,
            (20, 0),
        ),
        "Shinedown",
        Some("70BYFdaZbEKbeauJ670ysI"),
    );
    // Bandsintown: "at Venue" title, doors time, coordinates ~300 m away.
    let bit = with_venue(
        performer(
            listing(
                "bandsintown",
                "77",
                "Shinedown at Electric Ballroom",
                10,
                (18, 30),
            ),
            "Shinedown",
            None,
        ),
        "The Electric Ballroom",
        51.5412,
        -0.1401,
    );
    // Eventbrite: venue not announced, city centroid.
    let eb = with_venue(
        listing(
            "eventbrite",
            "5",
            "SHINEDOWN - Planet Zero Tour (18+)",
            10,
            (19, 0),
        ),
        "TBA",
        51.5072,
        -0.1276,
    );
    // Ticketmaster package listing of the same show.
    let pkg = listing(
        "ticketmaster",
        "G2",
        "Shinedown - VIP Packages",
        10,
        (20, 0),
    );
    let out = dedup(vec![tm, bit, eb, pkg], &DedupOptions::default());
    assert_eq!(out.events.len(), 1, "{:#?}", out.events);
    let e = &out.events[0];
    assert_eq!(e.sources.len(), 4);
    assert_eq!(e.title, "Shinedown: Planet Zero World Tour");
    assert_eq!(e.id, crate::id::event_id("bandsintown", "77"));
    assert_eq!(out.merges.len(), 1);
    assert_eq!(out.merges[0].pairs.len(), 3);
}

#[test]
fn consecutive_nights_stay_apart() {
    let a = listing("ticketmaster", "1", "Eagles", 27, (20, 0));
    let b = listing("ticketmaster", "2", "Eagles", 28, (20, 0));
    let c = listing(
        "bandsintown",
        "3",
        "Eagles at Electric Ballroom",
        28,
        (19, 0),
    );
    let out = dedup(vec![a, b, c], &DedupOptions::default());
    assert_eq!(out.events.len(), 2);
}

#[test]
fn early_and_late_shows_stay_apart() {
    let a = listing(
        "ticketmaster",
        "1",
        "Spider-Man: Across The Spider-Verse - Live In Concert",
        26,
        (14, 0),
    );
    let b = listing(
        "ticketmaster",
        "2",
        "Spider-Man: Across The Spider-Verse - Live In Concert",
        26,
        (20, 0),
    );
    let c = listing(
        "eventbrite",
        "3",
        "Spider-Man: Across the Spider-Verse in Concert",
        26,
        (19, 30),
    );
    let d = listing(
        "eventbrite",
        "4",
        "Spider-Man: Across the Spider-Verse in Concert",
        26,
        (13, 30),
    );
    assert_eq!(count(vec![a, b, c, d]), 2);
    // Comedy double-header 150 minutes apart, from one provider: two shows.
    let e = listing("ticketmaster", "5", "Stewart Lee", 3, (19, 0));
    let f = listing("ticketmaster", "6", "Stewart Lee", 3, (21, 30));
    assert_eq!(count(vec![e, f]), 2);
}

#[test]
fn one_provider_never_lists_one_show_twice_at_two_times() {
    // 19:00 and 20:30: within the doors-vs-show window, but one provider's two listings.
    let a = listing("ticketmaster", "1", "Stewart Lee", 3, (19, 0));
    let b = listing("ticketmaster", "2", "Stewart Lee", 3, (20, 30));
    // A third listing between them must not chain them together.
    let c = listing("bandsintown", "3", "Stewart Lee", 3, (19, 45));
    let out = dedup(vec![a, b, c], &DedupOptions::default());
    assert_eq!(out.events.len(), 2);
}

#[test]
fn two_rooms_of_one_venue_stay_apart() {
    let a = with_venue(
        listing("dice", "1", "Night Tapes", 5, (20, 0)),
        "Electric Ballroom - Upstairs",
        51.5390,
        -0.1426,
    );
    let b = with_venue(
        listing("eventbrite", "2", "Night Tapes", 5, (20, 0)),
        "Electric Ballroom - Main Room",
        51.5390,
        -0.1426,
    );
    assert_eq!(count(vec![a, b]), 2);
}

#[test]
fn tribute_acts_and_similar_names_stay_apart() {
    let real = performer(
        listing("ticketmaster", "1", "The Beatles", 5, (20, 0)),
        "The Beatles",
        None,
    );
    let fab = listing(
        "eventbrite",
        "2",
        "The Fab Four - Beatles Tribute",
        5,
        (20, 0),
    );
    let boot = listing("dice", "3", "Bootleg Beatles", 5, (20, 0));
    assert_eq!(count(vec![real, fab, boot]), 3);
    let a = listing("ticketmaster", "4", "The National", 6, (20, 0));
    let b = listing("dice", "5", "The Nationals", 6, (20, 0));
    assert_eq!(count(vec![a, b]), 2);
    // The tribute act itself still merges across providers.
    let c = listing("ticketmaster", "6", "The Fab Four", 7, (20, 0));
    let d = listing(
        "eventbrite",
        "7",
        "The Fab Four - Beatles Tribute",
        7,
        (19, 30),
    );
    assert_eq!(count(vec![c, d]), 1);
}

#[test]
fn a_two_day_pass_is_not_one_of_its_days() {
    let day = listing("ticketmaster", "1", "Cold Waves X Front 242", 15, (19, 45));
    let pass = listing("ticketmaster", "2", "2 Day Pass: Cold Waves", 15, (19, 45));
    assert_eq!(count(vec![day, pass]), 2);
}

#[test]
fn different_venues_in_one_city_stay_apart() {
    let a = listing("ticketmaster", "1", "DJ Seinfeld", 5, (23, 0));
    let b = with_venue(
        listing("dice", "2", "DJ Seinfeld", 5, (23, 0)),
        "Fabric",
        51.5196,
        -0.1025,
    );
    assert_eq!(count(vec![a, b]), 2);
}

#[test]
fn same_listing_twice_is_one_event() {
    let a = listing("ticketmaster", "1", "Eagles", 27, (20, 0));
    let mut b = a.clone();
    b.title = "Eagles (updated)".into();
    let out = dedup(vec![a, b], &DedupOptions::default());
    assert_eq!(out.events.len(), 1);
    assert_eq!(out.events[0].sources.len(), 1);
    assert_eq!(out.merges[0].pairs[0].round, 0);
}

#[test]
fn merge_into_keeps_existing_ids_and_aliases_bridged_events() {
    let o = DedupOptions::default();
    let mut a = listing("ticketmaster", "1", "Phoebe Bridgers", 5, (20, 0));
    a.sources[0].fetched_at = Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
    let mut b = with_venue(
        listing("dice", "2", "Phoebe Bridgers", 5, (19, 0)),
        "Electric Ballroom",
        51.5390,
        -0.1426,
    );
    b.performers.clear();
    b.sources[0].fetched_at = Some(Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap());
    // Existing a and b did not merge before (say their features differed); give them ids.
    a.id = "ev_a".into();
    b.id = "ev_b".into();
    let joining = listing(
        "bandsintown",
        "3",
        "Phoebe Bridgers at Electric Ballroom",
        5,
        (19, 30),
    );
    let out = merge_into(&[a.clone(), b.clone()], &[joining], &o);
    assert_eq!(out.events.len(), 1, "{:#?}", out.events);
    assert_eq!(out.events[0].id, "ev_a", "the older event survives");
    assert_eq!(out.aliases.get("ev_b").map(String::as_str), Some("ev_a"));
    // A listing that joins one event leaves its id alone.
    let late = listing("eventbrite", "4", "Phoebe Bridgers", 5, (20, 0));
    let out2 = merge_into(&out.events, &[late], &o);
    assert_eq!(out2.events.len(), 1);
    assert_eq!(out2.events[0].id, "ev_a");
    assert!(out2.aliases.is_empty());
    // Existing events that do match are not merged without a new listing.
    let out3 = merge_into(&[a, b], &[], &o);
    assert_eq!(out3.events.len(), 2);
}

// ---- property tests: order independence, idempotence, every source exactly once ----

const ACTS: &[&str] = &[
    "Phoebe Bridgers",
    "The National",
    "The Nationals",
    "Bicep",
    "The Beatles",
    "Bootleg Beatles",
    "Sigur Rós",
    "Мумий Тролль",
];
const VENUES: &[(&str, f64, f64)] = &[
    ("Electric Ballroom", 51.5390, -0.1426),
    ("Electric Ballroom - Upstairs", 51.5390, -0.1426),
    ("KOKO", 51.5347, -0.1382),
    ("TBA", 51.5072, -0.1276),
];
const PROVIDERS: &[&str] = &["ticketmaster", "bandsintown", "eventbrite", "dice"];

fn arb_event() -> impl Strategy<Value = Event> {
    (
        0..PROVIDERS.len(),
        0u32..40,
        0..ACTS.len(),
        0..4usize,
        0..VENUES.len(),
        1u32..3,
        prop::sample::select(vec![
            (14, 0),
            (18, 30),
            (19, 0),
            (19, 45),
            (20, 0),
            (21, 30),
        ]),
        -300i32..300,
    )
        .prop_map(|(p, id, act, style, v, day, hm, jitter)| {
            let name = ACTS[act];
            let title = match style {
                0 => name.to_owned(),
                1 => format!("{name} - VIP Packages"),
                2 => format!("{name} at {}", VENUES[v].0),
                _ => format!("{} (18+)", name.to_uppercase()),
            };
            let (vn, lat, lon) = VENUES[v];
            let e = with_venue(
                listing(PROVIDERS[p], &id.to_string(), &title, day, hm),
                vn,
                lat + f64::from(jitter) * 1e-6,
                lon,
            );
            if style == 0 {
                performer(e, name, None)
            } else {
                e
            }
        })
}

fn keys(events: &[Event]) -> Vec<String> {
    let mut k: Vec<String> = events
        .iter()
        .flat_map(|e| e.sources.iter().map(|s| s.key()))
        .collect();
    k.sort();
    k
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn result_does_not_depend_on_input_order(events in prop::collection::vec(arb_event(), 0..24), seed in any::<u64>()) {
        let o = DedupOptions::default();
        let mut shuffled = events.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        shuffled.reverse();
        prop_assert_eq!(dedup(events, &o), dedup(shuffled, &o));
    }

    #[test]
    fn dedup_of_its_own_output_changes_nothing(events in prop::collection::vec(arb_event(), 0..24)) {
        let o = DedupOptions::default();
        let once = dedup(events, &o);
        let twice = dedup(once.events.clone(), &o);
        prop_assert_eq!(&twice.events, &once.events);
        prop_assert!(twice.merges.is_empty());
    }

    #[test]
    fn every_source_is_kept_exactly_once(events in prop::collection::vec(arb_event(), 0..24)) {
        let o = DedupOptions::default();
        let mut want = keys(&events);
        want.dedup();
        let out = dedup(events, &o);
        prop_assert_eq!(keys(&out.events), want);
    }
}

/// A xorshift step: the dedup tests' reproducible random numbers.
pub(super) fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

#[test]
fn place_in_order_moves_each_wanted_element_to_its_place() {
    // Chains from unwanted places, cycles, places wanted from beyond the order's length, and
    // elements nobody wants, over many shuffles.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| (xorshift(&mut x) % n as u64) as usize;
    for n in 1..60 {
        for _ in 0..20 {
            let mut positions: Vec<u32> = (0..n as u32).collect();
            for i in (1..n).rev() {
                positions.swap(i, next(i + 1));
            }
            let order = &positions[..next(n + 1)];
            let mut v: Vec<Option<u32>> = (0..n as u32).map(Some).collect();
            super::place_in_order(&mut v, order);
            let mut want: Vec<Option<u32>> = order.iter().map(|&p| Some(p)).collect();
            want.resize(n, None);
            assert_eq!(v, want, "order {order:?}");
        }
    }
}
