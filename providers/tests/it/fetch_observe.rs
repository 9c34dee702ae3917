//! What a host sees: the observer's events agree with the stats snapshot, and the run deadline
//! ends a run that would otherwise retry forever.

use crate::fetch_server::Reply;
use crate::fetch_ticketmaster::{Faults, KEY, TmWorld, fetcher, query_2026};
use gigradar_providers::http::ManualClock;
use gigradar_providers::stats::LATENCY_BUCKETS_MS;
use gigradar_providers::{Error, FetchEvent, Observer};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Default)]
struct Recorder(Mutex<Vec<FetchEvent>>);

impl Observer for Recorder {
    fn on_event(&self, event: &FetchEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

#[test]
fn the_observer_and_the_stats_tell_the_same_story() {
    let faults: Faults = Box::new(|seen, n| {
        if n == 1 {
            Some(Reply::status(503, "{}").with_header("Retry-After", "1"))
        } else if seen.param("page") == Some("2") {
            Some(Reply::status(404, r#"{"errors":[{"code":"DIS1004"}]}"#))
        } else {
            None
        }
    });
    let world = TmWorld::new(700, faults);
    let server = world.serve();
    let clock = Arc::new(ManualClock::at_2026());
    let recorder = Arc::new(Recorder::default());
    let f = fetcher(&server, &clock, KEY).with_observer(recorder.clone());
    let batch = f.fetch(&query_2026()).unwrap();

    let events = recorder.0.lock().unwrap().clone();
    let stats = f.stats();
    let tm = stats.provider("ticketmaster").unwrap();
    let responses = events
        .iter()
        .filter(|e| matches!(e, FetchEvent::Response { .. }))
        .count();
    let retries: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            FetchEvent::Retry {
                reason, wait_ms, ..
            } => Some((reason.clone(), *wait_ms)),
            _ => None,
        })
        .collect();
    let failures: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            FetchEvent::Failure { query, .. } => Some(query.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(responses as u64, tm.requests);
    assert_eq!(retries, vec![("HTTP 503".to_owned(), 1000)]);
    assert_eq!(tm.retries, 1);
    assert_eq!(failures.len(), 1);
    assert_eq!(tm.failures, 1);
    assert_eq!(batch.failures.len(), 1);
    assert!(failures[0].contains("page=2") && !failures[0].contains(KEY));
    assert!(matches!(
        batch.failures[0].error,
        Error::Provider { status: 404, .. }
    ));
    assert_eq!(tm.latency_buckets.len(), LATENCY_BUCKETS_MS.len() + 1);
    assert_eq!(tm.latency_buckets.iter().sum::<u64>(), tm.requests);
    assert!(tm.bytes > 0);
    // Paths only: no query strings reach the observer.
    assert!(events.iter().all(|e| match e {
        FetchEvent::Response { path, .. } | FetchEvent::Retry { path, .. } => !path.contains('?'),
        FetchEvent::Failure { .. } | FetchEvent::Progress { .. } => true,
    }));
}

#[test]
fn progress_counts_up_to_the_announced_total() {
    let faults: Faults = Box::new(|seen, n| {
        (n == 2 && seen.param("page") == Some("1")).then(|| Reply::status(500, "{}"))
    });
    let world = TmWorld::new(1_700, faults);
    let server = world.serve();
    let clock = Arc::new(ManualClock::at_2026());
    let recorder = Arc::new(Recorder::default());
    let f = fetcher(&server, &clock, KEY).with_observer(recorder.clone());
    let batch = f.fetch(&query_2026()).unwrap();
    assert_eq!(batch.events.len(), 1_700);

    let progress: Vec<(u64, Option<u64>, u64, u64)> = recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            FetchEvent::Progress {
                done,
                total,
                events,
                pages,
                ..
            } => Some((*done, *total, *events, *pages)),
            _ => None,
        })
        .collect();
    // A report after every page (the window over the paging cap is split, so there are more
    // pages than 1,700 / 200) and when the first page announces the total; counting up to it.
    let pages = progress.last().unwrap().3;
    assert!(pages > 9, "{progress:?}");
    assert_eq!(progress.len() as u64, pages + 1);
    assert_eq!(progress[0].1, None);
    assert!(progress[1..].iter().all(|p| p.1 == Some(1_700)));
    assert!(progress.iter().all(|p| p.0 == p.2));
    assert!(
        progress
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].3 <= w[1].3)
    );
    assert_eq!(progress.last().unwrap().0, 1_700);
}

#[test]
fn the_run_deadline_ends_a_hopeless_run() {
    let faults: Faults =
        Box::new(|_, _| Some(Reply::status(500, "{}").with_header("Retry-After", "20")));
    let world = TmWorld::new(100, faults);
    let server = world.serve();
    let clock = Arc::new(ManualClock::at_2026());
    let mut f = fetcher(&server, &clock, KEY);
    // A fetcher's config is fixed once built: rebuild with a 45 s deadline.
    let mut config = f.config().clone();
    config.ticketmaster.retry.deadline = Some(Duration::from_secs(45));
    config.ticketmaster.retry.max_attempts = 100;
    f = gigradar_providers::Fetcher::new(config)
        .with_transport(Arc::new(crate::fetch_server::StampingTransport::new(
            clock.clone(),
        )))
        .with_clock(clock.clone());
    let batch = f.fetch(&query_2026()).unwrap();
    assert_eq!(batch.failures.len(), 1);
    // 0 s, 20 s, 40 s; a fourth try would start past the deadline.
    assert_eq!(server.seen().len(), 3);
    assert!(clock.slept() <= Duration::from_secs(45));
}

#[test]
fn the_body_cap_refuses_big_answers_and_is_not_retried() {
    use gigradar_providers::http::{
        Request, Transport, TransportError, UreqTransport, UreqTransportConfig,
    };
    let big = format!("[{}]", vec!["1"; 5000].join(","));
    let server = crate::fetch_server::Server::start(move |_| Reply::ok(big.clone()));
    let transport = UreqTransport::new(UreqTransportConfig {
        max_body_bytes: 1024,
        ..UreqTransportConfig::default()
    });
    let err = transport
        .send(&Request::get(format!("{}/items", server.base)))
        .unwrap_err();
    assert!(matches!(err, TransportError::TooLarge(1024)), "{err:?}");
    assert!(!err.is_transient());
}

#[test]
fn gzip_answers_are_asked_for_and_decompressed() {
    use gigradar_providers::http::{Request, Transport, UreqTransport};
    let body = format!("[{}]", vec![r#"{"id":"x"}"#; 200].join(","));
    let expected = body.clone();
    let server = crate::fetch_server::Server::start(move |_| Reply::Gzip(body.clone()));
    let answer = UreqTransport::default()
        .send(&Request::get(format!("{}/items", server.base)))
        .unwrap();
    assert_eq!(String::from_utf8(answer.body).unwrap(), expected);
    let seen = server.seen();
    assert!(
        seen[0]
            .header("Accept-Encoding")
            .unwrap_or_default()
            .contains("gzip")
    );
}
