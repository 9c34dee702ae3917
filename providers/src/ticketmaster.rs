//! Ticketmaster Discovery API v2: an events page (`_embedded.events`), a page with no
//! `_embedded` (no results), or a single event (`GET /discovery/v2/events/{id}`).

use gigradar_core::model::push_genre;
use gigradar_core::text::{clean_opt, clean_url};
use gigradar_core::{
    Category, Error, Event, ExternalIds, ParseOutcome, Performer, Role, Status, Venue,
};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::Provider;
use crate::common::{self, Flag, Num, Text};

const P: Provider = Provider::Ticketmaster;

/// Either shape at the top: a page, a single event, or an Apigee fault.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow, default, rename = "_embedded")]
    embedded: Option<Embedded<'a>>,
    #[serde(default)]
    page: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "type")]
    kind: Text,
    #[serde(default)]
    id: Text,
    #[serde(default)]
    dates: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    fault: Option<Fault>,
}

#[derive(Deserialize)]
struct Embedded<'a> {
    #[serde(borrow, default)]
    events: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct Fault {
    #[serde(default)]
    faultstring: Text,
}

pub fn parse(payload: &[u8]) -> Result<ParseOutcome, Error> {
    let json = common::utf8(payload);
    let expected = "a Discovery v2 events page (`_embedded.events`) or a single event object";
    if common::shape(&json) == Some(common::Shape::Array) {
        return Err(Error::invalid(format!(
            "not a ticketmaster payload: expected {expected}, got a JSON array"
        )));
    }
    let top: Top = common::page(P, &json, expected)?;
    if let Some(fault) = top.fault {
        return Err(Error::invalid(format!(
            "ticketmaster payload is an error response: {}",
            fault.faultstring.get().unwrap_or("(no faultstring)")
        )));
    }
    if let Some(events) = top.embedded.as_ref().and_then(|e| e.events.as_ref()) {
        return Ok(common::parse_items(P, events, to_event));
    }
    if top.page.is_some() {
        // A page with no `_embedded`: the query matched nothing.
        return Ok(ParseOutcome::default());
    }
    let single = top.kind.get() == Some("event") || (top.id.get().is_some() && top.dates.is_some());
    if single {
        let raw: &RawValue = serde_json::from_str(&json).map_err(Error::invalid)?;
        return Ok(common::parse_items(P, &[raw], to_event));
    }
    Err(Error::invalid(format!(
        "not a ticketmaster payload: expected {expected}"
    )))
}

#[derive(Deserialize)]
struct TmEvent {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    url: Text,
    #[serde(default)]
    images: Vec<Image>,
    #[serde(default)]
    dates: Dates,
    #[serde(default)]
    classifications: Vec<Classification>,
    #[serde(default, rename = "priceRanges")]
    price_ranges: Vec<PriceRange>,
    #[serde(default, rename = "_embedded")]
    embedded: EventEmbedded,
    #[serde(default)]
    place: Option<TmVenue>,
}

#[derive(Deserialize, Default)]
struct Image {
    #[serde(default)]
    url: Text,
    #[serde(default)]
    width: Num,
    #[serde(default)]
    ratio: Text,
    #[serde(default)]
    fallback: Flag,
}

#[derive(Deserialize, Default)]
struct Dates {
    #[serde(default)]
    start: When,
    #[serde(default)]
    end: Option<When>,
    #[serde(default)]
    timezone: Text,
    #[serde(default)]
    status: StatusCode,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct When {
    #[serde(default)]
    local_date: Text,
    #[serde(default)]
    local_time: Text,
    #[serde(default)]
    date_time: Text,
    #[serde(default, rename = "dateTBD")]
    date_tbd: Flag,
    #[serde(default, rename = "dateTBA")]
    date_tba: Flag,
    #[serde(default, rename = "timeTBA")]
    time_tba: Flag,
    #[serde(default)]
    no_specific_time: Flag,
}

#[derive(Deserialize, Default)]
struct StatusCode {
    #[serde(default)]
    code: Text,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Classification {
    #[serde(default)]
    primary: Flag,
    #[serde(default)]
    segment: Named,
    #[serde(default)]
    genre: Named,
    #[serde(default)]
    sub_genre: Named,
}

#[derive(Deserialize, Default)]
struct Named {
    #[serde(default)]
    name: Text,
}

#[derive(Deserialize, Default)]
struct PriceRange {
    #[serde(default, rename = "type")]
    kind: Text,
    #[serde(default)]
    currency: Text,
    #[serde(default)]
    min: Num,
    #[serde(default)]
    max: Num,
}

#[derive(Deserialize, Default)]
struct EventEmbedded {
    #[serde(default)]
    venues: Vec<TmVenue>,
    #[serde(default)]
    attractions: Vec<Attraction>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct TmVenue {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    timezone: Text,
    #[serde(default)]
    city: Named,
    #[serde(default)]
    state: State,
    #[serde(default)]
    country: Country,
    #[serde(default)]
    address: Address,
    #[serde(default)]
    postal_code: Text,
    #[serde(default)]
    location: Location,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct State {
    #[serde(default)]
    name: Text,
    #[serde(default)]
    state_code: Text,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Country {
    #[serde(default)]
    name: Text,
    #[serde(default)]
    country_code: Text,
}

#[derive(Deserialize, Default)]
struct Address {
    #[serde(default)]
    line1: Text,
    #[serde(default)]
    line2: Text,
}

#[derive(Deserialize, Default)]
struct Location {
    #[serde(default)]
    latitude: Num,
    #[serde(default)]
    longitude: Num,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Attraction {
    #[serde(default)]
    id: Text,
    #[serde(default)]
    name: Text,
    #[serde(default)]
    classifications: Vec<Classification>,
    #[serde(default)]
    external_links: ExternalLinks,
}

#[derive(Deserialize, Default)]
struct ExternalLinks {
    #[serde(default)]
    spotify: Vec<Link>,
    #[serde(default)]
    musicbrainz: Vec<Link>,
}

#[derive(Deserialize, Default)]
struct Link {
    #[serde(default)]
    url: Text,
    #[serde(default)]
    id: Text,
}

fn to_event(tm: TmEvent) -> Result<Event, String> {
    let id = common::item_id(&tm.id)?;
    let title = clean_opt(tm.name.get()).ok_or("event has no name")?;
    let mut event = Event::new(P.as_str(), &id, title);
    event.url = tm.url.get().and_then(clean_url);
    event.sources[0].url = event.url.clone();
    event.image = best_image(&tm.images);

    let venue = tm.embedded.venues.first().or(tm.place.as_ref());
    let coords = venue.and_then(|v| common::coordinates(v.location.latitude, v.location.longitude));
    event.venue = venue.and_then(|v| to_venue(v, coords));

    set_dates(&mut event, &tm.dates, venue, coords);
    event.status = match tm
        .dates
        .status
        .code
        .get()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("canceled" | "cancelled") => Status::Cancelled,
        Some("postponed") => Status::Postponed,
        Some("rescheduled") => Status::Rescheduled,
        _ => Status::Scheduled,
    };

    // The primary classification first, so its segment decides the category.
    let mut classes: Vec<&Classification> = tm.classifications.iter().collect();
    classes.sort_by_key(|c| !c.primary.0);
    event.category = classes.first().map_or(Category::Other, |c| category(c));
    for c in &classes {
        push_genres(&mut event.genres, c);
    }

    for (i, a) in tm.embedded.attractions.iter().enumerate() {
        let Some(name) = clean_opt(a.name.get()) else {
            continue;
        };
        let ids = ExternalIds {
            ticketmaster: a.id.get().map(str::to_owned),
            spotify: a
                .external_links
                .spotify
                .iter()
                .find_map(|l| l.url.get().and_then(common::spotify_artist_id)),
            musicbrainz: a.external_links.musicbrainz.iter().find_map(|l| {
                l.id.get()
                    .filter(|s| common::is_uuid(s))
                    .map(str::to_ascii_lowercase)
            }),
            ..ExternalIds::default()
        };
        let role = if i == 0 {
            Role::Headliner
        } else {
            Role::Support
        };
        event.performers.push(Performer { name, role, ids });
        if event.category == Category::Other {
            event.category = a.classifications.first().map_or(Category::Other, category);
        }
        for c in &a.classifications {
            push_genres(&mut event.genres, c);
        }
    }

    event.price = price(&tm.price_ranges);
    Ok(event)
}

fn set_dates(
    event: &mut Event,
    dates: &Dates,
    venue: Option<&TmVenue>,
    coords: Option<(f64, f64)>,
) {
    let start = &dates.start;
    let utc = start.date_time.get().and_then(common::parse_utc);
    let provider_zone = dates
        .timezone
        .get()
        .or_else(|| venue.and_then(|v| v.timezone.get()));
    let tz = common::venue_zone(provider_zone, coords, utc);
    let date_known = !(start.date_tba.0 || start.date_tbd.0);
    let time_known = date_known && !(start.time_tba.0 || start.no_specific_time.0);
    let date = start
        .local_date
        .get()
        .and_then(common::parse_date)
        .filter(|_| date_known);
    let time = start
        .local_time
        .get()
        .and_then(common::parse_time)
        .filter(|_| time_known);
    match (date, time, utc, tz) {
        // Local date and time are what the venue announced: they are the truth; `dateTime` is
        // derived from them by Ticketmaster with the same zone.
        (Some(_), Some(_), _, _) => common::set_local_start(event, date, time, tz),
        (None, None, Some(instant), Some(zone)) if time_known => {
            common::set_utc_start(event, instant, zone)
        }
        _ => common::set_local_start(event, date, time, tz),
    }
    if let (Some(end), Some(zone)) = (&dates.end, tz) {
        let end_date = end.local_date.get().and_then(common::parse_date);
        let end_time = end
            .local_time
            .get()
            .and_then(common::parse_time)
            .filter(|_| !end.no_specific_time.0);
        event.end = match (end_date, end_time) {
            (Some(d), Some(t)) => Some(gigradar_core::time::local_to_instant(d, t, zone)),
            _ => end
                .date_time
                .get()
                .and_then(common::parse_utc)
                .map(|u| gigradar_core::time::instant_in_zone(u, zone)),
        };
    }
}

fn to_venue(v: &TmVenue, coords: Option<(f64, f64)>) -> Option<Venue> {
    let name = clean_opt(v.name.get()).or_else(|| clean_opt(v.city.name.get()))?;
    let address = match (
        clean_opt(v.address.line1.get()),
        clean_opt(v.address.line2.get()),
    ) {
        (Some(a), Some(b)) => Some(format!("{a}, {b}")),
        (a, b) => a.or(b),
    };
    Some(Venue {
        name,
        address,
        city: clean_opt(v.city.name.get()),
        region: clean_opt(v.state.state_code.get()).or_else(|| clean_opt(v.state.name.get())),
        postal_code: clean_opt(v.postal_code.get()),
        country: v
            .country
            .country_code
            .get()
            .and_then(crate::country::code)
            .or_else(|| v.country.name.get().and_then(crate::country::code)),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        ids: ExternalIds {
            ticketmaster: v.id.get().map(str::to_owned),
            ..ExternalIds::default()
        },
    })
}

fn category(c: &Classification) -> Category {
    let segment = c.segment.name.get().unwrap_or("").to_ascii_lowercase();
    let genre = c.genre.name.get().unwrap_or("").to_ascii_lowercase();
    match segment.as_str() {
        "music" => Category::Music,
        "sports" => Category::Sports,
        "film" => Category::Film,
        "arts & theatre" if genre == "comedy" => Category::Comedy,
        "arts & theatre" if genre.contains("children") || genre == "family" => Category::Family,
        "arts & theatre" => Category::Arts,
        _ => Category::Other,
    }
}

fn push_genres(genres: &mut Vec<String>, c: &Classification) {
    for n in [&c.genre.name, &c.sub_genre.name] {
        if let Some(g) = n.get() {
            push_genre(genres, g);
        }
    }
}

fn price(ranges: &[PriceRange]) -> Option<gigradar_core::Price> {
    // "standard" (face value) ranges first; "standard including fees" only if nothing else.
    let mut sorted: Vec<&PriceRange> = ranges.iter().collect();
    sorted.sort_by_key(|r| r.kind.get() != Some("standard"));
    let first = common::price(
        sorted.first()?.min,
        sorted.first()?.max,
        sorted.first()?.currency.get(),
    )?;
    let same_kind = sorted
        .iter()
        .filter(|r| r.kind.get() == sorted[0].kind.get());
    same_kind
        .filter_map(|r| common::price(r.min, r.max, r.currency.get()))
        .filter(|p| p.currency == first.currency)
        .reduce(|a, b| gigradar_core::Price {
            min: a.min.min(b.min),
            max: a.max.max(b.max),
            currency: a.currency,
        })
}

fn best_image(images: &[Image]) -> Option<String> {
    images
        .iter()
        .filter(|i| !i.fallback.0)
        .max_by(|a, b| {
            let key = |i: &Image| (i.ratio.get() == Some("16_9"), i.width.0.unwrap_or(0.0));
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
        })
        .or_else(|| images.first())
        .and_then(|i| i.url.get())
        .and_then(clean_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(event_json: &str) -> Event {
        let page = format!(
            r#"{{"_embedded":{{"events":[{event_json}]}},"page":{{"size":1,"totalElements":1,"totalPages":1,"number":0}}}}"#
        );
        let out = parse(page.as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        out.events.into_iter().next().unwrap()
    }

    const VENUE: &str = r#""_embedded":{"venues":[{"id":"KovZpZA7AAEA","name":"The Fillmore","timezone":"America/Los_Angeles",
        "city":{"name":"San Francisco"},"state":{"stateCode":"CA"},"country":{"countryCode":"US"},
        "address":{"line1":"1805 Geary Blvd"},"location":{"longitude":"-122.4330","latitude":"37.7840"}}]"#;

    #[test]
    fn page_without_embedded_is_empty_not_an_error() {
        let out = parse(br#"{"_links":{"self":{"href":"/discovery/v2/events.json"}},"page":{"size":20,"totalElements":0,"totalPages":0,"number":0}}"#).unwrap();
        assert!(out.events.is_empty() && out.problems.is_empty());
    }

    #[test]
    fn single_event_object_parses() {
        let out = parse(format!(r#"{{"name":"Show","type":"event","id":"E1","dates":{{"start":{{"localDate":"2026-05-01"}}}},{VENUE}}}}}"#).as_bytes()).unwrap();
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].local_date.unwrap().to_string(), "2026-05-01");
        assert_eq!(out.events[0].start, None);
    }

    #[test]
    fn both_spellings_of_cancelled() {
        for code in ["canceled", "cancelled", "Cancelled"] {
            let e = one(&format!(
                r#"{{"id":"1","name":"x","dates":{{"status":{{"code":"{code}"}}}}}}"#
            ));
            assert_eq!(e.status, Status::Cancelled, "{code}");
        }
        let e = one(r#"{"id":"1","name":"x","dates":{"status":{"code":"offsale"}}}"#);
        assert_eq!(e.status, Status::Scheduled);
        let e = one(r#"{"id":"1","name":"x","dates":{"status":{"code":"postponed"}}}"#);
        assert_eq!(e.status, Status::Postponed);
    }

    #[test]
    fn tba_tbd_and_no_specific_time() {
        let e = one(&format!(
            r#"{{"id":"1","name":"x","dates":{{"start":{{"localDate":"2026-05-01","localTime":"20:00:00","dateTime":"2026-05-02T03:00:00Z","timeTBA":true}}}},{VENUE}}}}}"#
        ));
        assert_eq!(
            (e.local_date.is_some(), e.local_time, e.start),
            (true, None, None)
        );
        let e = one(&format!(
            r#"{{"id":"1","name":"x","dates":{{"start":{{"localDate":"2026-05-01","noSpecificTime":true}}}},{VENUE}}}}}"#
        ));
        assert_eq!(
            (e.local_date.is_some(), e.local_time, e.start),
            (true, None, None)
        );
        let e = one(&format!(
            r#"{{"id":"1","name":"x","dates":{{"start":{{"localDate":"2026-05-01","dateTBA":true}}}},{VENUE}}}}}"#
        ));
        assert_eq!((e.local_date, e.start), (None, None));
        let e = one(&format!(
            r#"{{"id":"1","name":"x","dates":{{"start":{{"dateTBD":"true"}}}},{VENUE}}}}}"#
        ));
        assert_eq!(e.local_date, None);
        assert_eq!(e.timezone.as_deref(), Some("America/Los_Angeles"));
    }

    #[test]
    fn zone_falls_back_to_the_venue_and_coordinates_are_strings() {
        let e = one(&format!(
            r#"{{"id":"1","name":"x","dates":{{"start":{{"localDate":"2026-05-01","localTime":"20:00:00","dateTime":"2026-05-02T03:00:00Z"}}}},{VENUE}}}}}"#
        ));
        assert_eq!(e.timezone.as_deref(), Some("America/Los_Angeles"));
        assert_eq!(e.start.unwrap().to_rfc3339(), "2026-05-01T20:00:00-07:00");
        assert_eq!(
            e.start.unwrap().with_timezone(&chrono::Utc).to_rfc3339(),
            "2026-05-02T03:00:00+00:00"
        );
        let v = e.venue.unwrap();
        assert_eq!((v.lat, v.lon), (Some(37.784), Some(-122.433)));
        assert_eq!(v.country.as_deref(), Some("US"));
    }

    #[test]
    fn attractions_become_performers_with_ids() {
        let e = one(
            r#"{"id":"1","name":"Enter Shikari","_embedded":{"attractions":[
            {"id":"K8vZ1","name":"Enter Shikari","externalLinks":{
                "spotify":[{"url":"https://open.spotify.com/artist/4ad2LbNDqsdEOjlNZuJ9y5"}],
                "musicbrainz":[{"id":"1A2B3C4D-0000-4000-8000-000000000001"}]},
             "classifications":[{"primary":true,"segment":{"name":"Music"},"genre":{"name":"Rock"},"subGenre":{"name":"Alternative Rock"}}]},
            {"id":"K8vZ2","name":"Support Act"}]}}"#,
        );
        assert_eq!(e.performers.len(), 2);
        assert_eq!(e.performers[0].role, Role::Headliner);
        assert_eq!(e.performers[1].role, Role::Support);
        assert_eq!(
            e.performers[0].ids.spotify.as_deref(),
            Some("4ad2LbNDqsdEOjlNZuJ9y5")
        );
        assert_eq!(
            e.performers[0].ids.musicbrainz.as_deref(),
            Some("1a2b3c4d-0000-4000-8000-000000000001")
        );
        assert_eq!(e.category, Category::Music);
        assert_eq!(e.genres, ["rock", "alternative rock"]);
    }

    #[test]
    fn classifications_become_genres_and_category() {
        let e = one(
            r#"{"id":"1","name":"x","classifications":[{"primary":true,"segment":{"name":"Arts & Theatre"},"genre":{"name":"Comedy"},"subGenre":{"name":"Undefined"}}]}"#,
        );
        assert_eq!(e.category, Category::Comedy);
        assert_eq!(e.genres, ["comedy"]);
        let e = one(
            r#"{"id":"1","name":"x","classifications":[{"segment":{"name":"Sports"},"genre":{"name":"Hockey"}}]}"#,
        );
        assert_eq!(e.category, Category::Sports);
    }

    #[test]
    fn price_ranges_prefer_face_value() {
        let e = one(
            r#"{"id":"1","name":"x","priceRanges":[{"type":"standard including fees","currency":"USD","min":70,"max":300},
            {"type":"standard","currency":"USD","min":"59.5","max":199.5},{"type":"standard","currency":"USD","min":45,"max":99}]}"#,
        );
        let p = e.price.unwrap();
        assert_eq!((p.min, p.max, p.currency.as_str()), (45.0, 199.5, "USD"));
    }

    #[test]
    fn malformed_item_is_a_problem_and_the_rest_is_kept() {
        let out = parse(br#"{"_embedded":{"events":[{"id":"A","name":"ok"},{"id":"B","name":"bad","dates":"soon"},{"name":"no id"},7]}}"#).unwrap();
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.problems.len(), 3);
        assert_eq!(out.problems[0].item_id.as_deref(), Some("B"));
        assert_eq!(out.problems[0].index, Some(1));
        assert_eq!(out.problems[1].index, Some(2));
    }

    #[test]
    fn not_ticketmaster_is_an_error() {
        for payload in [
            &br#"[{"id":"1"}]"#[..],
            b"not json",
            br#"{"resultsPage":{}}"#,
            b"",
        ] {
            assert!(
                matches!(parse(payload), Err(Error::InvalidInput(_))),
                "{:?}",
                String::from_utf8_lossy(payload)
            );
        }
        let fault = br#"{"fault":{"faultstring":"Rate limit quota violation.","detail":{"errorcode":"policies.ratelimit.QuotaViolation"}}}"#;
        let err = parse(fault).unwrap_err().to_string();
        assert!(err.contains("Rate limit quota violation"), "{err}");
    }

    #[test]
    fn hostile_text_and_urls_are_cleaned() {
        let e = one(
            r#"{"id":"1","name":"Evil\u202e show\u0000","url":"javascript:alert(1)","images":[{"url":"data:image/png;base64,xx"}]}"#,
        );
        assert_eq!(e.title, "Evil show");
        assert_eq!((e.url, e.image), (None, None));
    }

    #[test]
    fn out_of_range_coordinates_are_dropped() {
        let e = one(
            r#"{"id":"1","name":"x","_embedded":{"venues":[{"name":"V","location":{"latitude":"123.0","longitude":"NaN"}}]}}"#,
        );
        let v = e.venue.unwrap();
        assert_eq!((v.lat, v.lon), (None, None));
    }
}
