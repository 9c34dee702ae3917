//! Reading a FILE argument, where `-` means standard input.

use crate::Failure;
use std::io::{BufRead, Read};
use std::path::Path;

/// The whole of FILE (or stdin for `-`) as bytes.
pub fn read_all(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Failure::input(format!("cannot read stdin: {e}")))?;
    } else {
        buf = std::fs::read(path)
            .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    }
    Ok(buf)
}

/// Canonical events from JSON Lines in FILE (or stdin); blank lines are skipped, and a bad line
/// is an input error naming its line number.
pub fn read_events(path: &Path) -> Result<Vec<gigradar_core::Event>, Failure> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
        Box::new(std::io::BufReader::new(file))
    };
    let mut events = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line =
            line.map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
        if line.trim().is_empty() {
            continue;
        }
        let event = gigradar_core::Event::from_json(&line)
            .map_err(|e| Failure::input(format!("{} line {}: {e}", path.display(), n + 1)))?;
        events.push(event);
    }
    Ok(events)
}
