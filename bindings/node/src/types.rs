//! The objects `parse` returns, as plain JavaScript objects, and their one conversion from core.
//!
//! Each mirrors a core type with the field names of the canonical JSON in camelCase (napi's
//! convention: `local_date` is `localDate`). Dates, times and instants are the strings the
//! canonical JSON has; a value that is null in the JSON is absent (`undefined`) here.

use gigradar_core as core;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use serde::Serialize;

/// The bytes of a payload as JavaScript hands it over: a string or the raw bytes of a response.
pub fn payload_bytes(payload: &Either<String, Buffer>) -> &[u8] {
    match payload {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    }
}

/// The canonical JSON spelling of a scalar (an instant, a date, an enum), exactly as `to_json` writes it.
fn spelled<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("canonical scalars serialize to strings, got {other:?}"),
    }
}

/// One show: a performance at a place and time, with every provider listing behind it.
#[napi(object)]
pub struct Event {
    pub id: String,
    pub title: String,
    /// In billing order; the first headliner tops the bill.
    pub performers: Vec<Performer>,
    /// Lower-case genre names, most specific last.
    pub genres: Vec<String>,
    /// `music`, `sports`, `arts`, `comedy`, `family`, `film` or `other`.
    pub category: String,
    /// The exact instant, RFC 3339 with the venue's offset (`new Date(event.start)` reads it).
    pub start: Option<String>,
    pub end: Option<String>,
    /// The venue's IANA time zone.
    pub timezone: Option<String>,
    /// `YYYY-MM-DD` as shown at the venue.
    pub local_date: Option<String>,
    /// `HH:MM:SS` as shown at the venue.
    pub local_time: Option<String>,
    /// `scheduled`, `cancelled`, `postponed` or `rescheduled`.
    pub status: String,
    pub venue: Option<Venue>,
    pub price: Option<Price>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub sources: Vec<Source>,
}

impl From<&core::Event> for Event {
    fn from(e: &core::Event) -> Self {
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
        }
    }
}

/// Someone on the bill.
#[napi(object)]
pub struct Performer {
    pub name: String,
    /// `headliner` or `support`.
    pub role: String,
    pub ids: ExternalIds,
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

/// Ids of one artist or venue in other systems; absent where unknown.
#[napi(object)]
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
#[napi(object)]
pub struct Venue {
    pub name: String,
    pub address: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Degrees; absent when the provider gives no valid coordinates.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub ids: ExternalIds,
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
#[napi(object)]
pub struct Price {
    pub min: f64,
    pub max: f64,
    /// ISO 4217 code, upper case.
    pub currency: String,
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
#[napi(object)]
pub struct Source {
    pub provider: String,
    /// The provider's id of the listing.
    pub id: String,
    pub url: Option<String>,
    /// RFC 3339, UTC; absent unless the caller stamped it.
    pub fetched_at: Option<String>,
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
#[napi(object)]
pub struct Problem {
    pub provider: String,
    /// The provider's id of the item, when it has one.
    pub item_id: Option<String>,
    /// Index of the item in the payload, when it came from a list.
    pub index: Option<u32>,
    pub message: String,
}

impl From<&core::Problem> for Problem {
    fn from(p: &core::Problem) -> Self {
        Problem {
            provider: p.provider.clone(),
            item_id: p.item_id.clone(),
            // A page holds far fewer than 2^32 items (payloads are capped at 32 MiB).
            index: p.index.and_then(|i| u32::try_from(i).ok()),
            message: p.message.clone(),
        }
    }
}

/// The result of parsing one payload: the good events, and a problem per item that was skipped.
#[napi(object)]
pub struct ParseResult {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
}

impl From<&core::ParseOutcome> for ParseResult {
    fn from(out: &core::ParseOutcome) -> Self {
        ParseResult {
            events: out.events.iter().map(Event::from).collect(),
            problems: out.problems.iter().map(Problem::from).collect(),
        }
    }
}
