//! DICE (dice.fm) events, as an Apify dataset of scraped events delivers them.
//!
//! No real payload was at hand (see PROVIDERS.md §4): this parser is built from the field names
//! public DICE clients use, and is tolerant where they differ. It accepts a bare array of items
//! (an Apify dataset export), or an object holding them in `data` (DICE's JSON:API-style
//! endpoints), `items` or `events`.
//!
//! Fields read, with the alternatives seen: `id`; `name`; `date` / `dates.event_start_date` (an
//! instant with an offset or `Z`; a time without one is read as the venue's wall clock);
//! `date_end` / `dates.event_end_date`; `timezone` / `dates.timezone` / the venue's `timezone`,
//! else the venue's coordinates (which also win over a named zone with another UTC offset, as
//! for every provider); `status` ("on-sale", "sold-out", "off-sale", "cancelled",
//! "postponed", "rescheduled"); `url` / `social_links.event_share` / `perm_name`;
//! `event_images{landscape,square,portrait,brand}` / `images` / `image`; `venues[0]` or `venue`
//! (`name`, `address`, `city{name, country_alpha3, country_code, country_name}` or a city name,
//! `location{lat,lng}`); `location{lat,lng}`; `lineup[{details,time}]` or `artists`; `genre_tags`;
//! `type_tags` ("music:dj"); `currency`; `ticket_types[].price{total,face_value}`; `price`.
//!
//! Prices: DICE's APIs give amounts in minor units (pence, cents: `price: 1500` is 15.00). We
//! read JSON integers and integer strings as minor units and divide by 100; an amount written
//! with a decimal point (`15.5`, `"15.00"`, `"£15.00"`) is taken as already in major units,
//! since that is how a scraper that converted the amounts would write them. The all-in `total`
//! is preferred over `face_value`: DICE sells at all-in prices.

use chrono::{DateTime, FixedOffset};
use gigradar_core::model::push_genre;
use gigradar_core::text::{clean_opt, clean_url};
use gigradar_core::time::instant_in_zone;
use gigradar_core::{
    Category, Error, Event, ExternalIds, ParseOutcome, Performer, Price, Role, Status, Venue,
};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_json::value::RawValue;
use std::fmt;

use crate::Provider;
use crate::common::{self, Num, Text};

const P: Provider = Provider::Dice;

/// Keys that mark a DICE event; at least one item of a list must have one.
const EVENT_KEYS: &[&str] = &[
    "date",
    "dates",
    "date_end",
    "venues",
    "event_images",
    "perm_name",
    "ticket_types",
    "genre_tags",
    "type_tags",
    "sale_start_date",
];

#[derive(Deserialize, Default)]
#[serde(default)]
struct Top<'a> {
    #[serde(borrow)]
    data: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    items: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    events: Option<Vec<&'a RawValue>>,
    error: Option<serde_json::Value>,
    errors: Option<serde_json::Value>,
    message: Text,
}

pub fn parse(payload: &[u8]) -> Result<ParseOutcome, Error> {
    let json = common::utf8(payload);
    let expected =
        "DICE events: an array of dataset items, or an object with a `data` or `items` array";
    let items: Vec<&RawValue> = match common::shape(&json) {
        Some(common::Shape::Array) => common::page(P, &json, expected)?,
        _ => {
            let top: Top = common::page(P, &json, expected)?;
            if let Some(items) = top.data.or(top.items).or(top.events) {
                items
            } else if top.error.is_some() || top.errors.is_some() {
                let message = top
                    .message
                    .get()
                    .map(str::to_owned)
                    .or_else(|| top.error.as_ref().map(value_text))
                    .or_else(|| top.errors.as_ref().map(value_text));
                return Err(common::error_response(P, message.as_deref()));
            } else {
                let raw: &RawValue = serde_json::from_str(&json).map_err(Error::invalid)?;
                // One event on its own; a HAL object (`_embedded`, Ticketmaster's) is not DICE's.
                if !common::has_any_key(raw, EVENT_KEYS) || common::has_any_key(raw, &["_embedded"])
                {
                    return Err(Error::invalid(format!(
                        "not a dice payload: expected {expected}"
                    )));
                }
                vec![raw]
            }
        }
    };
    if !common::looks_like(&items, EVENT_KEYS) {
        return Err(Error::invalid(format!(
            "not a dice payload: expected {expected}; no item has any of {EVENT_KEYS:?}"
        )));
    }
    Ok(common::parse_items(P, &items, to_event))
}

fn value_text(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

#[derive(Deserialize)]
struct DiceEvent {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    perm_name: Text,
    #[serde(default)]
    date: Text,
    #[serde(default)]
    date_end: Text,
    #[serde(default)]
    timezone: Text,
    #[serde(default)]
    dates: Option<Dates>,
    #[serde(default)]
    status: Text,
    #[serde(default)]
    url: Text,
    #[serde(default)]
    social_links: Option<SocialLinks>,
    #[serde(default)]
    event_images: Option<serde_json::Value>,
    #[serde(default)]
    images: Option<serde_json::Value>,
    #[serde(default)]
    image: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "common::nullable")]
    venues: Vec<VenueField>,
    #[serde(default)]
    venue: Option<VenueField>,
    #[serde(default)]
    location: Option<Location>,
    #[serde(default, deserialize_with = "common::nullable")]
    lineup: Vec<Act>,
    #[serde(default, deserialize_with = "common::nullable")]
    artists: Vec<Act>,
    #[serde(default, deserialize_with = "common::nullable")]
    genre_tags: Vec<Text>,
    #[serde(default, deserialize_with = "common::nullable")]
    type_tags: Vec<Text>,
    #[serde(default)]
    currency: Text,
    #[serde(default)]
    price: Option<PriceField>,
    #[serde(default, deserialize_with = "common::nullable")]
    ticket_types: Vec<TicketType>,
}

#[derive(Deserialize, Default)]
struct Dates {
    #[serde(default)]
    event_start_date: Text,
    #[serde(default)]
    event_end_date: Text,
    #[serde(default)]
    timezone: Text,
}

#[derive(Deserialize, Default)]
struct SocialLinks {
    #[serde(default)]
    event_share: Text,
}

/// A venue object, or just its name.
#[derive(Deserialize)]
#[serde(untagged)]
enum VenueField {
    Name(Text),
    Full(Box<DiceVenue>),
}

#[derive(Deserialize, Default)]
struct DiceVenue {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    address: Text,
    #[serde(default)]
    city: Option<CityField>,
    #[serde(default)]
    country: Text,
    #[serde(default)]
    timezone: Text,
    #[serde(default)]
    location: Option<Location>,
}

/// A city object, or just its name.
#[derive(Deserialize)]
#[serde(untagged)]
enum CityField {
    Name(Text),
    Full {
        #[serde(default)]
        name: Text,
        #[serde(default)]
        country_alpha3: Text,
        #[serde(default)]
        country_code: Text,
        #[serde(default)]
        country_name: Text,
    },
}

#[derive(Deserialize, Default)]
struct Location {
    #[serde(default)]
    lat: Num,
    #[serde(default)]
    lng: Num,
    #[serde(default)]
    lon: Num,
    #[serde(default)]
    latitude: Num,
    #[serde(default)]
    longitude: Num,
}

impl Location {
    fn coordinates(&self) -> Option<(f64, f64)> {
        let lat = if self.lat.0.is_some() {
            self.lat
        } else {
            self.latitude
        };
        let lon = [self.lng, self.lon, self.longitude]
            .into_iter()
            .find(|n| n.0.is_some())
            .unwrap_or_default();
        common::coordinates(lat, lon)
    }
}

/// A lineup entry (`{details, time}`), an artist (`{name, id}`), or a bare name.
#[derive(Deserialize)]
#[serde(untagged)]
enum Act {
    Name(Text),
    Entry {
        #[serde(default)]
        details: Text,
        #[serde(default)]
        name: Text,
        #[serde(default)]
        id: Text,
    },
}

#[derive(Deserialize, Default)]
struct TicketType {
    #[serde(default)]
    price: Option<PriceField>,
}

/// A price: an amount, or an object with one.
#[derive(Deserialize)]
#[serde(untagged)]
enum PriceField {
    Amount(Amount),
    Parts {
        #[serde(default)]
        total: Amount,
        #[serde(default)]
        face_value: Amount,
        #[serde(default)]
        amount: Amount,
        #[serde(default)]
        currency: Text,
    },
}

impl PriceField {
    fn amount(&self) -> Option<f64> {
        match self {
            PriceField::Amount(a) => a.0,
            PriceField::Parts {
                total,
                face_value,
                amount,
                ..
            } => total.0.or(face_value.0).or(amount.0),
        }
    }
    fn currency(&self) -> Option<&str> {
        match self {
            PriceField::Amount(_) => None,
            PriceField::Parts { currency, .. } => currency.get(),
        }
    }
}

/// An amount of money in major units; see the module docs for how minor units are recognized.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Amount(Option<f64>);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount as a number or a string")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Some(v as f64 / 100.0)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Some(v as f64 / 100.0)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                Ok(Amount(Some(v).filter(|v| v.is_finite())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Ok(Amount(amount_from_text(v)))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Amount, E> {
                Ok(Amount(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Amount, E> {
                Ok(Amount(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Amount, E> {
                Ok(Amount(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Amount, D::Error> {
                d.deserialize_any(V)
            }
        }
        d.deserialize_any(V)
    }
}

/// "1500" -> 15.0 (minor units); "15.00", "£15.00", "15.00 GBP" -> 15.0 (major units).
fn amount_from_text(s: &str) -> Option<f64> {
    let digits = s
        .trim()
        .trim_matches(|c: char| !(c.is_ascii_digit() || c == '.'));
    if digits.is_empty() || digits.len() > 32 {
        return None;
    }
    let value: f64 = digits.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(if digits.contains('.') {
        value
    } else {
        value / 100.0
    })
}

fn to_event(e: DiceEvent) -> Result<Event, String> {
    let id = common::item_id(&e.id)?;
    let title = clean_opt(e.name.get()).ok_or("event has no name")?;
    let mut event = Event::new(P.as_str(), &id, title);
    event.url = e
        .url
        .get()
        .and_then(clean_url)
        .or_else(|| {
            e.social_links
                .as_ref()
                .and_then(|s| s.event_share.get().and_then(clean_url))
        })
        .or_else(|| {
            let slug = e.perm_name.get()?;
            let ok = slug.len() <= 200
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            ok.then(|| format!("https://dice.fm/event/{slug}"))
        });
    event.sources[0].url = event.url.clone();
    event.image = [&e.event_images, &e.images, &e.image]
        .into_iter()
        .find_map(|v| v.as_ref().and_then(image_url));

    let venue = e.venues.first().or(e.venue.as_ref()).and_then(|v| match v {
        VenueField::Full(v) => Some(&**v),
        VenueField::Name(_) => None,
    });
    let coords = venue
        .and_then(|v| v.location.as_ref())
        .and_then(Location::coordinates)
        .or_else(|| e.location.as_ref().and_then(Location::coordinates));
    set_dates(&mut event, &e, venue, coords);
    event.venue = match e.venues.first().or(e.venue.as_ref()) {
        Some(VenueField::Full(v)) => to_venue(v, coords),
        Some(VenueField::Name(name)) => clean_opt(name.get()).map(|name| Venue {
            name,
            address: None,
            city: None,
            region: None,
            postal_code: None,
            country: None,
            lat: coords.map(|c| c.0),
            lon: coords.map(|c| c.1),
            ids: ExternalIds::default(),
        }),
        None => None,
    };

    event.status = match e
        .status
        .get()
        .map(|s| s.to_ascii_lowercase().replace('_', "-"))
        .as_deref()
    {
        Some("cancelled" | "canceled") => Status::Cancelled,
        Some("postponed") => Status::Postponed,
        Some("rescheduled") => Status::Rescheduled,
        // on-sale, sold-out, off-sale, ...: the show is on.
        _ => Status::Scheduled,
    };

    let acts = if e.lineup.is_empty() {
        &e.artists
    } else {
        &e.lineup
    };
    for act in acts {
        let (name, id) = match act {
            Act::Name(n) => (n.get(), None),
            Act::Entry { details, name, id } => (details.get().or(name.get()), id.get()),
        };
        let Some(name) = clean_opt(name).filter(|n| !is_schedule_note(n)) else {
            continue;
        };
        if event
            .performers
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&name))
        {
            continue;
        }
        let role = if event.performers.is_empty() {
            Role::Headliner
        } else {
            Role::Support
        };
        event.performers.push(Performer {
            name,
            role,
            ids: ExternalIds {
                dice: id.map(str::to_owned),
                ..ExternalIds::default()
            },
        });
    }

    for tag in e.genre_tags.iter().filter_map(Text::get) {
        // "music:techno" and "techno" alike.
        let genre = tag.rsplit(':').next().unwrap_or(tag).replace('_', " ");
        push_genre(&mut event.genres, &genre);
    }
    event.category = e
        .type_tags
        .iter()
        .filter_map(Text::get)
        .map(category)
        .find(|c| *c != Category::Other)
        .unwrap_or(if event.genres.is_empty() && event.performers.is_empty() {
            Category::Other
        } else {
            Category::Music
        });

    event.price = price(&e);
    Ok(event)
}

/// Lineup entries that are times of the evening, not acts.
fn is_schedule_note(name: &str) -> bool {
    let n = name.to_lowercase();
    ["doors", "last entry", "curfew", "support tba", "tba", "tbc"]
        .iter()
        .any(|w| n == *w || n.starts_with(&format!("{w} ")))
}

fn category(tag: &str) -> Category {
    let t = tag.to_ascii_lowercase();
    let words: Vec<&str> = t.split([':', '_', '-', ' ', '/']).collect();
    let has = |w: &str| words.contains(&w);
    if has("comedy") {
        Category::Comedy
    } else if has("film") || has("cinema") {
        Category::Film
    } else if has("theatre") || has("theater") || has("arts") || has("art") || has("dance") {
        Category::Arts
    } else if has("sport") || has("sports") {
        Category::Sports
    } else if has("family") || has("kids") {
        Category::Family
    } else if has("music") || has("gig") || has("dj") || has("party") || has("festival") {
        Category::Music
    } else {
        Category::Other
    }
}

fn image_url(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => clean_url(s),
        serde_json::Value::Array(items) => items.iter().find_map(image_url),
        serde_json::Value::Object(map) => ["landscape", "square", "portrait", "brand", "url"]
            .iter()
            .find_map(|k| map.get(*k).and_then(|u| u.as_str()).and_then(clean_url)),
        _ => None,
    }
}

fn set_dates(
    event: &mut Event,
    e: &DiceEvent,
    venue: Option<&DiceVenue>,
    coords: Option<(f64, f64)>,
) {
    let dates = e.dates.as_ref();
    let start = e
        .date
        .get()
        .or_else(|| dates.and_then(|d| d.event_start_date.get()));
    let exact = start.and_then(with_offset);
    let zone_name = e
        .timezone
        .get()
        .or_else(|| dates.and_then(|d| d.timezone.get()))
        .or_else(|| venue.and_then(|v| v.timezone.get()));
    let tz = common::venue_zone(zone_name, coords, exact.map(|x| x.to_utc()));
    match (exact, tz) {
        (Some(instant), Some(zone)) => common::set_utc_start(event, instant.to_utc(), zone),
        (Some(instant), None) => {
            // No zone to show it in: keep the wall clock the provider's offset implies, unless
            // that offset is just UTC (then the local wall clock is unknown).
            let wall = start.is_some_and(|s| !s.trim_end().ends_with(['Z', 'z']));
            let (d, t) = (instant.date_naive(), instant.time());
            common::set_local_start(
                event,
                Some(d).filter(|_| wall),
                Some(t).filter(|_| wall),
                None,
            );
        }
        (None, _) => {
            let local = start.and_then(common::parse_naive_datetime);
            let date = local
                .map(|l| l.date())
                .or_else(|| start.and_then(common::parse_date));
            common::set_local_start(event, date, local.map(|l| l.time()), tz);
        }
    }
    let end = e
        .date_end
        .get()
        .or_else(|| dates.and_then(|d| d.event_end_date.get()));
    if let (Some(zone), Some(end)) = (tz, end) {
        event.end = with_offset(end)
            .map(|x| instant_in_zone(x.to_utc(), zone))
            .or_else(|| {
                common::parse_naive_datetime(end)
                    .map(|l| gigradar_core::time::local_to_instant(l.date(), l.time(), zone))
            })
            .filter(|end| event.start.is_some_and(|s| *end >= s));
    }
}

/// An instant written with an offset or `Z` (RFC 3339, or "+0100" without the colon).
fn with_offset(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
}

fn to_venue(v: &DiceVenue, coords: Option<(f64, f64)>) -> Option<Venue> {
    let (city, country) = match &v.city {
        Some(CityField::Full {
            name,
            country_alpha3,
            country_code,
            country_name,
        }) => (
            clean_opt(name.get()),
            [country_code, country_alpha3, country_name]
                .into_iter()
                .find_map(|c| c.get().and_then(crate::country::code)),
        ),
        Some(CityField::Name(name)) => (clean_opt(name.get()), None),
        None => (None, None),
    };
    Some(Venue {
        name: clean_opt(v.name.get())?,
        address: clean_opt(v.address.get()),
        city,
        region: None,
        postal_code: None,
        country: country.or_else(|| v.country.get().and_then(crate::country::code)),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        ids: ExternalIds {
            dice: v.id.get().map(str::to_owned),
            ..ExternalIds::default()
        },
    })
}

fn price(e: &DiceEvent) -> Option<Price> {
    let from_tickets: Vec<&PriceField> = e
        .ticket_types
        .iter()
        .filter_map(|t| t.price.as_ref())
        .collect();
    let fields: Vec<&PriceField> = if from_tickets.is_empty() {
        e.price.iter().collect()
    } else {
        from_tickets
    };
    let amounts: Vec<f64> = fields.iter().filter_map(|p| p.amount()).collect();
    let currency = e
        .currency
        .get()
        .or_else(|| fields.iter().find_map(|p| p.currency()));
    let min = amounts.iter().copied().reduce(f64::min);
    let max = amounts.iter().copied().reduce(f64::max);
    common::price(Num(min), Num(max), currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Event {
        let out = parse(json.as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.events.len(), 1);
        out.events.into_iter().next().unwrap()
    }

    /// The shape typed DICE clients describe, as an Apify dataset export (a bare array).
    const DATASET: &str = r#"[{
        "id": "6507f1b2c3d4e5f6a7b8c9d0", "name": "Four Tet", "perm_name": "x9k2-four-tet-1st-may-printworks-tickets",
        "date": "2026-05-01T22:00:00+01:00", "date_end": "2026-05-02T06:00:00+01:00", "timezone": "Europe/London",
        "status": "on-sale", "url": "https://dice.fm/event/x9k2-four-tet-1st-may-printworks-tickets",
        "event_images": {"landscape": "https://dice-media.imgix.net/l.jpg", "portrait": "https://dice-media.imgix.net/p.jpg"},
        "venues": [{"id": 42, "name": "Printworks", "address": "Surrey Quays Rd",
                    "city": {"name": "London", "code": "LON", "country_name": "United Kingdom", "country_alpha3": "GBR"}}],
        "location": {"lat": 51.4955, "lng": -0.0437},
        "lineup": [{"details": "Doors open", "time": "22:00"}, {"details": "Four Tet", "time": "23:00"},
                   {"details": "Floating Points", "time": "01:00"}],
        "genre_tags": ["music:electronic", "techno"], "type_tags": ["music:dj"],
        "currency": "gbp",
        "ticket_types": [{"price": {"total": 3550, "face_value": 3000}}, {"price": {"total": 4500, "face_value": 4000}}]
    }]"#;

    #[test]
    fn dataset_item_with_everything() {
        let e = one(DATASET);
        assert_eq!(e.title, "Four Tet");
        assert_eq!(e.start.unwrap().to_rfc3339(), "2026-05-01T22:00:00+01:00");
        assert_eq!(e.end.unwrap().to_rfc3339(), "2026-05-02T06:00:00+01:00");
        assert_eq!(e.timezone.as_deref(), Some("Europe/London"));
        assert_eq!(e.status, Status::Scheduled);
        assert_eq!(e.category, Category::Music);
        assert_eq!(e.genres, ["electronic", "techno"]);
        let names: Vec<_> = e
            .performers
            .iter()
            .map(|p| (p.name.as_str(), p.role))
            .collect();
        assert_eq!(
            names,
            [
                ("Four Tet", Role::Headliner),
                ("Floating Points", Role::Support)
            ]
        );
        let v = e.venue.unwrap();
        assert_eq!(v.name, "Printworks");
        assert_eq!(v.country.as_deref(), Some("GB"));
        assert_eq!(v.city.as_deref(), Some("London"));
        assert_eq!(v.lat, Some(51.4955));
        assert_eq!(v.ids.dice.as_deref(), Some("42"));
        let p = e.price.unwrap();
        assert_eq!((p.min, p.max, p.currency.as_str()), (35.5, 45.0, "GBP"));
        assert_eq!(
            e.image.as_deref(),
            Some("https://dice-media.imgix.net/l.jpg")
        );
        assert_eq!(
            e.url.as_deref(),
            Some("https://dice.fm/event/x9k2-four-tet-1st-may-printworks-tickets")
        );
    }

    #[test]
    fn json_api_data_with_utc_dates_and_zone_from_coordinates() {
        let e = one(
            r#"{"data":[{"id":"1","name":"Late show","date":"2026-07-10T18:30:00Z","status":"sold-out",
                "venue":{"name":"Elsewhere","city":"New York","location":{"lat":40.7063,"lng":-73.9232}},
                "price":2500,"currency":"USD","type_tags":["culture:comedy"]}],
                "links":{"self":"x","next":null}}"#,
        );
        assert_eq!(e.timezone.as_deref(), Some("America/New_York"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2026-07-10T14:30:00-04:00");
        assert_eq!(e.category, Category::Comedy);
        assert_eq!(e.venue.as_ref().unwrap().city.as_deref(), Some("New York"));
        let p = e.price.unwrap();
        assert_eq!((p.min, p.max), (25.0, 25.0));
    }

    #[test]
    fn venue_profile_shape_with_dates_object() {
        let e = one(
            r#"{"items":[{"id":77,"name":"Jazz night","perm_name":"abc-jazz-night",
                "dates":{"event_start_date":"2026-02-03T20:00:00-05:00","event_end_date":"2026-02-03T23:00:00-05:00",
                         "timezone":"America/Chicago"},
                "social_links":{"event_share":"https://link.dice.fm/abc"},
                "images":["https://dice-media.imgix.net/sq.jpg"],
                "artists":["Kamasi Washington","Kamasi Washington"],"genre_tags":["jazz"],
                "status":"postponed","price":{"amount":"19.50","currency":"usd"}}]}"#,
        );
        assert_eq!(e.timezone.as_deref(), Some("America/Chicago"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2026-02-03T19:00:00-06:00");
        assert_eq!(e.status, Status::Postponed);
        assert_eq!(e.url.as_deref(), Some("https://link.dice.fm/abc"));
        assert_eq!(
            e.image.as_deref(),
            Some("https://dice-media.imgix.net/sq.jpg")
        );
        assert_eq!(e.performers.len(), 1);
        assert_eq!(e.category, Category::Music);
        let p = e.price.unwrap();
        assert_eq!((p.min, p.currency.as_str()), (19.5, "USD"));
    }

    #[test]
    fn offset_without_zone_keeps_the_wall_clock_only() {
        let e = one(
            r#"[{"id":"2","name":"Somewhere","date":"2026-03-01T21:00:00+0100","perm_name":"bad slug!"}]"#,
        );
        assert_eq!(e.timezone, None);
        assert_eq!(e.start, None);
        assert_eq!(e.local_time.unwrap().to_string(), "21:00:00");
        assert_eq!(e.url, None);
        let e = one(r#"[{"id":"3","name":"UTC only","date":"2026-03-01T20:00:00Z"}]"#);
        assert_eq!((e.local_date, e.local_time), (None, None));
        assert_eq!(e.category, Category::Other);
    }

    #[test]
    fn naive_local_time_in_the_given_zone() {
        let e = one(
            r#"[{"id":"4","name":"Local","date":"2026-08-01T19:00:00","timezone":"Europe/Berlin",
                 "status":"cancelled","venues":[{"name":"SO36","city":{"name":"Berlin","country_alpha3":"DEU"}}]}]"#,
        );
        assert_eq!(e.start.unwrap().to_rfc3339(), "2026-08-01T19:00:00+02:00");
        assert_eq!(e.status, Status::Cancelled);
        assert_eq!(e.venue.unwrap().country.as_deref(), Some("DE"));
    }

    #[test]
    fn amounts_in_minor_and_major_units() {
        assert_eq!(amount_from_text("1500"), Some(15.0));
        assert_eq!(amount_from_text("15.00"), Some(15.0));
        assert_eq!(amount_from_text("£15.50"), Some(15.5));
        assert_eq!(amount_from_text("free"), None);
        let a: Vec<Amount> = serde_json::from_str(r#"[1500, 15.5, "2000", null, true]"#).unwrap();
        assert_eq!(
            a,
            [
                Amount(Some(15.0)),
                Amount(Some(15.5)),
                Amount(Some(20.0)),
                Amount(None),
                Amount(None)
            ]
        );
    }

    #[test]
    fn problems_and_other_payloads() {
        let out = parse(
            br#"[{"id":"1","name":"ok","date":"2026-01-01T20:00:00Z"},{"name":"no id","date":"x"},
                 {"id":"3","date":"2026-01-01"},{"id":"4","name":"n","lineup":7}]"#,
        )
        .unwrap();
        assert_eq!(out.events.len(), 1);
        let ids: Vec<_> = out
            .problems
            .iter()
            .map(|p| (p.index, p.item_id.clone()))
            .collect();
        assert_eq!(
            ids,
            [
                (Some(1), None),
                (Some(2), Some("3".to_owned())),
                (Some(3), Some("4".to_owned()))
            ]
        );
        // One event object on its own.
        assert_eq!(
            parse(br#"{"id":"9","name":"Single","date":"2026-01-01T20:00:00Z"}"#)
                .unwrap()
                .events
                .len(),
            1
        );
        let Err(Error::InvalidInput(m)) = parse(br#"{"errors":[{"detail":"Invalid API key"}]}"#)
        else {
            panic!()
        };
        assert!(m.contains("Invalid API key"), "{m}");
        for bad in [
            r#"[{"id":"1","datetime":"2019-01-01T20:00:00","lineup":["A"],"venue":{}}]"#,
            r#"[{"id":"1","name":{"text":"x"},"start":{"utc":"2019-01-01T00:00:00Z"}}]"#,
            r#"{"_embedded":{"events":[]}}"#,
            r#"{"id":"G5","name":"TM","type":"event","dates":{"start":{}},"_embedded":{}}"#,
            "",
        ] {
            assert!(
                matches!(parse(bad.as_bytes()), Err(Error::InvalidInput(_))),
                "{bad}"
            );
        }
    }
}
