//! Local venue time to exact instants, with one explicit policy for DST gaps and folds.

use chrono::offset::LocalResult;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// An IANA zone by name, or `None` when the name is not a zone chrono-tz knows.
pub fn zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// The instant a venue-local date and time denote in `tz`.
///
/// Policy: a time inside a DST gap (clocks jump forward, the wall time never happens) moves
/// forward by the gap's length, as people arriving "at 02:30" would find it; a time inside a fold
/// (the wall time happens twice) takes the earlier instant.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// let tz = gigradar_core::time::zone("America/New_York").unwrap();
/// let d = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
/// let gap = gigradar_core::time::local_to_instant(d, NaiveTime::from_hms_opt(2, 30, 0).unwrap(), tz);
/// assert_eq!(gap.to_rfc3339(), "2026-03-08T03:30:00-04:00");
/// ```
pub fn local_to_instant(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<FixedOffset> {
    let local = NaiveDateTime::new(date, time);
    let t = match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.fixed_offset(),
        LocalResult::Ambiguous(earlier, _) => earlier.fixed_offset(),
        LocalResult::None => {
            // In a gap: read the wall time with the offset in force just before the gap (gaps
            // are at most a few hours); that instant lies after the transition and shows as
            // wall time + gap length.
            let before = tz
                .from_local_datetime(&(local - chrono::Duration::hours(3)))
                .earliest()
                .map_or(0, |t| t.offset().fix().local_minus_utc());
            let utc = local - chrono::Duration::seconds(i64::from(before));
            Utc.from_utc_datetime(&utc)
                .with_timezone(&tz)
                .fixed_offset()
        }
    };
    whole_minute_offset(t)
}

/// An instant as shown in `tz`: the offset in force there, and the local date and time.
pub fn instant_in_zone(instant: DateTime<Utc>, tz: Tz) -> DateTime<FixedOffset> {
    whole_minute_offset(instant.with_timezone(&tz).fixed_offset())
}

/// The same instant with its offset rounded to whole minutes. Before standard time, zones kept
/// local mean time (London was -00:01:15); RFC 3339 offsets have no seconds, so such an offset
/// would be written truncated and read back as another instant. Rounding the offset instead
/// keeps the instant exact (the wall time then shows the leftover seconds).
fn whole_minute_offset(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let secs = t.offset().local_minus_utc();
    if secs % 60 == 0 {
        return t;
    }
    let rounded = (f64::from(secs) / 60.0).round() as i32 * 60;
    match FixedOffset::east_opt(rounded) {
        Some(offset) => t.with_timezone(&offset),
        None => t,
    }
}

/// The UTC offset (seconds east) in force in `tz` at `instant`.
pub fn offset_at(instant: DateTime<Utc>, tz: Tz) -> i32 {
    instant_in_zone(instant, tz).offset().local_minus_utc()
}

#[cfg(test)]
mod tests {
    #[test]
    fn local_mean_time_offsets_round_trip_through_rfc3339() {
        let tz = zone("Europe/London").unwrap();
        let t = local_to_instant(
            d(1847, 6, 1),
            NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
            tz,
        );
        assert_eq!(t.offset().local_minus_utc(), -60);
        // 19:00 at -00:01:15 is 19:01:15Z, shown at -00:01 as 19:00:15.
        assert_eq!(t.to_rfc3339(), "1847-06-01T19:00:15-00:01");
        let back = DateTime::parse_from_rfc3339(&t.to_rfc3339()).unwrap();
        assert_eq!(back, t);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            serde_json::from_str::<DateTime<FixedOffset>>(&json).unwrap(),
            t
        );
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn fold_takes_the_earlier_instant() {
        let tz = zone("America/New_York").unwrap();
        let i = local_to_instant(d(2026, 11, 1), t(1, 30), tz);
        assert_eq!(i.to_rfc3339(), "2026-11-01T01:30:00-04:00");
    }

    #[test]
    fn ordinary_times_keep_their_wall_clock() {
        let tz = zone("Europe/London").unwrap();
        assert_eq!(
            local_to_instant(d(2022, 6, 10), t(19, 30), tz).to_rfc3339(),
            "2022-06-10T19:30:00+01:00"
        );
        assert_eq!(
            local_to_instant(d(2022, 1, 10), t(19, 30), tz).to_rfc3339(),
            "2022-01-10T19:30:00+00:00"
        );
    }

    #[test]
    fn gap_in_the_southern_hemisphere_moves_forward() {
        // Sydney: 2026-10-04 02:00 -> 03:00.
        let tz = zone("Australia/Sydney").unwrap();
        assert_eq!(
            local_to_instant(d(2026, 10, 4), t(2, 15), tz).to_rfc3339(),
            "2026-10-04T03:15:00+11:00"
        );
    }

    #[test]
    fn unknown_zone_is_none() {
        assert!(zone("Mars/Olympus").is_none());
        assert!(zone("").is_none());
    }
}
