//! The one mapping from core errors to the uniffi error Kotlin and Swift see.
//!
//! Kotlin gets a sealed `GigradarException` with one subclass per variant, Swift an `Error` enum.
//! The `match` has no catch-all arm: a new core error fails to compile until it has its variant.

use gigradar_core::Error;

/// Every error gigradar returns to Kotlin or Swift. `reason` is a readable sentence for logs;
/// branch on the variant, never on the text.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum GigradarError {
    #[error("{reason}")]
    InvalidInput { reason: String },
    #[error("{reason}")]
    UnknownProvider { reason: String },
    #[error("{reason}")]
    NotFound { reason: String },
    #[error("{reason}")]
    RateLimited {
        provider: String,
        retry_after_secs: u64,
        reason: String,
    },
    #[error("{reason}")]
    Provider {
        provider: String,
        status: u16,
        reason: String,
    },
    #[error("{reason}")]
    Network { reason: String },
    #[error("{reason}")]
    Storage { reason: String },
    #[error("{reason}")]
    ReauthRequired { reason: String },
}

impl From<Error> for GigradarError {
    fn from(error: Error) -> Self {
        let reason = error.to_string();
        match error {
            // Malformed input or not the provider's payload.
            Error::InvalidInput(_) => GigradarError::InvalidInput { reason },
            // A provider name gigradar does not know.
            Error::UnknownProvider(_) => GigradarError::UnknownProvider { reason },
            // Nothing has the id asked for.
            Error::NotFound(_) => GigradarError::NotFound { reason },
            // The provider asked us to wait `retry_after_secs`; the app decides whether to.
            Error::RateLimited {
                provider,
                retry_after_secs,
            } => GigradarError::RateLimited {
                provider,
                retry_after_secs,
                reason,
            },
            // The provider answered with an error status.
            Error::Provider {
                provider, status, ..
            } => GigradarError::Provider {
                provider,
                status,
                reason,
            },
            // No answer arrived (connect, TLS, timeout): common on phones; retry when online.
            Error::Network(_) => GigradarError::Network { reason },
            // The embedded store failed.
            Error::Storage(_) => GigradarError::Storage { reason },
            // A sign-in expired or was revoked: show the sign-in screen; retrying cannot help.
            Error::ReauthRequired(_) => GigradarError::ReauthRequired { reason },
        }
    }
}
