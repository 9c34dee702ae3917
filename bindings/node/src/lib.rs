//! The Node addon behind the `gigradar` npm package: what it exports.
//!
//! `types.rs` holds the objects and their conversion from core, `errors.rs` the mapping of core
//! errors to `err.code`. `index.js` and `index.d.ts` are generated from this crate by
//! `napi build --platform` and committed.

mod errors;
mod types;

use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

/// Parse one payload of `provider` (`"ticketmaster"`, `"bandsintown"`, `"eventbrite"`, `"dice"`,
/// `"seatgeek"` or `"songkick"`) into canonical events.
///
/// One malformed item does not sink the page: it becomes a problem and the rest is kept. Throws
/// with `err.code` `ERR_UNKNOWN_PROVIDER` for an unknown provider and `ERR_INVALID_INPUT` for a
/// payload that is not that provider's at all.
#[napi]
pub fn parse(
    provider: String,
    payload: Either<String, Buffer>,
) -> Result<types::ParseResult, errors::JsError> {
    gigradar_providers::parse_named(&provider, types::payload_bytes(&payload))
        .map(|out| types::ParseResult::from(&out))
        .map_err(errors::to_js)
}
