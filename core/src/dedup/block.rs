//! Blocking: which pairs are worth scoring. A pair can only be one performance if it shares an
//! act name or a performer id (the score's first gate), is on the same local night (a day of
//! slack around the night's edge) and, for names, lies within reach on the map. So each unit gets
//! one key per (act, night, coordinates cell), per (act, night, venue name) and per (performer
//! id, night); only units sharing a key are compared, never all pairs.
//!
//! Cells are 0.5° of latitude by 0.5° of longitude. A unit goes into every cell within the
//! distance gate of its coordinates (usually one cell, up to four near a cell's edge; a
//! placeholder venue at a city centroid reaches the whole city), so any two units within the
//! gate share a cell. A night runs from 06:00 to 06:00 local time; a show within the time gate of
//! that edge also goes into the neighbouring night.

use super::DedupOptions;
use super::listing::{Listing, mix};
use super::sort::{radix_sort_by_key, sort_by_hash};

const CELLS_PER_DEGREE: f64 = 2.0;
const NO_CELL: u64 = 0x9e37_79b9_7f4a_7c15;
const ID_CELL: u64 = 0x2545_f491_4f6c_dd1d;
const VENUE_CELL: u64 = 0x6a09_e667_f3bc_c909;
/// Nights start at 06:00 local: almost no show starts within the time gate of that hour.
const NIGHT_START_MIN: i64 = 6 * 60;

fn nights(l: &Listing, o: &DedupOptions, out: &mut Vec<i64>) {
    out.clear();
    if let Some(w) = l.wall {
        let shifted = w - NIGHT_START_MIN;
        let n = shifted.div_euclid(1440);
        let into = shifted.rem_euclid(1440);
        out.push(n);
        let slack = i64::from(o.max_start_diff_minutes);
        if into < slack {
            out.push(n - 1);
        }
        if into > 1440 - slack {
            out.push(n + 1);
        }
    } else if let Some(d) = l.date {
        out.push(d);
    }
}

fn cells(l: &Listing, o: &DedupOptions, out: &mut Vec<u64>) {
    out.clear();
    let Some((lat, lon)) = l.pos else {
        out.push(NO_CELL);
        return;
    };
    let reach = if l.placeholder {
        o.placeholder_distance_m
    } else {
        o.max_distance_m
    };
    let dlat = reach / 111_000.0;
    let dlon = reach / (111_000.0 * lat.to_radians().cos().max(0.05));
    let rows = ((lat - dlat) * CELLS_PER_DEGREE).floor() as i64
        ..=((lat + dlat) * CELLS_PER_DEGREE).floor() as i64;
    let cols = ((lon - dlon) * CELLS_PER_DEGREE).floor() as i64
        ..=((lon + dlon) * CELLS_PER_DEGREE).floor() as i64;
    for r in rows {
        for c in cols.clone() {
            // Longitude wraps at the antimeridian.
            let c = c.rem_euclid((360.0 * CELLS_PER_DEGREE) as i64);
            out.push(mix((r as u64) << 32 ^ c as u64));
        }
    }
}

/// Buffers [`keys`] reuses from one unit to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    nights: Vec<i64>,
    cells: Vec<u64>,
}

/// Every blocking key of a unit, appended to `out`.
pub(crate) fn keys(l: &Listing, o: &DedupOptions, scratch: &mut Scratch, out: &mut Vec<u64>) {
    let Scratch {
        nights: ns,
        cells: cs,
    } = scratch;
    nights(l, o, ns);
    if ns.is_empty() {
        return;
    }
    cells(l, o, cs);
    for &n in ns.iter() {
        let nh = mix(n as u64 ^ 0x5851_f42d_4c95_7f2d);
        for &a in l.acts() {
            for &c in cs.iter() {
                out.push(mix(a ^ nh.rotate_left(17) ^ c.rotate_left(41)));
            }
        }
        if l.venue != 0 {
            // The same venue name finds listings whose coordinates are missing or wrong (three
            // Ticketmaster fixture venues have none; Rec Room, Buffalo, is two degrees off).
            for &a in l.acts() {
                out.push(mix(a
                    ^ nh.rotate_left(17)
                    ^ l.venue.rotate_left(29)
                    ^ VENUE_CELL));
            }
        }
        for &i in l.ids() {
            out.push(mix(i ^ nh.rotate_left(17) ^ ID_CELL));
        }
    }
}

/// A unit numbered [`NONE`] by [`Blocks::renumber`] is gone: it was merged.
pub(crate) const NONE: u32 = u32::MAX;

/// The blocking entries (key, unit) of a round's units, as sorted runs. A unit's keys depend
/// only on its listing, so a unit that did not merge keeps its entries from round to round: a
/// later round computes only the keys of the units merged in the round before (a few hundred
/// thousand at 1M listings in round 2, three in round 3) and walks them together with each
/// run. Each round's new entries become a run of their own rather than being merged into one
/// list: a merge would copy millions of entries to add a handful.
#[derive(Default)]
pub(crate) struct Blocks {
    runs: Vec<Vec<(u64, u32)>>,
}

impl Blocks {
    /// Candidate pairs (i < j) with at least one `dirty` unit (`None`: every unit is). Pairs of
    /// two clean units were scored before, with the same features, and did not merge. The
    /// blocks must hold the entries of exactly the clean units; afterwards they hold every
    /// unit's.
    pub fn pairs(
        &mut self,
        units: &[&Listing],
        dirty: Option<&[bool]>,
        o: &DedupOptions,
    ) -> Vec<(u32, u32)> {
        let mut fresh: Vec<(u64, u32)> = Vec::with_capacity(match dirty {
            None => units.len() * 6,
            Some(_) => 0,
        });
        let mut buf = Vec::new();
        let mut scratch = Scratch::default();
        for (i, l) in units.iter().enumerate() {
            if dirty.is_none_or(|d| d[i]) {
                buf.clear();
                keys(l, o, &mut scratch, &mut buf);
                fresh.extend(buf.iter().map(|&k| (k, i as u32)));
            }
        }
        sort_by_hash(&mut fresh, |e| e.0);
        let mut pairs = Vec::new();
        // Where each run's entries with the next key start.
        let mut at = vec![0; self.runs.len()];
        for run in fresh.chunk_by(|x, y| x.0 == y.0) {
            let key = run[0].0;
            for (x, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[x + 1..] {
                    if a != b {
                        pairs.push((a.min(b), a.max(b)));
                    }
                }
            }
            for (clean, c) in self.runs.iter().zip(at.iter_mut()) {
                *c += gallop(&clean[*c..], |e| e.0 < key);
                let same = gallop(&clean[*c..], |e| e.0 == key);
                for &(_, b) in &clean[*c..*c + same] {
                    for &(_, a) in run {
                        pairs.push((a.min(b), a.max(b)));
                    }
                }
            }
        }
        // A pair sharing several keys comes once per key: sorted as one number, then deduplicated.
        radix_sort_by_key(&mut pairs, |&(a, b)| u64::from(a) << 32 | u64::from(b));
        pairs.dedup();
        if !fresh.is_empty() {
            self.runs.push(fresh);
        }
        pairs
    }

    /// Number the entries for the next round: `next[i]` is unit `i`'s number there, [`NONE`] when
    /// it merged (the merged unit is dirty and brings its own keys). Kept units keep their order,
    /// so the entries stay sorted.
    pub fn renumber(&mut self, next: &[u32]) {
        for run in &mut self.runs {
            run.retain_mut(|e| {
                e.1 = next[e.1 as usize];
                e.1 != NONE
            });
        }
        self.runs.retain(|run| !run.is_empty());
    }
}

/// `v.partition_point(pred)` found by galloping from the front: both lists hold millions of
/// entries and the next key is usually a few entries on, so this reads a few nearby entries
/// where a binary search over the rest would miss the cache some twenty times.
fn gallop<T>(v: &[T], pred: impl Fn(&T) -> bool) -> usize {
    let mut lo = 0;
    let mut step = 1;
    while lo + step <= v.len() && pred(&v[lo + step - 1]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(v.len());
    lo + v[lo..hi].partition_point(pred)
}

#[cfg(test)]
mod tests {
    #[test]
    fn gallop_finds_the_partition_point() {
        for n in 0..70usize {
            let v: Vec<usize> = (0..n).collect();
            for cut in 0..=n {
                assert_eq!(super::gallop(&v, |&x| x < cut), cut);
            }
        }
    }
}
