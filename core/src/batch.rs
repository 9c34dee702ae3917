//! What one fetch run hands on: the events, the raw pages behind them, and what went wrong.
//!
//! Plain data, so that `providers` can fill it, a store can ingest it and every binding can carry
//! it across without glue: `store.ingest(providers.fetch(query))`.

use crate::{Error, Event, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The result of one fetch run for one provider.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    /// `ticketmaster`, `eventbrite`, ...
    pub provider: String,
    /// Canonical events, each provider listing once (a listing seen on two pages is kept once).
    pub events: Vec<Event>,
    /// Every page that came back as valid JSON, as it came, for archiving and replay.
    pub pages: Vec<RawPage>,
    /// Items the parser could not use; the rest of their page is kept.
    pub problems: Vec<Problem>,
    /// Requests that still failed after their retries. The run went on without them.
    pub failures: Vec<PageFailure>,
}

impl Batch {
    pub fn new(provider: &str) -> Self {
        Batch {
            provider: provider.to_owned(),
            ..Batch::default()
        }
    }

    /// True when every request of the run succeeded (items may still have problems).
    pub fn is_complete(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One page as the provider sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawPage {
    pub provider: String,
    /// The request, with every secret (API keys, tokens) taken out.
    pub url: String,
    /// The response body (JSON text).
    pub body: String,
    pub fetched_at: DateTime<Utc>,
}

/// A request that failed for good, with the query it was for (secrets taken out).
#[derive(Debug, Clone, PartialEq)]
pub struct PageFailure {
    pub provider: String,
    pub query: String,
    pub error: Error,
}

impl std::fmt::Display for PageFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.provider, self.query, self.error)
    }
}
