//! `gigradar dedup`: canonical events in, one event per performance out.

use crate::{Failure, input, output};
use gigradar_core::dedup::{DedupOptions, MergeEvidence, dedup};
use std::collections::HashMap;
use std::path::PathBuf;

/// Merge the listings of the same performance (JSON Lines in, JSON Lines out).
///
/// Every input listing ends up in exactly one output event's `sources`. With `--explain`, each
/// merged event carries one more field, `evidence`: the pairs that joined its listings, each with
/// its score and features (events nothing merged with carry none). A summary goes to stderr.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  gigradar parse -p ticketmaster tm.json > events.jsonl && gigradar dedup events.jsonl\n  cat *.jsonl | gigradar dedup --explain -"
)]
pub struct Args {
    /// Canonical events, one JSON object per line (as `gigradar parse` writes them), or `-`.
    file: PathBuf,
    /// Add an `evidence` field to every merged event: which pairs, which scores, which features.
    #[arg(long)]
    explain: bool,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let events = input::read_events(&args.file)?;
    let n_in = events.len();
    let result = dedup(events, &DedupOptions::default());
    eprintln!(
        "dedup: {n_in} listings -> {} events ({} merged)",
        result.events.len(),
        result.merges.len()
    );
    if !args.explain {
        return output::write_jsonl(result.events.iter().map(|e| e.to_json()));
    }
    let mut evidence: HashMap<String, MergeEvidence> = result
        .merges
        .into_iter()
        .map(|m| (m.event_id.clone(), m))
        .collect();
    output::write_jsonl(result.events.iter().map(|e| {
        let mut v = serde_json::to_value(e).expect("an Event always serializes");
        if let (Some(m), Some(obj)) = (evidence.remove(&e.id), v.as_object_mut()) {
            obj.insert(
                "evidence".into(),
                serde_json::to_value(m.pairs).expect("evidence always serializes"),
            );
        }
        v.to_string()
    }))
}
