//! Fetching listings from the live APIs: one [`Fetcher`], one [`FetchQuery`], one [`Batch`] back.
//!
//! A page that still fails after its retries becomes a [`PageFailure`] in the batch and the run
//! goes on with the next page; only a failure that dooms every later request too (a rejected
//! key, a rate limit longer than we wait, the run's deadline) ends the run early, still
//! returning what was fetched.
//!
//! - `ticketmaster.rs`: Discovery v2, date windows split under the 1000-listing paging cap.
//! - `eventbrite.rs`: events of organizations and venues, continuation paging.
//! - `bandsintown.rs`: events per artist.
//! - `dice.rs`: DICE listings from an Apify dataset.

mod bandsintown;
mod dice;
mod eventbrite;
mod ticketmaster;

pub use ticketmaster::geohash;

use crate::http::{
    Client, Clock, RateLimit, RateLimiter, Request, RetryPolicy, SystemClock, Transport,
    UreqTransport, redact_query,
};
use crate::stats::{FetchEvent, Observer, Stats, StatsSnapshot};
use crate::{ParseOptions, Provider};
use chrono::{DateTime, Utc};
use gigradar_core::{Batch, Error, PageFailure, RawPage};
use secrecy::SecretString;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// How to reach one provider.
#[derive(Clone)]
pub struct ProviderConfig {
    /// The part before the API's own path, e.g. `https://app.ticketmaster.com` (tests point it
    /// at a server on 127.0.0.1).
    pub base_url: String,
    /// API key, token or app id; `None` leaves the provider unconfigured.
    pub key: Option<SecretString>,
    pub retry: RetryPolicy,
    pub rate_limit: RateLimit,
}

/// Debug never shows the key.
impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("base_url", &self.base_url)
            .field("key", &self.key.as_ref().map(|_| "[REDACTED]"))
            .field("retry", &self.retry)
            .field("rate_limit", &self.rate_limit)
            .finish()
    }
}

impl ProviderConfig {
    pub fn new(base_url: &str, key: Option<SecretString>, rate_limit: RateLimit) -> Self {
        ProviderConfig {
            base_url: base_url.trim_end_matches('/').to_owned(),
            key,
            retry: RetryPolicy::default(),
            rate_limit,
        }
    }
}

/// Every provider's settings. [`FetchConfig::default`] has the public base URLs and no keys;
/// [`FetchConfig::from_env`] reads keys and base URL overrides from the environment.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub ticketmaster: ProviderConfig,
    pub eventbrite: ProviderConfig,
    pub bandsintown: ProviderConfig,
    /// Apify (DICE listings scraped into a dataset). Off unless its token is set.
    pub dice: ProviderConfig,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            ticketmaster: ProviderConfig::new(
                "https://app.ticketmaster.com",
                None,
                RateLimit::ticketmaster(),
            ),
            // 2,000 calls an hour per token: one every 1.8 s on average; allow short bursts.
            eventbrite: ProviderConfig::new(
                "https://www.eventbriteapi.com",
                None,
                RateLimit::per_second(2),
            ),
            // Bandsintown publishes no limit; stay polite.
            bandsintown: ProviderConfig::new(
                "https://rest.bandsintown.com",
                None,
                RateLimit::per_second(5),
            ),
            dice: ProviderConfig::new("https://api.apify.com", None, RateLimit::per_second(5)),
        }
    }
}

impl FetchConfig {
    /// Keys from `TICKETMASTER_API_KEY`, `EVENTBRITE_TOKEN`, `BANDSINTOWN_APP_ID`, `APIFY_TOKEN`;
    /// base URLs from `GIGRADAR_<PROVIDER>_BASE_URL` (`GIGRADAR_DICE_BASE_URL` for Apify).
    /// The only place the library reads the environment.
    pub fn from_env() -> Self {
        let mut c = FetchConfig::default();
        let key = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .map(|v| SecretString::from(v.trim().to_owned()))
        };
        c.ticketmaster.key = key("TICKETMASTER_API_KEY");
        c.eventbrite.key = key("EVENTBRITE_TOKEN");
        c.bandsintown.key = key("BANDSINTOWN_APP_ID");
        c.dice.key = key("APIFY_TOKEN");
        for (p, cfg) in [
            ("TICKETMASTER", &mut c.ticketmaster),
            ("EVENTBRITE", &mut c.eventbrite),
            ("BANDSINTOWN", &mut c.bandsintown),
            ("DICE", &mut c.dice),
        ] {
            if let Ok(url) = std::env::var(format!("GIGRADAR_{p}_BASE_URL"))
                && !url.trim().is_empty()
            {
                cfg.base_url = url.trim().trim_end_matches('/').to_owned();
            }
        }
        c
    }

    pub fn provider(&self, p: Provider) -> Option<&ProviderConfig> {
        match p {
            Provider::Ticketmaster => Some(&self.ticketmaster),
            Provider::Eventbrite => Some(&self.eventbrite),
            Provider::Bandsintown => Some(&self.bandsintown),
            Provider::Dice => Some(&self.dice),
            Provider::Seatgeek | Provider::Songkick => None,
        }
    }

    pub fn provider_mut(&mut self, p: Provider) -> Option<&mut ProviderConfig> {
        match p {
            Provider::Ticketmaster => Some(&mut self.ticketmaster),
            Provider::Eventbrite => Some(&mut self.eventbrite),
            Provider::Bandsintown => Some(&mut self.bandsintown),
            Provider::Dice => Some(&mut self.dice),
            Provider::Seatgeek | Provider::Songkick => None,
        }
    }
}

/// What to fetch. One shape for every provider; each reads the fields that apply to it.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchQuery {
    pub provider: Provider,
    /// Centre of a search (Ticketmaster), degrees.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub radius_km: Option<f64>,
    /// Shows starting at or after this instant (Ticketmaster defaults to now).
    pub from: Option<DateTime<Utc>>,
    /// Shows starting before this instant (Ticketmaster defaults to two years after `from`).
    pub to: Option<DateTime<Utc>>,
    /// Ticketmaster `keyword`.
    pub keyword: Option<String>,
    /// Ticketmaster `classificationName`, e.g. `music`.
    pub classification: Option<String>,
    /// Bandsintown: artist names.
    pub artists: Vec<String>,
    /// Eventbrite: organization ids.
    pub organizers: Vec<String>,
    /// Eventbrite: venue ids.
    pub venues: Vec<String>,
    /// DICE via Apify: a dataset id, or an actor run id (its default dataset is read).
    pub dataset_id: Option<String>,
    pub actor_run_id: Option<String>,
}

impl FetchQuery {
    pub fn new(provider: Provider) -> Self {
        FetchQuery {
            provider,
            lat: None,
            lon: None,
            radius_km: None,
            from: None,
            to: None,
            keyword: None,
            classification: None,
            artists: Vec::new(),
            organizers: Vec::new(),
            venues: Vec::new(),
            dataset_id: None,
            actor_run_id: None,
        }
    }
}

/// Fetches provider listings. Synchronous: call it from a worker thread in an async host.
/// Cheap to share; rate limits hold across calls on one `Fetcher`.
pub struct Fetcher {
    config: FetchConfig,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    stats: Arc<Stats>,
    observer: Option<Arc<dyn Observer>>,
    limiters: Mutex<HashMap<Provider, Arc<RateLimiter>>>,
}

impl Fetcher {
    /// A fetcher on the default transport (ureq) and the system clock.
    pub fn new(config: FetchConfig) -> Self {
        Fetcher {
            config,
            transport: Arc::new(UreqTransport::default()),
            clock: Arc::new(SystemClock),
            stats: Arc::new(Stats::new()),
            observer: None,
            limiters: Mutex::new(HashMap::new()),
        }
    }

    /// Send requests through the host's own HTTP stack.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.observer = Some(observer);
        self
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Counters of every request made through this fetcher so far.
    pub fn stats(&self) -> StatsSnapshot {
        self.stats.snapshot()
    }

    /// Fetch everything `query` asks of its provider.
    ///
    /// `Err` only when the query cannot start (no key, nothing asked, a provider that cannot be
    /// fetched); everything that goes wrong later is in the batch's `failures`.
    pub fn fetch(&self, query: &FetchQuery) -> Result<Batch, Error> {
        let config = self.config.provider(query.provider).ok_or_else(|| {
            Error::invalid(format!("{} cannot be fetched (parse only)", query.provider))
        })?;
        let key = config.key.clone().ok_or_else(|| {
            Error::invalid(format!(
                "{} is not configured: set {}",
                query.provider,
                key_variable(query.provider)
            ))
        })?;
        let run = Run::new(self, query.provider, config, &key);
        match query.provider {
            Provider::Ticketmaster => ticketmaster::fetch(run, config, &key, query),
            Provider::Eventbrite => eventbrite::fetch(run, config, &key, query),
            Provider::Bandsintown => bandsintown::fetch(run, config, &key, query),
            Provider::Dice => dice::fetch(run, config, &key, query),
            Provider::Seatgeek | Provider::Songkick => unreachable!("no config for these"),
        }
    }

    fn limiter(&self, provider: Provider, limit: &RateLimit) -> Arc<RateLimiter> {
        let mut map = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(provider)
            .or_insert_with(|| Arc::new(RateLimiter::new(limit.clone())))
            .clone()
    }
}

/// The environment variable holding a provider's key.
pub fn key_variable(p: Provider) -> &'static str {
    match p {
        Provider::Ticketmaster => "TICKETMASTER_API_KEY",
        Provider::Eventbrite => "EVENTBRITE_TOKEN",
        Provider::Bandsintown => "BANDSINTOWN_APP_ID",
        Provider::Dice => "APIFY_TOKEN",
        Provider::Seatgeek => "SEATGEEK_CLIENT_ID",
        Provider::Songkick => "SONGKICK_API_KEY",
    }
}

/// One run in progress: the client, the batch being filled, and the listings already kept.
pub(crate) struct Run {
    provider: Provider,
    client: Client,
    batch: Batch,
    seen: HashSet<String>,
    /// Set when a failure dooms every later request of the run.
    stopped: bool,
    /// Progress: units of work announced so far, and units done when they are not listings.
    total: Option<u64>,
    steps_done: Option<u64>,
    pages_tried: u64,
}

/// Query parameters that carry secrets, taken out of every recorded URL.
const SECRET_PARAMS: [&str; 4] = ["apikey", "app_id", "token", "client_secret"];

/// The outcome of one page request, for the fetchers' paging logic.
pub(crate) enum PageResult {
    /// The body, already archived and parsed into the batch.
    Ok(Vec<u8>),
    /// Failed for good and recorded; the run may go on.
    Failed,
}

impl Run {
    fn new(f: &Fetcher, provider: Provider, config: &ProviderConfig, key: &SecretString) -> Self {
        let client = Client::new(
            provider.as_str(),
            f.transport.clone(),
            f.clock.clone(),
            f.limiter(provider, &config.rate_limit),
            config.retry.clone(),
            f.stats.clone(),
            f.observer.clone(),
            vec![key.clone()],
        );
        Run {
            provider,
            client,
            batch: Batch::new(provider.as_str()),
            seen: HashSet::new(),
            stopped: false,
            total: None,
            steps_done: None,
            pages_tried: 0,
        }
    }

    /// Announce `n` more listings to come (a list's announced total), for progress.
    pub(crate) fn expect_listings(&mut self, n: u64) {
        self.total = Some(self.total.unwrap_or(0) + n);
        self.progress();
    }

    /// Count progress in steps (e.g. artists) rather than listings: `total` steps in all.
    pub(crate) fn expect_steps(&mut self, total: u64) {
        self.total = Some(total);
        self.steps_done = Some(0);
    }

    /// One step done (see [`Run::expect_steps`]).
    pub(crate) fn step(&mut self) {
        if let Some(d) = &mut self.steps_done {
            *d += 1;
        }
        self.progress();
    }

    fn progress(&self) {
        let events = self.batch.events.len() as u64;
        self.client.emit(FetchEvent::Progress {
            provider: self.provider.as_str().to_owned(),
            done: self.steps_done.unwrap_or(events),
            total: self.total,
            events,
            pages: self.pages_tried,
        });
    }

    pub(crate) fn stopped(&self) -> bool {
        self.stopped
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.client.clock().now().into()
    }

    /// Fetch one page, archive it, parse its events into the batch (each listing once).
    pub(crate) fn page(&mut self, request: &Request) -> PageResult {
        match self.fetch_page(request) {
            Some((body, fetched_at, query)) => {
                self.absorb(&body, fetched_at, &query);
                PageResult::Ok(body)
            }
            None => PageResult::Failed,
        }
    }

    /// Fetch and archive one page without parsing it: the body, when it came, and its query
    /// (secrets taken out). `None` when it failed for good (recorded) or the run has stopped.
    pub(crate) fn fetch_page(
        &mut self,
        request: &Request,
    ) -> Option<(Vec<u8>, DateTime<Utc>, String)> {
        let query = redact_query(&request.url, &SECRET_PARAMS);
        if self.stopped {
            return None;
        }
        self.pages_tried += 1;
        match self.client.send_json(request) {
            Ok(fetched) => {
                let fetched_at: DateTime<Utc> = fetched.fetched_at.into();
                self.batch.pages.push(RawPage {
                    provider: self.provider.as_str().to_owned(),
                    url: query.clone(),
                    body: String::from_utf8_lossy(&fetched.body).into_owned(),
                    fetched_at,
                });
                Some((fetched.body, fetched_at, query))
            }
            Err(error) => {
                self.fail(&query, error);
                None
            }
        }
    }

    /// Parse a page body into the batch.
    pub(crate) fn absorb(&mut self, body: &[u8], fetched_at: DateTime<Utc>, query: &str) {
        let options = ParseOptions {
            fetched_at: Some(fetched_at),
        };
        match crate::parse_with(self.provider, body, &options) {
            Ok(outcome) => {
                for event in outcome.events {
                    if self.seen.insert(event.id.clone()) {
                        self.batch.events.push(event);
                    }
                }
                self.batch.problems.extend(outcome.problems);
            }
            Err(e) => self.batch.problems.push(gigradar_core::Problem {
                provider: self.provider.as_str().to_owned(),
                item_id: None,
                index: None,
                message: format!("page {query}: {}", self.client.scrub(&e.to_string())),
            }),
        }
        if self.steps_done.is_none() {
            self.progress();
        }
    }

    /// Record a request that failed for good; stop the run when later ones cannot succeed.
    pub(crate) fn fail(&mut self, query: &str, error: Error) {
        self.client.report_failure(query, &error);
        let fatal = match &error {
            Error::RateLimited { .. } | Error::ReauthRequired(_) => true,
            Error::Provider { status, .. } => matches!(status, 401 | 403),
            Error::Network(m) => m.contains("deadline"),
            _ => false,
        };
        self.stopped |= fatal;
        self.batch.failures.push(PageFailure {
            provider: self.provider.as_str().to_owned(),
            query: query.to_owned(),
            error,
        });
        if self.steps_done.is_none() {
            self.progress();
        }
    }

    /// A problem that is not one item's (e.g. listings past a paging cap).
    pub(crate) fn problem(&mut self, message: String) {
        self.batch.problems.push(gigradar_core::Problem {
            provider: self.provider.as_str().to_owned(),
            item_id: None,
            index: None,
            message,
        });
    }

    pub(crate) fn finish(self) -> Batch {
        tracing::info!(
            provider = %self.provider,
            events = self.batch.events.len(),
            pages = self.batch.pages.len(),
            failures = self.batch.failures.len(),
            "fetch finished"
        );
        self.batch
    }
}
