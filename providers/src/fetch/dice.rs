//! DICE listings, read from an Apify dataset that a DICE scraper actor filled (DICE has no
//! public listing API). Off unless an Apify token and a dataset or actor run id are given.
//! Items are paged with `offset`/`limit`.

use super::{FetchQuery, PageResult, ProviderConfig, Run};
use crate::http::Request;
use gigradar_core::{Batch, Error};
use secrecy::{ExposeSecret, SecretString};

const LIMIT: usize = 250;
/// A guard against a dataset that never ends.
const MAX_PAGES: usize = 2000;

pub(super) fn fetch(
    mut run: Run,
    config: &ProviderConfig,
    key: &SecretString,
    query: &FetchQuery,
) -> Result<Batch, Error> {
    let mut url = url::Url::parse(&config.base_url)
        .map_err(|e| Error::invalid(format!("apify base URL: {e}")))?;
    let segments: Vec<&str> = match (&query.dataset_id, &query.actor_run_id) {
        (Some(d), _) => vec!["v2", "datasets", d.as_str(), "items"],
        (None, Some(r)) => vec!["v2", "actor-runs", r.as_str(), "dataset", "items"],
        (None, None) => {
            return Err(Error::invalid(
                "dice needs an Apify dataset id or actor run id",
            ));
        }
    };
    url.path_segments_mut()
        .map_err(|()| Error::invalid("apify base URL cannot take a path"))?
        .pop_if_empty()
        .extend(segments);
    let mut offset = 0usize;
    let mut failed_in_a_row = 0;
    for _ in 0..MAX_PAGES {
        if run.stopped() || failed_in_a_row == 3 {
            break;
        }
        let mut page = url.clone();
        page.query_pairs_mut()
            .append_pair("format", "json")
            .append_pair("clean", "true")
            .append_pair("offset", &offset.to_string())
            .append_pair("limit", &LIMIT.to_string());
        let request = Request::get(page.to_string())
            .header("Authorization", format!("Bearer {}", key.expose_secret()));
        failed_in_a_row += 1;
        if let PageResult::Ok(body) = run.page(&request) {
            failed_in_a_row = 0;
            let items = serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(&body)
                .map(|v| v.len())
                .unwrap_or(0);
            if items < LIMIT {
                break;
            }
        }
        // A failed page is skipped: its items are reported missing, the rest still come.
        offset += LIMIT;
    }
    Ok(run.finish())
}
