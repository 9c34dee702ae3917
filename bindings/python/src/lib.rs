//! `gigradar._native`: the compiled half of the `gigradar` Python package.
//!
//! This file declares what the module exports; `types.rs` holds the classes and their conversion
//! from core, `errors.rs` the mapping of core errors to Python exceptions. The module is declared
//! inline (`mod _native`) because pyo3 can only introspect that form for `_native.pyi`.

mod errors;
mod types;

#[pyo3::pymodule]
mod _native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::types::{Event, ExternalIds, ParseResult, Performer, Price, Problem, Source, Venue};

    /// Parse one payload of `provider` (`"ticketmaster"`, `"bandsintown"`, `"eventbrite"`,
    /// `"dice"`, `"seatgeek"` or `"songkick"`) into canonical events.
    ///
    /// One malformed item does not sink the page: it becomes a `Problem` and the rest is kept.
    /// Raises `UnknownProviderError` for an unknown provider and `InvalidInputError` for a
    /// payload that is not that provider's at all. The GIL is released while parsing.
    #[pyfunction]
    #[pyo3(signature = (provider, payload: "bytes | str") -> "ParseResult")]
    fn parse(
        py: Python<'_>,
        provider: &str,
        payload: crate::types::Payload,
    ) -> PyResult<ParseResult> {
        let bytes = payload.as_bytes();
        py.detach(|| gigradar_providers::parse_named(provider, bytes))
            .map(ParseResult::from)
            .map_err(crate::errors::to_py)
    }
}
