//! The Node addon behind the `gigradar` npm package: what it exports.
//!
//! Each export converts its arguments (`types.rs`), calls one core or providers function, and
//! converts the result or maps the error (`errors.rs`). Calls that wait on the network (fetch,
//! Spotify sign-in and signals) and `rankMany` run on libuv's thread pool and return Promises;
//! the rest are synchronous. `index.js` and `index.d.ts` are generated from this crate by
//! `napi build --platform` and committed.

mod errors;
mod types;

use gigradar_core as core;
use gigradar_core::dedup as cdedup;
use gigradar_core::profile as cprofile;
use gigradar_core::rank as crank;
use gigradar_providers as providers;
use gigradar_providers::spotify::TokenStore as _;
use napi::bindgen_prelude::{AsyncTask, Buffer, ClassInstance, Either, Unknown};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::{Env, Status, Task};
use napi_derive::napi;
use std::sync::Arc;
use types::js_err;

pub use errors::ErrorCode;

/// Parse one payload of `provider` (`"ticketmaster"`, `"bandsintown"`, `"eventbrite"`, `"dice"`,
/// `"seatgeek"` or `"songkick"`) into canonical events.
///
/// One malformed item does not sink the page: it becomes a problem and the rest is kept. Throws
/// with `err.code` `ERR_UNKNOWN_PROVIDER` for an unknown provider and `ERR_INVALID_INPUT` for a
/// payload that is not that provider's at all.
#[napi]
pub fn parse(
    env: Env,
    provider: String,
    payload: Either<String, Buffer>,
) -> napi::Result<types::ParseResult> {
    gigradar_providers::parse_named(&provider, types::payload_bytes(&payload))
        .map(|out| types::ParseResult::from(&out))
        .map_err(js_err(&env))
}

/// Canonical events from JSON Lines (what `gigradar parse` and `gigradar dedup` write); blank
/// lines are skipped and a bad line throws `ERR_INVALID_INPUT` naming its number.
#[napi]
pub fn parse_jsonl(env: Env, data: Either<String, Buffer>) -> napi::Result<Vec<types::Event>> {
    let events = core::Event::from_jsonl(types::payload_bytes(&data)).map_err(js_err(&env))?;
    Ok(events.iter().map(types::Event::from).collect())
}

/// Events as canonical JSON Lines, one per line, each ending in a newline: what the
/// `gigradar` command line reads.
#[napi]
pub fn events_to_jsonl(env: Env, events: Vec<types::Event>) -> napi::Result<String> {
    let events = types::core_events(&events).map_err(js_err(&env))?;
    Ok(events.iter().map(|e| e.to_json() + "\n").collect())
}

/// One event per performance: merge the listings of the same show (same act, venue and night)
/// across and within providers. With `explain`, `merges` says why each merged event was merged.
///
/// Synchronous (it is fast enough to call per request); an event that cannot be read throws
/// `ERR_INVALID_INPUT` naming it and the field.
#[napi]
pub fn dedup(
    env: Env,
    events: Vec<types::Event>,
    explain: Option<bool>,
) -> napi::Result<types::DedupResult> {
    let events = types::core_events(&events).map_err(js_err(&env))?;
    let out = cdedup::dedup(events, &cdedup::DedupOptions::default());
    Ok(types::DedupResult::new(&out, explain.unwrap_or(false)))
}

/// Merge `incoming` listings into `existing` events: existing events keep their ids, and
/// `aliases` maps each id that stopped existing to the id of the event that absorbed it.
#[napi]
pub fn merge_into(
    env: Env,
    existing: Vec<types::Event>,
    incoming: Vec<types::Event>,
) -> napi::Result<types::MergeResult> {
    let existing = types::core_events(&existing).map_err(js_err(&env))?;
    let incoming = types::core_events(&incoming).map_err(js_err(&env))?;
    let out = cdedup::merge_into(&existing, &incoming, &cdedup::DedupOptions::default());
    Ok(types::MergeResult::from(&out))
}

/// Core's default ranking weights.
#[napi]
pub fn default_weights() -> types::Weights {
    types::Weights::from(crank::Weights::default())
}

/// A person's taste: picks, Spotify listening and feedback. Its JSON form is what
/// `gigradar profile` writes and `gigradar rank` reads.
#[napi]
pub struct Profile {
    inner: cprofile::Profile,
}

#[napi]
impl Profile {
    /// An empty profile.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Profile {
            inner: cprofile::Profile::default(),
        }
    }

    /// A profile from its JSON form.
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<Profile> {
        cprofile::Profile::from_json(&json)
            .map(|inner| Profile { inner })
            .map_err(js_err(&env))
    }

    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Explicit picks: a picks file's JSON text (liked and disliked artists and genres, home).
    #[napi]
    pub fn add_picks(&mut self, env: Env, picks: String) -> napi::Result<()> {
        let picks = cprofile::Picks::from_json(&picks).map_err(js_err(&env))?;
        self.inner.add_picks(&picks);
        Ok(())
    }

    /// A `GET /me/top/artists` response exactly as Spotify sent it, for `term` (`short_term`,
    /// `medium_term` or `long_term`); ranks continue from the page's `offset`. Returns the items
    /// that were skipped.
    #[napi]
    pub fn add_spotify_top(
        &mut self,
        env: Env,
        payload: Either<String, Buffer>,
        term: String,
    ) -> napi::Result<Vec<types::Problem>> {
        let term = types::spotify_term(&term).map_err(js_err(&env))?;
        let page = providers::spotify::parse_artists(types::payload_bytes(&payload))
            .map_err(js_err(&env))?;
        self.inner
            .add_spotify_top(term, page.offset.saturating_add(1), &page.artists);
        Ok(page.problems.iter().map(types::Problem::from).collect())
    }

    /// A `GET /me/following?type=artist` response exactly as Spotify sent it. Returns the items
    /// that were skipped.
    #[napi]
    pub fn add_spotify_followed(
        &mut self,
        env: Env,
        payload: Either<String, Buffer>,
    ) -> napi::Result<Vec<types::Problem>> {
        let page = providers::spotify::parse_artists(types::payload_bytes(&payload))
            .map_err(js_err(&env))?;
        self.inner.add_spotify_followed(&page.artists);
        Ok(page.problems.iter().map(types::Problem::from).collect())
    }

    /// What `Spotify.signals()` found: top artists of every term and every followed artist.
    #[napi]
    pub fn add_spotify_signals(
        &mut self,
        env: Env,
        signals: types::SpotifySignals,
    ) -> napi::Result<()> {
        let signals =
            providers::spotify::SpotifySignals::try_from(&signals).map_err(js_err(&env))?;
        signals.add_to(&mut self.inner);
        Ok(())
    }

    /// What the person did with a shown event: `action` is `save`, `skip` or `hide`, `at` the
    /// moment (RFC 3339; core reads no clock).
    #[napi]
    pub fn add_feedback(
        &mut self,
        env: Env,
        event: types::Event,
        action: String,
        at: String,
    ) -> napi::Result<()> {
        let event = core::Event::try_from(&event).map_err(js_err(&env))?;
        let action = types::feedback_action(&action).map_err(js_err(&env))?;
        let at = types::instant("at", &at).map_err(js_err(&env))?;
        self.inner
            .add_feedback(cprofile::Feedback::on(&event, action, at));
        Ok(())
    }
}

/// Events prepared for ranking many times: build once, rank for every request.
#[napi]
pub struct EventSet {
    inner: Arc<crank::EventSet>,
}

#[napi]
impl EventSet {
    /// Prepare `events`. Cancelled events and events without coordinates or a date are kept
    /// (for `event`) but never ranked.
    #[napi(constructor)]
    pub fn new(env: Env, events: Vec<types::Event>) -> napi::Result<Self> {
        let events = types::core_events(&events).map_err(js_err(&env))?;
        Ok(EventSet {
            inner: Arc::new(crank::EventSet::new(events)),
        })
    }

    /// An event set from JSON Lines (what `gigradar parse` and `gigradar dedup` write), read
    /// entirely in Rust; a bad line throws `ERR_INVALID_INPUT` naming its number.
    #[napi(factory)]
    pub fn from_jsonl(env: Env, data: Either<String, Buffer>) -> napi::Result<EventSet> {
        let events = core::Event::from_jsonl(types::payload_bytes(&data)).map_err(js_err(&env))?;
        Ok(EventSet {
            inner: Arc::new(crank::EventSet::new(events)),
        })
    }

    /// How many events the set holds.
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        // Indexes are u32 in core.
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }

    /// The event at `index` (as in `Ranked.index`).
    #[napi]
    pub fn event(&self, index: u32) -> Option<types::Event> {
        self.inner.event(index).map(types::Event::from)
    }

    /// The index of the event with this id.
    #[napi]
    pub fn event_index(&self, id: String) -> Option<u32> {
        self.inner.event_index(&id)
    }
}

/// The best `context.k` upcoming shows in `set` for `profile`, best first, each with the reasons
/// that sum to its score. Synchronous: one ranking takes milliseconds. An invalid `now`,
/// position or radius throws `ERR_INVALID_INPUT`.
#[napi]
pub fn rank(
    env: Env,
    profile: &Profile,
    set: &EventSet,
    context: types::RankContext,
    weights: Option<types::Weights>,
) -> napi::Result<Vec<types::Ranked>> {
    let ctx = crank::RankContext::try_from(&context).map_err(js_err(&env))?;
    let weights = weights.map_or_else(crank::Weights::default, crank::Weights::from);
    let ranked =
        crank::rank_with(&profile.inner, &set.inner, &ctx, &weights).map_err(js_err(&env))?;
    Ok(ranked
        .iter()
        .map(|r| types::Ranked::new(r, &set.inner))
        .collect())
}

/// `rank` for each of `profiles`, in parallel on a worker thread per core; results in the order
/// of `profiles`. Resolves off the event loop.
#[napi(ts_return_type = "Promise<Array<Array<Ranked>>>")]
pub fn rank_many(
    profiles: Vec<ClassInstance<Profile>>,
    set: &EventSet,
    context: types::RankContext,
    weights: Option<types::Weights>,
) -> AsyncTask<RankMany> {
    AsyncTask::new(RankMany {
        profiles: profiles.iter().map(|p| p.inner.clone()).collect(),
        set: set.inner.clone(),
        // A bad context rejects the Promise (in `compute`) rather than throwing here.
        ctx: crank::RankContext::try_from(&context),
        weights: weights.map_or_else(crank::Weights::default, crank::Weights::from),
    })
}

pub struct RankMany {
    profiles: Vec<cprofile::Profile>,
    set: Arc<crank::EventSet>,
    ctx: core::Result<crank::RankContext>,
    weights: crank::Weights,
}

#[napi]
impl Task for RankMany {
    type Output = core::Result<Vec<Vec<crank::Ranked>>>;
    type JsValue = Vec<Vec<types::Ranked>>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(self.ctx.clone().and_then(|ctx| {
            crank::rank_many_parallel(&self.profiles, &self.set, &ctx, &self.weights, threads)
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let all = output.map_err(js_err(&env))?;
        Ok(all
            .iter()
            .map(|one| {
                one.iter()
                    .map(|r| types::Ranked::new(r, &self.set))
                    .collect()
            })
            .collect())
    }
}

/// Fetches provider listings. Keys and base URLs come from the environment
/// (`TICKETMASTER_API_KEY`, `GIGRADAR_TICKETMASTER_BASE_URL`, ...), each overridable in
/// `options`; `observer` is told about every response, retry and failure. Keys never show in
/// `toString()`, errors or observer events.
#[napi]
pub struct Fetcher {
    inner: Arc<providers::Fetcher>,
}

#[napi]
impl Fetcher {
    #[napi(constructor)]
    pub fn new(
        options: Option<types::FetcherOptions>,
        observer: Option<
            ThreadsafeFunction<
                types::FetchEvent,
                Unknown<'static>,
                types::FetchEvent,
                Status,
                false,
                true,
            >,
        >,
    ) -> Self {
        let mut config = providers::FetchConfig::from_env();
        if let Some(options) = &options {
            options.apply(&mut config);
        }
        let mut fetcher = providers::Fetcher::new(config);
        if let Some(observer) = observer {
            fetcher = fetcher.with_observer(Arc::new(types::JsObserver(observer)));
        }
        Fetcher {
            inner: Arc::new(fetcher),
        }
    }

    /// Fetch everything `query` asks of its provider, off the event loop. Rejects only when the
    /// query cannot start (no key, unknown provider); pages that fail are in `failures`.
    #[napi(ts_return_type = "Promise<Batch>")]
    pub fn fetch(&self, query: types::FetchQuery) -> AsyncTask<Fetch> {
        AsyncTask::new(Fetch {
            fetcher: self.inner.clone(),
            // A bad query rejects the Promise (in `compute`) rather than throwing here.
            query: providers::FetchQuery::try_from(&query),
        })
    }

    /// Counters of every request made through this fetcher so far.
    #[napi]
    pub fn stats(&self) -> types::StatsSnapshot {
        types::StatsSnapshot::from(&self.inner.stats())
    }

    /// The base URLs and whether each provider has a key (never the key).
    #[napi(js_name = "toString")]
    pub fn describe(&self) -> String {
        let config = self.inner.config();
        let part = |name: &str, p: &providers::ProviderConfig| {
            let key = if p.key.is_some() { "key set" } else { "no key" };
            format!("{name}: {} ({key})", p.base_url)
        };
        format!(
            "Fetcher({}; {}; {}; {})",
            part("ticketmaster", &config.ticketmaster),
            part("eventbrite", &config.eventbrite),
            part("bandsintown", &config.bandsintown),
            part("dice", &config.dice),
        )
    }
}

pub struct Fetch {
    fetcher: Arc<providers::Fetcher>,
    query: core::Result<providers::FetchQuery>,
}

#[napi]
impl Task for Fetch {
    type Output = core::Result<core::Batch>;
    type JsValue = types::Batch;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(self
            .query
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|query| self.fetcher.fetch(query)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output
            .map(|batch| types::Batch::from(&batch))
            .map_err(js_err(&env))
    }
}

/// A user's Spotify tokens, held secret: `toString()`, `console.log` and `JSON.stringify` never
/// show them. `revealSecrets()` hands them to the host to keep; `fromSecrets()` reads them back.
#[napi]
pub struct SpotifyTokens {
    inner: providers::spotify::Token,
}

#[napi]
impl SpotifyTokens {
    /// Tokens the host kept (from `revealSecrets()`).
    #[napi(factory)]
    pub fn from_secrets(
        env: Env,
        secrets: types::SpotifyTokenSecrets,
    ) -> napi::Result<SpotifyTokens> {
        providers::spotify::Token::try_from(&secrets)
            .map(|inner| SpotifyTokens { inner })
            .map_err(js_err(&env))
    }

    /// The tokens in the clear, for the host to store safely. The only way to see them.
    #[napi]
    pub fn reveal_secrets(&self) -> types::SpotifyTokenSecrets {
        types::SpotifyTokenSecrets::from(&self.inner)
    }

    /// When the access token stops working (it is refreshed before), RFC 3339.
    #[napi(getter)]
    pub fn expires_at(&self) -> String {
        types::expiry_text(self.inner.expires_at)
    }

    #[napi(getter)]
    pub fn scopes(&self) -> Vec<String> {
        self.inner.scopes.clone()
    }

    #[napi(js_name = "toString")]
    pub fn describe(&self) -> String {
        format!(
            "SpotifyTokens([REDACTED], expires {})",
            types::expiry_text(self.inner.expires_at)
        )
    }
}

/// A Spotify account, signed in with authorization code + PKCE (no client secret).
///
/// Tokens live in memory inside this object: pass `tokens` (from an earlier `tokens()`) to start
/// signed in, and read `tokens()` after `finishSignIn` and `signals` (a refresh replaces them)
/// to keep them. A host store with load/save callbacks would need the worker thread to wait on
/// the JavaScript thread, which napi cannot do without risking a deadlock.
#[napi]
pub struct Spotify {
    inner: Arc<providers::spotify::Spotify>,
    store: Arc<providers::spotify::MemoryTokenStore>,
}

#[napi]
impl Spotify {
    #[napi(constructor)]
    pub fn new(
        options: types::SpotifyOptions,
        tokens: Option<&SpotifyTokens>,
        observer: Option<
            ThreadsafeFunction<
                types::FetchEvent,
                Unknown<'static>,
                types::FetchEvent,
                Status,
                false,
                true,
            >,
        >,
    ) -> Self {
        let store = Arc::new(providers::spotify::MemoryTokenStore::default());
        if let Some(tokens) = tokens {
            store.save(&tokens.inner);
        }
        let config = providers::spotify::SpotifyConfig::from(&options);
        let mut spotify = providers::spotify::Spotify::new(config, store.clone());
        if let Some(observer) = observer {
            spotify = spotify.with_observer(Arc::new(types::JsObserver(observer)));
        }
        Spotify {
            inner: Arc::new(spotify),
            store,
        }
    }

    /// Start a sign-in: the URL to send the user to, and the `state` it comes back with.
    /// Synchronous: it only draws random numbers.
    #[napi]
    pub fn begin_sign_in(&self, env: Env) -> napi::Result<types::SignIn> {
        let sign_in = self.inner.begin_sign_in().map_err(js_err(&env))?;
        Ok(types::SignIn {
            authorize_url: sign_in.authorize_url,
            state: sign_in.state,
        })
    }

    /// Finish a sign-in from the URL Spotify redirected to: checks `state`, exchanges the code
    /// and keeps the tokens. Resolves off the event loop.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn finish_sign_in(&self, callback_url: String) -> AsyncTask<FinishSignIn> {
        AsyncTask::new(FinishSignIn {
            spotify: self.inner.clone(),
            callback_url,
        })
    }

    /// Top artists of all three time ranges and every followed artist; add them to a profile
    /// with `profile.addSpotifySignals(signals)`. Rejects with `ERR_REAUTH_REQUIRED` when not
    /// signed in or the sign-in was revoked.
    #[napi(ts_return_type = "Promise<SpotifySignals>")]
    pub fn signals(&self) -> AsyncTask<Signals> {
        AsyncTask::new(Signals {
            spotify: self.inner.clone(),
        })
    }

    /// The current tokens, for the host to keep; `null` when not signed in.
    #[napi]
    pub fn tokens(&self) -> Option<SpotifyTokens> {
        self.store.load().map(|inner| SpotifyTokens { inner })
    }

    /// Counters of every Spotify request so far.
    #[napi]
    pub fn stats(&self) -> types::StatsSnapshot {
        types::StatsSnapshot::from(&self.inner.stats())
    }
}

pub struct FinishSignIn {
    spotify: Arc<providers::spotify::Spotify>,
    callback_url: String,
}

#[napi]
impl Task for FinishSignIn {
    type Output = core::Result<()>;
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(self.spotify.finish_sign_in(&self.callback_url))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<()> {
        output.map_err(js_err(&env))
    }
}

pub struct Signals {
    spotify: Arc<providers::spotify::Spotify>,
}

#[napi]
impl Task for Signals {
    type Output = core::Result<providers::spotify::SpotifySignals>;
    type JsValue = types::SpotifySignals;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(self.spotify.signals())
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output
            .map(|s| types::SpotifySignals::from(&s))
            .map_err(js_err(&env))
    }
}
