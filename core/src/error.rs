//! The public error set: small enough that a caller can act on every variant.

use std::fmt;

/// Every error gigradar returns. Bindings map these one-to-one onto host errors
/// (Python exceptions, Node `err.code`, uniffi error enums).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The input is malformed or not what the call expects (not JSON, wrong provider, bad value).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A provider name that gigradar does not know.
    #[error(
        "unknown provider {0:?}; expected one of: ticketmaster, bandsintown, eventbrite, dice, seatgeek, songkick"
    )]
    UnknownProvider(String),
    /// A thing asked for by id does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The provider asked us to wait longer than we are willing to sleep.
    #[error("rate limited by {provider}; retry after {retry_after_secs} s")]
    RateLimited {
        provider: String,
        retry_after_secs: u64,
    },
    /// The provider answered with an error status.
    #[error("{provider} answered HTTP {status}: {message}")]
    Provider {
        provider: String,
        status: u16,
        message: String,
    },
    /// The network failed (connect, TLS, timeout) before an answer arrived.
    #[error("network error: {0}")]
    Network(String),
    /// The embedded store failed.
    #[error("storage error: {0}")]
    Storage(String),
    /// A sign-in is no longer valid; the user must sign in again.
    #[error("re-authentication required: {0}")]
    ReauthRequired(String),
}

impl Error {
    pub fn invalid(message: impl fmt::Display) -> Self {
        Error::InvalidInput(message.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
