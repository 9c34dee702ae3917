// Shared by every fuzz target (included, so each target stays one file for cargo-fuzz).

/// `start`, when set, shows as exactly `local_date` + `local_time` in `timezone`, with the zone's
/// offset at that instant; and the event survives a JSON round trip.
pub fn check(event: &gigradar_core::Event) {
    if let Some(start) = event.start {
        let tz = gigradar_core::time::zone(event.timezone.as_deref().expect("start without zone"))
            .expect("zone is a known IANA name");
        let (date, time) = (event.local_date.expect("start without date"), event.local_time.expect("start without time"));
        let shown = start.with_timezone(&tz);
        assert_eq!(shown.naive_local(), chrono::NaiveDateTime::new(date, time));
        assert_eq!(shown.fixed_offset().offset(), start.offset());
    }
    let back = gigradar_core::Event::from_json(&event.to_json()).expect("round trip");
    assert_eq!(back.id, event.id);
}
