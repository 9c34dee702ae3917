//! Eventbrite, Bandsintown and DICE (Apify) fetchers against loopback servers shaped like the real
//! APIs, each through the same faults: 429 with Retry-After, 500, a stall past the timeout, a
//! cut-off body, a page that is not JSON in the middle of the run, and an expired token.
//!
//! Listings are counted from the raw pages the batch keeps (every provider's parser may not have
//! landed yet), and from the canonical events whenever the parser produced any.

use crate::fetch_server::{Reply, Seen, Server, StampingTransport};
use gigradar_providers::http::{ManualClock, RateLimit};
use gigradar_providers::{Batch, Error, FetchConfig, FetchQuery, Fetcher, Provider, SecretString};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The same fault at the same request numbers in every suite.
fn standard_fault(n: usize) -> Option<Reply> {
    match n {
        1 => {
            Some(Reply::status(429, r#"{"error":"rate limited"}"#).with_header("Retry-After", "3"))
        }
        2 => Some(Reply::status(500, r#"{"error":"internal"}"#)),
        3 => Some(Reply::Stall(Duration::from_millis(1500))),
        4 => Some(Reply::CutOff {
            body: r#"[{"id":"cut"},{"id":"off"}]"#.into(),
            sent: 9,
        }),
        5 => Some(Reply::ok("<html>upstream error</html>".into())),
        _ => None,
    }
}

/// A server that applies `standard_fault` (when `faulty`) before `answer`, counting requests.
fn serve(faulty: bool, answer: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
    let count = AtomicUsize::new(0);
    Server::start(move |seen| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        if faulty && let Some(r) = standard_fault(n) {
            return r;
        }
        answer(seen)
    })
}

fn fetcher(provider: Provider, server: &Server, clock: &Arc<ManualClock>, key: &str) -> Fetcher {
    let mut config = FetchConfig::default();
    let p = config.provider_mut(provider).unwrap();
    p.base_url = server.base.clone();
    p.key = Some(SecretString::from(key.to_owned()));
    p.retry.seed = Some(11);
    Fetcher::new(config)
        .with_transport(Arc::new(StampingTransport::with_timeout(
            clock.clone(),
            // Real time, the only real time here: a 300 ms timeout against a 1.5 s stall.
            Duration::from_millis(300),
        )))
        .with_clock(clock.clone())
}

/// Listing ids in the batch's raw pages (`pick` finds the list in a page), with counts.
fn page_ids(batch: &Batch, pick: fn(&Value) -> Option<&Vec<Value>>) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    for page in &batch.pages {
        let v: Value = serde_json::from_str(&page.body).unwrap();
        for item in pick(&v).into_iter().flatten() {
            let id = item["id"].as_str().unwrap().to_owned();
            *ids.entry(id).or_insert(0) += 1;
        }
    }
    ids
}

fn assert_exactly_once(
    expected: &[String],
    batch: &Batch,
    pick: fn(&Value) -> Option<&Vec<Value>>,
) {
    let ids = page_ids(batch, pick);
    for id in expected {
        assert_eq!(ids.get(id), Some(&1), "listing {id} in the pages");
    }
    assert_eq!(
        ids.len(),
        expected.len(),
        "pages hold listings the server does not"
    );
    if !batch.events.is_empty() {
        let mut from_events: Vec<&str> = batch
            .events
            .iter()
            .map(|e| e.sources[0].id.as_str())
            .collect();
        from_events.sort();
        let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
        want.sort();
        assert_eq!(from_events, want);
    }
}

fn assert_within(server: &Server, limit: RateLimit) {
    let max = server.max_in_window(limit.window);
    assert!(
        max <= limit.max_requests as usize,
        "{max} requests in one window"
    );
}

// ---------------------------------------------------------------- Eventbrite

fn eb_event(id: &str) -> Value {
    json!({
        "id": id,
        "name": { "text": format!("Loopback gig {id}"), "html": format!("Loopback gig {id}") },
        "url": format!("https://www.eventbrite.com/e/{id}"),
        "start": { "timezone": "Europe/London", "local": "2026-05-01T20:00:00", "utc": "2026-05-01T19:00:00Z" },
        "end": { "timezone": "Europe/London", "local": "2026-05-01T23:00:00", "utc": "2026-05-01T22:00:00Z" },
        "status": "live", "category_id": "103", "subcategory_id": "3017",
        "venue": { "id": "27665366", "name": "Loopback Rooms", "latitude": "51.5074", "longitude": "-0.1278",
                   "address": { "city": "London", "country": "GB", "latitude": "51.5074", "longitude": "-0.1278" } }
    })
}

/// Eventbrite's lists: organizations page with continuation tokens, venues with page numbers.
fn eventbrite_server(faulty: bool, lists: BTreeMap<String, Vec<String>>) -> Server {
    serve(faulty, move |seen| {
        if seen.header("Authorization") != Some("Bearer eb-token") {
            return Reply::status(
                401,
                r#"{"status_code":401,"error_description":"The OAuth token you provided was invalid.","error":"INVALID_AUTH"}"#,
            );
        }
        assert_eq!(seen.param("expand"), Some("venue,category,subcategory"));
        let key = seen
            .path
            .trim_start_matches("/v3/")
            .trim_end_matches("/events/");
        let Some(ids) = lists.get(key) else {
            return Reply::status(404, r#"{"status_code":404,"error":"NOT_FOUND"}"#);
        };
        let by_token = key.starts_with("organizations");
        let page: usize = match (seen.param("continuation"), seen.param("page")) {
            (Some(c), _) => c.trim_start_matches("tok-").parse().unwrap(),
            (None, Some(p)) => p.parse().unwrap(),
            (None, None) => 1,
        };
        let size = 50;
        let count = ids.len().div_ceil(size);
        let events: Vec<Value> = ids
            .iter()
            .skip((page - 1) * size)
            .take(size)
            .map(|id| eb_event(id))
            .collect();
        let mut pagination = json!({
            "object_count": ids.len(), "page_number": page, "page_size": size,
            "page_count": count, "has_more_items": page < count,
        });
        if by_token && page < count {
            pagination["continuation"] = json!(format!("tok-{}", page + 1));
        }
        Reply::ok(json!({ "pagination": pagination, "events": events }).to_string())
    })
}

fn eb_lists() -> BTreeMap<String, Vec<String>> {
    let mut lists = BTreeMap::new();
    lists.insert(
        "organizations/1001".to_owned(),
        (0..120).map(|i| format!("7{i:05}")).collect(),
    );
    lists.insert(
        "venues/27665366".to_owned(),
        (0..70).map(|i| format!("8{i:05}")).collect(),
    );
    lists
}

fn eb_query() -> FetchQuery {
    let mut q = FetchQuery::new(Provider::Eventbrite);
    q.organizers = vec!["1001".into()];
    q.venues = vec!["27665366".into()];
    q
}

fn eb_pick(v: &Value) -> Option<&Vec<Value>> {
    v["events"].as_array()
}

#[test]
fn eventbrite_survives_every_fault() {
    let lists = eb_lists();
    let expected: Vec<String> = lists.values().flatten().cloned().collect();
    let server = eventbrite_server(true, lists);
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Eventbrite, &server, &clock, "eb-token");
    let batch = f.fetch(&eb_query()).unwrap();
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert_exactly_once(&expected, &batch, eb_pick);
    assert_within(&server, FetchConfig::default().eventbrite.rate_limit);
    // Continuation tokens were followed for the organization, page numbers for the venue.
    assert!(
        server
            .seen()
            .iter()
            .any(|s| s.param("continuation") == Some("tok-3"))
    );
    assert!(server.seen().iter().any(|s| s.param("page") == Some("2")));
    let eb = f.stats().provider("eventbrite").cloned().unwrap();
    // The stall and the cut-off body; on a loaded machine an ordinary answer may time out too.
    assert!(eb.network_errors >= 2, "{eb:?}");
    assert_eq!(eb.rate_limited, 1);
    assert_eq!(eb.retries, eb.network_errors + 3, "{eb:?}");
    assert!(
        batch
            .pages
            .iter()
            .all(|p| !p.body.is_empty() && !p.url.contains("eb-token"))
    );
}

#[test]
fn eventbrite_expired_token_fails_once_and_stops() {
    let server = eventbrite_server(false, eb_lists());
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Eventbrite, &server, &clock, "expired");
    let batch = f.fetch(&eb_query()).unwrap();
    assert_eq!(
        server.seen().len(),
        1,
        "no retry, and the venue list is not tried"
    );
    assert!(matches!(
        batch.failures[0].error,
        Error::Provider { status: 401, .. }
    ));
}

#[test]
fn eventbrite_needs_ids() {
    let server = eventbrite_server(false, eb_lists());
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Eventbrite, &server, &clock, "eb-token");
    let err = f.fetch(&FetchQuery::new(Provider::Eventbrite)).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)));
}

// ---------------------------------------------------------------- Bandsintown

fn bit_event(id: &str, artist: &str) -> Value {
    json!({
        "id": id, "artist_id": "510", "url": format!("https://www.bandsintown.com/e/{id}"),
        "datetime": "2026-07-04T19:30:00", "starts_at": "2026-07-04T19:30:00", "ends_at": "",
        "on_sale_datetime": "", "title": "", "description": "",
        "lineup": [artist], "offers": [],
        "venue": { "name": "Loopback Arena", "latitude": "40.7505", "longitude": "-73.9934",
                   "city": "New York", "region": "NY", "country": "United States", "location": "New York, NY" }
    })
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .unwrap()
        .1
        .into_owned()
}

fn bandsintown_server(faulty: bool, artists: BTreeMap<String, Vec<String>>) -> Server {
    serve(faulty, move |seen| {
        if seen.param("app_id") != Some("bit-app") {
            return Reply::status(
                403,
                r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#,
            );
        }
        let segment = seen
            .path
            .trim_start_matches("/artists/")
            .trim_end_matches("/events");
        // The gateway decodes once, the application once more.
        let name = percent_decode(&percent_decode(segment));
        match artists.get(&name) {
            Some(ids) => Reply::ok(
                Value::Array(ids.iter().map(|id| bit_event(id, &name)).collect()).to_string(),
            ),
            None => Reply::ok(r#"{"errorMessage":"[NotFound] The artist was not found"}"#.into()),
        }
    })
}

fn bit_artists() -> BTreeMap<String, Vec<String>> {
    let mut a = BTreeMap::new();
    a.insert(
        "The Beach Boys".to_owned(),
        (0..25).map(|i| format!("10{i:04}")).collect(),
    );
    a.insert(
        "AC/DC".to_owned(),
        (0..12).map(|i| format!("20{i:04}")).collect(),
    );
    a.insert(
        "Sigur Rós".to_owned(),
        (0..3).map(|i| format!("30{i:04}")).collect(),
    );
    a.insert("Why?".to_owned(), Vec::new());
    a
}

fn bit_query() -> FetchQuery {
    let mut q = FetchQuery::new(Provider::Bandsintown);
    q.artists = vec![
        "The Beach Boys".into(),
        "AC/DC".into(),
        "Nobody Anyone Knows".into(),
        "Sigur Rós".into(),
        "Why?".into(),
    ];
    q
}

fn bit_pick(v: &Value) -> Option<&Vec<Value>> {
    v.as_array()
}

#[test]
fn bandsintown_survives_every_fault() {
    let artists = bit_artists();
    let expected: Vec<String> = artists.values().flatten().cloned().collect();
    let server = bandsintown_server(true, artists);
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Bandsintown, &server, &clock, "bit-app");
    let batch = f.fetch(&bit_query()).unwrap();
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert_exactly_once(&expected, &batch, bit_pick);
    assert_within(&server, FetchConfig::default().bandsintown.rate_limit);
    // The unknown artist is a problem naming it, not a failure.
    assert!(
        batch
            .problems
            .iter()
            .any(|p| p.message.contains("Nobody Anyone Knows") && p.message.contains("not found")),
        "{:?}",
        batch.problems
    );
    assert!(
        server
            .seen()
            .iter()
            .any(|s| s.path == "/artists/AC%252FDC/events")
    );
    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.param("date") == Some("upcoming"))
    );
    assert!(
        batch
            .pages
            .iter()
            .all(|p| p.url.contains("app_id=REDACTED"))
    );
}

#[test]
fn bandsintown_refused_app_id_fails_once_and_stops() {
    let server = bandsintown_server(false, bit_artists());
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Bandsintown, &server, &clock, "revoked");
    let batch = f.fetch(&bit_query()).unwrap();
    assert_eq!(server.seen().len(), 1);
    assert!(matches!(
        batch.failures[0].error,
        Error::Provider { status: 403, .. }
    ));
}

// ---------------------------------------------------------------- DICE via Apify

fn dice_item(id: &str) -> Value {
    json!({
        "id": id, "name": format!("Loopback night {id}"), "date": "2026-03-14T22:00:00+00:00",
        "date_end": "2026-03-15T04:00:00+00:00", "timezone": "Europe/London", "status": "on-sale",
        "url": format!("https://dice.fm/event/{id}"),
        "venues": [{ "name": "Loopback Basement", "city": { "name": "London", "country_alpha3": "GBR" } }],
        "location": { "lat": 51.5, "lng": -0.1 }, "lineup": [{ "details": "DJ Loop", "time": "22:00" }]
    })
}

fn apify_server(faulty: bool, items: Vec<String>) -> Server {
    let calls = Mutex::new(0usize);
    serve(faulty, move |seen| {
        *calls.lock().unwrap() += 1;
        if seen.header("Authorization") != Some("Bearer apify-token") {
            return Reply::status(
                401,
                r#"{"error":{"type":"token-not-valid","message":"Authentication token is not valid."}}"#,
            );
        }
        if seen.path != "/v2/datasets/dice-ds/items"
            && seen.path != "/v2/actor-runs/run-42/dataset/items"
        {
            return Reply::status(404, r#"{"error":{"type":"record-not-found"}}"#);
        }
        let offset: usize = seen.param("offset").unwrap().parse().unwrap();
        let limit: usize = seen.param("limit").unwrap().parse().unwrap();
        let page: Vec<Value> = items
            .iter()
            .skip(offset)
            .take(limit)
            .map(|id| dice_item(id))
            .collect();
        let n = page.len().to_string();
        Reply::ok(Value::Array(page).to_string())
            .with_header("X-Apify-Pagination-Total", &items.len().to_string())
            .with_header("X-Apify-Pagination-Count", &n)
    })
}

fn dice_pick(v: &Value) -> Option<&Vec<Value>> {
    v.as_array()
}

#[test]
fn dice_survives_every_fault() {
    let items: Vec<String> = (0..600).map(|i| format!("5f{i:06}")).collect();
    let server = apify_server(true, items.clone());
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Dice, &server, &clock, "apify-token");
    let mut q = FetchQuery::new(Provider::Dice);
    q.dataset_id = Some("dice-ds".into());
    let batch = f.fetch(&q).unwrap();
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert_exactly_once(&items, &batch, dice_pick);
    assert_within(&server, FetchConfig::default().dice.rate_limit);
    assert!(
        server
            .seen()
            .iter()
            .all(|s| !s.target.contains("apify-token"))
    );
}

#[test]
fn dice_reads_an_actor_runs_dataset_and_is_off_without_a_token() {
    let items: Vec<String> = (0..10).map(|i| format!("6a{i:06}")).collect();
    let server = apify_server(false, items.clone());
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Dice, &server, &clock, "apify-token");
    let mut q = FetchQuery::new(Provider::Dice);
    q.actor_run_id = Some("run-42".into());
    let batch = f.fetch(&q).unwrap();
    assert_exactly_once(&items, &batch, dice_pick);

    let off = Fetcher::new(FetchConfig::default());
    assert!(matches!(off.fetch(&q), Err(Error::InvalidInput(m)) if m.contains("APIFY_TOKEN")));
}

#[test]
fn dice_expired_token_fails_once_and_stops() {
    let server = apify_server(false, vec!["1".into()]);
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(Provider::Dice, &server, &clock, "old-token");
    let mut q = FetchQuery::new(Provider::Dice);
    q.dataset_id = Some("dice-ds".into());
    let batch = f.fetch(&q).unwrap();
    assert_eq!(server.seen().len(), 1);
    assert!(matches!(
        batch.failures[0].error,
        Error::Provider { status: 401, .. }
    ));
}
