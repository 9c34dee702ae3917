//! What hosts can watch: counters per provider, and a callback as things happen.
//!
//! Plain structs and a one-method trait, so that each binding can hand them over as they are
//! (a Python callable, a Node ThreadsafeFunction, a uniffi callback interface).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds (inclusive, milliseconds) of the latency histogram's buckets; one more bucket
/// counts everything slower.
pub const LATENCY_BUCKETS_MS: [u64; 10] = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/// Counters of one provider since the [`Stats`] was made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderStats {
    pub provider: String,
    /// Requests sent, retries included.
    pub requests: u64,
    /// Requests that were a retry of an earlier one.
    pub retries: u64,
    /// Answers with HTTP 429.
    pub rate_limited: u64,
    /// Answers with HTTP 5xx.
    pub server_errors: u64,
    /// Requests that got no answer (timeouts, broken connections).
    pub network_errors: u64,
    /// Requests that failed for good (after their retries).
    pub failures: u64,
    /// Response bytes received.
    pub bytes: u64,
    /// Time spent waiting for the rate limiter and for `Retry-After`/backoff, in milliseconds.
    pub waited_ms: u64,
    /// Latency histogram: `latency_buckets[i]` counts requests that took at most
    /// `LATENCY_BUCKETS_MS[i]` ms (and more than the bound before); the last counts the rest.
    pub latency_buckets: Vec<u64>,
}

/// Every provider's counters at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    pub providers: Vec<ProviderStats>,
}

impl StatsSnapshot {
    pub fn provider(&self, name: &str) -> Option<&ProviderStats> {
        self.providers.iter().find(|p| p.provider == name)
    }
}

/// Live counters, shared by every run that is given them.
#[derive(Debug, Default)]
pub struct Stats {
    by_provider: Mutex<BTreeMap<String, ProviderStats>>,
}

impl Stats {
    pub fn new() -> Self {
        Stats::default()
    }

    pub fn snapshot(&self) -> StatsSnapshot {
        let map = self.by_provider.lock().unwrap_or_else(|p| p.into_inner());
        StatsSnapshot {
            providers: map.values().cloned().collect(),
        }
    }

    pub(crate) fn update(&self, provider: &str, f: impl FnOnce(&mut ProviderStats)) {
        let mut map = self.by_provider.lock().unwrap_or_else(|p| p.into_inner());
        let entry = map
            .entry(provider.to_owned())
            .or_insert_with(|| ProviderStats {
                provider: provider.to_owned(),
                latency_buckets: vec![0; LATENCY_BUCKETS_MS.len() + 1],
                ..ProviderStats::default()
            });
        f(entry)
    }

    pub(crate) fn record_latency(&self, provider: &str, latency: Duration) {
        let ms = latency.as_millis() as u64;
        let bucket = LATENCY_BUCKETS_MS
            .iter()
            .position(|&b| ms <= b)
            .unwrap_or(LATENCY_BUCKETS_MS.len());
        self.update(provider, |s| s.latency_buckets[bucket] += 1);
    }
}

/// Something that happened during a fetch, as an observer sees it. URLs are paths only.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchEvent {
    /// A request got an answer (any status) after `latency_ms`.
    Response {
        provider: String,
        path: String,
        status: u16,
        latency_ms: u64,
        bytes: u64,
    },
    /// A request will be tried again after `wait_ms`.
    Retry {
        provider: String,
        path: String,
        attempt: u32,
        reason: String,
        wait_ms: u64,
    },
    /// A request failed for good; the run goes on without it.
    Failure {
        provider: String,
        query: String,
        message: String,
    },
    /// How far a run has come, after each page: `done` of `total` units of work, where a unit is
    /// a listing (Ticketmaster, Eventbrite: the totals they announce) or an artist
    /// (Bandsintown). `total` is `None` while unknown (DICE) and may grow as lists are opened.
    Progress {
        provider: String,
        done: u64,
        total: Option<u64>,
        /// Listings kept so far and pages requested so far (failed ones included).
        events: u64,
        pages: u64,
    },
}

/// Told about every [`FetchEvent`], on the thread that fetches. Keep it quick.
pub trait Observer: Send + Sync {
    fn on_event(&self, event: &FetchEvent);
}
