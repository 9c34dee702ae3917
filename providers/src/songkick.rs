//! Songkick API 3.0: `{resultsPage: {status, results: {event: [...]}}}` (event search, artist and
//! venue calendars).
//!
//! `start.datetime` carries a numeric offset ("2019-05-22T19:00:00-0400") when the time is known,
//! so the instant is exact; the zone comes from the venue's coordinates, and when its offset at
//! that instant disagrees with Songkick's, the announced local date and time are kept instead.
//! Festivals often have only a date.

use chrono::{DateTime, FixedOffset, NaiveDate};
use gigradar_core::text::{clean_line, clean_opt, clean_url};
use gigradar_core::time::{instant_in_zone, offset_at};
use gigradar_core::{
    Category, Error, Event, ExternalIds, ParseOutcome, Performer, Role, Status, Venue,
};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::Provider;
use crate::common::{self, Num, Text};

const P: Provider = Provider::Songkick;

#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow, rename = "resultsPage")]
    results_page: Option<ResultsPage<'a>>,
}

#[derive(Deserialize)]
struct ResultsPage<'a> {
    #[serde(default)]
    status: Text,
    #[serde(default)]
    error: Option<SkError>,
    #[serde(borrow, default)]
    results: Option<Results<'a>>,
}

#[derive(Deserialize)]
struct SkError {
    #[serde(default)]
    message: Text,
}

#[derive(Deserialize)]
struct Results<'a> {
    #[serde(borrow, default)]
    event: Option<Vec<&'a RawValue>>,
}

pub fn parse(payload: &[u8]) -> Result<ParseOutcome, Error> {
    let json = common::utf8(payload);
    let expected = "a results page (`{resultsPage: {results: {event: [...]}}}`)";
    if common::shape(&json) == Some(common::Shape::Array) {
        return Err(Error::invalid(format!(
            "not a songkick payload: expected {expected}, got a JSON array"
        )));
    }
    let top: Top = common::page(P, &json, expected)?;
    let Some(page) = top.results_page else {
        return Err(Error::invalid(format!(
            "not a songkick payload: expected {expected}, got an object without `resultsPage`"
        )));
    };
    if page
        .status
        .get()
        .is_some_and(|s| s.eq_ignore_ascii_case("error"))
        || page.error.is_some()
    {
        let message = page.error.as_ref().and_then(|e| e.message.get());
        return Err(common::error_response(P, message));
    }
    // No `event` list: the search matched nothing (Songkick then sends `results: {}`).
    let items = page.results.and_then(|r| r.event).unwrap_or_default();
    Ok(common::parse_items(P, &items, to_event))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SkEvent {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    display_name: Text,
    #[serde(default)]
    uri: Text,
    #[serde(default)]
    status: Text,
    #[serde(default)]
    start: Option<When>,
    #[serde(default)]
    end: Option<When>,
    #[serde(default, deserialize_with = "common::nullable")]
    performance: Vec<Performance>,
    #[serde(default)]
    venue: Option<SkVenue>,
    #[serde(default)]
    location: Option<SkLocation>,
}

#[derive(Deserialize, Default)]
struct When {
    #[serde(default)]
    date: Text,
    #[serde(default)]
    time: Text,
    #[serde(default)]
    datetime: Text,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Performance {
    #[serde(default)]
    display_name: Text,
    #[serde(default)]
    billing: Text,
    #[serde(default)]
    billing_index: Num,
    #[serde(default)]
    artist: Option<SkArtist>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct SkArtist {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    display_name: Text,
    #[serde(default, deserialize_with = "common::nullable")]
    identifier: Vec<Identifier>,
}

#[derive(Deserialize, Default)]
struct Identifier {
    #[serde(default)]
    mbid: Text,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct SkVenue {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    display_name: Text,
    #[serde(default)]
    lat: Num,
    #[serde(default)]
    lng: Num,
    #[serde(default)]
    street: Text,
    #[serde(default)]
    zip: Text,
    #[serde(default)]
    metro_area: Option<MetroArea>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct MetroArea {
    #[serde(default)]
    display_name: Text,
    #[serde(default)]
    country: Option<DisplayName>,
    #[serde(default)]
    state: Option<DisplayName>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct DisplayName {
    #[serde(default)]
    display_name: Text,
}

#[derive(Deserialize, Default)]
struct SkLocation {
    #[serde(default)]
    city: Text,
    #[serde(default)]
    lat: Num,
    #[serde(default)]
    lng: Num,
}

fn to_event(e: SkEvent) -> Result<Event, String> {
    let id = common::item_id(&e.id)?;
    let title = clean_opt(e.display_name.get()).ok_or("event has no displayName")?;
    let date = e
        .start
        .as_ref()
        .and_then(|s| s.date.get())
        .and_then(common::parse_date);
    let mut event = Event::new(P.as_str(), &id, without_date_suffix(&title, date));
    event.url = e.uri.get().and_then(clean_url);
    event.sources[0].url = event.url.clone();
    // Songkick lists concerts and festivals only.
    event.category = Category::Music;
    event.status = match e.status.get().map(str::to_ascii_lowercase).as_deref() {
        Some("cancelled" | "canceled") => Status::Cancelled,
        Some("postponed") => Status::Postponed,
        Some("rescheduled") => Status::Rescheduled,
        // "ok"
        _ => Status::Scheduled,
    };

    let coords = e
        .venue
        .as_ref()
        .and_then(|v| common::coordinates(v.lat, v.lng))
        .or_else(|| {
            e.location
                .as_ref()
                .and_then(|l| common::coordinates(l.lat, l.lng))
        });
    set_dates(&mut event, e.start.as_ref(), e.end.as_ref(), coords);
    event.venue = to_venue(e.venue.as_ref(), e.location.as_ref(), coords);

    // Billing order: by billingIndex where given, Songkick's order otherwise.
    let mut acts: Vec<&Performance> = e.performance.iter().collect();
    acts.sort_by(|a, b| {
        let key = |p: &Performance| p.billing_index.0.unwrap_or(f64::MAX);
        key(a).total_cmp(&key(b))
    });
    for act in acts {
        let artist = act.artist.as_ref();
        let Some(name) = clean_opt(artist.and_then(|a| a.display_name.get()))
            .or_else(|| clean_opt(act.display_name.get()))
        else {
            continue;
        };
        let support = act
            .billing
            .get()
            .is_some_and(|b| b.eq_ignore_ascii_case("support"));
        // The top of the bill is a headliner even when Songkick calls everyone support.
        let role = if support && !event.performers.is_empty() {
            Role::Support
        } else {
            Role::Headliner
        };
        event.performers.push(Performer {
            name,
            role,
            ids: ExternalIds {
                songkick: artist.and_then(|a| a.id.get()).map(str::to_owned),
                musicbrainz: artist.and_then(|a| {
                    a.identifier
                        .iter()
                        .find_map(|i| i.mbid.get().and_then(common::musicbrainz_id))
                }),
                ..ExternalIds::default()
            },
        });
    }
    Ok(event)
}

/// Songkick titles concerts "A and B at Venue (May 22, 2019)"; the date is a field of its own.
fn without_date_suffix(title: &str, date: Option<NaiveDate>) -> String {
    let stripped = title.strip_suffix(')').and_then(|t| {
        let (head, inside) = t.rsplit_once(" (")?;
        let d = NaiveDate::parse_from_str(inside, "%B %d, %Y").ok()?;
        (Some(d) == date && !head.trim().is_empty()).then_some(head)
    });
    clean_line(stripped.unwrap_or(title))
}

fn set_dates(
    event: &mut Event,
    start: Option<&When>,
    end: Option<&When>,
    coords: Option<(f64, f64)>,
) {
    let tz = coords.and_then(|(lat, lon)| crate::geotz::zone_at(lat, lon));
    let Some(start) = start else {
        common::set_local_start(event, None, None, tz);
        return;
    };
    let date = start.date.get().and_then(common::parse_date);
    let time = start.time.get().and_then(common::parse_time);
    let exact = start.datetime.get().and_then(with_offset);
    match (exact, tz) {
        // Songkick's offset and the zone agree: the instant is exact.
        (Some(instant), Some(zone))
            if offset_at(instant.to_utc(), zone) == instant.offset().local_minus_utc() =>
        {
            common::set_utc_start(event, instant.to_utc(), zone)
        }
        _ => {
            let date = date.or(exact.map(|i| i.date_naive()));
            let time = time.or(exact.map(|i| i.time()));
            common::set_local_start(event, date, time, tz);
        }
    }
    if let (Some(zone), Some(instant)) =
        (tz, end.and_then(|e| e.datetime.get()).and_then(with_offset))
    {
        event.end = Some(instant_in_zone(instant.to_utc(), zone))
            .filter(|end| event.start.is_some_and(|s| *end >= s));
    }
}

/// "2019-05-22T19:00:00-0400" (Songkick's form) or RFC 3339.
fn with_offset(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z")
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .ok()
}

fn to_venue(
    v: Option<&SkVenue>,
    location: Option<&SkLocation>,
    coords: Option<(f64, f64)>,
) -> Option<Venue> {
    let v = v?;
    let metro = v.metro_area.as_ref();
    // `location.city` reads "Toronto, ON, Canada": its first part is the city.
    let location_city = location
        .and_then(|l| l.city.get())
        .and_then(|c| c.split(',').next());
    Some(Venue {
        name: clean_opt(v.display_name.get())?,
        address: clean_opt(v.street.get()),
        // The metro area is a region ("SF Bay Area", "Twin Cities"); the location names the town.
        city: clean_opt(location_city)
            .or_else(|| clean_opt(metro.and_then(|m| m.display_name.get()))),
        region: clean_opt(
            metro
                .and_then(|m| m.state.as_ref())
                .and_then(|s| s.display_name.get()),
        ),
        postal_code: clean_opt(v.zip.get()),
        country: metro
            .and_then(|m| m.country.as_ref())
            .and_then(|c| c.display_name.get())
            .and_then(crate::country::code),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        ids: ExternalIds {
            songkick: v.id.get().map(str::to_owned),
            ..ExternalIds::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(events: &str) -> String {
        format!(
            r#"{{"resultsPage":{{"status":"ok","results":{{"event":[{events}]}},"perPage":50,"page":1}}}}"#
        )
    }

    fn one(json: &str) -> Event {
        let out = parse(page(json).as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.events.len(), 1);
        out.events.into_iter().next().unwrap()
    }

    const TORONTO: &str = r#""venue":{"id":3417329,"displayName":"Rebel Toronto","lat":43.6409,"lng":-79.35459,
        "metroArea":{"displayName":"Toronto","country":{"displayName":"Canada"},"state":{"displayName":"ON"}}},
        "location":{"city":"Toronto, ON, Canada","lat":43.6409,"lng":-79.35459}"#;

    #[test]
    fn offset_datetime_is_exact() {
        let e = one(&format!(
            r#"{{"id":36224119,"displayName":"LANY and Fletcher at Rebel Toronto (May 22, 2019)",
            "type":"Concert","status":"ok","uri":"http://www.songkick.com/concerts/36224119",
            "start":{{"date":"2019-05-22","datetime":"2019-05-22T19:00:00-0400","time":"19:00:00"}},
            "performance":[
              {{"billing":"support","billingIndex":3,"artist":{{"id":5,"displayName":"Opener","identifier":[]}}}},
              {{"billing":"headline","billingIndex":2,"artist":{{"id":156289,"displayName":"Fletcher",
                 "identifier":[{{"mbid":"not-a-uuid"}},{{"mbid":"74E48A87-97e8-47a0-bec9-bcb105c45d4f"}}]}}}},
              {{"billing":"headline","billingIndex":1,"artist":{{"id":8376228,"displayName":"LANY"}}}}],
            {TORONTO}}}"#
        ));
        assert_eq!(e.title, "LANY and Fletcher at Rebel Toronto");
        assert_eq!(e.start.unwrap().to_rfc3339(), "2019-05-22T19:00:00-04:00");
        assert_eq!(e.timezone.as_deref(), Some("America/Toronto"));
        let names: Vec<_> = e
            .performers
            .iter()
            .map(|p| (p.name.as_str(), p.role))
            .collect();
        assert_eq!(
            names,
            [
                ("LANY", Role::Headliner),
                ("Fletcher", Role::Headliner),
                ("Opener", Role::Support)
            ]
        );
        assert_eq!(
            e.performers[1].ids.musicbrainz.as_deref(),
            Some("74e48a87-97e8-47a0-bec9-bcb105c45d4f")
        );
        assert_eq!(e.performers[1].ids.songkick.as_deref(), Some("156289"));
        let v = e.venue.unwrap();
        assert_eq!(v.country.as_deref(), Some("CA"));
        assert_eq!(v.city.as_deref(), Some("Toronto"));
        assert_eq!(v.region.as_deref(), Some("ON"));
        assert_eq!(v.ids.songkick.as_deref(), Some("3417329"));
        assert_eq!(
            e.url.as_deref(),
            Some("http://www.songkick.com/concerts/36224119")
        );
    }

    #[test]
    fn festival_without_time_keeps_the_date() {
        let e = one(&format!(
            r#"{{"id":1,"displayName":"Summer Jam 2019","type":"Festival","status":"ok",
            "start":{{"date":"2019-05-22","datetime":null,"time":null}},
            "end":{{"date":"2019-05-23","datetime":null,"time":null}},"performance":[],{TORONTO}}}"#
        ));
        assert_eq!(e.title, "Summer Jam 2019");
        assert_eq!(e.local_date.unwrap().to_string(), "2019-05-22");
        assert_eq!((e.local_time, e.start, e.end), (None, None, None));
        assert_eq!(e.timezone.as_deref(), Some("America/Toronto"));
    }

    #[test]
    fn offset_that_contradicts_the_place_keeps_the_local_time() {
        // Toronto in May is -04:00; a -07:00 offset is wrong, the wall clock is what was announced.
        let e = one(&format!(
            r#"{{"id":2,"displayName":"X","status":"cancelled",
            "start":{{"date":"2019-05-22","datetime":"2019-05-22T19:00:00-0700","time":"19:00:00"}},{TORONTO}}}"#
        ));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2019-05-22T19:00:00-04:00");
        assert_eq!(e.status, Status::Cancelled);
    }

    #[test]
    fn location_coordinates_when_the_venue_has_none() {
        let e = one(r#"{"id":3,"displayName":"Gig","status":"postponed",
            "start":{"date":"2019-06-07","datetime":"2019-06-07T19:00:00-0500","time":"19:00:00"},
            "venue":{"id":null,"displayName":"Unknown venue","lat":null,"lng":null},
            "location":{"city":"St. Paul, MN, US","lat":45.03479,"lng":-93.02489}}"#);
        assert_eq!(e.status, Status::Postponed);
        assert_eq!(e.timezone.as_deref(), Some("America/Chicago"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2019-06-07T19:00:00-05:00");
        assert_eq!(e.venue.unwrap().city.as_deref(), Some("St. Paul"));
    }

    #[test]
    fn problems_and_other_payloads() {
        let out = parse(
            page(r#"{"id":1,"displayName":"ok"},{"displayName":"no id"},{"id":3,"performance":7}"#)
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.problems.len(), 2);
        assert_eq!(out.problems[1].item_id.as_deref(), Some("3"));
        assert!(
            parse(br#"{"resultsPage":{"status":"ok","results":{},"totalEntries":0}}"#)
                .unwrap()
                .events
                .is_empty()
        );
        let Err(Error::InvalidInput(m)) = parse(
            br#"{"resultsPage":{"status":"error","error":{"message":"Invalid or missing apikey"}}}"#,
        ) else {
            panic!()
        };
        assert!(m.contains("Invalid or missing apikey"));
        for bad in [r#"[]"#, r#"{"events":[]}"#, r#"{"_embedded":{}}"#, "nope"] {
            assert!(
                matches!(parse(bad.as_bytes()), Err(Error::InvalidInput(_))),
                "{bad}"
            );
        }
    }
}
