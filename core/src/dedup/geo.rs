//! Distances between venues. Ten lines of haversine instead of the `geo` crate and its 35
//! dependencies (ECOSYSTEM.md §2 measured both: identical results).

/// Mean Earth radius in metres (IUGG), the one `geo` uses too.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two (latitude, longitude) points in degrees.
///
/// ```
/// use gigradar_core::dedup::haversine_m;
/// // Two London venues about 3.3 km apart: the O2 Academy Brixton and the Royal Albert Hall.
/// let d = haversine_m((51.4652, -0.1149), (51.5009, -0.1774));
/// assert!((d - 5_900.0).abs() < 300.0, "{d}");
/// ```
pub fn haversine_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances() {
        assert_eq!(haversine_m((40.0, -74.0), (40.0, -74.0)), 0.0);
        // One degree of latitude is ~111.2 km everywhere.
        let d = haversine_m((10.0, 5.0), (11.0, 5.0));
        assert!((d - 111_195.0).abs() < 5.0, "{d}");
        // Antipodes: half the circumference, no NaN.
        let d = haversine_m((0.0, 0.0), (0.0, 180.0));
        assert!(
            (d - std::f64::consts::PI * EARTH_RADIUS_M).abs() < 1.0,
            "{d}"
        );
    }
}
