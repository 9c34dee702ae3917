//! gigradar-core: the canonical event model and the pure functions over it.
//!
//! The one rule of this crate: no I/O, no clock, no threads. "Now", the user's place and every
//! input are arguments, so the same inputs give the same outputs in every host language.

pub mod batch;
pub mod dedup;
pub mod error;
pub mod id;
pub mod learn;
pub mod model;
pub mod normalize;
pub mod profile;
pub mod rank;
pub mod taxonomy;
pub mod text;
pub mod time;

pub use batch::{Batch, PageFailure, RawPage};
pub use error::{Error, Result};
pub use model::{
    Category, Event, ExternalIds, ParseOutcome, Performer, Price, Problem, Role, Source, Status,
    Venue,
};
