//! The IANA zone of a place, offline: tzf-rs embeds the zone boundaries.

use chrono_tz::Tz;
use std::sync::OnceLock;
use tzf_rs::DefaultFinder;

fn finder() -> &'static DefaultFinder {
    static FINDER: OnceLock<DefaultFinder> = OnceLock::new();
    FINDER.get_or_init(DefaultFinder::new)
}

/// The zone at (lat, lon), or `None` when the coordinates are invalid or the zone is one
/// chrono-tz does not know.
pub fn zone_at(lat: f64, lon: f64) -> Option<Tz> {
    if !(lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon))
    {
        return None;
    }
    gigradar_core::time::zone(finder().get_tz_name(lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_places() {
        assert_eq!(zone_at(51.5074, -0.1278).unwrap().name(), "Europe/London");
        assert_eq!(zone_at(50.0755, 14.4378).unwrap().name(), "Europe/Prague");
        assert_eq!(
            zone_at(21.3069, -157.8583).unwrap().name(),
            "Pacific/Honolulu"
        );
        assert_eq!(
            zone_at(-33.8688, 151.2093).unwrap().name(),
            "Australia/Sydney"
        );
        assert!(zone_at(f64::NAN, 0.0).is_none());
        assert!(zone_at(95.0, 0.0).is_none());
    }
}
