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
use super::listing::{FastMap, Listing, mix};

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

/// Candidate pairs (i < j) among all units: sort (key, unit) and pair up within each key.
pub(crate) fn all_pairs(units: &[&Listing], o: &DedupOptions) -> Vec<(u32, u32)> {
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(units.len() * 4);
    let mut buf = Vec::new();
    let mut scratch = Scratch::default();
    for (i, l) in units.iter().enumerate() {
        buf.clear();
        keys(l, o, &mut scratch, &mut buf);
        entries.extend(buf.iter().map(|&k| (k, i as u32)));
    }
    entries.sort_unstable();
    let mut pairs = Vec::new();
    for run in entries.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[x + 1..] {
                if a != b {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    drop(entries);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Candidate pairs with at least one `dirty` unit (merged in the last round): pairs of two clean
/// units were scored before, with the same features, and did not merge. The dirty units' keys
/// are sorted, and a table maps each key to its run; every unit's keys then look their run up.
pub(crate) fn dirty_pairs(units: &[&Listing], dirty: &[bool], o: &DedupOptions) -> Vec<(u32, u32)> {
    let mut entries: Vec<(u64, u32)> = Vec::new();
    let mut buf = Vec::new();
    let mut scratch = Scratch::default();
    for (i, l) in units.iter().enumerate() {
        if dirty[i] {
            buf.clear();
            keys(l, o, &mut scratch, &mut buf);
            entries.extend(buf.iter().map(|&k| (k, i as u32)));
        }
    }
    let mut pairs = Vec::new();
    if entries.is_empty() {
        return pairs;
    }
    entries.sort_unstable();
    let mut index: FastMap<u64, (u32, u32)> = FastMap::default();
    index.reserve(entries.len());
    let mut start = 0;
    for run in entries.chunk_by(|x, y| x.0 == y.0) {
        index.insert(run[0].0, (start as u32, run.len() as u32));
        start += run.len();
    }
    for (i, l) in units.iter().enumerate() {
        buf.clear();
        keys(l, o, &mut scratch, &mut buf);
        let i = i as u32;
        for k in &buf {
            if let Some(&(from, len)) = index.get(k) {
                for &(_, d) in &entries[from as usize..(from + len) as usize] {
                    if d != i {
                        pairs.push((d.min(i), d.max(i)));
                    }
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
