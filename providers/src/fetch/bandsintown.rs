//! Bandsintown v3: upcoming events per artist, one request each (no paging).
//!
//! Artist names go in the path. Beyond ordinary percent-encoding, Bandsintown asks for `/`, `?`,
//! `*` and `"` to be encoded twice (`%252F`, ...), since its gateway decodes the path once
//! before routing.

use super::{FetchQuery, ProviderConfig, Run};
use crate::http::Request;
use gigradar_core::{Batch, Error};
use secrecy::{ExposeSecret, SecretString};

pub(super) fn fetch(
    mut run: Run,
    config: &ProviderConfig,
    key: &SecretString,
    query: &FetchQuery,
) -> Result<Batch, Error> {
    if query.artists.is_empty() {
        return Err(Error::invalid("bandsintown needs at least one artist name"));
    }
    url::Url::parse(&config.base_url)
        .map_err(|e| Error::invalid(format!("bandsintown base URL: {e}")))?;
    let date = match (query.from, query.to) {
        (None, None) => "upcoming".to_owned(),
        (from, to) => {
            let from = from.unwrap_or_else(|| run.now());
            let to = to.unwrap_or(from + chrono::Duration::days(730));
            format!("{},{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d"))
        }
    };
    run.expect_steps(query.artists.len() as u64);
    for artist in &query.artists {
        if run.stopped() {
            break;
        }
        let name = artist.trim();
        if name.is_empty() {
            run.step();
            continue;
        }
        let url = format!(
            "{}/artists/{}/events?{}",
            config.base_url,
            artist_path_segment(name),
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("app_id", key.expose_secret())
                .append_pair("date", &date)
                .finish()
        );
        let Some((body, fetched_at, q)) = run.fetch_page(&Request::get(url)) else {
            run.step();
            continue;
        };
        // An unknown artist comes back as an object with an error message, not as a list.
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(&body) {
            let message = ["errorMessage", "message", "error"]
                .iter()
                .find_map(|k| map.get(*k).and_then(|v| v.as_str()))
                .unwrap_or("not an events list");
            run.problem(format!("artist {name:?}: {message}"));
            run.step();
            continue;
        }
        run.absorb(&body, fetched_at, &q);
        run.step();
    }
    Ok(run.finish())
}

/// An artist name as Bandsintown wants it in the path.
pub fn artist_path_segment(name: &str) -> String {
    let mut out = String::new();
    for b in name.as_bytes() {
        match b {
            b'/' => out.push_str("%252F"),
            b'?' => out.push_str("%253F"),
            b'*' => out.push_str("%252A"),
            b'"' => out.push_str("%2522"),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(*b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::artist_path_segment as seg;

    #[test]
    fn names_are_encoded_the_bandsintown_way() {
        assert_eq!(seg("The Beach Boys"), "The%20Beach%20Boys");
        assert_eq!(seg("AC/DC"), "AC%252FDC");
        assert_eq!(seg("Sigur Rós"), "Sigur%20R%C3%B3s");
        assert_eq!(seg("Why?"), "Why%253F");
        assert_eq!(seg("P!nk & *NSYNC"), "P%21nk%20%26%20%252ANSYNC");
    }
}
