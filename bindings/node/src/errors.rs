//! The one mapping from core errors to JavaScript errors with a Node-style `err.code`.
//!
//! napi puts an error's status on `err.code`, so the status here is the code string. The
//! `match` has no catch-all arm: a new core error fails to compile until it has its code.

use gigradar_core::Error;

/// The `err.code` of every error gigradar throws. Callers branch on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    InvalidInput,
    UnknownProvider,
    NotFound,
    RateLimited,
    Provider,
    Network,
    Storage,
    ReauthRequired,
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        match self {
            Code::InvalidInput => "ERR_INVALID_INPUT",
            Code::UnknownProvider => "ERR_UNKNOWN_PROVIDER",
            Code::NotFound => "ERR_NOT_FOUND",
            Code::RateLimited => "ERR_RATE_LIMITED",
            Code::Provider => "ERR_PROVIDER",
            Code::Network => "ERR_NETWORK",
            Code::Storage => "ERR_STORAGE",
            Code::ReauthRequired => "ERR_REAUTH_REQUIRED",
        }
    }
}

/// A JavaScript error for a core error: its `code` says the kind, its message is the core text.
pub type JsError = napi::Error<Code>;

pub fn to_js(error: Error) -> JsError {
    let code = match &error {
        // Malformed input or not the provider's payload.
        Error::InvalidInput(_) => Code::InvalidInput,
        // A provider name gigradar does not know.
        Error::UnknownProvider(_) => Code::UnknownProvider,
        // Nothing has the id asked for.
        Error::NotFound(_) => Code::NotFound,
        // The provider asked us to wait; the message says for how many seconds.
        Error::RateLimited { .. } => Code::RateLimited,
        // The provider answered with an error status; the message names provider and status.
        Error::Provider { .. } => Code::Provider,
        // No answer arrived (connect, TLS, timeout).
        Error::Network(_) => Code::Network,
        // The embedded store failed.
        Error::Storage(_) => Code::Storage,
        // A sign-in expired or was revoked: the user must sign in again.
        Error::ReauthRequired(_) => Code::ReauthRequired,
    };
    napi::Error::new(code, error.to_string())
}
