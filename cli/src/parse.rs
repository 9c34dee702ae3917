//! `gigradar parse`: one provider payload in, canonical events out.

use crate::{Failure, input, output};
use gigradar_providers::Provider;
use std::path::PathBuf;

/// Parse a provider's API response into canonical events (JSON Lines on stdout).
///
/// Items that cannot be used are reported on stderr, one line each, and the rest is kept.
/// Exit 0 when the payload was the provider's (even if some items were skipped), 2 when it was
/// not (wrong provider, not JSON, file missing).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  gigradar parse --provider ticketmaster events.json\n  curl -s '...' | gigradar parse --provider bandsintown -"
)]
pub struct Args {
    /// Which provider's API the payload came from.
    #[arg(long, short, value_parser = provider)]
    provider: Provider,
    /// The payload: a JSON file as the provider's API returned it, or `-` for standard input.
    file: PathBuf,
}

fn provider(s: &str) -> Result<Provider, String> {
    s.parse().map_err(|e: gigradar_core::Error| e.to_string())
}

pub fn run(args: Args) -> Result<(), Failure> {
    let payload = input::read_all(&args.file)?;
    let outcome = gigradar_providers::parse(args.provider, &payload)?;
    for p in &outcome.problems {
        eprintln!("problem: {p}");
    }
    output::write_jsonl(outcome.events.iter().map(|e| e.to_json()))
}
