//! Is a pair of listings one performance? Hard gates first (each one a hard negative that must
//! never merge), then a score from the features, which orders the merges.

use super::DedupOptions;
use super::geo::haversine_m;
use super::listing::{Listing, common};
use serde::{Deserialize, Serialize};

/// The features of one accepted pair, as the evidence of a merge shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairFeatures {
    /// Performer ids both listings carry (Spotify, MusicBrainz, provider artist ids).
    pub shared_performer_ids: u32,
    /// Act names both listings carry, after normalization (title acts and performers).
    pub shared_act_names: u32,
    /// Jaccard similarity of the normalized title words, 0..1.
    pub title_similarity: f64,
    /// Overlap of the normalized venue name words, 0..1 (0 when either venue is a placeholder).
    pub venue_similarity: f64,
    /// Metres between the venues' coordinates, when both have them.
    pub distance_m: Option<f64>,
    /// Whether either venue is a placeholder ("TBA", "TBD") at a city centroid.
    pub placeholder_venue: bool,
    /// Minutes between the local start times, when both have one.
    pub start_diff_minutes: Option<i64>,
    /// Whether either listing is a ticket package or resale listing of the show.
    pub package: bool,
    /// Whether both listings come from one provider.
    pub same_provider: bool,
}

/// Gates that also hold between every two members of a cluster (checked again when clusters
/// join, so that chains cannot join two performances): time, provider, room, pass.
pub(crate) fn compatible(a: &Listing, b: &Listing, o: &DedupOptions) -> bool {
    if a.pass != b.pass {
        // "2 Day Pass" is not one of its days.
        return false;
    }
    match (a.wall, b.wall) {
        (Some(x), Some(y)) => {
            let dt = (x - y).abs();
            if dt > i64::from(o.max_start_diff_minutes) {
                // An early and a late show; consecutive nights.
                return false;
            }
            if a.providers & b.providers != 0 && dt != 0 && !(a.package || b.package) {
                // One provider lists two performances at two times; its packages may differ.
                return false;
            }
        }
        _ => match (a.date, b.date) {
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        },
    }
    if a.room != 0 && b.room != 0 && a.room != b.room {
        // Two rooms of one venue.
        return false;
    }
    true
}

/// The whole pair test: `None` when the pair is not one performance.
pub(crate) fn score(a: &Listing, b: &Listing, o: &DedupOptions) -> Option<(f64, PairFeatures)> {
    if !compatible(a, b, o) {
        return None;
    }
    let shared_ids = common(a.ids(), b.ids());
    let shared_acts = common(a.acts(), b.acts());
    if shared_ids == 0 && shared_acts == 0 {
        // Different acts: tributes and similar names never share a key (see normalize).
        return None;
    }
    let placeholder = a.placeholder || b.placeholder;
    let same_venue_name = a.venue != 0 && a.venue == b.venue;
    let distance = match (a.pos, b.pos) {
        (Some(p), Some(q)) => Some(haversine_m(p, q)),
        _ => None,
    };
    let place_ok = match distance {
        // A venue's coordinates can be wrong by degrees in a provider's data (Rec Room,
        // Buffalo, in Ticketmaster's); the same venue name on the same night is enough.
        _ if same_venue_name => true,
        Some(d) if placeholder => d <= o.placeholder_distance_m,
        Some(d) => d <= o.max_distance_m,
        // A listing with no venue at all says nothing about the place: only the same performer
        // (by id) on the same night makes it the same show. Titles alone are not enough: Eventbrite
        // lists "Full Moon Hikes" and "Full Moon - Forest Bathing" venue-less at one time.
        None if a.no_venue || b.no_venue => shared_ids > 0,
        None => placeholder,
    };
    if !place_ok {
        return None;
    }
    let title_similarity = jaccard(a.title_words(), b.title_words());
    let venue_similarity = if placeholder {
        0.0
    } else {
        overlap(a.venue_words(), b.venue_words())
    };
    let dt = match (a.wall, b.wall) {
        (Some(x), Some(y)) => Some((x - y).abs()),
        _ => None,
    };
    let act = if shared_ids > 0 { 1.0 } else { 0.85 };
    let place = match distance {
        _ if placeholder => 0.5,
        Some(d) => (1.0 - d / o.max_distance_m).max(if same_venue_name { 0.5 } else { 0.0 }),
        None => 0.5,
    };
    let time = dt.map_or(0.5, |d| {
        1.0 - d as f64 / f64::from(o.max_start_diff_minutes.max(1))
    });
    let s = 0.4 * act
        + 0.15 * title_similarity
        + 0.15 * venue_similarity.max(if same_venue_name { 1.0 } else { 0.0 })
        + 0.15 * place
        + 0.15 * time;
    if s < o.min_score {
        return None;
    }
    Some((
        s,
        PairFeatures {
            shared_performer_ids: shared_ids as u32,
            shared_act_names: shared_acts as u32,
            title_similarity,
            venue_similarity,
            distance_m: distance.map(|d| d.round()),
            placeholder_venue: placeholder,
            start_diff_minutes: dt,
            package: a.package || b.package,
            same_provider: a.providers & b.providers != 0,
        },
    ))
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let c = common(a, b);
    let u = a.len() + b.len() - c;
    if u == 0 { 0.0 } else { c as f64 / u as f64 }
}

fn overlap(a: &[u64], b: &[u64]) -> f64 {
    let m = a.len().min(b.len());
    if m == 0 {
        0.0
    } else {
        common(a, b) as f64 / m as f64
    }
}
