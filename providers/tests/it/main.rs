//! The integration tests of gigradar-providers, in one binary (one link step for CI).

mod conformance;
mod props;
mod support;
