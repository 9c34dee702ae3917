//! The canonical event: one shape for every provider.
//!
//! Its JSON form is a public contract (tools and people read it): field names and types here do
//! not change. Only `id`, `title` and `sources` are required when an event is read back in.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// One show: a performance at a place and time, with every provider listing behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: for a single listing it depends only on provider and provider id.
    pub id: String,
    pub title: String,
    /// Performers in billing order; the first headliner tops the bill.
    #[serde(default)]
    pub performers: Vec<Performer>,
    /// Lower-case genre names, most specific last, without duplicates.
    #[serde(default)]
    pub genres: Vec<String>,
    #[serde(default)]
    pub category: Category,
    /// The exact instant, with the venue's UTC offset at that moment. Null unless both the local
    /// date and the local time are known.
    #[serde(default)]
    pub start: Option<DateTime<FixedOffset>>,
    /// The end instant, when the provider gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<FixedOffset>>,
    /// The venue's IANA time zone.
    #[serde(default)]
    pub timezone: Option<String>,
    /// The date as shown at the venue; null when the date is not announced.
    #[serde(default)]
    pub local_date: Option<NaiveDate>,
    /// The time as shown at the venue; null when the time is not announced.
    #[serde(default)]
    pub local_time: Option<NaiveTime>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub venue: Option<Venue>,
    #[serde(default)]
    pub price: Option<Price>,
    /// Where a person buys tickets or reads more (http(s) only).
    #[serde(default)]
    pub url: Option<String>,
    /// An image of the show or its headliner (http(s) only).
    #[serde(default)]
    pub image: Option<String>,
    /// Every provider listing this event came from: one until dedup merges.
    pub sources: Vec<Source>,
}

/// Someone on the bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Performer {
    pub name: String,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub ids: ExternalIds,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Headliner,
    Support,
}

impl Role {
    /// The role as the JSON spells it: `"headliner"` or `"support"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Headliner => "headliner",
            Role::Support => "support",
        }
    }
}

/// Ids of one thing (an artist, a venue) in other systems. Absent ids are left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExternalIds {
    /// Spotify artist id (22 base62 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spotify: Option<String>,
    /// MusicBrainz id (a UUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub musicbrainz: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticketmaster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandsintown: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eventbrite: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seatgeek: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub songkick: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dice: Option<String>,
}

impl ExternalIds {
    pub fn is_empty(&self) -> bool {
        *self == ExternalIds::default()
    }
}

/// What kind of show this is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Music,
    Sports,
    Arts,
    Comedy,
    Family,
    Film,
    #[default]
    #[serde(other)]
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Music => "music",
            Category::Sports => "sports",
            Category::Arts => "arts",
            Category::Comedy => "comedy",
            Category::Family => "family",
            Category::Film => "film",
            Category::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Scheduled,
    Cancelled,
    Postponed,
    Rescheduled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Cancelled => "cancelled",
            Status::Postponed => "postponed",
            Status::Rescheduled => "rescheduled",
        }
    }
}

/// Where the show happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Venue {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code when it can be known.
    #[serde(default)]
    pub country: Option<String>,
    /// Latitude in degrees; null when the provider gives no (valid) coordinates.
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub ids: ExternalIds,
}

/// A ticket price range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Price {
    pub min: f64,
    pub max: f64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

/// One provider listing behind an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// `ticketmaster`, `bandsintown`, `eventbrite`, `dice`, `seatgeek` or `songkick`.
    pub provider: String,
    /// The provider's id of the listing, as a string even where the provider sends an integer.
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<DateTime<Utc>>,
}

impl Source {
    /// `"provider:id"`, the key sources are ordered and matched by.
    pub fn key(&self) -> String {
        crate::id::source_key(&self.provider, &self.id)
    }
}

/// Something wrong with one item of a payload; the rest of the payload is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub provider: String,
    /// The provider's id of the item, when it has one.
    pub item_id: Option<String>,
    /// Index of the item in the payload, when it came from a list.
    pub index: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.provider)?;
        if let Some(i) = self.index {
            write!(f, " item {i}")?;
        }
        if let Some(id) = &self.item_id {
            write!(f, " (id {id})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The result of parsing one payload: the good events, and a problem per item that was skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ParseOutcome {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
}

impl Event {
    /// A new event for one provider listing, with its stable id and nothing else known yet.
    pub fn new(provider: &str, provider_id: &str, title: String) -> Self {
        Event {
            id: crate::id::event_id(provider, provider_id),
            title,
            performers: Vec::new(),
            genres: Vec::new(),
            category: Category::Other,
            start: None,
            end: None,
            timezone: None,
            local_date: None,
            local_time: None,
            status: Status::Scheduled,
            venue: None,
            price: None,
            url: None,
            image: None,
            sources: vec![Source {
                provider: provider.to_owned(),
                id: provider_id.to_owned(),
                url: None,
                fetched_at: None,
            }],
        }
    }

    /// Parse one event from its canonical JSON.
    pub fn from_json(json: &str) -> crate::Result<Self> {
        let event: Event = serde_json::from_str(json).map_err(crate::Error::invalid)?;
        if event.sources.is_empty() {
            return Err(crate::Error::invalid("event has no sources"));
        }
        Ok(event)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an Event always serializes")
    }

    /// Events from JSON Lines (what `gigradar parse` and `dedup` write): blank lines are
    /// skipped, and the error names the first bad line, counting from 1.
    pub fn from_jsonl(jsonl: &[u8]) -> crate::Result<Vec<Event>> {
        let text = std::str::from_utf8(jsonl)
            .map_err(|e| crate::Error::invalid(format!("JSON Lines are not UTF-8: {e}")))?;
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(n, line)| {
                Event::from_json(line)
                    .map_err(|e| crate::Error::invalid(format!("line {}: {e}", n + 1)))
            })
            .collect()
    }

    /// The headliner, if the bill names anyone.
    pub fn headliner(&self) -> Option<&Performer> {
        self.performers
            .iter()
            .find(|p| p.role == Role::Headliner)
            .or(self.performers.first())
    }
}

/// Push a genre, lower-cased and trimmed, unless it is empty, a placeholder, or already there.
pub fn push_genre(genres: &mut Vec<String>, raw: &str) {
    let g = crate::text::clean_line(raw).to_lowercase();
    if g.is_empty() || matches!(g.as_str(), "undefined" | "other" | "miscellaneous" | "n/a") {
        return;
    }
    if !genres.contains(&g) {
        genres.push(g);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_event_reads_back() {
        let e =
            Event::from_json(r#"{"id":"x","title":"T","sources":[{"provider":"dice","id":"1"}]}"#)
                .unwrap();
        assert_eq!(e.status, Status::Scheduled);
        assert_eq!(e.category, Category::Other);
        assert!(e.start.is_none());
    }

    #[test]
    fn json_lines_skip_blanks_and_name_the_bad_line() {
        let one = r#"{"id":"x","title":"T","sources":[{"provider":"dice","id":"1"}]}"#;
        let good = format!("{one}\n\n  \n{one}\n");
        assert_eq!(Event::from_jsonl(good.as_bytes()).unwrap().len(), 2);
        let bad = format!("{one}\n{{\"id\":\n");
        let err = Event::from_jsonl(bad.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        let err = Event::from_jsonl(b"\xff\n").unwrap_err().to_string();
        assert!(err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn event_without_sources_is_invalid() {
        assert!(Event::from_json(r#"{"id":"x","title":"T","sources":[]}"#).is_err());
        assert!(Event::from_json(r#"{"id":"x","title":"T"}"#).is_err());
    }

    #[test]
    fn unknown_category_reads_as_other() {
        let e = Event::from_json(
            r#"{"id":"x","title":"T","category":"circus","sources":[{"provider":"dice","id":"1"}]}"#,
        )
        .unwrap();
        assert_eq!(e.category, Category::Other);
    }

    #[test]
    fn round_trip_keeps_coordinates_to_the_last_bit() {
        // A real Eventbrite longitude; the default serde_json float parser read it back 1 ulp off.
        let mut e = Event::new("eventbrite", "55313887326", "Dirtybird BBQ".into());
        e.venue = Some(Venue {
            name: "LA Exposition Park".into(),
            address: None,
            city: None,
            region: None,
            postal_code: None,
            country: None,
            lat: Some(34.0138594),
            lon: Some(-118.28281119999997),
            ids: ExternalIds::default(),
        });
        assert_eq!(Event::from_json(&e.to_json()).unwrap(), e);
    }

    #[test]
    fn round_trip_keeps_everything() {
        let mut e = Event::new("ticketmaster", "abc", "Show".into());
        e.start = Some(DateTime::parse_from_rfc3339("2022-06-10T19:30:00+01:00").unwrap());
        e.local_date = NaiveDate::from_ymd_opt(2022, 6, 10);
        e.local_time = NaiveTime::from_hms_opt(19, 30, 0);
        e.timezone = Some("Europe/London".into());
        let json = e.to_json();
        assert!(
            json.contains(r#""start":"2022-06-10T19:30:00+01:00""#),
            "{json}"
        );
        assert!(json.contains(r#""local_time":"19:30:00""#), "{json}");
        assert_eq!(Event::from_json(&json).unwrap(), e);
    }
}
