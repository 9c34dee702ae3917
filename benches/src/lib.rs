//! gigradar's benchmarks and the data they run on.
//!
//! - `generator.rs`: the labelled dedup benchmark generator (seeded; ground truth per listing).
//! - `eval.rs`: pairwise precision, recall, F1 and hard-negative merges of a clustering.
//! - `bin/gen-listings.rs`: write a generated set as JSON Lines plus a truth CSV.
//! - `bin/dedup-eval.rs`: the quality and speed table of the README.
//! - `benches/dedup.rs`: criterion benchmark of `dedup` at 10k and 100k listings.

pub mod eval;
pub mod generator;
