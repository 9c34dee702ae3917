//! SeatGeek Platform API (`GET /2/events`): `{meta, events[]}`, or one event (`GET /2/events/{id}`).
//!
//! `datetime_utc` is UTC written without a `Z`; `venue.timezone` names the zone, and the venue's
//! coordinates (numbers) win when they contradict it. A `time_tbd` event carries a placeholder
//! local time (03:30) that is not shown.

use gigradar_core::model::push_genre;
use gigradar_core::text::{clean_opt, clean_url};
use gigradar_core::time::instant_in_zone;
use gigradar_core::{
    Category, Error, Event, ExternalIds, ParseOutcome, Performer, Role, Status, Venue,
};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::Provider;
use crate::common::{self, Flag, Num, Text};

const P: Provider = Provider::Seatgeek;

/// Keys only a SeatGeek event has; at least one item of `events` must have one.
const EVENT_KEYS: &[&str] = &["datetime_utc", "datetime_local", "taxonomies", "performers"];

#[derive(Deserialize, Default)]
#[serde(default)]
struct Top<'a> {
    #[serde(borrow)]
    events: Option<Vec<&'a RawValue>>,
    meta: Option<serde::de::IgnoredAny>,
    datetime_utc: Option<serde::de::IgnoredAny>,
    id: Text,
    message: Text,
    error: Option<serde_json::Value>,
}

pub fn parse(payload: &[u8]) -> Result<ParseOutcome, Error> {
    let json = common::utf8(payload);
    let expected = "an events page (`{meta, events}`) or one event";
    if common::shape(&json) == Some(common::Shape::Array) {
        return Err(Error::invalid(format!(
            "not a seatgeek payload: expected {expected}, got a JSON array"
        )));
    }
    let top: Top = common::page(P, &json, expected)?;
    let items = if let Some(events) = top.events {
        events
    } else if top.datetime_utc.is_some() && top.id.get().is_some() {
        vec![serde_json::from_str(&json).map_err(Error::invalid)?]
    } else if top.error.is_some() || top.message.get().is_some() {
        let message = top.message.get().map(str::to_owned).or_else(|| {
            top.error
                .as_ref()
                .map(|e| e.as_str().map_or_else(|| e.to_string(), str::to_owned))
        });
        return Err(common::error_response(P, message.as_deref()));
    } else if top.meta.is_some() {
        // A page with no `events` at all: nothing matched.
        return Ok(ParseOutcome::default());
    } else {
        return Err(Error::invalid(format!(
            "not a seatgeek payload: expected {expected}"
        )));
    };
    if !common::looks_like(&items, EVENT_KEYS) {
        return Err(Error::invalid(format!(
            "not a seatgeek payload: expected {expected}; no event has any of {EVENT_KEYS:?}"
        )));
    }
    Ok(common::parse_items(P, &items, to_event))
}

#[derive(Deserialize)]
struct SgEvent {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    title: Text,
    #[serde(default)]
    short_title: Text,
    #[serde(default)]
    url: Text,
    #[serde(default)]
    datetime_utc: Text,
    #[serde(default)]
    datetime_local: Text,
    #[serde(default)]
    enddatetime_utc: Text,
    #[serde(default)]
    time_tbd: Flag,
    #[serde(default)]
    date_tbd: Flag,
    #[serde(default)]
    datetime_tbd: Flag,
    #[serde(default)]
    status: Text,
    #[serde(default, rename = "type")]
    kind: Text,
    #[serde(default, deserialize_with = "common::nullable")]
    taxonomies: Vec<Taxonomy>,
    #[serde(default, deserialize_with = "common::nullable")]
    performers: Vec<SgPerformer>,
    #[serde(default)]
    venue: Option<SgVenue>,
    #[serde(default, deserialize_with = "common::nullable")]
    stats: Stats,
}

#[derive(Deserialize, Default)]
struct Taxonomy {
    #[serde(default)]
    name: Text,
}

#[derive(Deserialize, Default)]
struct SgPerformer {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    primary: Flag,
    #[serde(default)]
    image: Text,
    #[serde(default, deserialize_with = "common::nullable")]
    genres: Vec<Genre>,
}

#[derive(Deserialize, Default)]
struct Genre {
    #[serde(default)]
    name: Text,
    #[serde(default)]
    primary: Flag,
}

#[derive(Deserialize, Default)]
struct SgVenue {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    address: Text,
    #[serde(default)]
    city: Text,
    #[serde(default)]
    state: Text,
    #[serde(default)]
    postal_code: Text,
    #[serde(default)]
    country: Text,
    #[serde(default)]
    timezone: Text,
    #[serde(default, deserialize_with = "common::nullable")]
    location: Location,
}

#[derive(Deserialize, Default)]
struct Location {
    #[serde(default)]
    lat: Num,
    #[serde(default)]
    lon: Num,
}

#[derive(Deserialize, Default)]
struct Stats {
    #[serde(default)]
    lowest_price: Num,
    #[serde(default)]
    highest_price: Num,
}

fn to_event(e: SgEvent) -> Result<Event, String> {
    let id = common::item_id(&e.id)?;
    let title = clean_opt(e.title.get())
        .or_else(|| clean_opt(e.short_title.get()))
        .ok_or("event has no title")?;
    let mut event = Event::new(P.as_str(), &id, title);
    event.url = e.url.get().and_then(clean_url);
    event.sources[0].url = event.url.clone();

    let coords = e
        .venue
        .as_ref()
        .and_then(|v| common::coordinates(v.location.lat, v.location.lon));
    set_dates(&mut event, &e, coords);
    event.venue = e.venue.as_ref().and_then(|v| to_venue(v, coords));
    event.status = match e.status.get().map(str::to_ascii_lowercase).as_deref() {
        Some("cancelled" | "canceled") => Status::Cancelled,
        Some("postponed") => Status::Postponed,
        Some("rescheduled") => Status::Rescheduled,
        // "normal", and anything SeatGeek adds later.
        _ => Status::Scheduled,
    };

    // The primary performer tops the bill; the order is otherwise SeatGeek's.
    let mut performers: Vec<&SgPerformer> = e.performers.iter().collect();
    performers.sort_by_key(|p| !p.primary.0);
    for p in &performers {
        let Some(name) = clean_opt(p.name.get()) else {
            continue;
        };
        let role = if event.performers.is_empty() {
            Role::Headliner
        } else {
            Role::Support
        };
        event.performers.push(Performer {
            name,
            role,
            ids: ExternalIds {
                seatgeek: p.id.get().map(str::to_owned),
                ..ExternalIds::default()
            },
        });
        let mut genres: Vec<&Genre> = p.genres.iter().collect();
        genres.sort_by_key(|g| !g.primary.0);
        for g in genres {
            if let Some(name) = g.name.get() {
                push_genre(&mut event.genres, name);
            }
        }
    }
    event.image = performers
        .iter()
        .find_map(|p| p.image.get().and_then(clean_url));

    event.category = e
        .taxonomies
        .iter()
        .filter_map(|t| t.name.get())
        .chain(e.kind.get())
        .map(category)
        .find(|c| *c != Category::Other)
        .unwrap_or(Category::Other);
    // SeatGeek lists prices in US dollars (its API has no currency field).
    event.price = common::price(e.stats.lowest_price, e.stats.highest_price, Some("USD"));
    Ok(event)
}

fn set_dates(event: &mut Event, e: &SgEvent, coords: Option<(f64, f64)>) {
    let utc = e.datetime_utc.get().and_then(common::parse_utc);
    let zone_name = e.venue.as_ref().and_then(|v| v.timezone.get());
    let tz = common::venue_zone(zone_name, coords, utc);
    let local = e
        .datetime_local
        .get()
        .and_then(common::parse_naive_datetime);
    let date_known = !(e.date_tbd.0 || e.datetime_tbd.0);
    let time_known = date_known && !e.time_tbd.0;
    match (utc, tz) {
        (Some(instant), Some(zone)) if time_known => common::set_utc_start(event, instant, zone),
        _ => {
            // The date as SeatGeek shows it at the venue; its time is a placeholder when TBD.
            let date = local
                .map(|l| l.date())
                .or_else(|| Some(instant_in_zone(utc?, tz?).date_naive()))
                .filter(|_| date_known);
            let time = local.map(|l| l.time()).filter(|_| time_known);
            common::set_local_start(event, date, time, tz);
        }
    }
    if let Some(zone) = tz {
        event.end = e
            .enddatetime_utc
            .get()
            .and_then(common::parse_utc)
            .map(|u| instant_in_zone(u, zone))
            .filter(|end| event.start.is_some_and(|s| *end >= s));
    }
}

fn to_venue(v: &SgVenue, coords: Option<(f64, f64)>) -> Option<Venue> {
    Some(Venue {
        name: clean_opt(v.name.get())?,
        address: clean_opt(v.address.get()),
        city: clean_opt(v.city.get()),
        region: clean_opt(v.state.get()),
        postal_code: clean_opt(v.postal_code.get()),
        country: v.country.get().and_then(crate::country::code),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        ids: ExternalIds {
            seatgeek: v.id.get().map(str::to_owned),
            ..ExternalIds::default()
        },
    })
}

/// A SeatGeek taxonomy (or event type) onto our categories.
fn category(taxonomy: &str) -> Category {
    let t = taxonomy.to_ascii_lowercase();
    match t.as_str() {
        "concert" | "concerts" | "music_festival" | "music" => Category::Music,
        "sports" => Category::Sports,
        "theater"
        | "theatre"
        | "broadway_tickets_national"
        | "classical"
        | "dance_performance_tour" => Category::Arts,
        "comedy" => Category::Comedy,
        "family" | "circus" => Category::Family,
        "film" | "cinema" => Category::Film,
        _ => Category::Other,
    }
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

    const VENUE: &str = r#"{"id":463971,"name":"John B. Schuerholz Park","address":"8000 York Rd",
        "city":"Towson","state":"MD","postal_code":"21252","country":"US","timezone":"America/New_York",
        "location":{"lat":39.3936,"lon":-76.6071}}"#;

    #[test]
    fn utc_instant_shown_in_the_venue_zone() {
        let e = one(&format!(
            r#"{{"meta":{{"page":1}},"events":[{{"id":5107607,"title":"UMBC at Towson",
            "datetime_utc":"2020-03-03T18:00:00","datetime_local":"2020-03-03T13:00:00",
            "enddatetime_utc":"2020-03-03T21:00:00",
            "time_tbd":false,"date_tbd":false,"status":"normal","type":"ncaa_baseball",
            "taxonomies":[{{"name":"sports"}},{{"name":"baseball"}}],
            "performers":[{{"id":107013,"name":"UMBC Retrievers"}},
                          {{"id":107023,"name":"Towson Tigers","primary":true,"image":"https://seatgeek.com/t.jpg"}}],
            "venue":{VENUE},"stats":{{"lowest_price":12,"highest_price":40}},
            "url":"https://seatgeek.com/e/5107607"}}]}}"#
        ));
        assert_eq!(e.sources[0].id, "5107607");
        assert_eq!(e.start.unwrap().to_rfc3339(), "2020-03-03T13:00:00-05:00");
        assert_eq!(e.end.unwrap().to_rfc3339(), "2020-03-03T16:00:00-05:00");
        assert_eq!(e.category, Category::Sports);
        assert_eq!(e.performers[0].name, "Towson Tigers");
        assert_eq!(e.performers[0].role, Role::Headliner);
        assert_eq!(e.performers[1].role, Role::Support);
        assert_eq!(e.performers[1].ids.seatgeek.as_deref(), Some("107013"));
        assert_eq!(e.image.as_deref(), Some("https://seatgeek.com/t.jpg"));
        let p = e.price.unwrap();
        assert_eq!((p.min, p.max, p.currency.as_str()), (12.0, 40.0, "USD"));
        let v = e.venue.unwrap();
        assert_eq!(v.ids.seatgeek.as_deref(), Some("463971"));
        assert_eq!(v.region.as_deref(), Some("MD"));
    }

    #[test]
    fn time_tbd_hides_the_placeholder_time() {
        let e = one(
            r#"{"events":[{"id":1,"title":"Maroon 5","datetime_utc":"2020-03-03T06:30:00",
            "datetime_local":"2020-03-03T03:30:00","time_tbd":true,"taxonomies":[{"name":"concert"}],
            "performers":[{"id":2499,"name":"Maroon 5","primary":true,
                "genres":[{"name":"Rock","primary":false},{"name":"Pop","primary":true}]}],
            "venue":{"name":"Estadio","timezone":"America/Sao_Paulo","country":"Brazil",
                     "location":{"lat":-15.7835,"lon":-47.8992}}}]}"#,
        );
        assert_eq!(e.local_date.unwrap().to_string(), "2020-03-03");
        assert_eq!(e.local_time, None);
        assert_eq!(e.start, None);
        assert_eq!(e.timezone.as_deref(), Some("America/Sao_Paulo"));
        assert_eq!(e.genres, ["pop", "rock"]);
        assert_eq!(e.category, Category::Music);
        assert_eq!(e.venue.unwrap().country.as_deref(), Some("BR"));
    }

    #[test]
    fn date_tbd_and_statuses() {
        let e = one(
            r#"{"events":[{"id":3,"title":"Later","datetime_utc":"2020-03-03T06:30:00","date_tbd":true,
              "datetime_tbd":true,"status":"postponed","taxonomies":[{"name":"comedy"}]}]}"#,
        );
        assert_eq!((e.local_date, e.local_time, e.start), (None, None, None));
        assert_eq!(e.status, Status::Postponed);
        assert_eq!(e.category, Category::Comedy);
        let e = one(
            r#"{"id":4,"title":"One","datetime_utc":"2020-03-03T06:30:00","status":"cancelled"}"#,
        );
        assert_eq!(e.status, Status::Cancelled);
        // No venue, no zone: the instant is known but cannot be shown locally.
        assert_eq!(e.start, None);
        assert_eq!(e.timezone, None);
    }

    #[test]
    fn null_lists_and_objects_read_as_empty() {
        let e = one(
            r#"{"events":[{"id":5,"title":"T","datetime_utc":"2020-03-03T18:00:00","taxonomies":null,
              "performers":null,"stats":null,"venue":{"name":"V","location":null,"timezone":"America/New_York"}}]}"#,
        );
        assert_eq!(e.price, None);
        assert_eq!(e.start.unwrap().to_rfc3339(), "2020-03-03T13:00:00-05:00");
    }

    #[test]
    fn bad_items_and_other_payloads() {
        let out = parse(
            br#"{"meta":{},"events":[{"id":1,"title":"ok","datetime_utc":"x"},{"title":"no id"},
                {"id":3,"title":"t","performers":"none"},null]}"#,
        )
        .unwrap();
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.problems.len(), 3);
        assert_eq!(out.problems[1].item_id.as_deref(), Some("3"));
        assert!(parse(br#"{"meta":{"total":0}}"#).unwrap().events.is_empty());
        for bad in [
            r#"[{"id":1}]"#,
            r#"{"_embedded":{"events":[]}}"#,
            r#"{"pagination":{},"events":[{"id":"1","name":{"text":"x"},"start":{}}]}"#,
        ] {
            assert!(
                matches!(parse(bad.as_bytes()), Err(Error::InvalidInput(_))),
                "{bad}"
            );
        }
        let Err(Error::InvalidInput(m)) =
            parse(br#"{"status":"error","message":"Invalid client_id"}"#)
        else {
            panic!()
        };
        assert!(m.contains("Invalid client_id"));
    }
}
