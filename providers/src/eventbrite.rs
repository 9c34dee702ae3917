//! Eventbrite API v3: an events page (`{pagination, events}` from the organization, venue or the
//! old search endpoint), a bare events array, or a single event; venue expanded or not.
//!
//! The instant comes from `start.utc`. Eventbrite's `start.timezone` can contradict the venue (a
//! Los Angeles venue "in" America/Anchorage): the venue's coordinates win for the zone the event
//! is shown in.

use gigradar_core::model::push_genre;
use gigradar_core::text::{clean_opt, clean_url};
use gigradar_core::time::instant_in_zone;
use gigradar_core::{Category, Error, Event, ExternalIds, ParseOutcome, Price, Status, Venue};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::Provider;
use crate::common::{self, Flag, Num, Text};

const P: Provider = Provider::Eventbrite;

/// Keys only an Eventbrite event has; at least one item of a list must have one.
const EVENT_KEYS: &[&str] = &[
    "start",
    "venue_id",
    "organizer_id",
    "online_event",
    "is_free",
];

#[derive(Deserialize, Default)]
#[serde(default)]
struct Top<'a> {
    #[serde(borrow)]
    events: Option<Vec<&'a RawValue>>,
    error: Text,
    error_description: Text,
    categories: Option<serde::de::IgnoredAny>,
    subcategories: Option<serde::de::IgnoredAny>,
    address: Option<serde::de::IgnoredAny>,
    start: Option<serde::de::IgnoredAny>,
    id: Text,
}

pub fn parse(payload: &[u8]) -> Result<ParseOutcome, Error> {
    let json = common::utf8(payload);
    let expected = "an events page (`{pagination, events}`), an events array or one event";
    let not_ours = |got: &str| {
        Error::invalid(format!(
            "not an eventbrite events payload: expected {expected}, got {got}"
        ))
    };
    let items: Vec<&RawValue> = match common::shape(&json) {
        Some(common::Shape::Array) => common::page(P, &json, expected)?,
        _ => {
            let top: Top = common::page(P, &json, expected)?;
            if let Some(code) = top.error.get() {
                let message = match top.error_description.get() {
                    Some(d) => format!("{code}: {d}"),
                    None => code.to_owned(),
                };
                return Err(common::error_response(P, Some(&message)));
            }
            if let Some(events) = top.events {
                events
            } else if top.start.is_some() && top.id.get().is_some() {
                // `GET /v3/events/{id}/`: one event.
                vec![serde_json::from_str(&json).map_err(Error::invalid)?]
            } else if top.categories.is_some() || top.subcategories.is_some() {
                return Err(not_ours("a categories list"));
            } else if top.address.is_some() {
                return Err(not_ours("a venue object"));
            } else {
                return Err(not_ours("an object without `events`"));
            }
        }
    };
    if !common::looks_like(&items, EVENT_KEYS) {
        return Err(not_ours(&format!(
            "a list whose items have none of {EVENT_KEYS:?} (categories? another provider?)"
        )));
    }
    Ok(common::parse_items(P, &items, to_event))
}

#[derive(Deserialize)]
struct EbEvent {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Option<Multi>,
    #[serde(default)]
    url: Text,
    #[serde(default, deserialize_with = "common::nullable")]
    start: When,
    #[serde(default)]
    end: Option<When>,
    #[serde(default)]
    status: Text,
    #[serde(default)]
    hide_start_date: Flag,
    #[serde(default)]
    hide_end_date: Flag,
    #[serde(default)]
    online_event: Flag,
    #[serde(default)]
    is_free: Flag,
    #[serde(default)]
    currency: Text,
    #[serde(default)]
    category_id: Text,
    #[serde(default)]
    subcategory_id: Text,
    #[serde(default)]
    category: Option<Named>,
    #[serde(default)]
    subcategory: Option<Named>,
    #[serde(default)]
    venue: Option<EbVenue>,
    #[serde(default)]
    logo: Option<Logo>,
    #[serde(default)]
    ticket_availability: Option<TicketAvailability>,
}

/// Eventbrite's multipart text (`{text, html}`), or a plain string where someone simplified it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Multi {
    Plain(Text),
    Parts {
        #[serde(default)]
        text: Text,
    },
}

impl Multi {
    fn text(&self) -> Option<&str> {
        match self {
            Multi::Plain(t) | Multi::Parts { text: t } => t.get(),
        }
    }
}

#[derive(Deserialize, Default)]
struct When {
    #[serde(default)]
    timezone: Text,
    #[serde(default)]
    local: Text,
    #[serde(default)]
    utc: Text,
}

#[derive(Deserialize, Default)]
struct Named {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
}

#[derive(Deserialize, Default)]
struct EbVenue {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    latitude: Num,
    #[serde(default)]
    longitude: Num,
    #[serde(default, deserialize_with = "common::nullable")]
    address: Address,
}

#[derive(Deserialize, Default)]
struct Address {
    #[serde(default)]
    address_1: Text,
    #[serde(default)]
    address_2: Text,
    #[serde(default)]
    city: Text,
    #[serde(default)]
    region: Text,
    #[serde(default)]
    postal_code: Text,
    #[serde(default)]
    country: Text,
    #[serde(default)]
    latitude: Num,
    #[serde(default)]
    longitude: Num,
}

#[derive(Deserialize, Default)]
struct Logo {
    #[serde(default)]
    url: Text,
    #[serde(default)]
    original: Option<LogoOriginal>,
}

#[derive(Deserialize, Default)]
struct LogoOriginal {
    #[serde(default)]
    url: Text,
}

#[derive(Deserialize, Default)]
struct TicketAvailability {
    #[serde(default)]
    minimum_ticket_price: Option<Money>,
    #[serde(default)]
    maximum_ticket_price: Option<Money>,
}

#[derive(Deserialize, Default)]
struct Money {
    #[serde(default)]
    major_value: Num,
    #[serde(default)]
    currency: Text,
}

fn to_event(e: EbEvent) -> Result<Event, String> {
    let id = common::item_id(&e.id)?;
    let title = e
        .name
        .as_ref()
        .and_then(|n| clean_opt(n.text()))
        .ok_or("event has no name")?;
    let mut event = Event::new(P.as_str(), &id, title);
    event.url = e.url.get().and_then(clean_url);
    event.sources[0].url = event.url.clone();
    event.image = e.logo.as_ref().and_then(|l| {
        l.original
            .as_ref()
            .and_then(|o| o.url.get().and_then(clean_url))
            .or_else(|| l.url.get().and_then(clean_url))
    });

    // An online event has no place; a venue without a name is not one we can show, and its
    // coordinates (often a search centre) are not trusted for the zone either.
    let venue = e
        .venue
        .as_ref()
        .filter(|_| !e.online_event.0)
        .and_then(to_venue);
    let coords = venue.as_ref().and_then(|v| Some((v.lat?, v.lon?)));
    event.venue = venue;
    set_dates(&mut event, &e, coords);

    event.status = match e.status.get().map(str::to_ascii_lowercase).as_deref() {
        Some("canceled" | "cancelled") => Status::Cancelled,
        Some("postponed") => Status::Postponed,
        // draft, live, started, ended, completed: the show is (or was) on.
        _ => Status::Scheduled,
    };

    let category_id = e
        .category_id
        .get()
        .or_else(|| e.category.as_ref().and_then(|c| c.id.get()));
    let subcategory_id = e
        .subcategory_id
        .get()
        .or_else(|| e.subcategory.as_ref().and_then(|c| c.id.get()));
    event.category = category(
        category_id,
        e.category.as_ref().and_then(|c| c.name.get()),
        subcategory_id,
    );
    match subcategory_id.map(music_genres) {
        Some(genres) if !genres.is_empty() => {
            for g in genres {
                push_genre(&mut event.genres, g);
            }
        }
        _ if event.category == Category::Music => {
            // A music subcategory we have no entry for: its own name is the best genre we have.
            if let Some(name) = e.subcategory.as_ref().and_then(|s| s.name.get()) {
                push_genre(&mut event.genres, name);
            }
        }
        _ => {}
    }

    event.price = price(&e);
    Ok(event)
}

fn set_dates(event: &mut Event, e: &EbEvent, coords: Option<(f64, f64)>) {
    let utc = e.start.utc.get().and_then(common::parse_utc);
    let tz = common::venue_zone(e.start.timezone.get(), coords, utc);
    match (utc, tz) {
        _ if e.hide_start_date.0 => common::set_local_start(event, None, None, tz),
        (Some(instant), Some(zone)) => common::set_utc_start(event, instant, zone),
        _ => {
            let local = e.start.local.get().and_then(common::parse_naive_datetime);
            common::set_local_start(event, local.map(|l| l.date()), local.map(|l| l.time()), tz);
        }
    }
    if let (Some(end), Some(zone), false) = (&e.end, tz, e.hide_end_date.0) {
        event.end = end
            .utc
            .get()
            .and_then(common::parse_utc)
            .map(|u| instant_in_zone(u, zone))
            .filter(|end| event.start.is_none_or(|s| *end >= s));
    }
}

fn to_venue(v: &EbVenue) -> Option<Venue> {
    let a = &v.address;
    let coords = common::coordinates(v.latitude, v.longitude)
        .or_else(|| common::coordinates(a.latitude, a.longitude));
    Some(Venue {
        name: clean_opt(v.name.get())?,
        address: common::join_lines(a.address_1.get(), a.address_2.get()),
        city: clean_opt(a.city.get()),
        region: clean_opt(a.region.get()),
        postal_code: clean_opt(a.postal_code.get()),
        country: a.country.get().and_then(crate::country::code),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        ids: ExternalIds {
            eventbrite: v.id.get().map(str::to_owned),
            ..ExternalIds::default()
        },
    })
}

/// Eventbrite's top-level categories (`GET /v3/categories/`) onto ours; comedy is a subcategory
/// of both "Film, Media & Entertainment" (4007) and "Performing & Visual Arts" (5010).
fn category(id: Option<&str>, name: Option<&str>, subcategory: Option<&str>) -> Category {
    if matches!(subcategory, Some("4007" | "5010")) {
        return Category::Comedy;
    }
    match id {
        Some("103") => return Category::Music,
        Some("105") => return Category::Arts,
        Some("104") => return Category::Film,
        Some("108") => return Category::Sports,
        Some("115") => return Category::Family,
        Some(_) => return Category::Other,
        None => {}
    }
    if subcategory.is_some_and(|s| s.starts_with("30") || s == "3999") {
        return Category::Music;
    }
    let name = name.unwrap_or("").to_ascii_lowercase();
    match name.as_str() {
        "music" => Category::Music,
        "performing & visual arts" | "arts" => Category::Arts,
        "film, media & entertainment" | "film & media" => Category::Film,
        "sports & fitness" => Category::Sports,
        "family & education" => Category::Family,
        _ => Category::Other,
    }
}

/// Genres of Eventbrite's music subcategories (3001-3018, 3999), in our lower-case vocabulary.
fn music_genres(subcategory: &str) -> &'static [&'static str] {
    match subcategory {
        "3001" => &["alternative"],
        "3002" => &["blues", "jazz"],
        "3003" => &["classical"],
        "3004" => &["country"],
        "3005" => &["world"],
        "3006" => &["electronic"],
        "3007" => &["folk"],
        "3008" => &["hip hop"],
        "3009" => &["indie"],
        "3010" => &["latin"],
        "3011" => &["metal"],
        "3012" => &["opera"],
        "3013" => &["pop"],
        "3014" => &["r&b"],
        "3015" => &["reggae"],
        "3016" => &["religious"],
        "3017" => &["rock"],
        // Chart music is pop, whatever the chart.
        "3018" => &["pop"],
        // "Other" says nothing about the music.
        _ => &[],
    }
}

fn price(e: &EbEvent) -> Option<Price> {
    if let Some(t) = &e.ticket_availability {
        let min = t.minimum_ticket_price.as_ref();
        let max = t.maximum_ticket_price.as_ref();
        let currency = min
            .and_then(|m| m.currency.get())
            .or_else(|| max.and_then(|m| m.currency.get()))
            .or(e.currency.get());
        let found = common::price(
            min.map_or(Num(None), |m| m.major_value),
            max.map_or(Num(None), |m| m.major_value),
            currency,
        );
        if found.is_some() {
            return found;
        }
    }
    if e.is_free.0 {
        return common::price(Num(Some(0.0)), Num(Some(0.0)), e.currency.get());
    }
    None
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

    const CATCH_ONE: &str = r#"{"id":"1","name":"Catch One","latitude":"34.047827","longitude":"-118.324115",
        "address":{"address_1":"4067 W Pico Blvd","address_2":"Suite 2","city":"Los Angeles","region":"CA",
        "postal_code":"90019","country":"US","latitude":"34.047827","longitude":"-118.324115"}}"#;

    #[test]
    fn coordinates_win_over_a_contradicting_zone() {
        let e = one(&format!(
            r#"{{"pagination":{{"page_number":1}},"events":[{{"id":"54875447942",
            "name":{{"text":"Static X","html":"Static X"}},"status":"live","currency":"USD",
            "start":{{"timezone":"America/Anchorage","local":"2019-07-26T18:30:00","utc":"2019-07-27T02:30:00Z"}},
            "end":{{"timezone":"America/Anchorage","local":"2019-07-26T23:00:00","utc":"2019-07-27T07:00:00Z"}},
            "category_id":"103","subcategory_id":"3011","venue":{CATCH_ONE},
            "logo":{{"url":"https://img.evbuc.com/small.jpg","original":{{"url":"https://img.evbuc.com/orig.jpg"}}}}}}]}}"#
        ));
        assert_eq!(e.timezone.as_deref(), Some("America/Los_Angeles"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2019-07-26T19:30:00-07:00");
        assert_eq!(e.local_time.unwrap().to_string(), "19:30:00");
        assert_eq!(e.end.unwrap().to_rfc3339(), "2019-07-27T00:00:00-07:00");
        assert_eq!(e.category, Category::Music);
        assert_eq!(e.genres, ["metal"]);
        assert_eq!(e.image.as_deref(), Some("https://img.evbuc.com/orig.jpg"));
        let v = e.venue.unwrap();
        assert_eq!(v.address.as_deref(), Some("4067 W Pico Blvd, Suite 2"));
        assert_eq!(v.country.as_deref(), Some("US"));
        assert_eq!(v.ids.eventbrite.as_deref(), Some("1"));
        assert_eq!(v.lat, Some(34.047827));
    }

    #[test]
    fn bare_array_without_venue_expansion() {
        let e = one(
            r#"[{"id":"7","name":{"text":"Talk"},"venue_id":"99","category_id":"102",
                "start":{"timezone":"America/New_York","local":"2019-03-19T19:30:00","utc":"2019-03-19T23:30:00Z"},
                "status":"canceled","is_free":true,"currency":"usd"}]"#,
        );
        assert_eq!(e.venue, None);
        assert_eq!(e.timezone.as_deref(), Some("America/New_York"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2019-03-19T19:30:00-04:00");
        assert_eq!(e.status, Status::Cancelled);
        assert_eq!(e.category, Category::Other);
        let p = e.price.unwrap();
        assert_eq!((p.min, p.max, p.currency.as_str()), (0.0, 0.0, "USD"));
    }

    #[test]
    fn hidden_start_date_is_unknown() {
        let e = one(r#"[{"id":"8","name":{"text":"Expo"},"hide_start_date":true,
                "start":{"timezone":"America/Los_Angeles","local":"2019-07-04T18:00:00","utc":"2019-07-05T01:00:00Z"}}]"#);
        assert_eq!((e.local_date, e.local_time, e.start), (None, None, None));
        assert_eq!(e.timezone.as_deref(), Some("America/Los_Angeles"));
    }

    #[test]
    fn online_events_and_nameless_venues_have_no_venue() {
        let e = one(&format!(
            r#"[{{"id":"9","name":{{"text":"Webinar"}},"online_event":true,"venue":{CATCH_ONE},
                "start":{{"timezone":"Europe/London","utc":"2019-03-12T11:00:00Z"}}}}]"#
        ));
        assert_eq!(e.venue, None);
        assert_eq!(e.timezone.as_deref(), Some("Europe/London"));
        let e = one(
            r#"[{"id":"10","name":{"text":"Roadshow"},"venue":{"name":null,"latitude":"34.0857","longitude":"-118.3384",
                "address":{"address_1":"Various"}},"start":{"timezone":"Europe/London","utc":"2019-03-12T11:00:00Z"}}]"#,
        );
        assert_eq!(e.venue, None);
        assert_eq!(e.timezone.as_deref(), Some("Europe/London"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2019-03-12T11:00:00+00:00");
    }

    #[test]
    fn placeholder_venues_keep_their_coordinates() {
        let e = one(
            r#"[{"id":"11","name":{"text":"Camp"},"start":{"utc":"2019-12-14T20:00:00Z"},
                "venue":{"name":"TBD","latitude":"34.0522342","longitude":"-118.2436849","address":{"city":"Los Angeles"}}}]"#,
        );
        let v = e.venue.unwrap();
        assert_eq!(v.name, "TBD");
        assert_eq!(v.lat, Some(34.0522342));
        assert_eq!(e.timezone.as_deref(), Some("America/Los_Angeles"));
        assert_eq!(e.local_time.unwrap().to_string(), "12:00:00");
    }

    #[test]
    fn categories_subcategories_and_prices() {
        let e = one(
            r#"{"id":"12","name":{"text":"Show"},"start":{"utc":"2018-05-12T02:00:00Z","timezone":"America/Los_Angeles"},
                "category":{"id":"103","name":"Music"},"subcategory":{"id":"3002","name":"Blues & Jazz"},
                "is_free":true,"currency":"USD",
                "ticket_availability":{"minimum_ticket_price":{"currency":"USD","value":432,"major_value":"4.32"},
                                       "maximum_ticket_price":{"currency":"USD","value":1000,"major_value":"10.00"}}}"#,
        );
        assert_eq!(e.category, Category::Music);
        assert_eq!(e.genres, ["blues", "jazz"]);
        let p = e.price.unwrap();
        assert_eq!((p.min, p.max), (4.32, 10.0));
        assert_eq!(category(Some("105"), None, Some("5010")), Category::Comedy);
        assert_eq!(category(Some("105"), None, Some("5001")), Category::Arts);
        assert_eq!(category(Some("104"), None, None), Category::Film);
        assert_eq!(category(Some("108"), None, None), Category::Sports);
        assert_eq!(category(Some("115"), None, None), Category::Family);
        assert_eq!(category(None, Some("Music"), None), Category::Music);
        assert_eq!(category(None, None, Some("3006")), Category::Music);
        assert_eq!(category(None, None, None), Category::Other);
        assert_eq!(music_genres("3006"), ["electronic"]);
        assert!(music_genres("3999").is_empty());
    }

    #[test]
    fn null_start_and_address_read_as_unknown() {
        let e = one(
            r#"[{"id":"14","name":{"text":"N"},"start":null,"end":null,"venue":{"name":"V","address":null}}]"#,
        );
        assert_eq!((e.local_date, e.start, e.timezone), (None, None, None));
        assert_eq!(e.venue.unwrap().address, None);
    }

    #[test]
    fn unknown_music_subcategory_uses_its_name() {
        let e = one(
            r#"[{"id":"13","name":"Plain name","category_id":"103","subcategory":{"id":"3050","name":"Dream Pop"},
                "start":{"utc":"2018-05-12T02:00:00Z","timezone":"America/Los_Angeles"}}]"#,
        );
        assert_eq!(e.title, "Plain name");
        assert_eq!(e.genres, ["dream pop"]);
    }

    #[test]
    fn bad_items_become_problems() {
        let out = parse(
            br#"{"events":[{"id":"1","name":{"text":"ok"},"start":{}},{"name":{"text":"no id"}},
                 {"id":"3"},{"id":"4","name":{"text":"x"},"start":"yesterday"},7]}"#,
        )
        .unwrap();
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].local_date, None);
        let got: Vec<_> = out
            .problems
            .iter()
            .map(|p| (p.index, p.item_id.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), None),
                (Some(2), Some("3".to_owned())),
                (Some(3), Some("4".to_owned())),
                (Some(4), None)
            ]
        );
    }

    #[test]
    fn other_payloads_are_rejected() {
        let err = |json: &str| match parse(json.as_bytes()) {
            Err(Error::InvalidInput(m)) => m,
            other => panic!("{other:?}"),
        };
        let m = err(
            r#"{"error":"NOT_FOUND","error_description":"The event you requested does not exist.","status_code":404}"#,
        );
        assert!(
            m.contains("error response") && m.contains("NOT_FOUND"),
            "{m}"
        );
        assert!(
            err(r#"{"locale":"en_US","pagination":{},"categories":[]}"#).contains("categories")
        );
        assert!(
            err(r#"[{"id":"1001","name":"Startups","parent_category":{"id":"101"}}]"#)
                .contains("not an eventbrite")
        );
        assert!(err(r#"{"id":"1","name":"V","address":{},"latitude":"1"}"#).contains("venue"));
        assert!(
            err(r#"[{"id":"1","datetime":"2019-01-01T20:00:00","lineup":["A"]}]"#)
                .contains("expected an events page")
        );
        assert!(err(r#"{"_embedded":{"events":[]}}"#).contains("without `events`"));
        assert!(
            parse(br#"{"pagination":{},"events":[]}"#)
                .unwrap()
                .events
                .is_empty()
        );
    }
}
