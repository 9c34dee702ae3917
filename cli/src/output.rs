//! Writing results to stdout.

use crate::Failure;
use std::io::{ErrorKind, Write};

/// Write one JSON document per line. A closed pipe (`gigradar ... | head`) is not an error: the
/// reader has what it wanted.
pub fn write_jsonl(lines: impl IntoIterator<Item = String>) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = lines
        .into_iter()
        .try_for_each(|line| writeln!(out, "{line}"))
        .and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(Failure {
            code: 1,
            message: format!("cannot write to stdout: {e}"),
        }),
        _ => Ok(()),
    }
}
