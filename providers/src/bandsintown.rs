//! Bandsintown API v3: an artist's events array (`GET /artists/{name}/events`).
//!
//! Bandsintown gives the venue-local wall time with no zone or offset at all, so the zone comes
//! from the venue's coordinates (offline, [`crate::geotz`]) and the instant is computed from it.
//! The payload is an array; the other things the API answers with (an artist object, an error
//! object) are rejected with a message that says so.

use gigradar_core::text::{clean_line, clean_opt, clean_url};
use gigradar_core::{Category, Error, Event, ExternalIds, ParseOutcome, Status, Venue};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;

use crate::Provider;
use crate::common::{self, Num, Text};

const P: Provider = Provider::Bandsintown;

/// Keys that only a Bandsintown event has; at least one item of an array must have one.
const EVENT_KEYS: &[&str] = &["datetime", "starts_at", "lineup", "artist_id", "offers"];

/// What an object at the top can be: an error, or an artist (the other endpoint).
#[derive(Deserialize, Default)]
#[serde(default)]
struct TopObject {
    #[serde(rename = "errorMessage")]
    error_message: Text,
    #[serde(rename = "Message")]
    message_upper: Text,
    message: Text,
    error: Option<serde_json::Value>,
    name: Text,
    tracker_count: Option<serde::de::IgnoredAny>,
    upcoming_event_count: Option<serde::de::IgnoredAny>,
    mbid: Option<serde::de::IgnoredAny>,
}

pub fn parse(payload: &[u8]) -> Result<ParseOutcome, Error> {
    let json = common::utf8(payload);
    let expected = "an artist's events array (`GET /artists/{name}/events`)";
    if common::shape(&json) == Some(common::Shape::Object) {
        let top: TopObject = common::page(P, &json, expected)?;
        let message = top
            .error_message
            .get()
            .or(top.message_upper.get())
            .or(top.message.get())
            .map(str::to_owned)
            .or_else(|| match &top.error {
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(serde_json::Value::Null) | None => None,
                Some(other) => Some(other.to_string()),
            });
        if message.is_some() || top.error.is_some() {
            return Err(common::error_response(P, message.as_deref()));
        }
        let artist = top.name.get().is_some()
            && (top.tracker_count.is_some()
                || top.upcoming_event_count.is_some()
                || top.mbid.is_some());
        return Err(Error::invalid(if artist {
            format!("not a bandsintown events payload: expected {expected}, got an artist object")
        } else {
            format!("not a bandsintown payload: expected {expected}, got a JSON object")
        }));
    }
    let items: Vec<&RawValue> = common::page(P, &json, expected)?;
    if !common::looks_like(&items, EVENT_KEYS) {
        return Err(Error::invalid(format!(
            "not a bandsintown payload: expected {expected}; no item has any of {EVENT_KEYS:?}"
        )));
    }
    // The array is one artist's events, and only some events embed the artist: learn the
    // artists first, so every event of that artist gets its ids.
    let artists = known_artists(&items);
    Ok(common::parse_items(P, &items, |e: BitEvent| {
        to_event(e, &artists)
    }))
}

#[derive(Deserialize)]
struct BitEvent {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    artist_id: Text,
    #[serde(default)]
    url: Text,
    #[serde(default)]
    datetime: Text,
    #[serde(default)]
    starts_at: Text,
    #[serde(default)]
    ends_at: Text,
    #[serde(default)]
    title: Text,
    #[serde(default)]
    datetime_display_rule: Text,
    #[serde(default)]
    festival_datetime_display_rule: Text,
    #[serde(default)]
    festival_start_date: Text,
    #[serde(default)]
    status: Text,
    #[serde(default, deserialize_with = "common::nullable")]
    lineup: Vec<Text>,
    #[serde(default, deserialize_with = "common::nullable")]
    offers: Vec<Offer>,
    #[serde(default)]
    venue: Option<BitVenue>,
    #[serde(default)]
    artist: Option<BitArtist>,
}

#[derive(Deserialize, Default)]
struct Offer {
    #[serde(default)]
    url: Text,
}

#[derive(Deserialize, Default)]
struct BitVenue {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    latitude: Num,
    #[serde(default)]
    longitude: Num,
    #[serde(default)]
    street_address: Text,
    #[serde(default)]
    city: Text,
    #[serde(default)]
    region: Text,
    #[serde(default)]
    postal_code: Text,
    #[serde(default)]
    country: Text,
}

#[derive(Deserialize, Default, Clone)]
struct BitArtist {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    mbid: Text,
    #[serde(default)]
    image_url: Text,
    #[serde(default, deserialize_with = "common::nullable")]
    links: Vec<ArtistLink>,
}

#[derive(Deserialize, Default, Clone)]
struct ArtistLink {
    #[serde(default, rename = "type")]
    kind: Text,
    #[serde(default)]
    url: Text,
}

#[derive(Deserialize)]
struct ArtistOnly {
    #[serde(default)]
    artist: Option<BitArtist>,
}

/// Embedded artists of the payload by Bandsintown artist id.
fn known_artists(items: &[&RawValue]) -> HashMap<String, BitArtist> {
    let mut out = HashMap::new();
    for raw in items {
        if let Ok(ArtistOnly { artist: Some(a) }) = serde_json::from_str(raw.get())
            && let Some(id) = a.id.get()
        {
            out.entry(id.to_owned()).or_insert_with(|| a.clone());
        }
    }
    out
}

fn to_event(e: BitEvent, artists: &HashMap<String, BitArtist>) -> Result<Event, String> {
    let id = common::item_id(&e.id)?;
    // The artist whose events these are: embedded here, or embedded in another event of the
    // same payload with the same `artist_id`.
    let artist = e
        .artist
        .clone()
        .or_else(|| e.artist_id.get().and_then(|a| artists.get(a)).cloned());

    let mut performers = common::lineup(e.lineup.iter().filter_map(Text::get));
    if performers.is_empty() {
        performers = common::lineup(artist.iter().filter_map(|a| a.name.get()));
    }
    let coords = e
        .venue
        .as_ref()
        .and_then(|v| common::coordinates(v.latitude, v.longitude));
    let venue = e.venue.as_ref().and_then(|v| to_venue(v, coords));

    let title = clean_opt(e.title.get())
        .or_else(|| {
            let headliner = performers.first()?.name.clone();
            Some(match &venue {
                Some(v) => format!("{headliner} at {}", v.name),
                None => headliner,
            })
        })
        .map(|t| clean_line(&t))
        .ok_or("event has no title and no lineup")?;

    let mut event = Event::new(P.as_str(), &id, title);
    event.category = Category::Music;
    event.url = e
        .offers
        .iter()
        .find_map(|o| o.url.get().and_then(clean_url))
        .or_else(|| e.url.get().and_then(clean_url));
    event.sources[0].url = e.url.get().and_then(clean_url).or(event.url.clone());

    if let Some(a) = &artist {
        link_artist(&mut performers, a);
        event.image = a.image_url.get().and_then(clean_url);
    } else if let (Some(artist_id), [only]) = (e.artist_id.get(), performers.as_mut_slice()) {
        // An artist's own events list with a one-name lineup: that name is the artist.
        only.ids.bandsintown = Some(artist_id.to_owned());
    }
    event.performers = performers;

    set_dates(&mut event, &e, coords);
    event.status = match e.status.get().map(str::to_ascii_lowercase).as_deref() {
        Some("cancelled" | "canceled") => Status::Cancelled,
        Some("postponed") => Status::Postponed,
        Some("rescheduled") => Status::Rescheduled,
        _ => Status::Scheduled,
    };
    event.venue = venue;
    Ok(event)
}

/// Put the artist's ids on the performer that is the artist (matched by name).
fn link_artist(performers: &mut [gigradar_core::Performer], artist: &BitArtist) {
    let Some(name) = clean_opt(artist.name.get()) else {
        return;
    };
    let Some(p) = performers
        .iter_mut()
        .find(|p| p.name.to_lowercase() == name.to_lowercase())
    else {
        return;
    };
    p.ids = ExternalIds {
        bandsintown: artist.id.get().map(str::to_owned),
        musicbrainz: artist.mbid.get().and_then(common::musicbrainz_id),
        spotify: artist
            .links
            .iter()
            .filter(|l| {
                l.kind
                    .get()
                    .is_some_and(|k| k.eq_ignore_ascii_case("spotify"))
            })
            .find_map(|l| l.url.get().and_then(common::spotify_artist_id)),
        ..std::mem::take(&mut p.ids)
    };
}

fn set_dates(event: &mut Event, e: &BitEvent, coords: Option<(f64, f64)>) {
    let tz = coords.and_then(|(lat, lon)| crate::geotz::zone_at(lat, lon));
    let local = e
        .datetime
        .get()
        .or(e.starts_at.get())
        .and_then(common::parse_naive_datetime);
    // Festival "range" events show dates only; their times are 00:00/23:59 placeholders.
    let range = [&e.datetime_display_rule, &e.festival_datetime_display_rule]
        .iter()
        .any(|r| r.get().is_some_and(|r| r.eq_ignore_ascii_case("range")));
    let date = local
        .map(|l| l.date())
        .or_else(|| e.festival_start_date.get().and_then(common::parse_date));
    let time = local.map(|l| l.time()).filter(|_| !range);
    common::set_local_start(event, date, time, tz);
    if let (Some(zone), false) = (tz, range) {
        event.end = e
            .ends_at
            .get()
            .and_then(common::parse_naive_datetime)
            .map(|l| gigradar_core::time::local_to_instant(l.date(), l.time(), zone))
            .filter(|end| event.start.is_none_or(|s| *end >= s));
    }
}

fn to_venue(v: &BitVenue, coords: Option<(f64, f64)>) -> Option<Venue> {
    Some(Venue {
        name: clean_opt(v.name.get())?,
        address: clean_opt(v.street_address.get()),
        city: clean_opt(v.city.get()),
        region: clean_opt(v.region.get()),
        postal_code: clean_opt(v.postal_code.get()),
        country: v.country.get().and_then(crate::country::code),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        ids: ExternalIds {
            bandsintown: v.id.get().map(str::to_owned),
            ..ExternalIds::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gigradar_core::Role;

    fn one(json: &str) -> Event {
        let out = parse(json.as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.events.len(), 1);
        out.events.into_iter().next().unwrap()
    }

    const PRAGUE: &str = r#"{"name":"Cross Club","latitude":"50.108181","longitude":"14.4431801",
        "city":"Praha","region":"","country":"Czechia","street_address":"Plynární 1096/23",
        "postal_code":"170 00"}"#;

    #[test]
    fn local_time_gets_the_zone_of_the_venue() {
        let e = one(&format!(
            r#"[{{"id":"1","artist_id":"7","datetime":"2026-04-24T21:00:00","lineup":["Zardonic","T-Virus"],
            "venue":{PRAGUE},"offers":[{{"type":"Tickets","url":"https://www.bandsintown.com/t/1"}}],
            "url":"https://www.bandsintown.com/e/1"}}]"#
        ));
        assert_eq!(e.timezone.as_deref(), Some("Europe/Prague"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2026-04-24T21:00:00+02:00");
        assert_eq!(e.title, "Zardonic at Cross Club");
        assert_eq!(e.category, Category::Music);
        let v = e.venue.as_ref().unwrap();
        assert_eq!(v.country.as_deref(), Some("CZ"));
        assert_eq!(v.region, None);
        assert_eq!(v.address.as_deref(), Some("Plynární 1096/23"));
        assert_eq!(e.url.as_deref(), Some("https://www.bandsintown.com/t/1"));
        assert_eq!(
            e.sources[0].url.as_deref(),
            Some("https://www.bandsintown.com/e/1")
        );
        assert_eq!(e.performers[0].role, Role::Headliner);
        assert_eq!(e.performers[1].role, Role::Support);
        // Two names, no embedded artist: which one is artist 7 is not known.
        assert!(e.performers.iter().all(|p| p.ids.is_empty()));
    }

    #[test]
    fn embedded_artist_ids_go_to_the_matching_performer_of_every_event() {
        let out = parse(
            br#"[{"id":"1","artist_id":"372971","datetime":"2026-03-06T21:00:00",
              "lineup":["DJ Bones","Zardonic"],
              "artist":{"id":"372971","name":"Zardonic","mbid":"993A72CF-D48C-446A-A6F6-97B2B7EA3831",
                "image_url":"https://photos.bandsintown.com/large/1.jpeg",
                "links":[{"type":"youtube","url":"djzardonic"},
                         {"type":"spotify","url":"https://open.spotify.com/artist/7BqEidErPMNiUXCRE0dV2n?utm_source=bandsintown"}]}},
             {"id":"2","artist_id":"372971","datetime":"2026-03-07T21:00:00","lineup":["Zardonic"]}]"#,
        )
        .unwrap();
        assert!(out.problems.is_empty());
        let first = &out.events[0];
        assert_eq!(first.performers[0].name, "DJ Bones");
        assert!(first.performers[0].ids.is_empty());
        let z = &first.performers[1].ids;
        assert_eq!(z.bandsintown.as_deref(), Some("372971"));
        assert_eq!(
            z.musicbrainz.as_deref(),
            Some("993a72cf-d48c-446a-a6f6-97b2b7ea3831")
        );
        assert_eq!(z.spotify.as_deref(), Some("7BqEidErPMNiUXCRE0dV2n"));
        assert_eq!(
            first.image.as_deref(),
            Some("https://photos.bandsintown.com/large/1.jpeg")
        );
        // The second event does not embed the artist but is the same artist's.
        assert_eq!(
            out.events[1].performers[0].ids.spotify.as_deref(),
            Some("7BqEidErPMNiUXCRE0dV2n")
        );
        // No venue, no coordinates: date and time are known, the zone and the instant are not.
        assert_eq!(out.events[1].start, None);
        assert_eq!(out.events[1].timezone, None);
        assert_eq!(out.events[1].local_time.unwrap().to_string(), "21:00:00");
        assert_eq!(out.events[1].title, "Zardonic");
    }

    #[test]
    fn empty_mbid_and_one_name_lineup() {
        let e = one(
            r#"[{"id":"20011430","artist_id":"1921","datetime":"2018-02-13T19:30:00",
              "venue":{"name":"Ruth Eckerd Hall","latitude":"27.976034","longitude":"-82.704614",
                       "city":"Clearwater","region":"FL","country":"United States"},
              "offers":[],"lineup":["The Beach Boys"],"url":"https://www.bandsintown.com/e/20011430"}]"#,
        );
        assert_eq!(e.performers[0].ids.bandsintown.as_deref(), Some("1921"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2018-02-13T19:30:00-05:00");
        assert_eq!(
            e.url.as_deref(),
            Some("https://www.bandsintown.com/e/20011430")
        );
        assert_eq!(e.venue.unwrap().country.as_deref(), Some("US"));
    }

    #[test]
    fn festival_range_keeps_the_date_only() {
        let e = one(&format!(
            r#"[{{"id":"9","title":"Rock for People","datetime":"2026-06-11T00:00:00",
              "ends_at":"2026-06-13T23:59:00","datetime_display_rule":"range",
              "festival_start_date":"2026-06-11","festival_end_date":"2026-06-13",
              "lineup":["A","B"],"venue":{PRAGUE}}}]"#
        ));
        assert_eq!(e.title, "Rock for People");
        assert_eq!(e.local_date.unwrap().to_string(), "2026-06-11");
        assert_eq!(e.local_time, None);
        assert_eq!(e.start, None);
        assert_eq!(e.end, None);
        assert_eq!(e.timezone.as_deref(), Some("Europe/Prague"));
    }

    #[test]
    fn ends_at_is_the_end() {
        let e = one(&format!(
            r#"[{{"id":"9","datetime":"2026-06-11T20:00:00","ends_at":"2026-06-11T23:30:00",
              "lineup":["A"],"venue":{PRAGUE}}}]"#
        ));
        assert_eq!(e.end.unwrap().to_rfc3339(), "2026-06-11T23:30:00+02:00");
    }

    #[test]
    fn null_lists_read_as_empty() {
        let e = one(r#"[{"id":"4","lineup":["A"],"offers":null,"venue":null,"artist":null}]"#);
        assert_eq!(e.url, None);
        assert_eq!(e.venue, None);
    }

    #[test]
    fn missing_venue_and_date_are_null_not_problems() {
        let e = one(r#"[{"id":"3","lineup":["Solo"]}]"#);
        assert_eq!(e.venue, None);
        assert_eq!(e.local_date, None);
        assert_eq!(e.start, None);
    }

    #[test]
    fn bad_items_become_problems() {
        let out = parse(
            br#"[{"id":"1","lineup":["A"]},{"lineup":["no id"]},{"id":"3"},
                 {"id":"4","lineup":{"oops":1}},"text",{"id":"6","lineup":["B"],
                 "venue":{"name":"V","latitude":"NaN","longitude":"500"}}]"#,
        )
        .unwrap();
        assert_eq!(out.events.len(), 2);
        let idx: Vec<_> = out
            .problems
            .iter()
            .map(|p| (p.index, p.item_id.clone()))
            .collect();
        assert_eq!(
            idx,
            [
                (Some(1), None),
                (Some(2), Some("3".to_owned())),
                (Some(3), Some("4".to_owned())),
                (Some(4), None)
            ]
        );
        let v = out.events[1].venue.as_ref().unwrap();
        assert_eq!((v.lat, v.lon), (None, None));
    }

    #[test]
    fn untrusted_text_and_urls_are_cleaned() {
        let e = one(
            r#"[{"id":"1","title":" Night\u202e\u0007 Out ","lineup":["A\nB"],
                 "url":"javascript:alert(1)","offers":[{"url":"data:x"}]}]"#,
        );
        assert_eq!(e.title, "Night Out");
        assert_eq!(e.performers[0].name, "A B");
        assert_eq!(e.url, None);
        assert_eq!(e.sources[0].url, None);
    }

    #[test]
    fn error_and_artist_objects_are_rejected() {
        let err = |json: &str| match parse(json.as_bytes()) {
            Err(Error::InvalidInput(m)) => m,
            other => panic!("{other:?}"),
        };
        assert!(
            err(r#"{"errorMessage":"[NotFound] The artist was not found"}"#)
                .contains("error response")
        );
        assert!(err(r#"{"Message":"User is not authorized"}"#).contains("not authorized"));
        assert!(
            err(r#"{"id":"5035831","name":"Kaytranada","mbid":"","tracker_count":1}"#)
                .contains("got an artist object")
        );
        assert!(err(r#"{"_embedded":{"events":[]}}"#).contains("events array"));
        assert!(
            err(r#"[{"name":{"text":"x"},"start":{"utc":"2019-01-01T00:00:00Z"}}]"#)
                .contains("not a bandsintown payload")
        );
        assert!(err("not json").contains("not valid JSON"));
        assert!(parse(b"[]").unwrap().events.is_empty());
    }
}
