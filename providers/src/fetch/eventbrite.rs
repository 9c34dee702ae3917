//! Eventbrite v3: events of known organizations and venues (public search was switched off in
//! 2020, so ids are the only way in). Pages follow the `continuation` token when the answer has
//! one, page numbers otherwise.

use super::{FetchQuery, PageResult, ProviderConfig, Run};
use crate::http::Request;
use gigradar_core::{Batch, Error};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// A guard against a server that always says "more": no organizer has this many pages.
const MAX_PAGES: u32 = 500;

#[derive(Deserialize, Default)]
struct Page {
    #[serde(default)]
    pagination: Pagination,
}

#[derive(Deserialize, Default)]
struct Pagination {
    #[serde(default)]
    page_number: Option<u32>,
    #[serde(default)]
    has_more_items: bool,
    #[serde(default)]
    object_count: Option<u64>,
    #[serde(default)]
    continuation: Option<String>,
}

pub(super) fn fetch(
    mut run: Run,
    config: &ProviderConfig,
    key: &SecretString,
    query: &FetchQuery,
) -> Result<Batch, Error> {
    if query.organizers.is_empty() && query.venues.is_empty() {
        return Err(Error::invalid(
            "eventbrite needs organization or venue ids (it has no public search)",
        ));
    }
    let lists = query
        .organizers
        .iter()
        .map(|id| ("organizations", id))
        .chain(query.venues.iter().map(|id| ("venues", id)));
    for (kind, id) in lists {
        if run.stopped() {
            break;
        }
        let mut base = url::Url::parse(&config.base_url)
            .map_err(|e| Error::invalid(format!("eventbrite base URL: {e}")))?;
        base.path_segments_mut()
            .map_err(|()| Error::invalid("eventbrite base URL cannot take a path"))?
            .pop_if_empty()
            .extend(["v3", kind, id.as_str(), "events", ""]);
        base.query_pairs_mut()
            .append_pair("expand", "venue,category,subcategory");
        let mut continuation: Option<String> = None;
        let mut page_number = 1u32;
        let mut failed_in_a_row = 0;
        let mut announced = false;
        for _ in 0..MAX_PAGES {
            if failed_in_a_row == 3 {
                break;
            }
            let mut url = base.clone();
            match &continuation {
                Some(token) => {
                    url.query_pairs_mut().append_pair("continuation", token);
                }
                None if page_number > 1 => {
                    url.query_pairs_mut()
                        .append_pair("page", &page_number.to_string());
                }
                None => {}
            }
            let request = Request::get(url.to_string())
                .header("Authorization", format!("Bearer {}", key.expose_secret()));
            failed_in_a_row += 1;
            let PageResult::Ok(body) = run.page(&request) else {
                // Without the failed page's continuation token the rest of this list is out
                // of reach; with page numbers, go on to the next page.
                if continuation.is_some() || run.stopped() {
                    break;
                }
                page_number += 1;
                continue;
            };
            failed_in_a_row = 0;
            let p: Page = serde_json::from_slice(&body).unwrap_or_default();
            if let (false, Some(n)) = (announced, p.pagination.object_count) {
                announced = true;
                run.expect_listings(n);
            }
            if !p.pagination.has_more_items {
                break;
            }
            page_number = p.pagination.page_number.unwrap_or(page_number) + 1;
            continuation = p.pagination.continuation.filter(|c| !c.is_empty());
        }
    }
    Ok(run.finish())
}
