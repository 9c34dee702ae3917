//! The Python classes of gigradar and their one conversion from core.
//!
//! Each class mirrors a core type field for field, with the attribute names and value spellings
//! of the canonical JSON (dates, times and instants are the same strings `to_json` writes). A class
//! is built from its core value by `From`, nothing else; an `Event` also keeps the core event it
//! came from, so that serializing it and handing it back to core (dedup, rank) never re-parses.

use chrono::{DateTime, Utc};
use gigradar_core as core;
use gigradar_providers::spotify;
use gigradar_providers::{self as providers, ExposeSecret, SecretString};
use pyo3::inspect::{PyStaticConstant, PyStaticExpr};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyDateTime, PyDict, PyTzInfoAccess};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

/// A payload as Python hands it over: the raw bytes of a response, or its decoded text.
#[derive(FromPyObject)]
pub enum Payload {
    Bytes(PyBackedBytes),
    Text(PyBackedStr),
}

impl Payload {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Payload::Bytes(b) => b,
            Payload::Text(s) => s.as_bytes(),
        }
    }
}

/// The canonical JSON spelling of a scalar (an instant, a date, an enum), exactly as `to_json` writes it.
fn spelled<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("canonical scalars serialize to strings, got {other:?}"),
    }
}

/// A value as Python's `repr` shows it: `None`, a number, or a quoted string.
fn py_repr<T: PyReprValue + ?Sized>(value: &T) -> String {
    value.py_repr()
}

trait PyReprValue {
    fn py_repr(&self) -> String;
}

impl PyReprValue for str {
    fn py_repr(&self) -> String {
        format!("'{}'", self.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

impl PyReprValue for String {
    fn py_repr(&self) -> String {
        self.as_str().py_repr()
    }
}

impl PyReprValue for f64 {
    fn py_repr(&self) -> String {
        format!("{self:?}")
    }
}

impl PyReprValue for usize {
    fn py_repr(&self) -> String {
        self.to_string()
    }
}

impl<T: PyReprValue> PyReprValue for Option<T> {
    fn py_repr(&self) -> String {
        self.as_ref().map_or_else(|| "None".to_owned(), T::py_repr)
    }
}

/// One show: a performance at a place and time, with every provider listing behind it.
///
/// `start` is the exact instant as an RFC 3339 string with the venue's offset
/// (`datetime.fromisoformat(event.start)` reads it); `local_date` is `YYYY-MM-DD` and
/// `local_time` `HH:MM:SS`, as shown at the venue. Each is `None` when not announced.
#[pyclass(module = "gigradar._native", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct Event {
    #[pyo3(get)]
    pub id: String,
    #[pyo3(get)]
    pub title: String,
    /// In billing order; the first headliner tops the bill.
    #[pyo3(get)]
    pub performers: Vec<Performer>,
    #[pyo3(get)]
    pub genres: Vec<String>,
    /// `music`, `sports`, `arts`, `comedy`, `family`, `film` or `other`.
    #[pyo3(get)]
    pub category: String,
    #[pyo3(get)]
    pub start: Option<String>,
    #[pyo3(get)]
    pub end: Option<String>,
    /// The venue's IANA time zone.
    #[pyo3(get)]
    pub timezone: Option<String>,
    #[pyo3(get)]
    pub local_date: Option<String>,
    #[pyo3(get)]
    pub local_time: Option<String>,
    /// `scheduled`, `cancelled`, `postponed` or `rescheduled`.
    #[pyo3(get)]
    pub status: String,
    #[pyo3(get)]
    pub venue: Option<Venue>,
    #[pyo3(get)]
    pub price: Option<Price>,
    #[pyo3(get)]
    pub url: Option<String>,
    #[pyo3(get)]
    pub image: Option<String>,
    #[pyo3(get)]
    pub sources: Vec<Source>,
    /// The core event this mirrors: the source of truth for `to_json` and for calls back into core.
    pub event: core::Event,
}

#[pymethods]
impl Event {
    /// The event from its canonical JSON (as written by `to_json`).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Event> {
        core::Event::from_json(json)
            .map(Event::from)
            .map_err(crate::errors::to_py)
    }

    /// The event from a dict shaped like its canonical JSON (as returned by `to_dict`).
    #[staticmethod]
    #[pyo3(signature = (data: "dict[str, object]") -> "Event")]
    fn from_dict(py: Python<'_>, data: Bound<'_, PyDict>) -> PyResult<Event> {
        let json: String = py
            .import("json")?
            .call_method1("dumps", (data,))?
            .extract()?;
        Event::from_json(&json)
    }

    /// The canonical JSON of the event: one line, the same as the `gigradar` command writes.
    fn to_json(&self) -> String {
        self.event.to_json()
    }

    /// The canonical JSON of the event as a dict of plain Python values.
    #[pyo3(signature = () -> "dict[str, object]")]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.event.to_json(),))
    }

    fn __repr__(&self) -> String {
        let venue = self.venue.as_ref().map(|v| v.name.clone());
        format!(
            "Event(id={}, title={}, start={}, venue={}, status={})",
            py_repr(&self.id),
            py_repr(&self.title),
            py_repr(&self.start),
            py_repr(&venue),
            py_repr(&self.status)
        )
    }
}

impl From<core::Event> for Event {
    fn from(e: core::Event) -> Self {
        Event {
            id: e.id.clone(),
            title: e.title.clone(),
            performers: e.performers.iter().map(Performer::from).collect(),
            genres: e.genres.clone(),
            category: e.category.as_str().to_owned(),
            start: e.start.as_ref().map(spelled),
            end: e.end.as_ref().map(spelled),
            timezone: e.timezone.clone(),
            local_date: e.local_date.as_ref().map(spelled),
            local_time: e.local_time.as_ref().map(spelled),
            status: e.status.as_str().to_owned(),
            venue: e.venue.as_ref().map(Venue::from),
            price: e.price.as_ref().map(Price::from),
            url: e.url.clone(),
            image: e.image.clone(),
            sources: e.sources.iter().map(Source::from).collect(),
            event: e,
        }
    }
}

/// Someone on the bill.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct Performer {
    pub name: String,
    /// `headliner` or `support`.
    pub role: String,
    pub ids: ExternalIds,
}

#[pymethods]
impl Performer {
    fn __repr__(&self) -> String {
        format!(
            "Performer(name={}, role={})",
            py_repr(&self.name),
            py_repr(&self.role)
        )
    }
}

impl From<&core::Performer> for Performer {
    fn from(p: &core::Performer) -> Self {
        Performer {
            name: p.name.clone(),
            role: p.role.as_str().to_owned(),
            ids: ExternalIds::from(&p.ids),
        }
    }
}

/// Ids of one artist or venue in other systems; `None` where unknown.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct ExternalIds {
    pub spotify: Option<String>,
    pub musicbrainz: Option<String>,
    pub ticketmaster: Option<String>,
    pub bandsintown: Option<String>,
    pub eventbrite: Option<String>,
    pub seatgeek: Option<String>,
    pub songkick: Option<String>,
    pub dice: Option<String>,
}

#[pymethods]
impl ExternalIds {
    fn __repr__(&self) -> String {
        let known: Vec<String> = [
            ("spotify", &self.spotify),
            ("musicbrainz", &self.musicbrainz),
            ("ticketmaster", &self.ticketmaster),
            ("bandsintown", &self.bandsintown),
            ("eventbrite", &self.eventbrite),
            ("seatgeek", &self.seatgeek),
            ("songkick", &self.songkick),
            ("dice", &self.dice),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", py_repr(v))))
        .collect();
        format!("ExternalIds({})", known.join(", "))
    }
}

impl From<&core::ExternalIds> for ExternalIds {
    fn from(ids: &core::ExternalIds) -> Self {
        ExternalIds {
            spotify: ids.spotify.clone(),
            musicbrainz: ids.musicbrainz.clone(),
            ticketmaster: ids.ticketmaster.clone(),
            bandsintown: ids.bandsintown.clone(),
            eventbrite: ids.eventbrite.clone(),
            seatgeek: ids.seatgeek.clone(),
            songkick: ids.songkick.clone(),
            dice: ids.dice.clone(),
        }
    }
}

/// Where the show happens.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct Venue {
    pub name: String,
    pub address: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Degrees; `None` when the provider gives no valid coordinates.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub ids: ExternalIds,
}

#[pymethods]
impl Venue {
    fn __repr__(&self) -> String {
        format!(
            "Venue(name={}, city={}, country={})",
            py_repr(&self.name),
            py_repr(&self.city),
            py_repr(&self.country)
        )
    }
}

impl From<&core::Venue> for Venue {
    fn from(v: &core::Venue) -> Self {
        Venue {
            name: v.name.clone(),
            address: v.address.clone(),
            city: v.city.clone(),
            region: v.region.clone(),
            postal_code: v.postal_code.clone(),
            country: v.country.clone(),
            lat: v.lat,
            lon: v.lon,
            ids: ExternalIds::from(&v.ids),
        }
    }
}

/// A ticket price range.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct Price {
    pub min: f64,
    pub max: f64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

#[pymethods]
impl Price {
    fn __repr__(&self) -> String {
        format!(
            "Price(min={}, max={}, currency={})",
            py_repr(&self.min),
            py_repr(&self.max),
            py_repr(&self.currency)
        )
    }
}

impl From<&core::Price> for Price {
    fn from(p: &core::Price) -> Self {
        Price {
            min: p.min,
            max: p.max,
            currency: p.currency.clone(),
        }
    }
}

/// One provider listing behind an event.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct Source {
    pub provider: String,
    /// The provider's id of the listing.
    pub id: String,
    pub url: Option<String>,
    /// RFC 3339, UTC; `None` unless the caller stamped it.
    pub fetched_at: Option<String>,
}

#[pymethods]
impl Source {
    fn __repr__(&self) -> String {
        format!(
            "Source(provider={}, id={})",
            py_repr(&self.provider),
            py_repr(&self.id)
        )
    }
}

impl From<&core::Source> for Source {
    fn from(s: &core::Source) -> Self {
        Source {
            provider: s.provider.clone(),
            id: s.id.clone(),
            url: s.url.clone(),
            fetched_at: s.fetched_at.as_ref().map(spelled),
        }
    }
}

/// Something wrong with one item of a payload; the rest of the payload was kept.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct Problem {
    pub provider: String,
    /// The provider's id of the item, when it has one.
    pub item_id: Option<String>,
    /// Index of the item in the payload, when it came from a list.
    pub index: Option<usize>,
    pub message: String,
}

#[pymethods]
impl Problem {
    fn __repr__(&self) -> String {
        format!(
            "Problem(provider={}, item_id={}, index={}, message={})",
            py_repr(&self.provider),
            py_repr(&self.item_id),
            py_repr(&self.index),
            py_repr(&self.message)
        )
    }

    fn __str__(&self) -> String {
        core::Problem::from(self).to_string()
    }
}

impl From<&core::Problem> for Problem {
    fn from(p: &core::Problem) -> Self {
        Problem {
            provider: p.provider.clone(),
            item_id: p.item_id.clone(),
            index: p.index,
            message: p.message.clone(),
        }
    }
}

impl From<&Problem> for core::Problem {
    fn from(p: &Problem) -> Self {
        core::Problem {
            provider: p.provider.clone(),
            item_id: p.item_id.clone(),
            index: p.index,
            message: p.message.clone(),
        }
    }
}

/// The result of parsing one payload: the good events, and a problem per item that was skipped.
#[pyclass(module = "gigradar._native", frozen, get_all)]
pub struct ParseResult {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
}

#[pymethods]
impl ParseResult {
    fn __repr__(&self) -> String {
        format!(
            "ParseResult(events=<{} events>, problems=<{} problems>)",
            self.events.len(),
            self.problems.len()
        )
    }
}

impl From<core::ParseOutcome> for ParseResult {
    fn from(out: core::ParseOutcome) -> Self {
        ParseResult {
            problems: out.problems.iter().map(Problem::from).collect(),
            events: out.events.into_iter().map(Event::from).collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Conversions shared by the calls below.
// ---------------------------------------------------------------------------------------------

/// An instant as Python hands it over: an aware `datetime`, or RFC 3339 text.
#[derive(FromPyObject)]
pub enum Instant<'py> {
    At(Bound<'py, PyDateTime>),
    Text(PyBackedStr),
}

impl Instant<'_> {
    /// The UTC instant; a naive `datetime` or text that is not RFC 3339 is invalid input.
    pub fn to_utc(&self, what: &str) -> PyResult<DateTime<Utc>> {
        let text = match self {
            Instant::At(at) => {
                if at.get_tzinfo().is_none() {
                    return Err(crate::errors::to_py(core::Error::invalid(format!(
                        "{what} is a naive datetime; give it a timezone (datetime.timezone.utc)"
                    ))));
                }
                at.call_method0("isoformat")?.extract::<String>()?
            }
            Instant::Text(s) => s.to_string(),
        };
        DateTime::parse_from_rfc3339(text.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                crate::errors::to_py(core::Error::invalid(format!(
                    "{what} {text:?} is not an RFC 3339 instant such as 2026-12-02T18:00:00Z: {e}"
                )))
            })
    }
}

/// The core events behind Python `Event`s, copied once (the Python-facing fields stay behind).
pub fn core_events(events: &[Bound<'_, Event>]) -> Vec<core::Event> {
    events.iter().map(|e| e.get().event.clone()).collect()
}

fn events_from(events: Vec<core::Event>) -> Vec<Event> {
    events.into_iter().map(Event::from).collect()
}

// ---------------------------------------------------------------------------------------------
// Dedup: `dedup`, `merge_into` and their explained results.
// ---------------------------------------------------------------------------------------------

/// What two listings had in common when they were scored (`PairEvidence.features`).
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct PairFeatures {
    /// Performer ids both listings carry (Spotify, MusicBrainz, provider artist ids).
    pub shared_performer_ids: u32,
    /// Act names both listings carry, after normalization.
    pub shared_act_names: u32,
    /// Jaccard similarity of the normalized title words, 0..1.
    pub title_similarity: f64,
    /// Overlap of the normalized venue name words, 0..1.
    pub venue_similarity: f64,
    /// Metres between the venues, when both have coordinates.
    pub distance_m: Option<f64>,
    /// Whether either venue is a placeholder ("TBA") at a city centroid.
    pub placeholder_venue: bool,
    /// Minutes between the local start times, when both have one.
    pub start_diff_minutes: Option<i64>,
    /// Whether either listing is a ticket package or resale listing.
    pub package: bool,
    /// Whether both listings come from one provider.
    pub same_provider: bool,
}

#[pymethods]
impl PairFeatures {
    fn __repr__(&self) -> String {
        format!(
            "PairFeatures(title_similarity={}, venue_similarity={}, distance_m={}, start_diff_minutes={})",
            py_repr(&self.title_similarity),
            py_repr(&self.venue_similarity),
            py_repr(&self.distance_m),
            self.start_diff_minutes
                .map_or_else(|| "None".to_owned(), |m| m.to_string())
        )
    }
}

impl From<&core::dedup::PairFeatures> for PairFeatures {
    fn from(f: &core::dedup::PairFeatures) -> Self {
        PairFeatures {
            shared_performer_ids: f.shared_performer_ids,
            shared_act_names: f.shared_act_names,
            title_similarity: f.title_similarity,
            venue_similarity: f.venue_similarity,
            distance_m: f.distance_m,
            placeholder_venue: f.placeholder_venue,
            start_diff_minutes: f.start_diff_minutes,
            package: f.package,
            same_provider: f.same_provider,
        }
    }
}

/// One accepted pair: why two listings (or merged groups) became one event.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct PairEvidence {
    /// Smallest source key (`provider:id`) of each side.
    pub a: String,
    pub b: String,
    /// 0 for the same source key listed twice; 1, 2, ... for the scoring round.
    pub round: u32,
    /// The pair score, 0..1.
    pub score: f64,
    /// `None` for the same source key listed twice (nothing was scored).
    pub features: Option<PairFeatures>,
}

#[pymethods]
impl PairEvidence {
    fn __repr__(&self) -> String {
        format!(
            "PairEvidence(a={}, b={}, round={}, score={})",
            py_repr(&self.a),
            py_repr(&self.b),
            self.round,
            py_repr(&self.score)
        )
    }
}

impl From<&core::dedup::PairEvidence> for PairEvidence {
    fn from(p: &core::dedup::PairEvidence) -> Self {
        PairEvidence {
            a: p.a.clone(),
            b: p.b.clone(),
            round: p.round,
            score: p.score,
            features: p.features.as_ref().map(PairFeatures::from),
        }
    }
}

/// The evidence of one merged event: its sources and the pairs that joined them.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct MergeEvidence {
    pub event_id: String,
    /// Every source key (`provider:id`) of the merged event, ordered.
    pub sources: Vec<String>,
    pub pairs: Vec<PairEvidence>,
}

#[pymethods]
impl MergeEvidence {
    fn __repr__(&self) -> String {
        format!(
            "MergeEvidence(event_id={}, sources={:?}, pairs=<{} pairs>)",
            py_repr(&self.event_id),
            self.sources,
            self.pairs.len()
        )
    }
}

impl From<&core::dedup::MergeEvidence> for MergeEvidence {
    fn from(m: &core::dedup::MergeEvidence) -> Self {
        MergeEvidence {
            event_id: m.event_id.clone(),
            sources: m.sources.clone(),
            pairs: m.pairs.iter().map(PairEvidence::from).collect(),
        }
    }
}

/// The result of `dedup`: one event per performance (ordered by id) and, when explained, one
/// evidence per merged event.
#[pyclass(module = "gigradar._native", frozen, get_all)]
pub struct DedupResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
}

#[pymethods]
impl DedupResult {
    fn __repr__(&self) -> String {
        format!(
            "DedupResult(events=<{} events>, merges=<{} merges>)",
            self.events.len(),
            self.merges.len()
        )
    }
}

impl DedupResult {
    pub fn new(out: core::dedup::DedupResult, explain: bool) -> Self {
        DedupResult {
            merges: if explain {
                out.merges.iter().map(MergeEvidence::from).collect()
            } else {
                Vec::new()
            },
            events: events_from(out.events),
        }
    }
}

/// The result of `merge_into`: the events, the evidence of each merge, and `aliases`: every id
/// that stopped existing, mapped to the id of the event that absorbed it.
#[pyclass(module = "gigradar._native", frozen, get_all)]
pub struct MergeResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
    pub aliases: HashMap<String, String>,
}

#[pymethods]
impl MergeResult {
    fn __repr__(&self) -> String {
        format!(
            "MergeResult(events=<{} events>, merges=<{} merges>, aliases=<{} aliases>)",
            self.events.len(),
            self.merges.len(),
            self.aliases.len()
        )
    }
}

impl From<core::dedup::MergeResult> for MergeResult {
    fn from(out: core::dedup::MergeResult) -> Self {
        MergeResult {
            merges: out.merges.iter().map(MergeEvidence::from).collect(),
            aliases: out.aliases,
            events: events_from(out.events),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Profile and weights.
// ---------------------------------------------------------------------------------------------

/// A value spelled as core's JSON spells it (`"save"`, `"short_term"`), or invalid input naming
/// what was expected.
fn from_spelling<T: serde::de::DeserializeOwned>(value: &str, expected: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).map_err(|_| {
        crate::errors::to_py(core::Error::invalid(format!(
            "{value:?} is not one of {expected}"
        )))
    })
}

/// A person's taste: picks, Spotify listening and feedback, each remembered with where it came
/// from so that reasons can name it. Its JSON is what `gigradar profile` writes.
#[pyclass(module = "gigradar._native")]
#[derive(Clone)]
pub struct Profile {
    pub profile: core::profile::Profile,
}

#[pymethods]
impl Profile {
    /// An empty profile (it ranks by distance and time only).
    #[new]
    fn new() -> Self {
        Profile {
            profile: core::profile::Profile::default(),
        }
    }

    /// The profile from its JSON (as written by `to_json` or `gigradar profile`).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Profile> {
        core::profile::Profile::from_json(json)
            .map(|profile| Profile { profile })
            .map_err(crate::errors::to_py)
    }

    /// The profile as JSON (pretty-printed), the form `gigradar rank --profile` reads.
    fn to_json(&self) -> String {
        self.profile.to_json()
    }

    /// Add a picks file's content (JSON text): liked and disliked artists and genres, and home,
    /// which replaces any home before. Unknown fields are invalid input.
    fn add_picks(&mut self, picks: &str) -> PyResult<()> {
        let picks = core::profile::Picks::from_json(picks).map_err(crate::errors::to_py)?;
        self.profile.add_picks(&picks);
        Ok(())
    }

    /// Add a `GET /me/top/artists` response exactly as Spotify sent it (bytes or text; the
    /// paging object or a bare `items` array). `term` is `"short_term"`, `"medium_term"` or
    /// `"long_term"`; `None` reads it from the response's `href`, else `"medium_term"` (Spotify's
    /// default). Ranks continue from the page's `offset`. Returns the items that were skipped.
    #[pyo3(signature = (payload: "bytes | str", term = None) -> "list[Problem]")]
    fn add_spotify_top(&mut self, payload: Payload, term: Option<&str>) -> PyResult<Vec<Problem>> {
        let term = match term {
            Some(t) => Some(from_spelling::<core::profile::SpotifyTerm>(
                t,
                "short_term, medium_term, long_term",
            )?),
            None => None,
        };
        let page = gigradar_providers::spotify::parse_artists(payload.as_bytes())
            .map_err(crate::errors::to_py)?;
        let term = term
            .or(page.term)
            .unwrap_or(core::profile::SpotifyTerm::Medium);
        self.profile
            .add_spotify_top(term, page.offset.saturating_add(1), &page.artists);
        Ok(page.problems.iter().map(Problem::from).collect())
    }

    /// Add a `GET /me/following?type=artist` response exactly as Spotify sent it. Returns the
    /// items that were skipped.
    #[pyo3(signature = (payload: "bytes | str") -> "list[Problem]")]
    fn add_spotify_followed(&mut self, payload: Payload) -> PyResult<Vec<Problem>> {
        let page = gigradar_providers::spotify::parse_artists(payload.as_bytes())
            .map_err(crate::errors::to_py)?;
        self.profile.add_spotify_followed(&page.artists);
        Ok(page.problems.iter().map(Problem::from).collect())
    }

    /// Record what the person did with a shown event: `action` is `"save"`, `"skip"` or `"hide"`;
    /// `at` is when (an aware `datetime` or RFC 3339 text; gigradar reads no clock).
    fn add_feedback(
        &mut self,
        event: &Bound<'_, Event>,
        action: &str,
        at: Instant<'_>,
    ) -> PyResult<()> {
        let action: core::profile::FeedbackAction = from_spelling(action, "save, skip, hide")?;
        let at = at.to_utc("at")?;
        self.profile
            .add_feedback(core::profile::Feedback::on(&event.get().event, action, at));
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!(
            "Profile(artists=<{} artists>, genres=<{} genres>, feedback=<{} items>)",
            self.profile.artists.len(),
            self.profile.genres.len(),
            self.profile.feedback.len()
        )
    }
}

/// How much each part of a score can contribute. `Weights()` has core's defaults; name only
/// what you change: `Weights(genre=30.0)`.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct Weights {
    /// Points for a headliner with affinity 1.
    pub headliner: f64,
    /// Points for a support act with affinity 1.
    pub support: f64,
    /// Points for a genre with affinity 1 (a disliked genre takes up to this much off).
    pub genre: f64,
    /// Points for a show at the person's door, falling linearly to 0 at the radius.
    pub distance: f64,
    /// Points for a show starting now, falling as `1 / (1 + days / time_scale_days)`.
    pub time: f64,
    pub time_scale_days: f64,
    /// Points for having saved this very event (skipping takes `skip` off).
    pub save: f64,
    pub skip: f64,
    /// Points for other shows of an artist whose show was saved (or skipped/hidden: taken off).
    pub artist_save: f64,
    pub artist_skip: f64,
    /// Feedback loses half its weight every this many days.
    pub feedback_half_life_days: f64,
}

fn default_weights() -> core::rank::Weights {
    core::rank::Weights::default()
}

#[pymethods]
impl Weights {
    #[new]
    #[pyo3(signature = (
        *,
        headliner = default_weights().headliner,
        support = default_weights().support,
        genre = default_weights().genre,
        distance = default_weights().distance,
        time = default_weights().time,
        time_scale_days = default_weights().time_scale_days,
        save = default_weights().save,
        skip = default_weights().skip,
        artist_save = default_weights().artist_save,
        artist_skip = default_weights().artist_skip,
        feedback_half_life_days = default_weights().feedback_half_life_days,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        headliner: f64,
        support: f64,
        genre: f64,
        distance: f64,
        time: f64,
        time_scale_days: f64,
        save: f64,
        skip: f64,
        artist_save: f64,
        artist_skip: f64,
        feedback_half_life_days: f64,
    ) -> Self {
        Weights {
            headliner,
            support,
            genre,
            distance,
            time,
            time_scale_days,
            save,
            skip,
            artist_save,
            artist_skip,
            feedback_half_life_days,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Weights(headliner={}, support={}, genre={}, distance={}, time={}, time_scale_days={}, save={}, skip={}, artist_save={}, artist_skip={}, feedback_half_life_days={})",
            py_repr(&self.headliner),
            py_repr(&self.support),
            py_repr(&self.genre),
            py_repr(&self.distance),
            py_repr(&self.time),
            py_repr(&self.time_scale_days),
            py_repr(&self.save),
            py_repr(&self.skip),
            py_repr(&self.artist_save),
            py_repr(&self.artist_skip),
            py_repr(&self.feedback_half_life_days)
        )
    }
}

impl From<&Weights> for core::rank::Weights {
    fn from(w: &Weights) -> Self {
        core::rank::Weights {
            headliner: w.headliner,
            support: w.support,
            genre: w.genre,
            distance: w.distance,
            time: w.time,
            time_scale_days: w.time_scale_days,
            save: w.save,
            skip: w.skip,
            artist_save: w.artist_save,
            artist_skip: w.artist_skip,
            feedback_half_life_days: w.feedback_half_life_days,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Ranking: the event set, ranked events and their reasons.
// ---------------------------------------------------------------------------------------------

/// Events prepared for ranking many times: build once (the GIL is released while building),
/// then `rank` it for any number of people.
#[pyclass(module = "gigradar._native", frozen)]
pub struct EventSet {
    pub set: core::rank::EventSet,
}

#[pymethods]
impl EventSet {
    #[new]
    #[pyo3(signature = (events))]
    fn new(py: Python<'_>, events: Vec<Bound<'_, Event>>) -> Self {
        let events = core_events(&events);
        EventSet {
            set: py.detach(|| core::rank::EventSet::new(events)),
        }
    }

    /// The set from JSON Lines of canonical events, as `gigradar parse` and `gigradar dedup`
    /// write them (bytes or text; blank lines are skipped). Parsed and built in Rust with the
    /// GIL released; a bad line is an `InvalidInputError` naming its line number.
    #[staticmethod]
    #[pyo3(signature = (data: "bytes | str") -> "EventSet")]
    fn from_jsonl(py: Python<'_>, data: Payload) -> PyResult<EventSet> {
        let bytes = data.as_bytes();
        py.detach(|| core::Event::from_jsonl(bytes).map(core::rank::EventSet::new))
            .map(|set| EventSet { set })
            .map_err(crate::errors::to_py)
    }

    fn __len__(&self) -> usize {
        self.set.len()
    }

    /// The event at `index` (as `Ranked` results refer to them); `IndexError` past the end.
    fn event(&self, index: usize) -> PyResult<Event> {
        u32::try_from(index)
            .ok()
            .and_then(|i| self.set.event(i))
            .map(|e| Event::from(e.clone()))
            .ok_or_else(|| {
                pyo3::exceptions::PyIndexError::new_err(format!(
                    "event index {index} is out of range (the set has {})",
                    self.set.len()
                ))
            })
    }

    fn __repr__(&self) -> String {
        format!("EventSet(<{} events>)", self.set.len())
    }
}

/// One nonzero part of a score: what it is (`kind`), how much it adds, a sentence a person
/// reads, and the data behind it (`None`/empty where it does not apply).
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct Reason {
    /// `artist`, `genre`, `distance`, `time` or `feedback`.
    pub kind: String,
    pub contribution: f64,
    pub text: String,
    /// The performer, for artist and artist-feedback reasons.
    pub artist: Option<String>,
    /// `headliner` or `support`.
    pub role: Option<String>,
    /// Where the like came from: `picked`, `spotify_top`, `spotify_followed`, `listened`.
    pub source: Option<String>,
    /// The event's genre that matched.
    pub genre: Option<String>,
    /// The person's genre it matched (the same unless the match is partial).
    pub liked_genre: Option<String>,
    /// For genres derived from listening: the person's artists it comes from.
    pub via: Vec<String>,
    pub distance_km: Option<f64>,
    pub days_until: Option<f64>,
    /// `save`, `skip` or `hide`, for feedback reasons.
    pub action: Option<String>,
}

#[pymethods]
impl Reason {
    fn __repr__(&self) -> String {
        format!(
            "Reason(kind={}, contribution={}, text={})",
            py_repr(&self.kind),
            py_repr(&self.contribution),
            py_repr(&self.text)
        )
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }
}

impl From<&core::rank::Reason> for Reason {
    fn from(r: &core::rank::Reason) -> Self {
        Reason {
            kind: spelled(&r.kind),
            contribution: r.contribution,
            text: r.text.clone(),
            artist: r.artist.clone(),
            role: r.role.map(|role| role.as_str().to_owned()),
            source: r.source.clone(),
            genre: r.genre.clone(),
            liked_genre: r.liked_genre.clone(),
            via: r.via.clone(),
            distance_km: r.distance_km,
            days_until: r.days_until,
            action: r.action.as_ref().map(spelled),
        }
    }
}

/// One ranked show: the event, its score, and the reasons (largest first) that sum to it.
#[pyclass(module = "gigradar._native", frozen, get_all)]
pub struct Ranked {
    pub event: Event,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

#[pymethods]
impl Ranked {
    fn __repr__(&self) -> String {
        format!(
            "Ranked(score={}, event={}, reasons=<{} reasons>)",
            py_repr(&self.score),
            py_repr(&self.event.title),
            self.reasons.len()
        )
    }
}

impl Ranked {
    /// The ranked results with their events taken from the set they index.
    pub fn list(set: &core::rank::EventSet, ranked: Vec<core::rank::Ranked>) -> Vec<Ranked> {
        ranked
            .into_iter()
            .filter_map(|r| {
                let event = set.event(r.index)?.clone();
                Some(Ranked {
                    event: Event::from(event),
                    score: r.score,
                    reasons: r.reasons.iter().map(Reason::from).collect(),
                })
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Fetching: settings, queries, batches, stats and the observer.
// ---------------------------------------------------------------------------------------------

/// Where to reach one provider instead of what the environment says: `base_url` (the part
/// before the API's own path, e.g. `http://127.0.0.1:8080`) and `key`. The key is kept as a
/// secret: no `repr`, `str` or error shows it.
#[pyclass(module = "gigradar._native", frozen)]
pub struct ProviderOverride {
    #[pyo3(get)]
    pub base_url: Option<String>,
    pub key: Option<SecretString>,
}

#[pymethods]
impl ProviderOverride {
    #[new]
    #[pyo3(signature = (*, base_url = None, key = None))]
    fn new(base_url: Option<String>, key: Option<String>) -> Self {
        ProviderOverride {
            base_url,
            key: key.map(SecretString::from),
        }
    }

    /// Whether a key is set (the key itself never leaves the native module).
    #[getter]
    fn has_key(&self) -> bool {
        self.key.is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "ProviderOverride(base_url={}, key={})",
            py_repr(&self.base_url),
            if self.key.is_some() {
                "'[REDACTED]'"
            } else {
                "None"
            }
        )
    }
}

/// What to fetch from one provider; each provider reads the fields that apply to it
/// (Ticketmaster: position, window, keyword, classification; Bandsintown: artists; Eventbrite:
/// organizers and venues; DICE via Apify: a dataset or actor run id). `from_` and `to` bound the
/// start of the shows (aware `datetime` or RFC 3339 text).
#[pyclass(module = "gigradar._native", frozen)]
pub struct FetchQuery {
    pub query: providers::FetchQuery,
}

#[pymethods]
impl FetchQuery {
    #[new]
    #[pyo3(signature = (
        provider, *, lat = None, lon = None, radius_km = None, from_ = None, to = None,
        keyword = None, classification = None, artists = Vec::new(), organizers = Vec::new(),
        venues = Vec::new(), dataset_id = None, actor_run_id = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        provider: &str,
        lat: Option<f64>,
        lon: Option<f64>,
        radius_km: Option<f64>,
        from_: Option<Instant<'_>>,
        to: Option<Instant<'_>>,
        keyword: Option<String>,
        classification: Option<String>,
        artists: Vec<String>,
        organizers: Vec<String>,
        venues: Vec<String>,
        dataset_id: Option<String>,
        actor_run_id: Option<String>,
    ) -> PyResult<Self> {
        let provider: providers::Provider = provider.parse().map_err(crate::errors::to_py)?;
        let mut query = providers::FetchQuery::new(provider);
        query.lat = lat;
        query.lon = lon;
        query.radius_km = radius_km;
        query.from = from_.map(|t| t.to_utc("from_")).transpose()?;
        query.to = to.map(|t| t.to_utc("to")).transpose()?;
        query.keyword = keyword;
        query.classification = classification;
        query.artists = artists;
        query.organizers = organizers;
        query.venues = venues;
        query.dataset_id = dataset_id;
        query.actor_run_id = actor_run_id;
        Ok(FetchQuery { query })
    }

    #[getter]
    fn provider(&self) -> &'static str {
        self.query.provider.as_str()
    }

    fn __repr__(&self) -> String {
        format!(
            "FetchQuery(provider={})",
            py_repr(self.query.provider.as_str())
        )
    }
}

/// A request that still failed after its retries; the run went on without it. `status` is the
/// HTTP status when the provider answered; `retry_after` the seconds a rate limit asked for.
#[pyclass(module = "gigradar._native", frozen, get_all)]
#[derive(Clone)]
pub struct PageFailure {
    pub provider: String,
    /// The request's path and query, secrets taken out.
    pub query: String,
    pub message: String,
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
}

#[pymethods]
impl PageFailure {
    fn __repr__(&self) -> String {
        format!(
            "PageFailure(provider={}, query={}, message={})",
            py_repr(&self.provider),
            py_repr(&self.query),
            py_repr(&self.message)
        )
    }
}

impl From<&core::PageFailure> for PageFailure {
    fn from(f: &core::PageFailure) -> Self {
        let (status, retry_after) = match &f.error {
            core::Error::Provider { status, .. } => (Some(*status), None),
            core::Error::RateLimited {
                retry_after_secs, ..
            } => (Some(429), Some(*retry_after_secs)),
            _ => (None, None),
        };
        PageFailure {
            provider: f.provider.clone(),
            query: f.query.clone(),
            message: f.error.to_string(),
            status,
            retry_after,
        }
    }
}

/// One page that came back as JSON: its request (secrets taken out), when, and its size.
#[pyclass(module = "gigradar._native", frozen, get_all)]
#[derive(Clone)]
pub struct PageSummary {
    pub url: String,
    /// RFC 3339, UTC.
    pub fetched_at: String,
    pub bytes: usize,
}

#[pymethods]
impl PageSummary {
    fn __repr__(&self) -> String {
        format!(
            "PageSummary(url={}, bytes={})",
            py_repr(&self.url),
            self.bytes
        )
    }
}

/// What one fetch run brought back: events (each listing once), the pages behind them, the
/// items that could not be used (`problems`) and the requests that failed for good.
#[pyclass(module = "gigradar._native", frozen, get_all)]
pub struct Batch {
    pub provider: String,
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
    pub failures: Vec<PageFailure>,
    pub pages: Vec<PageSummary>,
}

#[pymethods]
impl Batch {
    /// True when every request succeeded (items may still have problems).
    #[getter]
    fn is_complete(&self) -> bool {
        self.failures.is_empty()
    }

    fn __repr__(&self) -> String {
        format!(
            "Batch(provider={}, events=<{} events>, pages={}, problems={}, failures={})",
            py_repr(&self.provider),
            self.events.len(),
            self.pages.len(),
            self.problems.len(),
            self.failures.len()
        )
    }
}

impl From<core::Batch> for Batch {
    fn from(b: core::Batch) -> Self {
        Batch {
            provider: b.provider,
            problems: b.problems.iter().map(Problem::from).collect(),
            failures: b.failures.iter().map(PageFailure::from).collect(),
            pages: b
                .pages
                .iter()
                .map(|p| PageSummary {
                    url: p.url.clone(),
                    fetched_at: spelled(&p.fetched_at),
                    bytes: p.body.len(),
                })
                .collect(),
            events: events_from(b.events),
        }
    }
}

/// Counters of one provider since its fetcher was made.
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
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
    /// Requests that failed for good.
    pub failures: u64,
    /// Response bytes received.
    pub bytes: u64,
    /// Time spent waiting for the rate limiter and for backoff, in milliseconds.
    pub waited_ms: u64,
    /// `latency_buckets[i]` counts requests that took at most `latency_bounds_ms[i]` ms (and
    /// more than the bound before); the last counts the slower rest.
    pub latency_buckets: Vec<u64>,
    pub latency_bounds_ms: Vec<u64>,
}

#[pymethods]
impl ProviderStats {
    fn __repr__(&self) -> String {
        format!(
            "ProviderStats(provider={}, requests={}, retries={}, rate_limited={}, server_errors={}, failures={}, bytes={})",
            py_repr(&self.provider),
            self.requests,
            self.retries,
            self.rate_limited,
            self.server_errors,
            self.failures,
            self.bytes
        )
    }
}

impl From<&providers::ProviderStats> for ProviderStats {
    fn from(s: &providers::ProviderStats) -> Self {
        ProviderStats {
            provider: s.provider.clone(),
            requests: s.requests,
            retries: s.retries,
            rate_limited: s.rate_limited,
            server_errors: s.server_errors,
            network_errors: s.network_errors,
            failures: s.failures,
            bytes: s.bytes,
            waited_ms: s.waited_ms,
            latency_buckets: s.latency_buckets.clone(),
            latency_bounds_ms: providers::stats::LATENCY_BUCKETS_MS.to_vec(),
        }
    }
}

/// Every provider's counters at one moment.
#[pyclass(module = "gigradar._native", frozen, get_all)]
pub struct StatsSnapshot {
    pub providers: Vec<ProviderStats>,
}

#[pymethods]
impl StatsSnapshot {
    /// The counters of `name` (`"ticketmaster"`, ...), or `None` before its first request.
    fn provider(&self, name: &str) -> Option<ProviderStats> {
        self.providers.iter().find(|p| p.provider == name).cloned()
    }

    fn __repr__(&self) -> String {
        format!("StatsSnapshot(providers={})", self.providers.len())
    }
}

impl From<providers::StatsSnapshot> for StatsSnapshot {
    fn from(s: providers::StatsSnapshot) -> Self {
        StatsSnapshot {
            providers: s.providers.iter().map(ProviderStats::from).collect(),
        }
    }
}

/// Something that happened during a fetch, as the observer is told: `kind` is `"response"`
/// (`status`, `latency_ms`, `bytes`), `"retry"` (`attempt`, `reason`, `wait_ms`) or `"failure"`
/// (`query`, `message`: a request that failed for good) or `"progress"` after every page (`done`
/// of `total` units, a unit being a listing, or an artist for Bandsintown; `total` is None while
/// unknown; `events` kept and `pages` requested so far). Paths carry no query string, and no
/// field carries a secret.
#[pyclass(module = "gigradar._native", frozen, get_all)]
#[derive(Clone)]
pub struct FetchEvent {
    pub kind: String,
    pub provider: String,
    pub path: Option<String>,
    pub status: Option<u16>,
    pub latency_ms: Option<u64>,
    pub bytes: Option<u64>,
    pub attempt: Option<u32>,
    pub reason: Option<String>,
    pub wait_ms: Option<u64>,
    pub query: Option<String>,
    pub message: Option<String>,
    pub done: Option<u64>,
    pub total: Option<u64>,
    pub events: Option<u64>,
    pub pages: Option<u64>,
}

#[pymethods]
impl FetchEvent {
    fn __repr__(&self) -> String {
        format!(
            "FetchEvent(kind={}, provider={}, path={}, status={})",
            py_repr(&self.kind),
            py_repr(&self.provider),
            py_repr(&self.path),
            self.status
                .map_or_else(|| "None".to_owned(), |s| s.to_string())
        )
    }
}

impl From<&providers::FetchEvent> for FetchEvent {
    fn from(e: &providers::FetchEvent) -> Self {
        let blank = |kind: &str, provider: &str| FetchEvent {
            kind: kind.to_owned(),
            provider: provider.to_owned(),
            path: None,
            status: None,
            latency_ms: None,
            bytes: None,
            attempt: None,
            reason: None,
            wait_ms: None,
            query: None,
            message: None,
            done: None,
            total: None,
            events: None,
            pages: None,
        };
        match e {
            providers::FetchEvent::Response {
                provider,
                path,
                status,
                latency_ms,
                bytes,
            } => FetchEvent {
                path: Some(path.clone()),
                status: Some(*status),
                latency_ms: Some(*latency_ms),
                bytes: Some(*bytes),
                ..blank("response", provider)
            },
            providers::FetchEvent::Retry {
                provider,
                path,
                attempt,
                reason,
                wait_ms,
            } => FetchEvent {
                path: Some(path.clone()),
                attempt: Some(*attempt),
                reason: Some(reason.clone()),
                wait_ms: Some(*wait_ms),
                ..blank("retry", provider)
            },
            providers::FetchEvent::Failure {
                provider,
                query,
                message,
            } => FetchEvent {
                query: Some(query.clone()),
                message: Some(message.clone()),
                ..blank("failure", provider)
            },
            providers::FetchEvent::Progress {
                provider,
                done,
                total,
                events,
                pages,
            } => FetchEvent {
                done: Some(*done),
                total: *total,
                events: Some(*events),
                pages: Some(*pages),
                ..blank("progress", provider)
            },
        }
    }
}

/// A Python callable told about every `FetchEvent`, on the fetching thread (it takes the GIL
/// for the call). An exception it raises is reported as unraisable and the fetch goes on.
pub struct ObserverFn(Py<PyAny>);

impl<'a, 'py> FromPyObject<'a, 'py> for ObserverFn {
    type Error = PyErr;

    const INPUT_TYPE: PyStaticExpr = PyStaticExpr::Subscript {
        value: &pyo3::type_hint_identifier!("collections.abc", "Callable"),
        slice: &PyStaticExpr::Tuple {
            elts: &[
                PyStaticExpr::List {
                    elts: &[<FetchEvent as pyo3::PyTypeInfo>::TYPE_HINT],
                },
                PyStaticExpr::Constant {
                    value: PyStaticConstant::None,
                },
            ],
        },
    };

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_callable() {
            Ok(ObserverFn(obj.to_owned().unbind()))
        } else {
            Err(pyo3::exceptions::PyTypeError::new_err(
                "observer must be callable: it is called with each FetchEvent",
            ))
        }
    }
}

impl providers::Observer for ObserverFn {
    fn on_event(&self, event: &providers::FetchEvent) {
        Python::attach(|py| {
            let event = FetchEvent::from(event);
            if let Err(err) = self.0.call1(py, (event,)) {
                err.write_unraisable(py, Some(self.0.bind(py)));
            }
        })
    }
}

/// Fetches provider listings. Keys and base URLs come from the environment
/// (`TICKETMASTER_API_KEY`, `GIGRADAR_TICKETMASTER_BASE_URL`, ...; see docs/fetching.md) unless
/// `overrides` names a provider; `observer` is called with each `FetchEvent`. Rate limits hold
/// across calls on one fetcher. `fetch` blocks (with the GIL released) until the run is over.
#[pyclass(module = "gigradar._native", frozen)]
pub struct Fetcher {
    pub fetcher: Arc<providers::Fetcher>,
}

#[pymethods]
impl Fetcher {
    #[new]
    #[pyo3(signature = (*, overrides = None, observer = None))]
    fn new(
        overrides: Option<HashMap<String, PyRef<'_, ProviderOverride>>>,
        observer: Option<ObserverFn>,
    ) -> PyResult<Self> {
        let mut config = providers::FetchConfig::from_env();
        for (name, o) in overrides.iter().flatten() {
            let provider: providers::Provider = name.parse().map_err(crate::errors::to_py)?;
            let settings = config.provider_mut(provider).ok_or_else(|| {
                crate::errors::to_py(core::Error::invalid(format!(
                    "{provider} cannot be fetched (parse only)"
                )))
            })?;
            if let Some(url) = &o.base_url {
                settings.base_url = url.trim().trim_end_matches('/').to_owned();
            }
            if let Some(key) = &o.key {
                settings.key = Some(SecretString::from(key.expose_secret().to_owned()));
            }
        }
        let mut fetcher = providers::Fetcher::new(config);
        if let Some(observer) = observer {
            fetcher = fetcher.with_observer(Arc::new(observer));
        }
        Ok(Fetcher {
            fetcher: Arc::new(fetcher),
        })
    }

    /// Fetch everything `query` asks of its provider. Raises only when the run cannot start
    /// (no key, nothing asked, a parse-only provider); what fails later is in the batch's
    /// `failures`, and the events fetched before it are kept.
    fn fetch(&self, py: Python<'_>, query: PyRef<'_, FetchQuery>) -> PyResult<Batch> {
        let fetcher = &self.fetcher;
        let query = &query.query;
        py.detach(|| fetcher.fetch(query))
            .map(Batch::from)
            .map_err(crate::errors::to_py)
    }

    /// Counters of every request made through this fetcher so far.
    fn stats(&self) -> StatsSnapshot {
        StatsSnapshot::from(self.fetcher.stats())
    }

    fn __repr__(&self) -> String {
        let c = self.fetcher.config();
        let configured: Vec<&str> = [
            ("ticketmaster", &c.ticketmaster),
            ("eventbrite", &c.eventbrite),
            ("bandsintown", &c.bandsintown),
            ("dice", &c.dice),
        ]
        .into_iter()
        .filter(|(_, p)| p.key.is_some())
        .map(|(name, _)| name)
        .collect();
        format!("Fetcher(configured={configured:?})")
    }
}

// ---------------------------------------------------------------------------------------------
// Spotify: sign-in (PKCE), tokens in the host's store, listening signals.
// ---------------------------------------------------------------------------------------------

/// A secret (an access or refresh token): `repr` and `str` show `[REDACTED]`; `expose()` is the
/// one way to read it, for a token store that must persist it.
#[pyclass(module = "gigradar._native", frozen)]
pub struct Secret {
    pub secret: SecretString,
}

#[pymethods]
impl Secret {
    #[new]
    fn new(value: String) -> Self {
        Secret {
            secret: SecretString::from(value),
        }
    }

    /// The secret's text. Keep it out of logs.
    fn expose(&self) -> String {
        self.secret.expose_secret().to_owned()
    }

    fn __repr__(&self) -> &'static str {
        "Secret('[REDACTED]')"
    }

    fn __str__(&self) -> &'static str {
        "[REDACTED]"
    }
}

fn instant_of(t: SystemTime) -> DateTime<Utc> {
    DateTime::<Utc>::from(t)
}

/// A user's Spotify tokens, as a token store keeps them. Built by `finish_sign_in` (and by a
/// refresh); a store that persists them rebuilds one with this constructor. `expires_at` is an
/// aware `datetime` or RFC 3339 text.
#[pyclass(module = "gigradar._native", frozen)]
pub struct SpotifyToken {
    pub token: spotify::Token,
}

#[pymethods]
impl SpotifyToken {
    #[new]
    #[pyo3(signature = (access_token, refresh_token, expires_at, scopes = Vec::new()))]
    fn new(
        access_token: String,
        refresh_token: Option<String>,
        expires_at: Instant<'_>,
        scopes: Vec<String>,
    ) -> PyResult<Self> {
        let expires_at = SystemTime::from(expires_at.to_utc("expires_at")?);
        Ok(SpotifyToken {
            token: spotify::Token {
                access_token: SecretString::from(access_token),
                refresh_token: refresh_token.map(SecretString::from),
                expires_at,
                scopes,
            },
        })
    }

    #[getter]
    fn access_token(&self) -> Secret {
        Secret {
            secret: self.token.access_token.clone(),
        }
    }

    #[getter]
    fn refresh_token(&self) -> Option<Secret> {
        self.token
            .refresh_token
            .clone()
            .map(|secret| Secret { secret })
    }

    /// When the access token stops working: RFC 3339, UTC.
    #[getter]
    fn expires_at(&self) -> String {
        spelled(&instant_of(self.token.expires_at))
    }

    #[getter]
    fn scopes(&self) -> Vec<String> {
        self.token.scopes.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "SpotifyToken(access_token='[REDACTED]', refresh_token={}, expires_at={}, scopes={:?})",
            if self.token.refresh_token.is_some() {
                "'[REDACTED]'"
            } else {
                "None"
            },
            py_repr(&self.expires_at()),
            self.token.scopes
        )
    }
}

/// The host's token store: a Python object with `load() -> SpotifyToken | None`,
/// `save(token)` and `clear()` (see `gigradar.tokens.TokenStore`). Called on the thread that
/// signs in or fetches, with the GIL taken for the call; an exception it raises is reported as
/// unraisable (a `load` that fails counts as "no tokens").
pub struct HostTokenStore(Py<PyAny>);

impl<'a, 'py> FromPyObject<'a, 'py> for HostTokenStore {
    type Error = PyErr;

    const INPUT_TYPE: PyStaticExpr = pyo3::type_hint_identifier!("gigradar.tokens", "TokenStore");

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        for method in ["load", "save", "clear"] {
            if !obj.hasattr(method)? {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "token_store has no {method}(): it needs load(), save(token) and clear()"
                )));
            }
        }
        Ok(HostTokenStore(obj.to_owned().unbind()))
    }
}

impl HostTokenStore {
    fn call<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        args: impl pyo3::call::PyCallArgs<'py>,
    ) -> Option<Py<PyAny>> {
        match self.0.call_method1(py, method, args) {
            Ok(value) => Some(value),
            Err(err) => {
                err.write_unraisable(py, Some(self.0.bind(py)));
                None
            }
        }
    }
}

impl spotify::TokenStore for HostTokenStore {
    fn load(&self) -> Option<spotify::Token> {
        Python::attach(|py| {
            let value = self.call(py, "load", ())?;
            let value = value.bind(py);
            if value.is_none() {
                return None;
            }
            match value.cast::<SpotifyToken>() {
                Ok(t) => Some(t.get().token.clone()),
                Err(_) => {
                    pyo3::exceptions::PyTypeError::new_err(
                        "token_store.load() must return a SpotifyToken or None",
                    )
                    .write_unraisable(py, Some(self.0.bind(py)));
                    None
                }
            }
        })
    }

    fn save(&self, token: &spotify::Token) {
        Python::attach(|py| {
            let token = SpotifyToken {
                token: token.clone(),
            };
            self.call(py, "save", (token,));
        })
    }

    fn clear(&self) {
        Python::attach(|py| {
            self.call(py, "clear", ());
        })
    }
}

/// An artist as Spotify lists it; `genres` is often empty (Spotify withholds them).
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct SpotifyArtist {
    pub id: String,
    pub name: String,
    pub genres: Vec<String>,
}

#[pymethods]
impl SpotifyArtist {
    fn __repr__(&self) -> String {
        format!(
            "SpotifyArtist(id={}, name={})",
            py_repr(&self.id),
            py_repr(&self.name)
        )
    }
}

impl From<&core::profile::SpotifyArtist> for SpotifyArtist {
    fn from(a: &core::profile::SpotifyArtist) -> Self {
        SpotifyArtist {
            id: a.id.clone(),
            name: a.name.clone(),
            genres: a.genres.clone(),
        }
    }
}

/// One of the user's top artists: `rank` (1 = most listened) in the time range `term`
/// (`short_term`, `medium_term` or `long_term`).
#[pyclass(module = "gigradar._native", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct TopArtist {
    pub artist: SpotifyArtist,
    pub term: String,
    pub rank: u32,
}

#[pymethods]
impl TopArtist {
    fn __repr__(&self) -> String {
        format!(
            "TopArtist(name={}, term={}, rank={})",
            py_repr(&self.artist.name),
            py_repr(&self.term),
            self.rank
        )
    }
}

/// What a profile learns from Spotify: top artists of all three time ranges and every followed
/// artist. `add_to(profile)` adds them (reasons then say "Top artist for you in the last 4
/// weeks", "You follow ...").
#[pyclass(module = "gigradar._native", frozen)]
pub struct SpotifySignals {
    pub signals: spotify::SpotifySignals,
}

#[pymethods]
impl SpotifySignals {
    #[getter]
    fn top(&self) -> Vec<TopArtist> {
        self.signals
            .top
            .iter()
            .map(|t| TopArtist {
                artist: SpotifyArtist::from(&t.artist),
                term: t.term.as_str().to_owned(),
                rank: t.rank,
            })
            .collect()
    }

    #[getter]
    fn followed(&self) -> Vec<SpotifyArtist> {
        self.signals
            .followed
            .iter()
            .map(SpotifyArtist::from)
            .collect()
    }

    fn add_to(&self, mut profile: PyRefMut<'_, Profile>) {
        self.signals.add_to(&mut profile.profile);
    }

    fn __repr__(&self) -> String {
        format!(
            "SpotifySignals(top=<{} artists>, followed=<{} artists>)",
            self.signals.top.len(),
            self.signals.followed.len()
        )
    }
}

/// A Spotify account signed in with PKCE (no client secret). Tokens live in `token_store` (the
/// host's object with `load`/`save`/`clear`; in memory when `None`). Sign-in and `signals`
/// block on the network with the GIL released.
#[pyclass(module = "gigradar._native", frozen)]
pub struct Spotify {
    pub spotify: Arc<spotify::Spotify>,
}

#[pymethods]
impl Spotify {
    #[new]
    #[pyo3(signature = (
        client_id, redirect_uri, *, accounts_base_url = None, api_base_url = None,
        token_store = None,
    ))]
    fn new(
        client_id: &str,
        redirect_uri: &str,
        accounts_base_url: Option<String>,
        api_base_url: Option<String>,
        token_store: Option<HostTokenStore>,
    ) -> Self {
        let mut config = spotify::SpotifyConfig::new(client_id, redirect_uri);
        if let Some(url) = accounts_base_url {
            config.accounts_base_url = url.trim_end_matches('/').to_owned();
        }
        if let Some(url) = api_base_url {
            config.api_base_url = url.trim_end_matches('/').to_owned();
        }
        let store: Arc<dyn spotify::TokenStore> = match token_store {
            Some(host) => Arc::new(host),
            None => Arc::new(spotify::MemoryTokenStore::default()),
        };
        Spotify {
            spotify: Arc::new(spotify::Spotify::new(config, store)),
        }
    }

    /// Start a sign-in: `(authorize_url, state)`. Send the user to `authorize_url`; Spotify
    /// redirects to `redirect_uri` with a code and `state`.
    fn begin_sign_in(&self, py: Python<'_>) -> PyResult<(String, String)> {
        let spotify = &self.spotify;
        py.detach(|| spotify.begin_sign_in())
            .map(|s| (s.authorize_url, s.state))
            .map_err(crate::errors::to_py)
    }

    /// Finish a sign-in from the URL Spotify redirected to: check its `state`, exchange the code
    /// for tokens and save them in the token store. A forged or stale callback, or a refusal, is
    /// an `InvalidInputError`.
    fn finish_sign_in(&self, py: Python<'_>, callback_url: &str) -> PyResult<()> {
        let spotify = &self.spotify;
        py.detach(|| spotify.finish_sign_in(callback_url))
            .map_err(crate::errors::to_py)
    }

    /// The user's top artists (all three time ranges) and followed artists, refreshing the
    /// access token when it is about to expire. `ReauthRequiredError` when the user must sign
    /// in again.
    fn signals(&self, py: Python<'_>) -> PyResult<SpotifySignals> {
        let spotify = &self.spotify;
        py.detach(|| spotify.signals())
            .map(|signals| SpotifySignals { signals })
            .map_err(crate::errors::to_py)
    }

    /// Counters of every Spotify request so far.
    fn stats(&self) -> StatsSnapshot {
        StatsSnapshot::from(self.spotify.stats())
    }

    fn __repr__(&self) -> &'static str {
        "Spotify()"
    }
}
