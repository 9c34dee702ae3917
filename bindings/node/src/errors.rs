//! The one mapping from core errors to JavaScript errors.
//!
//! Every error gigradar throws (or rejects a Promise with) is a real `Error` whose `code` says
//! the kind (`ERR_INVALID_INPUT`, ...; the `ErrorCode` enum lists them), whose `message` is the
//! core text, and which carries the variant's data as typed fields: `provider`, `status`,
//! `retryAfterSecs`. The `match` has no catch-all arm: a new core error fails to compile until
//! it has its code.

use gigradar_core::Error;
use napi::bindgen_prelude::Object;
use napi::{Env, JsValue, Status};
use napi_derive::napi;

/// The `code` of every error gigradar throws. Callers branch on these, never on messages.
#[napi(string_enum)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// Malformed input or not what the call expects (not JSON, bad value, wrong provider's payload).
    #[napi(value = "ERR_INVALID_INPUT")]
    InvalidInput,
    /// A provider name gigradar does not know.
    #[napi(value = "ERR_UNKNOWN_PROVIDER")]
    UnknownProvider,
    /// Nothing has the id asked for.
    #[napi(value = "ERR_NOT_FOUND")]
    NotFound,
    /// The provider asked us to wait longer than we sleep: see `retryAfterSecs`.
    #[napi(value = "ERR_RATE_LIMITED")]
    RateLimited,
    /// The provider answered with an error status: see `provider` and `status`.
    #[napi(value = "ERR_PROVIDER")]
    Provider,
    /// No answer arrived (connect, TLS, timeout).
    #[napi(value = "ERR_NETWORK")]
    Network,
    /// The embedded store failed.
    #[napi(value = "ERR_STORAGE")]
    Storage,
    /// A sign-in expired or was revoked: the user must sign in again.
    #[napi(value = "ERR_REAUTH_REQUIRED")]
    ReauthRequired,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "ERR_INVALID_INPUT",
            ErrorCode::UnknownProvider => "ERR_UNKNOWN_PROVIDER",
            ErrorCode::NotFound => "ERR_NOT_FOUND",
            ErrorCode::RateLimited => "ERR_RATE_LIMITED",
            ErrorCode::Provider => "ERR_PROVIDER",
            ErrorCode::Network => "ERR_NETWORK",
            ErrorCode::Storage => "ERR_STORAGE",
            ErrorCode::ReauthRequired => "ERR_REAUTH_REQUIRED",
        }
    }
}

/// The variant's data, as the typed fields of the JavaScript error.
#[derive(Debug, Default, PartialEq)]
pub struct Details {
    pub provider: Option<String>,
    pub status: Option<u16>,
    pub retry_after_secs: Option<u64>,
}

/// The code and the data of a core error: the one table.
pub fn classify(error: &Error) -> (ErrorCode, Details) {
    let none = Details::default();
    match error {
        // Malformed input or not the provider's payload.
        Error::InvalidInput(_) => (ErrorCode::InvalidInput, none),
        // A provider name gigradar does not know.
        Error::UnknownProvider(_) => (ErrorCode::UnknownProvider, none),
        // Nothing has the id asked for.
        Error::NotFound(_) => (ErrorCode::NotFound, none),
        // The provider asked us to wait: for how long, and who asked.
        Error::RateLimited {
            provider,
            retry_after_secs,
        } => (
            ErrorCode::RateLimited,
            Details {
                provider: Some(provider.clone()),
                retry_after_secs: Some(*retry_after_secs),
                ..none
            },
        ),
        // The provider answered with an error status: who, and which status.
        Error::Provider {
            provider, status, ..
        } => (
            ErrorCode::Provider,
            Details {
                provider: Some(provider.clone()),
                status: Some(*status),
                ..none
            },
        ),
        // No answer arrived (connect, TLS, timeout).
        Error::Network(_) => (ErrorCode::Network, none),
        // The embedded store failed.
        Error::Storage(_) => (ErrorCode::Storage, none),
        // A sign-in expired or was revoked: the user must sign in again.
        Error::ReauthRequired(_) => (ErrorCode::ReauthRequired, none),
    }
}

/// The JavaScript error for a core error, ready to be thrown or to reject a Promise.
pub fn to_js(env: &Env, error: Error) -> napi::Error {
    let message = error.to_string();
    let (code, details) = classify(&error);
    match build(env, code, &message, details) {
        Ok(object) => napi::Error::from(object.to_unknown()),
        // Only when the environment is going away; keep the message at least.
        Err(_) => napi::Error::new(Status::GenericFailure, message),
    }
}

fn build<'env>(
    env: &'env Env,
    code: ErrorCode,
    message: &str,
    details: Details,
) -> napi::Result<Object<'env>> {
    let mut object = env.create_error(napi::Error::new(Status::GenericFailure, message))?;
    object.set("code", code.as_str())?;
    if let Some(provider) = details.provider {
        object.set("provider", provider)?;
    }
    if let Some(status) = details.status {
        object.set("status", u32::from(status))?;
    }
    if let Some(secs) = details.retry_after_secs {
        // Seconds fit a JavaScript number exactly (2^53 s is far beyond any Retry-After).
        object.set("retryAfterSecs", secs as f64)?;
    }
    Ok(object)
}
