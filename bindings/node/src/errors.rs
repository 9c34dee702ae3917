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

/// What every error gigradar throws carries beside its `message`; fields that do not apply to
/// the `code` are absent. In TypeScript: `catch (e) { const err = e as Error & ErrorFields }`.
#[napi(object, object_from_js = false)]
pub struct ErrorFields {
    pub code: ErrorCode,
    /// The provider that answered, for `ERR_RATE_LIMITED` and `ERR_PROVIDER`.
    pub provider: Option<String>,
    /// The HTTP status, for `ERR_PROVIDER`.
    pub status: Option<u32>,
    /// How long the provider asked us to wait, for `ERR_RATE_LIMITED`.
    pub retry_after_secs: Option<f64>,
}

impl ErrorFields {
    fn of(code: ErrorCode) -> Self {
        ErrorFields {
            code,
            provider: None,
            status: None,
            retry_after_secs: None,
        }
    }
}

/// The code and the fields of a core error: the one table.
pub fn classify(error: &Error) -> ErrorFields {
    match error {
        // Malformed input or not the provider's payload.
        Error::InvalidInput(_) => ErrorFields::of(ErrorCode::InvalidInput),
        // A provider name gigradar does not know.
        Error::UnknownProvider(_) => ErrorFields::of(ErrorCode::UnknownProvider),
        // Nothing has the id asked for.
        Error::NotFound(_) => ErrorFields::of(ErrorCode::NotFound),
        // The provider asked us to wait: for how long, and who asked. (Seconds are far below
        // 2^53, where a JavaScript number stops being exact.)
        Error::RateLimited {
            provider,
            retry_after_secs,
        } => ErrorFields {
            provider: Some(provider.clone()),
            retry_after_secs: Some(*retry_after_secs as f64),
            ..ErrorFields::of(ErrorCode::RateLimited)
        },
        // The provider answered with an error status: who, and which status.
        Error::Provider {
            provider, status, ..
        } => ErrorFields {
            provider: Some(provider.clone()),
            status: Some(u32::from(*status)),
            ..ErrorFields::of(ErrorCode::Provider)
        },
        // No answer arrived (connect, TLS, timeout).
        Error::Network(_) => ErrorFields::of(ErrorCode::Network),
        // The embedded store failed.
        Error::Storage(_) => ErrorFields::of(ErrorCode::Storage),
        // A sign-in expired or was revoked: the user must sign in again.
        Error::ReauthRequired(_) => ErrorFields::of(ErrorCode::ReauthRequired),
    }
}

/// The JavaScript error for a core error, ready to be thrown or to reject a Promise.
pub fn to_js(env: &Env, error: Error) -> napi::Error {
    let message = error.to_string();
    match build(env, &message, classify(&error)) {
        Ok(object) => napi::Error::from(object.to_unknown()),
        // Only when the environment is going away; keep the message at least.
        Err(_) => napi::Error::new(Status::GenericFailure, message),
    }
}

fn build<'env>(env: &'env Env, message: &str, fields: ErrorFields) -> napi::Result<Object<'env>> {
    let mut object = env.create_error(napi::Error::new(Status::GenericFailure, message))?;
    object.set("code", fields.code.as_str())?;
    if let Some(provider) = fields.provider {
        object.set("provider", provider)?;
    }
    if let Some(status) = fields.status {
        object.set("status", status)?;
    }
    if let Some(secs) = fields.retry_after_secs {
        object.set("retryAfterSecs", secs)?;
    }
    Ok(object)
}
