//! What every parser shares: lenient scalars, item-by-item parsing, venue checks and time.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use gigradar_core::time::{instant_in_zone, local_to_instant, offset_at, zone};
use gigradar_core::{Error, Event, ParseOutcome, Problem};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use crate::Provider;

/// A scalar that providers send as a string or a number (ids, coordinates, prices).
/// Trimmed; empty strings and null become `None`. Objects and arrays are a type error.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text(pub Option<String>);

impl Text {
    pub fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }
    pub fn into_opt(self) -> Option<String> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, a number or null")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                let t = v.trim();
                Ok(Text((!t.is_empty()).then(|| t.to_owned())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                d.deserialize_any(V)
            }
        }
        d.deserialize_any(V)
    }
}

/// A number sent as a number or a numeric string; anything unparsable or non-finite is `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Num(pub Option<f64>);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = Text::deserialize(d)?;
        Ok(Num(t
            .get()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|v| v.is_finite())))
    }
}

/// A flag sent as a boolean, "true"/"false", or 0/1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = Text::deserialize(d)?;
        Ok(Flag(matches!(
            t.get().map(str::to_ascii_lowercase).as_deref(),
            Some("true" | "1" | "yes")
        )))
    }
}

/// For `#[serde(default, deserialize_with = "common::nullable")]`: a JSON `null` where a list
/// or an object is expected reads as its default (empty), as a missing field does.
pub fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The payload as UTF-8: borrowed when valid, repaired (U+FFFD) when a provider sent bad bytes.
/// A leading byte-order mark (files saved by some export tools) is dropped.
pub fn utf8(payload: &[u8]) -> Cow<'_, str> {
    let payload = payload.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(payload);
    String::from_utf8_lossy(payload)
}

/// The JSON shape at the top of a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Object,
    Array,
}

/// The shape of the top-level JSON value, judged by its first byte (`None` for anything else).
pub fn shape(json: &str) -> Option<Shape> {
    match json.trim_start().as_bytes().first()? {
        b'{' => Some(Shape::Object),
        b'[' => Some(Shape::Array),
        _ => None,
    }
}

/// Parse the whole payload into a page shape, or fail with what was expected.
pub fn page<'a, T: Deserialize<'a>>(
    provider: Provider,
    json: &'a str,
    expected: &str,
) -> Result<T, Error> {
    serde_json::from_str(json).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            Error::invalid(format!("{provider} payload is not valid JSON ({e})"))
        } else {
            Error::invalid(format!(
                "not a {provider} payload: expected {expected} ({e})"
            ))
        }
    })
}

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Text,
}

/// Parse each raw item into `T` and then into an event; an item that fails becomes a problem with
/// its id (when it has one) and index, and the others are kept.
pub fn parse_items<T, F>(provider: Provider, items: &[&RawValue], mut to_event: F) -> ParseOutcome
where
    T: DeserializeOwned,
    F: FnMut(T) -> Result<Event, String>,
{
    let mut out = ParseOutcome {
        events: Vec::with_capacity(items.len()),
        problems: Vec::new(),
    };
    for (index, raw) in items.iter().enumerate() {
        let result = serde_json::from_str::<T>(raw.get())
            .map_err(|e| format!("malformed item: {e}"))
            .and_then(&mut to_event);
        match result {
            Ok(event) => out.events.push(event),
            Err(message) => {
                // Problems are printed one per line: the id and message are display text too.
                let item_id = serde_json::from_str::<IdOnly>(raw.get())
                    .ok()
                    .and_then(|i| i.id.into_opt())
                    .map(|id| shorten(gigradar_core::text::clean_line(&id), MAX_ID_BYTES));
                out.problems.push(Problem {
                    provider: provider.as_str().to_owned(),
                    item_id,
                    index: Some(index),
                    message: gigradar_core::text::clean_line(&message),
                });
            }
        }
    }
    out
}

/// The longest provider id we accept, in bytes (real ones are under 40).
pub const MAX_ID_BYTES: usize = 256;

/// A provider's id of an item: present, at most [`MAX_ID_BYTES`], and free of control and
/// invisible characters (ids end up in URLs, keys and logs).
pub fn item_id(id: &Text) -> Result<String, String> {
    let id = id.get().ok_or("event has no id")?;
    if id.len() > MAX_ID_BYTES {
        return Err(format!(
            "event id is {} bytes long; at most {MAX_ID_BYTES} are accepted",
            id.len()
        ));
    }
    if gigradar_core::text::clean_line(id) != id {
        return Err("event id contains control, invisible or whitespace characters".to_owned());
    }
    Ok(id.to_owned())
}

/// `s` cut to at most `max` bytes, on a character boundary.
fn shorten(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// Coordinates we trust: finite, in range, and not the (0, 0) placeholder.
pub fn coordinates(lat: Num, lon: Num) -> Option<(f64, f64)> {
    let (lat, lon) = (lat.0?, lon.0?);
    let valid = (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && !(lat == 0.0 && lon == 0.0);
    valid.then_some((lat, lon))
}

/// The venue's zone: the provider's, unless the venue's coordinates put it in a zone with a
/// different UTC offset on that date (then the coordinates win; a provider zone that merely names
/// another city of the same offset, e.g. America/Detroit for New York, is kept).
pub fn venue_zone(
    provider_zone: Option<&str>,
    coords: Option<(f64, f64)>,
    on: Option<DateTime<Utc>>,
) -> Option<Tz> {
    let given = provider_zone.and_then(zone);
    let located = coords.and_then(|(lat, lon)| crate::geotz::zone_at(lat, lon));
    match (given, located) {
        (Some(g), Some(l)) if g != l => {
            let at = on.unwrap_or_else(|| {
                DateTime::<Utc>::from_timestamp(1_750_000_000, 0).expect("valid")
            });
            if offset_at(at, g) == offset_at(at, l) {
                Some(g)
            } else {
                Some(l)
            }
        }
        (g, l) => g.or(l),
    }
}

/// The start of an event, set on `event` consistently: `start` only when date, time and zone are
/// all known, and then `local_date`/`local_time` are exactly `start` as shown in the zone.
pub fn set_local_start(
    event: &mut Event,
    date: Option<NaiveDate>,
    time: Option<NaiveTime>,
    tz: Option<Tz>,
) {
    event.timezone = tz.map(|z| z.name().to_owned());
    event.local_date = date;
    event.local_time = time;
    event.start = None;
    if let (Some(d), Some(t), Some(z)) = (date, time, tz) {
        let start = local_to_instant(d, t, z);
        event.local_date = Some(start.date_naive());
        event.local_time = Some(start.time());
        event.start = Some(start);
    }
}

/// The start of an event from an exact UTC instant, shown in the venue's zone.
pub fn set_utc_start(event: &mut Event, instant: DateTime<Utc>, tz: Tz) {
    let start = instant_in_zone(instant, tz);
    event.timezone = Some(tz.name().to_owned());
    event.local_date = Some(start.date_naive());
    event.local_time = Some(start.time());
    event.start = Some(start);
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
}

/// "YYYY-MM-DDTHH:MM[:SS]" with no offset, as Bandsintown, Eventbrite and SeatGeek write local times.
pub fn parse_naive_datetime(s: &str) -> Option<chrono::NaiveDateTime> {
    let s = s.trim();
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .ok()
}

/// An exact instant: RFC 3339, or a naive "YYYY-MM-DDTHH:MM:SS" read as UTC (SeatGeek's `datetime_utc`).
pub fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z")
                .ok()
                .map(|d| d.with_timezone(&Utc))
        })
        .or_else(|| parse_naive_datetime(s).map(|n| n.and_utc()))
}

/// A non-negative, finite price with min <= max.
pub fn price(min: Num, max: Num, currency: Option<&str>) -> Option<gigradar_core::Price> {
    let currency = currency?.trim().to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let (min, max) = match (min.0, max.0) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => return None,
    };
    (min >= 0.0).then_some(gigradar_core::Price { min, max, currency })
}

/// Whether `raw` is a JSON object with at least one of `keys` at its top level.
pub fn has_any_key(raw: &RawValue, keys: &[&str]) -> bool {
    serde_json::from_str::<HashMap<String, IgnoredAny>>(raw.get())
        .is_ok_and(|map| keys.iter().any(|k| map.contains_key(*k)))
}

/// Whether a list of items is plausibly this provider's: empty, or at least one item is an
/// object with one of the provider's tell-tale keys. Keeps another provider's array (or a list of
/// categories) from being read as a page of broken events.
pub fn looks_like(items: &[&RawValue], keys: &[&str]) -> bool {
    items.is_empty() || items.iter().any(|r| has_any_key(r, keys))
}

/// The error a provider's own error response becomes: its message, cleaned, in ours.
pub fn error_response(provider: Provider, message: Option<&str>) -> Error {
    let message = message
        .map(gigradar_core::text::clean_line)
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "(no message)".to_owned());
    Error::invalid(format!(
        "{provider} payload is an error response, not events: {message}"
    ))
}

/// A MusicBrainz id: a UUID, lower-cased; anything else (often "") is `None`.
pub fn musicbrainz_id(s: &str) -> Option<String> {
    let s = s.trim();
    is_uuid(s).then(|| s.to_ascii_lowercase())
}

/// Two address lines as one ("1 Main St, Suite 2"), cleaned.
pub fn join_lines(a: Option<&str>, b: Option<&str>) -> Option<String> {
    match (
        gigradar_core::text::clean_opt(a),
        gigradar_core::text::clean_opt(b),
    ) {
        (Some(a), Some(b)) => Some(format!("{a}, {b}")),
        (a, b) => a.or(b),
    }
}

/// Performers from names in billing order: the first is the headliner, the rest support.
/// Names are cleaned; empty names and repeats are dropped.
pub fn lineup<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<gigradar_core::Performer> {
    let mut out: Vec<gigradar_core::Performer> = Vec::new();
    for raw in names {
        let name = gigradar_core::text::clean_line(raw);
        if name.is_empty() || out.iter().any(|p| p.name.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let role = if out.is_empty() {
            gigradar_core::Role::Headliner
        } else {
            gigradar_core::Role::Support
        };
        out.push(gigradar_core::Performer {
            name,
            role,
            ids: gigradar_core::ExternalIds::default(),
        });
    }
    out
}

/// The artist id in a Spotify artist URL (`https://open.spotify.com/artist/{id}?si=...`).
pub fn spotify_artist_id(url: &str) -> Option<String> {
    let rest = url.split("open.spotify.com/").nth(1)?;
    let rest = rest
        .strip_prefix("intl-")
        .map(|r| r.split_once('/').map_or(r, |x| x.1))
        .unwrap_or(rest);
    let id = rest
        .strip_prefix("artist/")?
        .split(['?', '/', '#'])
        .next()?;
    (id.len() == 22 && id.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| id.to_owned())
}

pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_takes_strings_and_numbers() {
        let v: Vec<Text> = serde_json::from_str(r#"["a", " b ", 12, 1.5, null, ""]"#).unwrap();
        let got: Vec<Option<&str>> = v.iter().map(Text::get).collect();
        assert_eq!(
            got,
            [Some("a"), Some("b"), Some("12"), Some("1.5"), None, None]
        );
        assert!(serde_json::from_str::<Text>("{}").is_err());
    }

    #[test]
    fn ids_must_be_plausible() {
        let id = |s: &str| item_id(&Text(Some(s.to_owned())));
        assert_eq!(id("Z7r9jZ1A7AVAN").as_deref(), Ok("Z7r9jZ1A7AVAN"));
        assert_eq!(id("a b").as_deref(), Ok("a b"));
        assert!(id("a\u{0000}b").is_err());
        assert!(id("a\u{202e}b").is_err());
        assert!(id("a  b").is_err());
        assert!(id(&"9".repeat(MAX_ID_BYTES + 1)).is_err());
        assert!(item_id(&Text(None)).is_err());
    }

    #[test]
    fn problems_are_one_line_each() {
        let long = format!("{}é", "x".repeat(MAX_ID_BYTES - 1));
        let json = format!(r#"[{{"id":"a\nb"}},{{"id":"{long}"}}]"#);
        let items: Vec<&RawValue> = serde_json::from_str(&json).unwrap();
        let out = parse_items(Provider::Dice, &items, |_: serde::de::IgnoredAny| {
            Err::<Event, _>("bad\nthing".to_owned())
        });
        assert_eq!(out.problems[0].item_id.as_deref(), Some("a b"));
        assert_eq!(out.problems[0].message, "bad thing");
        assert_eq!(
            out.problems[1].item_id.as_ref().unwrap().len(),
            MAX_ID_BYTES - 1
        );
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        assert_eq!(utf8(b"\xEF\xBB\xBF[1]"), "[1]");
        assert_eq!(shape(&utf8(b"\xEF\xBB\xBF{}")), Some(Shape::Object));
        assert_eq!(utf8(b"[\xFF]"), "[\u{FFFD}]");
    }

    #[test]
    fn coordinates_reject_nonsense() {
        assert_eq!(
            coordinates(Num(Some(51.5)), Num(Some(-0.1))),
            Some((51.5, -0.1))
        );
        assert_eq!(coordinates(Num(Some(91.0)), Num(Some(0.1))), None);
        assert_eq!(coordinates(Num(Some(0.0)), Num(Some(0.0))), None);
        assert_eq!(coordinates(Num(None), Num(Some(1.0))), None);
        let n: Num = serde_json::from_str(r#""NaN""#).unwrap();
        assert_eq!(n, Num(None));
    }

    #[test]
    fn contradicting_zone_loses_to_coordinates() {
        // Los Angeles venue that says Anchorage (seen in Eventbrite data).
        let tz = venue_zone(Some("America/Anchorage"), Some((34.05, -118.25)), None).unwrap();
        assert_eq!(tz.name(), "America/Los_Angeles");
        // Same offset, other city name: the provider's zone stays.
        let tz = venue_zone(Some("America/Detroit"), Some((40.71, -74.0)), None).unwrap();
        assert_eq!(tz.name(), "America/Detroit");
        assert_eq!(venue_zone(Some("Not/AZone"), None, None), None);
    }

    #[test]
    fn price_orders_and_validates() {
        let p = price(Num(Some(80.0)), Num(Some(20.0)), Some("usd")).unwrap();
        assert_eq!((p.min, p.max, p.currency.as_str()), (20.0, 80.0, "USD"));
        assert!(price(Num(Some(-1.0)), Num(None), Some("USD")).is_none());
        assert!(price(Num(Some(1.0)), Num(None), Some("dollars")).is_none());
    }

    #[test]
    fn spotify_ids_from_urls() {
        assert_eq!(
            spotify_artist_id("https://open.spotify.com/artist/1Xyo4u8uXC1ZmMpatF05PJ?si=x")
                .as_deref(),
            Some("1Xyo4u8uXC1ZmMpatF05PJ")
        );
        assert_eq!(
            spotify_artist_id("https://open.spotify.com/intl-de/artist/1Xyo4u8uXC1ZmMpatF05PJ")
                .as_deref(),
            Some("1Xyo4u8uXC1ZmMpatF05PJ")
        );
        assert_eq!(
            spotify_artist_id("https://open.spotify.com/album/1Xyo4u8uXC1ZmMpatF05PJ"),
            None
        );
        assert_eq!(
            spotify_artist_id("https://open.spotify.com/artist/short"),
            None
        );
    }

    #[test]
    fn uuid_shape() {
        assert!(is_uuid("e0140a67-e4d1-4f13-8a01-364355bee46e"));
        assert!(!is_uuid("e0140a67e4d14f138a01364355bee46e"));
    }
}
