//! The one mapping from core errors to the Python exceptions of `gigradar/errors.py`.
//!
//! The exception classes are plain Python (so they can be subclassed, pickled and documented
//! like any other); this file only raises them. The `match` has no catch-all arm: a new core
//! error fails to compile here until it is given its Python exception.

use gigradar_core::Error;
use pyo3::{PyErr, import_exception};

import_exception!(gigradar.errors, InvalidInputError);
import_exception!(gigradar.errors, UnknownProviderError);
import_exception!(gigradar.errors, NotFoundError);
import_exception!(gigradar.errors, RateLimitedError);
import_exception!(gigradar.errors, ProviderError);
import_exception!(gigradar.errors, NetworkError);
import_exception!(gigradar.errors, StorageError);
import_exception!(gigradar.errors, ReauthRequiredError);

/// The Python exception for a core error; its message is the core error's text.
pub fn to_py(error: Error) -> PyErr {
    let message = error.to_string();
    match error {
        // Malformed input or not the provider's payload: also a `ValueError`, as Python expects.
        Error::InvalidInput(_) => InvalidInputError::new_err(message),
        // A provider name gigradar does not know: a kind of invalid input.
        Error::UnknownProvider(_) => UnknownProviderError::new_err(message),
        // Nothing has the id asked for.
        Error::NotFound(_) => NotFoundError::new_err(message),
        // `retry_after` is in seconds; the caller decides whether to wait.
        Error::RateLimited {
            provider,
            retry_after_secs,
        } => RateLimitedError::new_err((message, provider, retry_after_secs)),
        // The provider answered with an error status: `provider` and `status` for the caller.
        Error::Provider {
            provider, status, ..
        } => ProviderError::new_err((message, provider, status)),
        // No answer arrived (connect, TLS, timeout): usually worth a retry later.
        Error::Network(_) => NetworkError::new_err(message),
        // The embedded store failed.
        Error::Storage(_) => StorageError::new_err(message),
        // A sign-in expired or was revoked: the user must sign in again; retrying cannot help.
        Error::ReauthRequired(_) => ReauthRequiredError::new_err(message),
    }
}
