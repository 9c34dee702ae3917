//! The Ticketmaster fetcher against a loopback Discovery API that pages like the real one (the
//! `size * page < 1000` cap, `_links.next` without the key, Apigee faults) and misbehaves on cue.

use crate::fetch_server::{Dice, Reply, Seen, Server, StampingTransport};
use chrono::{DateTime, Duration as Days, TimeZone, Utc};
use gigradar_providers::http::ManualClock;
use gigradar_providers::{Error, FetchConfig, FetchQuery, Fetcher, Provider, SecretString};
use serde_json::json;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

pub const KEY: &str = "tm-key-0123456789";

/// A fault for request number `n` (counting every request the server saw), or none.
pub type Faults = Box<dyn FnMut(&Seen, usize) -> Option<Reply> + Send>;

/// The loopback Discovery API: its listings, its key, and what it judged.
pub struct TmWorld {
    listings: Vec<(DateTime<Utc>, String)>,
    key: String,
    faults: Mutex<Faults>,
    count: AtomicUsize,
    recent: Mutex<Vec<SystemTime>>,
    /// Requests that broke the 5-in-any-second limit (answered with a spike-arrest 429).
    pub violations: AtomicUsize,
}

impl TmWorld {
    /// `n` listings spread over 2026, a few per day at different times.
    pub fn new(n: usize, faults: Faults) -> Arc<TmWorld> {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let listings = (0..n)
            .map(|i| {
                let at = start + Days::seconds(((i as i64) * 6_287) % (360 * 86_400));
                (at, format!("G5v{i:06}"))
            })
            .collect();
        Self::with_listings(listings, faults)
    }

    pub fn with_listings(mut listings: Vec<(DateTime<Utc>, String)>, faults: Faults) -> Arc<Self> {
        listings.sort();
        Arc::new(TmWorld {
            listings,
            key: KEY.to_owned(),
            faults: Mutex::new(faults),
            count: AtomicUsize::new(0),
            recent: Mutex::new(Vec::new()),
            violations: AtomicUsize::new(0),
        })
    }

    pub fn ids(&self) -> Vec<String> {
        self.listings.iter().map(|(_, id)| id.clone()).collect()
    }

    pub fn serve(self: Arc<Self>) -> Server {
        Server::start(move |seen| self.answer(seen))
    }

    /// The answer to one request (for servers that wrap this one).
    pub fn answer_for_test(&self, seen: &Seen) -> Reply {
        self.answer(seen)
    }

    fn answer(&self, seen: &Seen) -> Reply {
        let n = self.count.fetch_add(1, Ordering::SeqCst);
        {
            // Spike arrest, judged on the client's clock as the real gateway judges on its own.
            let mut recent = self.recent.lock().unwrap();
            recent.push(seen.at);
            let in_window = recent
                .iter()
                .filter(|t| {
                    seen.at
                        .duration_since(**t)
                        .map(|d| d < Duration::from_secs(1))
                        .unwrap_or(true)
                })
                .count();
            if in_window > 5 {
                self.violations.fetch_add(1, Ordering::SeqCst);
                return Reply::status(
                    429,
                    r#"{"fault":{"faultstring":"Spike arrest violation. Allowed rate : 5ps","detail":{"errorcode":"policies.ratelimit.SpikeArrestViolation"}}}"#,
                );
            }
        }
        if seen.param("apikey") != Some(self.key.as_str()) {
            return Reply::status(
                401,
                r#"{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}"#,
            );
        }
        if let Some(reply) = (self.faults.lock().unwrap())(seen, n) {
            return reply;
        }
        self.page(seen)
    }

    fn page(&self, seen: &Seen) -> Reply {
        let num = |k: &str, d: usize| seen.param(k).and_then(|v| v.parse().ok()).unwrap_or(d);
        let (size, page) = (num("size", 20), num("page", 0));
        if size * page >= 1000 {
            return Reply::status(
                400,
                r#"{"errors":[{"code":"DIS1035","detail":"API Limits Exceeded: Max paging depth exceeded. (page * size) must be less than 1,000"}]}"#,
            );
        }
        let when = |k: &str| {
            seen.param(k).map(|v| {
                chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%SZ")
                    .unwrap()
                    .and_utc()
            })
        };
        let (from, to) = (when("startDateTime"), when("endDateTime"));
        let matching: Vec<&(DateTime<Utc>, String)> = self
            .listings
            .iter()
            .filter(|(at, _)| from.is_none_or(|f| *at >= f) && to.is_none_or(|t| *at <= t))
            .collect();
        let total = matching.len();
        let pages = total.div_ceil(size.max(1));
        let events: Vec<serde_json::Value> = matching
            .iter()
            .skip(page * size)
            .take(size)
            .map(|(at, id)| listing(*at, id))
            .collect();
        // Links as Ticketmaster writes them: the events path without `.json`, no key.
        let mut q: Vec<(String, String)> = seen
            .query
            .iter()
            .filter(|(k, _)| *k != "apikey" && *k != "page")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        q.sort();
        let link = |p: usize| {
            let mut s = url::form_urlencoded::Serializer::new(String::new());
            s.extend_pairs(&q).append_pair("page", &p.to_string());
            json!({ "href": format!("/discovery/v2/events?{}", s.finish()) })
        };
        let mut links = serde_json::Map::new();
        links.insert("self".into(), link(page));
        if page + 1 < pages {
            links.insert("next".into(), link(page + 1));
            links.insert("last".into(), link(pages - 1));
        }
        let mut body = json!({
            "_links": links,
            "page": { "size": size, "totalElements": total, "totalPages": pages, "number": page },
        });
        if !events.is_empty() {
            body["_embedded"] = json!({ "events": events });
        }
        Reply::ok(body.to_string())
    }
}

fn listing(at: DateTime<Utc>, id: &str) -> serde_json::Value {
    json!({
        "name": format!("Loopback Show {id}"),
        "type": "event",
        "id": id,
        "url": format!("https://www.ticketmaster.com/event/{id}"),
        "dates": {
            "start": {
                "localDate": at.format("%Y-%m-%d").to_string(),
                "localTime": at.format("%H:%M:%S").to_string(),
                "dateTime": at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            },
            "timezone": "Europe/London",
            "status": { "code": "onsale" }
        },
        "_embedded": { "venues": [{
            "id": "KovZpZA7AAEA", "name": "Loopback Hall", "timezone": "Europe/London",
            "city": { "name": "London" }, "country": { "countryCode": "GB" },
            "location": { "longitude": "-0.1278", "latitude": "51.5074" }
        }]}
    })
}

pub fn fetcher(server: &Server, clock: &Arc<ManualClock>, key: &str) -> Fetcher {
    fetcher_with(server, clock, key, Duration::from_secs(5))
}

pub fn fetcher_with(
    server: &Server,
    clock: &Arc<ManualClock>,
    key: &str,
    timeout: Duration,
) -> Fetcher {
    let mut config = FetchConfig::default();
    config.ticketmaster.base_url = server.base.clone();
    config.ticketmaster.key = Some(SecretString::from(key.to_owned()));
    config.ticketmaster.retry.seed = Some(7);
    Fetcher::new(config)
        .with_transport(Arc::new(StampingTransport::with_timeout(
            clock.clone(),
            timeout,
        )))
        .with_clock(clock.clone())
}

pub fn query_2026() -> FetchQuery {
    let mut q = FetchQuery::new(Provider::Ticketmaster);
    q.from = Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
    q.to = Some(Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap());
    q.lat = Some(51.5074);
    q.lon = Some(-0.1278);
    q.radius_km = Some(25.0);
    q.classification = Some("music".into());
    q
}

/// Every listing id in the batch, and how many times each appears.
fn counts(batch: &gigradar_providers::Batch) -> HashMap<String, usize> {
    let mut c = HashMap::new();
    for e in &batch.events {
        for s in &e.sources {
            *c.entry(s.id.clone()).or_insert(0) += 1;
        }
    }
    c
}

fn assert_exactly_once(world: &TmWorld, batch: &gigradar_providers::Batch) {
    let c = counts(batch);
    let ids = world.ids();
    let missing: Vec<&String> = ids.iter().filter(|id| !c.contains_key(*id)).collect();
    assert!(
        missing.is_empty(),
        "{} listings lost, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    let doubled: Vec<_> = c.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "duplicates: {doubled:?}");
    assert_eq!(batch.events.len(), ids.len());
}

#[test]
fn every_fault_once_and_nothing_lost() {
    // 1,200 listings: over the paging cap, so the year is split and paged with `_links.next`.
    let faults: Faults = Box::new(|_seen, n| match n {
        1 => Some(Reply::status(429, "{}").with_header("Retry-After", "2")),
        3 => Some(Reply::status(
            500,
            r#"{"fault":{"faultstring":"Internal"}}"#,
        )),
        5 => Some(Reply::CutOff {
            body: r#"{"_embedded":{"events":[{"id":"x"}]}}"#.into(),
            sent: 20,
        }),
        7 => Some(Reply::ok(
            "<html><body>502 Bad Gateway</body></html>".into(),
        )),
        9 => Some(
            Reply::status(429, "{}").with_header("Retry-After", "Thu, 01 Jan 2026 00:00:00 GMT"),
        ),
        11 => Some(Reply::status(503, "").with_header("Retry-After", "1")),
        _ => None,
    });
    let world = TmWorld::new(1200, faults);
    let server = world.clone().serve();
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, KEY);
    let batch = f.fetch(&query_2026()).unwrap();

    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_exactly_once(&world, &batch);
    assert_eq!(world.violations.load(Ordering::SeqCst), 0);
    assert!(server.max_in_window(Duration::from_secs(1)) <= 5);
    let stats = f.stats();
    let tm = stats.provider("ticketmaster").unwrap();
    assert_eq!(tm.retries, 6, "{tm:?}");
    assert_eq!(tm.rate_limited, 2);
    assert_eq!(tm.requests as usize, server.seen().len());
    // Every request asked within the cap, with a deterministic order and the query's filters.
    for s in server.seen() {
        let size: usize = s.param("size").unwrap().parse().unwrap();
        let page: usize = s.param("page").unwrap().parse().unwrap();
        assert!(size * page < 1000, "{}", s.target);
        assert_eq!(s.param("sort"), Some("date,asc"));
        assert_eq!(s.param("classificationName"), Some("music"));
        assert_eq!(s.param("unit"), Some("km"));
        assert_eq!(s.param("geoPoint").map(str::len), Some(9));
    }
    // Pages after the first came from `_links.next` (no `.json`), with the key added back.
    assert!(
        server
            .seen()
            .iter()
            .any(|s| s.path == "/discovery/v2/events")
    );
    // Raw pages are kept for the archive, without the key.
    assert!(!batch.pages.is_empty());
    assert!(
        batch
            .pages
            .iter()
            .all(|p| !p.url.contains(KEY) && p.url.contains("apikey=REDACTED"))
    );
    // Sources carry the fetch time from the injected clock.
    let at = batch.events[0].sources[0].fetched_at.unwrap();
    assert!(at >= Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
}

#[test]
fn a_stalled_answer_times_out_and_is_retried() {
    let faults: Faults =
        Box::new(|_seen, n| (n == 0).then_some(Reply::Stall(Duration::from_millis(1500))));
    let world = TmWorld::new(150, faults);
    let server = world.clone().serve();
    let clock = Arc::new(ManualClock::at_2026());
    // Real time: a 300 ms timeout against a 1.5 s stall.
    let f = fetcher_with(&server, &clock, KEY, Duration::from_millis(300));
    let batch = f.fetch(&query_2026()).unwrap();
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert_exactly_once(&world, &batch);
    let tm = f.stats().provider("ticketmaster").cloned().unwrap();
    // On a loaded machine an ordinary answer may time out too: each is retried.
    assert!(tm.network_errors >= 1);
    assert_eq!(tm.retries, tm.network_errors);
}

#[test]
fn a_page_broken_for_good_is_reported_and_the_run_goes_on() {
    let faults: Faults = Box::new(|seen, _n| {
        (seen.param("page") == Some("1"))
            .then(|| Reply::ok(r#"{"_embedded":{"events":[{"id":"#.into()))
    });
    let world = TmWorld::new(600, faults);
    let server = world.clone().serve();
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, KEY);
    let batch = f.fetch(&query_2026()).unwrap();
    assert_eq!(batch.failures.len(), 1, "{:?}", batch.failures);
    let failure = &batch.failures[0];
    assert!(
        failure.query.contains("page=1") && failure.query.contains("apikey=REDACTED"),
        "{}",
        failure.query
    );
    assert!(
        matches!(failure.error, Error::Provider { status: 200, .. }),
        "{:?}",
        failure.error
    );
    // Pages 0 and 2 are kept, and page 2 was asked for even though page 1 gave no next link.
    let c = counts(&batch);
    let ids = world.ids();
    assert_eq!(batch.events.len(), 400);
    assert!(
        ids[..200]
            .iter()
            .chain(&ids[400..])
            .all(|id| c.get(id) == Some(&1))
    );
    assert!(ids[200..400].iter().all(|id| !c.contains_key(id)));
    assert!(server.seen().iter().any(|s| s.param("page") == Some("2")));
}

#[test]
fn a_rejected_key_stops_the_run_without_retrying() {
    let world = TmWorld::new(300, Box::new(|_, _| None));
    let server = world.clone().serve();
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, "expired-key");
    let batch = f.fetch(&query_2026()).unwrap();
    assert_eq!(server.seen().len(), 1);
    assert_eq!(batch.failures.len(), 1);
    assert!(matches!(
        batch.failures[0].error,
        Error::Provider { status: 401, .. }
    ));
    assert!(batch.events.is_empty());
}

#[test]
fn a_retry_after_past_the_cap_is_a_typed_error_not_a_sleep() {
    let faults: Faults =
        Box::new(|_, _| Some(Reply::status(429, "{}").with_header("Retry-After", "86400")));
    let world = TmWorld::new(300, faults);
    let server = world.clone().serve();
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, KEY);
    let batch = f.fetch(&query_2026()).unwrap();
    assert_eq!(server.seen().len(), 1);
    assert_eq!(
        batch.failures[0].error,
        Error::RateLimited {
            provider: "ticketmaster".into(),
            retry_after_secs: 86400
        }
    );
    assert_eq!(clock.slept(), Duration::ZERO);
}

#[test]
fn a_spent_daily_quota_waits_for_its_reset() {
    let reset = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600 + 90);
    let reset_ms = reset
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let world = TmWorld::new(300, Box::new(|_, _| None));
    let inner = world.clone();
    let server = Server::start(move |seen| match inner.answer(seen) {
        Reply::Json { status, body, .. } if seen.param("page") == Some("0") => Reply::Json {
            status,
            body,
            headers: vec![
                ("Rate-Limit-Available".into(), "0".into()),
                ("Rate-Limit-Reset".into(), reset_ms.clone()),
            ],
        },
        other => other,
    });
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, KEY);
    let batch = f.fetch(&query_2026()).unwrap();
    assert!(batch.failures.is_empty());
    assert_exactly_once(&world, &batch);
    let seen = server.seen();
    assert!(
        seen[1].at >= reset,
        "the second request went out before the quota reset"
    );
}

#[test]
fn a_minute_over_the_cap_is_reported_not_silently_cut() {
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 20, 0, 0).unwrap();
    let listings = (0..1100).map(|i| (at, format!("G5same{i:05}"))).collect();
    let world = TmWorld::with_listings(listings, Box::new(|_, _| None));
    let server = world.clone().serve();
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, KEY);
    let batch = f.fetch(&query_2026()).unwrap();
    assert_eq!(batch.events.len(), 1000);
    assert_eq!(batch.problems.len(), 1, "{:?}", batch.problems);
    assert!(
        batch.problems[0].message.contains("1100 listings"),
        "{}",
        batch.problems[0].message
    );
}

/// The headline run: 5,000 listings, random 429s and 500s, and all of them arrive once.
#[test]
fn five_thousand_listings_through_random_429s_and_500s() {
    let mut dice = Dice::new(0x5EED_2026);
    let faults: Faults = Box::new(move |_seen, _n| {
        let r = dice.roll();
        if r < 0.10 {
            Some(Reply::status(429, r#"{"fault":{"faultstring":"Rate limit quota violation","detail":{"errorcode":"policies.ratelimit.QuotaViolation"}}}"#).with_header("Retry-After", "1"))
        } else if r < 0.20 {
            Some(Reply::status(
                500,
                r#"{"fault":{"faultstring":"Internal Server Error"}}"#,
            ))
        } else {
            None
        }
    });
    let world = TmWorld::new(5000, faults);
    let server = world.clone().serve();
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, KEY);
    let batch = f.fetch(&query_2026()).unwrap();

    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert_exactly_once(&world, &batch);
    let max_per_second = server.max_in_window(Duration::from_secs(1));
    assert!(
        max_per_second <= 5,
        "{max_per_second} requests in one second"
    );
    assert_eq!(world.violations.load(Ordering::SeqCst), 0);
    let tm = f.stats().provider("ticketmaster").cloned().unwrap();
    eprintln!(
        "headline: {} listings fetched once each; {} requests, {} retries, {} answered 429, {} answered 5xx, {} pages kept, max {} requests in any 1 s window, {:.1} s of (manual) clock time waited",
        batch.events.len(),
        tm.requests,
        tm.retries,
        tm.rate_limited,
        tm.server_errors,
        batch.pages.len(),
        max_per_second,
        clock.slept().as_secs_f64()
    );
}
