//! A failing fetch with a recognisable key: the key must appear in no error, no log line, no
//! Debug output and no recorded URL.

use crate::fetch_server::Reply;
use crate::fetch_ticketmaster::{Faults, TmWorld, fetcher, query_2026};
use gigradar_providers::http::ManualClock;
use gigradar_providers::{FetchConfig, SecretString};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Everything logged: span and event fields, as text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut log = self.0.lock().unwrap();
        log.push_str("\nspan");
        span.record(&mut Fields(&mut log));
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().unwrap()));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut log = self.0.lock().unwrap();
        log.push_str("\nevent");
        event.record(&mut Fields(&mut log));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn the_key_leaks_nowhere() {
    // The gateway echoes the key in its 429 body, as Apigee's quota fault does ("Identifier : {apikey}").
    let secret = "SEKRIT-TM-KEY-4242";
    let body = format!(
        r#"{{"fault":{{"faultstring":"Rate limit quota violation. Quota limit  exceeded. Identifier : {secret}","detail":{{"errorcode":"policies.ratelimit.QuotaViolation"}}}}}}"#
    );
    let faults: Faults = Box::new(move |_, n| match n {
        0 => Some(Reply::status(500, &body)),
        1 => Some(Reply::status(429, &body).with_header("Retry-After", "1")),
        _ => Some(Reply::status(403, &body)),
    });
    let world = TmWorld::new(10, faults);
    // The server accepts this test's key.
    let server = {
        let w = world.clone();
        crate::fetch_server::Server::start(move |seen| {
            let mut s = seen.clone();
            if s.param("apikey") == Some(secret) {
                s.query
                    .insert("apikey".into(), crate::fetch_ticketmaster::KEY.into());
            }
            w.answer_for_test(&s)
        })
    };
    let clock = Arc::new(ManualClock::at_2026());
    let f = fetcher(&server, &clock, secret);
    let capture = Capture::default();
    let batch =
        tracing::subscriber::with_default(capture.clone(), || f.fetch(&query_2026())).unwrap();

    assert_eq!(batch.failures.len(), 1, "the fetch was meant to fail");
    let mut everything = capture.0.lock().unwrap().clone();
    assert!(
        everything.contains("request"),
        "nothing was logged: {everything}"
    );
    for failure in &batch.failures {
        writeln!(
            everything,
            "{failure}\n{failure:?}\n{}\n{:?}",
            failure.error, failure.error
        )
        .unwrap();
    }
    writeln!(everything, "{batch:?}").unwrap();
    writeln!(everything, "{:?}", f.stats()).unwrap();
    let mut config = FetchConfig::default();
    config.ticketmaster.key = Some(SecretString::from(secret.to_owned()));
    writeln!(everything, "{config:?}").unwrap();
    assert!(
        !everything.contains(secret),
        "the key leaked:\n{}",
        everything
            .lines()
            .filter(|l| l.contains(secret))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The request did carry the key: the test would prove nothing otherwise.
    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.param("apikey") == Some(secret))
    );
    assert!(everything.contains("REDACTED"));
    // The provider's message survives, scrubbed.
    assert!(
        batch.failures[0]
            .error
            .to_string()
            .contains("Identifier : REDACTED"),
        "{}",
        batch.failures[0].error
    );
}
