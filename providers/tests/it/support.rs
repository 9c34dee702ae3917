//! What the conformance and property tests share.

use chrono::offset::LocalResult;
use chrono::{NaiveDateTime, TimeZone};
use gigradar_core::Event;
use gigradar_core::time::{local_to_instant, offset_at, zone};
use std::path::PathBuf;

/// `../shared/fixtures` beside the project root, when it is there. `GIGRADAR_FIXTURES` names
/// another folder (and a missing one shows what the tests do without it).
pub fn fixtures_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("GIGRADAR_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .parent()?
            .join("../shared/fixtures"),
    };
    dir.is_dir().then_some(dir)
}

/// The invariant every parsed event keeps: when `start` is set, the zone, the local date and the
/// local time are set too, and `start` is exactly that wall clock in that zone, with the zone's
/// offset at that instant.
///
/// One exception is allowed: in a DST fold the wall clock happens twice, and an exact instant
/// from the provider may be the later of the two, which `local_to_instant` (earlier wins) cannot
/// give back from the wall clock alone.
pub fn check_start(e: &Event) -> Result<(), String> {
    let Some(start) = e.start else {
        return Ok(());
    };
    let name = e.timezone.as_deref().ok_or("start without timezone")?;
    let tz = zone(name).ok_or_else(|| format!("unknown zone {name}"))?;
    let (date, time) = match (e.local_date, e.local_time) {
        (Some(d), Some(t)) => (d, t),
        _ => return Err(format!("{}: start without local date and time", e.id)),
    };
    let wall = NaiveDateTime::new(date, time);
    if start.naive_local() != wall {
        return Err(format!(
            "{}: start {start} shows {}, local says {wall}",
            e.id,
            start.naive_local()
        ));
    }
    if start.offset().local_minus_utc() != offset_at(start.to_utc(), tz) {
        return Err(format!(
            "{}: start {start} has not the offset of {name}",
            e.id
        ));
    }
    let from_local = local_to_instant(date, time, tz);
    let in_fold = matches!(tz.from_local_datetime(&wall), LocalResult::Ambiguous(..));
    if from_local != start && !in_fold {
        return Err(format!(
            "{}: start {start} != local {wall} in {name} = {from_local}",
            e.id
        ));
    }
    Ok(())
}
