//! The Python classes of gigradar and their one conversion from core.
//!
//! Each class mirrors a core type field for field, with the attribute names and value spellings
//! of the canonical JSON (dates, times and instants are the same strings `to_json` writes). A class
//! is built from its core value by `From`, nothing else; an `Event` also keeps the core event it
//! came from, so that serializing it and handing it back to core (dedup, rank) never re-parses.

use gigradar_core as core;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyDict;
use serde::Serialize;

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
