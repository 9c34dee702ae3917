//! Ticketmaster Discovery v2 `events.json`.
//!
//! Only the first 1000 listings of a query can be paged (`size * page < 1000`), whatever
//! `page.totalPages` and `_links.last` claim. A window holding more is split in two by date
//! until each half fits, so nothing past the cap is silently lost; a window that cannot be split
//! further (a minute with over 1000 shows) is reported as a problem.
//!
//! `_links.next` does not carry the API key: it is added again to every link followed.

use super::{FetchQuery, PageResult, ProviderConfig, Run};
use crate::http::Request;
use chrono::{DateTime, Duration, DurationRound, Utc};
use gigradar_core::{Batch, Error};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Listings reachable by paging one query.
const PAGING_CAP: u64 = 1000;
/// The largest page Ticketmaster serves.
const PAGE_SIZE: u64 = 200;
/// Windows are not split below this.
const MIN_WINDOW: Duration = Duration::minutes(1);
const EVENTS_PATH: &str = "/discovery/v2/events.json";

#[derive(Deserialize, Default)]
struct Meta {
    #[serde(default)]
    page: Option<PageInfo>,
    #[serde(default, rename = "_links")]
    links: Option<Links>,
}

#[derive(Deserialize, Default)]
struct PageInfo {
    #[serde(default, rename = "totalElements")]
    total_elements: u64,
    #[serde(default, rename = "totalPages")]
    total_pages: u64,
}

#[derive(Deserialize, Default)]
struct Links {
    #[serde(default)]
    next: Option<Href>,
}

#[derive(Deserialize)]
struct Href {
    href: String,
}

fn meta(body: &[u8]) -> Meta {
    serde_json::from_slice(body).unwrap_or_default()
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

struct Search<'a> {
    base: &'a str,
    key: &'a SecretString,
    query: &'a FetchQuery,
}

impl Search<'_> {
    /// Page `page` of the window `[from, to)`. Ticketmaster's `endDateTime` is inclusive, so a
    /// window ends one second before the next begins: no listing falls in two windows.
    fn url(&self, from: DateTime<Utc>, to: DateTime<Utc>, page: u64) -> String {
        let mut url = url::Url::parse(&format!("{}{EVENTS_PATH}", self.base))
            .expect("the base URL was checked");
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("apikey", self.key.expose_secret());
            q.append_pair("size", &PAGE_SIZE.to_string());
            q.append_pair("page", &page.to_string());
            q.append_pair("sort", "date,asc");
            q.append_pair("startDateTime", &stamp(from));
            q.append_pair("endDateTime", &stamp(to - Duration::seconds(1)));
            if let (Some(lat), Some(lon)) = (self.query.lat, self.query.lon) {
                q.append_pair("geoPoint", &geohash(lat, lon, 9));
                q.append_pair(
                    "radius",
                    &format!("{}", self.query.radius_km.unwrap_or(50.0).round() as i64),
                );
                q.append_pair("unit", "km");
            }
            if let Some(c) = &self.query.classification {
                q.append_pair("classificationName", c);
            }
            if let Some(k) = &self.query.keyword {
                q.append_pair("keyword", k);
            }
        }
        url.to_string()
    }

    /// A `_links.next` href made absolute on our base URL, with the key added back. Hrefs may
    /// end in URI-template residue such as `{&sort}`, which is dropped.
    fn follow(&self, href: &str) -> Option<String> {
        let href = match href.find('{') {
            Some(i) => &href[..i],
            None => href,
        };
        let path_and_query = if href.starts_with('/') {
            href.to_owned()
        } else {
            let u = url::Url::parse(href).ok()?;
            match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_owned(),
            }
        };
        let mut url = url::Url::parse(&format!("{}{path_and_query}", self.base)).ok()?;
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "apikey")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut()
            .clear()
            .append_pair("apikey", self.key.expose_secret())
            .extend_pairs(kept);
        Some(url.to_string())
    }
}

pub(super) fn fetch(
    mut run: Run,
    config: &ProviderConfig,
    key: &SecretString,
    query: &FetchQuery,
) -> Result<Batch, Error> {
    url::Url::parse(&config.base_url)
        .map_err(|e| Error::invalid(format!("ticketmaster base URL: {e}")))?;
    if query.lat.is_some() != query.lon.is_some() {
        return Err(Error::invalid(
            "give both latitude and longitude, or neither",
        ));
    }
    let whole_second = |t: DateTime<Utc>| t.duration_trunc(Duration::seconds(1)).unwrap_or(t);
    let from = whole_second(query.from.unwrap_or_else(|| run.now()));
    let to = whole_second(query.to.unwrap_or(from + Duration::days(730)));
    if to <= from {
        return Err(Error::invalid("`to` must be after `from`"));
    }
    let search = Search {
        base: &config.base_url,
        key,
        query,
    };
    // A stack of windows, earliest on top, so listings arrive roughly in date order.
    let mut windows = vec![(from, to)];
    // The first window is the whole query: its total is what the run should bring home.
    let mut announced = false;
    while let Some((a, b)) = windows.pop() {
        if run.stopped() {
            break;
        }
        let first = search.url(a, b, 0);
        let PageResult::Ok(body) = run.page(&Request::get(first)) else {
            continue;
        };
        let m = meta(&body);
        let info = m.page.unwrap_or_default();
        if !announced {
            announced = true;
            run.expect_listings(info.total_elements);
        }
        if info.total_elements > PAGING_CAP {
            if b - a >= MIN_WINDOW * 2 {
                let mid = whole_second(a + (b - a) / 2);
                tracing::debug!(
                    total = info.total_elements,
                    "window over the paging cap; splitting"
                );
                windows.push((mid, b));
                windows.push((a, mid));
                continue;
            }
            run.problem(format!(
                "{} listings start between {} and {}; only the first {PAGING_CAP} can be paged, narrow the query",
                info.total_elements,
                stamp(a),
                stamp(b)
            ));
        }
        let mut next = m.links.and_then(|l| l.next).map(|h| h.href);
        let mut number = 0;
        loop {
            number += 1;
            if number >= info.total_pages || number * PAGE_SIZE >= PAGING_CAP || run.stopped() {
                break;
            }
            // Follow the provider's link; after a failed page, build the next one ourselves.
            let url = next
                .take()
                .and_then(|h| search.follow(&h))
                .unwrap_or_else(|| search.url(a, b, number));
            if let PageResult::Ok(body) = run.page(&Request::get(url)) {
                next = meta(&body).links.and_then(|l| l.next).map(|h| h.href);
            }
        }
    }
    Ok(run.finish())
}

/// The geohash of a point (Ticketmaster's `geoPoint`), `precision` characters long.
pub fn geohash(lat: f64, lon: f64, precision: usize) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
    let (mut lat_lo, mut lat_hi) = (-90.0f64, 90.0f64);
    let (mut lon_lo, mut lon_hi) = (-180.0f64, 180.0f64);
    let mut out = String::with_capacity(precision);
    let mut even = true;
    let (mut bits, mut ch) = (0, 0usize);
    while out.len() < precision {
        let (lo, hi, v) = if even {
            (&mut lon_lo, &mut lon_hi, lon)
        } else {
            (&mut lat_lo, &mut lat_hi, lat)
        };
        let mid = (*lo + *hi) / 2.0;
        ch <<= 1;
        if v >= mid {
            ch |= 1;
            *lo = mid;
        } else {
            *hi = mid;
        }
        even = !even;
        bits += 1;
        if bits == 5 {
            out.push(ALPHABET[ch] as char);
            bits = 0;
            ch = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geohash_matches_known_points() {
        // The classic example point (57.64911, 10.40744) is "u4pruydqqvj".
        assert_eq!(geohash(57.64911, 10.40744, 11), "u4pruydqqvj");
        assert_eq!(geohash(51.5074, -0.1278, 6), "gcpvj0");
    }

    #[test]
    fn next_links_get_the_key_back() {
        let key = SecretString::from("K123".to_owned());
        let q = FetchQuery::new(crate::Provider::Ticketmaster);
        let s = Search {
            base: "http://127.0.0.1:9",
            key: &key,
            query: &q,
        };
        let u = s
            .follow("/discovery/v2/events?page=1&size=200&sort=date,asc{&locale}")
            .unwrap();
        assert!(
            u.starts_with("http://127.0.0.1:9/discovery/v2/events?apikey=K123&page=1"),
            "{u}"
        );
        assert!(!u.contains('{'), "{u}");
        let abs = s
            .follow("https://app.ticketmaster.com/discovery/v2/events?page=2")
            .unwrap();
        assert!(
            abs.starts_with("http://127.0.0.1:9/discovery/v2/events?apikey=K123"),
            "{abs}"
        );
    }
}
