//! `gigradar._native`: the compiled half of the `gigradar` Python package.
//!
//! This file declares what the module exports; `types.rs` holds the classes and their conversion
//! from core, `errors.rs` the mapping of core errors to Python exceptions. The module is declared
//! inline (`mod _native`) because pyo3 can only introspect that form for `_native.pyi`.
//!
//! Every call that can take time (parsing, dedup, building an event set, ranking, fetching,
//! Spotify) runs with the GIL released (`py.detach`), so other Python threads go on meanwhile.

mod errors;
mod types;

#[pyo3::pymodule]
mod _native {
    use crate::errors::to_py;
    use crate::types::{self, Instant, Payload};
    use gigradar_core as core;
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::types::{
        Batch, DedupResult, Event, EventSet, ExternalIds, FetchEvent, FetchQuery, Fetcher,
        MergeEvidence, MergeResult, PageFailure, PageSummary, PairEvidence, PairFeatures,
        ParseResult, Performer, Price, Problem, Profile, ProviderOverride, ProviderStats, Ranked,
        Reason, Secret, Source, Spotify, SpotifyArtist, SpotifySignals, SpotifyToken,
        StatsSnapshot, TopArtist, Venue, Weights,
    };

    /// Parse one payload of `provider` (`"ticketmaster"`, `"bandsintown"`, `"eventbrite"`,
    /// `"dice"`, `"seatgeek"` or `"songkick"`) into canonical events.
    ///
    /// One malformed item does not sink the page: it becomes a `Problem` and the rest is kept.
    /// Raises `UnknownProviderError` for an unknown provider and `InvalidInputError` for a
    /// payload that is not that provider's at all. The GIL is released while parsing.
    #[pyfunction]
    #[pyo3(signature = (provider, payload: "bytes | str") -> "ParseResult")]
    fn parse(py: Python<'_>, provider: &str, payload: Payload) -> PyResult<ParseResult> {
        let bytes = payload.as_bytes();
        py.detach(|| gigradar_providers::parse_named(provider, bytes))
            .map(ParseResult::from)
            .map_err(to_py)
    }

    /// One event per performance: merge the listings of the same show (same act, venue and
    /// night) across and within providers. With `explain`, `merges` holds the evidence of
    /// every merged event (which pairs, which scores, which features); otherwise it is empty.
    /// The GIL is released while merging.
    #[pyfunction]
    #[pyo3(signature = (events, explain = false) -> "DedupResult")]
    fn dedup(py: Python<'_>, events: Vec<Bound<'_, Event>>, explain: bool) -> DedupResult {
        let events = types::core_events(&events);
        let out = py.detach(|| core::dedup::dedup(events, &core::dedup::DedupOptions::default()));
        DedupResult::new(out, explain)
    }

    /// Merge `new` listings into `existing` events (the output of an earlier `dedup` or
    /// `merge_into`): existing events keep their ids; when a new listing joins two existing
    /// events, the older survives and `aliases` maps the other's id to it. The GIL is released.
    #[pyfunction]
    #[pyo3(signature = (
        existing,
        new,
    ) -> "MergeResult")]
    fn merge_into(
        py: Python<'_>,
        existing: Vec<Bound<'_, Event>>,
        new: Vec<Bound<'_, Event>>,
    ) -> MergeResult {
        let (existing, new) = (types::core_events(&existing), types::core_events(&new));
        MergeResult::from(py.detach(|| {
            core::dedup::merge_into(&existing, &new, &core::dedup::DedupOptions::default())
        }))
    }

    /// Where and when the person is, and how many results they want, as core checks it.
    fn context(
        now: &Instant<'_>,
        lat: f64,
        lon: f64,
        radius_km: f64,
        k: usize,
        max_per_headliner: usize,
    ) -> PyResult<core::rank::RankContext> {
        let mut ctx = core::rank::RankContext::new(now.to_utc("now")?, lat, lon);
        ctx.radius_km = radius_km;
        ctx.k = k;
        ctx.max_per_headliner = max_per_headliner;
        Ok(ctx)
    }

    fn defaults() -> core::rank::RankContext {
        core::rank::RankContext::new(chrono::DateTime::UNIX_EPOCH, 0.0, 0.0)
    }

    /// The best `k` upcoming shows of `events` for `profile`, best first, each with the reasons
    /// that sum to its score. `now` is an aware `datetime` or RFC 3339 text; `lat`, `lon` in
    /// degrees; shows farther than `radius_km` are left out; at most `max_per_headliner` dates
    /// of one headliner (0: no limit). Invalid `now`, position or radius raise
    /// `InvalidInputError`. The GIL is released while ranking.
    #[pyfunction]
    #[pyo3(signature = (
        profile, events, now, lat, lon, radius_km = defaults().radius_km, k = defaults().k,
        max_per_headliner = defaults().max_per_headliner, weights = None,
    ) -> "list[Ranked]")]
    #[allow(clippy::too_many_arguments)]
    fn rank(
        py: Python<'_>,
        profile: PyRef<'_, Profile>,
        events: &Bound<'_, EventSet>,
        now: Instant<'_>,
        lat: f64,
        lon: f64,
        radius_km: f64,
        k: usize,
        max_per_headliner: usize,
        weights: Option<PyRef<'_, Weights>>,
    ) -> PyResult<Vec<Ranked>> {
        let ctx = context(&now, lat, lon, radius_km, k, max_per_headliner)?;
        let weights = weights.map_or_else(core::rank::Weights::default, |w| (&*w).into());
        let set = &events.get().set;
        let person = &profile.profile;
        let ranked = py
            .detach(|| core::rank::rank_with(person, set, &ctx, &weights))
            .map_err(to_py)?;
        Ok(Ranked::list(set, ranked))
    }

    /// `rank` for many people at once, in parallel on `threads` threads (default: every core)
    /// with the GIL released; one list of results per profile, in the order of `profiles`.
    #[pyfunction]
    #[pyo3(signature = (
        profiles, events, now, lat, lon,
        radius_km = defaults().radius_km, k = defaults().k,
        max_per_headliner = defaults().max_per_headliner, weights = None, threads = None,
    ) -> "list[list[Ranked]]")]
    #[allow(clippy::too_many_arguments)]
    fn rank_many(
        py: Python<'_>,
        profiles: Vec<PyRef<'_, Profile>>,
        events: &Bound<'_, EventSet>,
        now: Instant<'_>,
        lat: f64,
        lon: f64,
        radius_km: f64,
        k: usize,
        max_per_headliner: usize,
        weights: Option<PyRef<'_, Weights>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Ranked>>> {
        let ctx = context(&now, lat, lon, radius_km, k, max_per_headliner)?;
        let weights = weights.map_or_else(core::rank::Weights::default, |w| (&*w).into());
        let set = &events.get().set;
        let people: Vec<core::profile::Profile> =
            profiles.iter().map(|p| p.profile.clone()).collect();
        let threads = threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        });
        let ranked = py
            .detach(|| core::rank::rank_many_parallel(&people, set, &ctx, &weights, threads))
            .map_err(to_py)?;
        Ok(ranked
            .into_iter()
            .map(|one| Ranked::list(set, one))
            .collect())
    }
}
