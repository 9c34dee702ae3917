//! The providers crate's integration tests: one binary, one module per concern.

mod fetch_observe;
mod fetch_others;
mod fetch_secrets;
mod fetch_server;
mod fetch_spotify;
mod fetch_ticketmaster;
