//! Spotify Web API responses about a listener's artists, as Spotify sends them.
//!
//! - `GET /me/top/artists`: an offset paging object `{href, items, limit, next, offset, ...}`;
//!   the term is in `href` (`time_range=short_term`), absent when it was the default (medium).
//! - `GET /me/following?type=artist`: a cursor paging object wrapped in `{"artists": {...}}`.
//! - Either one unwrapped, or a bare `items` array, as people save them.
//!
//! Since 2024-2026 Spotify often omits `genres`, `popularity` and `followers`, or sends genres
//! localized; none of them is required. An item without an id and a name is reported and skipped.
//!
//! ```
//! let page = gigradar_providers::spotify::parse_artists(br#"{"href":
//!   "https://api.spotify.com/v1/me/top/artists?time_range=short_term&offset=0",
//!   "items":[{"id":"2Mu5NfyYm8n5iTomuKAEHl","name":"Bicep","type":"artist"}],"offset":0}"#).unwrap();
//! assert_eq!(page.term, Some(gigradar_core::profile::SpotifyTerm::Short));
//! assert_eq!(page.artists[0].name, "Bicep");
//! assert!(page.artists[0].genres.is_empty());
//! ```

use gigradar_core::profile::{SpotifyArtist, SpotifyTerm};
use gigradar_core::{Error, Problem};
use serde_json::Value;

/// One page of artists: the artists in Spotify's order, and what the page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArtistPage {
    pub artists: Vec<SpotifyArtist>,
    /// Index of the first artist in the whole list (so its rank is `offset + 1`).
    pub offset: u32,
    /// The top-artists term, read from `href` (or `next`) when the request named one.
    pub term: Option<SpotifyTerm>,
    /// True when the payload had the followed-artists `{"artists": ...}` wrapper or cursors.
    pub followed: bool,
    /// The URL of the next page, if any.
    pub next: Option<String>,
    /// Items that were skipped, with the reason.
    pub problems: Vec<Problem>,
}

/// Parse a top-artists or followed-artists response (any of the shapes in the module docs).
pub fn parse_artists(payload: &[u8]) -> Result<ArtistPage, Error> {
    let text = String::from_utf8_lossy(payload);
    let root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::invalid(format!("not a Spotify response (not JSON: {e})")))?;
    if let Some(err) = root.get("error") {
        let status = err.get("status").and_then(Value::as_u64).unwrap_or(0);
        let message = err
            .get("message")
            .and_then(Value::as_str)
            .or_else(|| err.as_str())
            .unwrap_or("unknown error");
        return Err(Error::invalid(format!(
            "this is a Spotify error response, not artists: {status} {message}"
        )));
    }
    let mut page = ArtistPage::default();
    let mut paging = &root;
    if let Some(inner) = root.get("artists") {
        page.followed = true;
        paging = inner;
    }
    let items = match paging {
        Value::Array(items) => items.as_slice(),
        Value::Object(o) => match o.get("items") {
            Some(Value::Array(items)) => items.as_slice(),
            Some(Value::Null) | None if o.contains_key("href") || o.contains_key("total") => &[],
            _ => {
                return Err(Error::invalid(
                    "not a Spotify artists response: expected a paging object with `items`, \
                     `{\"artists\": {...}}`, or an array of artists",
                ));
            }
        },
        _ => return Err(Error::invalid("not a Spotify artists response")),
    };
    if let Value::Object(o) = paging {
        if o.contains_key("cursors") {
            page.followed = true;
        }
        let href = o.get("href").and_then(Value::as_str);
        page.next = o.get("next").and_then(Value::as_str).map(str::to_owned);
        page.term = href
            .and_then(|h| query_param(h, "time_range"))
            .or_else(|| {
                page.next
                    .as_deref()
                    .and_then(|n| query_param(n, "time_range"))
            })
            .and_then(|t| SpotifyTerm::parse(&t));
        page.offset = o
            .get("offset")
            .and_then(Value::as_u64)
            .or_else(|| href.and_then(|h| query_param(h, "offset")?.parse().ok()))
            .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
    }
    for (i, item) in items.iter().enumerate() {
        match artist(item) {
            Ok(a) => page.artists.push(a),
            Err(message) => page.problems.push(Problem {
                provider: "spotify".into(),
                item_id: item.get("id").and_then(Value::as_str).map(str::to_owned),
                index: Some(i),
                message,
            }),
        }
    }
    Ok(page)
}

fn artist(item: &Value) -> Result<SpotifyArtist, String> {
    if !item.is_object() {
        return Err("item is not an artist object".into());
    }
    if let Some(t) = item.get("type").and_then(Value::as_str)
        && t != "artist"
    {
        return Err(format!("item is a {t}, not an artist"));
    }
    let id = item
        .get("id")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .or_else(|| {
            let uri = item.get("uri").and_then(Value::as_str)?;
            uri.strip_prefix("spotify:artist:").map(str::to_owned)
        });
    let name = item
        .get("name")
        .and_then(Value::as_str)
        .map(gigradar_core::text::clean_line)
        .filter(|s| !s.is_empty());
    let (id, name) = match (id, name) {
        (None, None) => return Err("artist has neither id nor name".into()),
        (id, name) => (id.unwrap_or_default(), name.unwrap_or_default()),
    };
    let mut genres = Vec::new();
    if let Some(Value::Array(gs)) = item.get("genres") {
        for g in gs.iter().filter_map(Value::as_str) {
            gigradar_core::model::push_genre(&mut genres, g);
        }
    }
    Ok(SpotifyArtist { id, name, genres })
}

/// The value of `key` in a URL's query, percent-decoding nothing (Spotify's values are plain).
fn query_param(url: &str, key: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn followed_wrapper_with_cursors() {
        let p = parse_artists(
            br#"{"artists":{"items":[{"id":"a","name":"A","genres":[]},{"id":"b","name":"B"}],
            "next":null,"total":2,"cursors":{"after":null},"limit":20,
            "href":"https://api.spotify.com/v1/me/following?type=artist&limit=20"}}"#,
        )
        .unwrap();
        assert!(p.followed);
        assert_eq!(p.artists.len(), 2);
        assert_eq!(p.term, None);
    }

    #[test]
    fn unwrapped_cursor_page_is_followed() {
        let p =
            parse_artists(br#"{"items":[{"id":"a","name":"A"}],"cursors":{"after":"a"}}"#).unwrap();
        assert!(p.followed);
    }

    #[test]
    fn bare_items_array_and_missing_fields() {
        let p = parse_artists(
            br#"[{"id":"a","name":"A","popularity":null},{"name":"No Id"},{"foo":1},null,
                 {"uri":"spotify:artist:xyz","name":"From Uri","genres":["Deep House","",  "deep house"]}]"#,
        )
        .unwrap();
        assert_eq!(p.artists.len(), 3);
        assert_eq!(p.problems.len(), 2);
        assert_eq!(p.artists[2].id, "xyz");
        assert_eq!(p.artists[2].genres, vec!["deep house"]);
    }

    #[test]
    fn term_and_offset_from_the_page() {
        let p = parse_artists(
            br#"{"href":"https://api.spotify.com/v1/me/top/artists?locale=he&time_range=long_term&offset=20",
                 "items":[],"next":null}"#,
        )
        .unwrap();
        assert_eq!(p.term, Some(SpotifyTerm::Long));
        assert_eq!(p.offset, 20);
    }

    #[test]
    fn localized_genres_are_kept_as_sent() {
        let p =
            parse_artists(r#"{"items":[{"id":"a","name":"A","genres":["היפ הופ"]}]}"#.as_bytes())
                .unwrap();
        assert_eq!(p.artists[0].genres, vec!["היפ הופ"]);
    }

    #[test]
    fn errors_and_garbage_are_invalid_input() {
        let e = parse_artists(br#"{"error":{"status":401,"message":"The access token expired"}}"#)
            .unwrap_err();
        assert!(
            e.to_string().contains("401 The access token expired"),
            "{e}"
        );
        assert!(parse_artists(b"not json").is_err());
        assert!(parse_artists(br#"{"events":[]}"#).is_err());
    }

    /// The captured real responses (../shared/fixtures/spotify), when present.
    #[test]
    fn real_responses() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/spotify");
        let Ok(top) = std::fs::read(dir.join("top_artists_long_term_2023.json")) else {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        };
        let p = parse_artists(&top).unwrap();
        assert_eq!(p.term, Some(SpotifyTerm::Long));
        assert!(!p.followed);
        assert_eq!(p.artists.len(), 20);
        assert_eq!(p.artists[0].name, "Mac Miller");
        assert!(p.artists.iter().any(|a| a.name == "L'Indécis"));
        assert!(p.problems.is_empty());
        let following = std::fs::read(dir.join("following_artists_2020.json")).unwrap();
        let p = parse_artists(&following).unwrap();
        assert!(p.followed);
        assert_eq!(p.artists.len(), 20);
        assert_eq!(p.artists[1].name, "Lana Del Rey");
        assert_eq!(p.artists[1].genres, vec!["art pop", "pop"]);
    }
}
