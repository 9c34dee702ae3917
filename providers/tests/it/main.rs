//! The integration tests of gigradar-providers, in one binary (one link step for CI), one module
//! per concern.

mod conformance;
mod fetch_observe;
mod fetch_others;
mod fetch_secrets;
mod fetch_server;
mod fetch_spotify;
mod fetch_ticketmaster;
mod props;
mod support;
