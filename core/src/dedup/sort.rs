//! The sorts dedup runs on millions of entries: a stable radix sort by a 64-bit key (blocking
//! entries, candidate pairs, source hashes), and the result's order by id.

/// Bits of the key each radix pass sorts on: 11 (2,048 buckets, whose write positions stay in
/// the cache) sorts a 32-bit hash in three passes rather than four bytes' worth.
const DIGIT_BITS: u32 = 11;
const BUCKETS: usize = 1 << DIGIT_BITS;
/// Passes that cover 64 bits.
const DIGITS: usize = 64usize.div_ceil(DIGIT_BITS as usize);

/// A stable least-significant-digit radix sort by a 64-bit key: elements with equal keys keep
/// their order. Six passes over millions of entries cost a fraction of a comparison sort's
/// time; a pass where every key has the same digit is skipped (a 32-bit key takes three).
pub(crate) fn radix_sort_by_key<T: Copy + Default>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if v.len() < 256 {
        v.sort_by_key(&key);
        return;
    }
    let digit = |k: u64, d: usize| (k >> (DIGIT_BITS as usize * d)) as usize & (BUCKETS - 1);
    let mut counts = vec![[0usize; BUCKETS]; DIGITS];
    for e in v.iter() {
        let k = key(e);
        for (d, c) in counts.iter_mut().enumerate() {
            c[digit(k, d)] += 1;
        }
    }
    let mut from = std::mem::take(v);
    let mut to = vec![T::default(); from.len()];
    let mut at = vec![0usize; BUCKETS];
    for (d, c) in counts.iter().enumerate() {
        if c.contains(&from.len()) {
            continue;
        }
        let mut sum = 0;
        for (a, &n) in at.iter_mut().zip(c.iter()) {
            *a = sum;
            sum += n;
        }
        for e in &from {
            let b = digit(key(e), d);
            to[at[b]] = *e;
            at[b] += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *v = from;
}

/// [`radix_sort_by_key`] for a key that is a well-mixed 64-bit hash: radix passes on its high
/// 32 bits only (half the passes over the entries), then each run of entries whose hashes share
/// those bits but differ is put in order by a stable comparison sort. Such runs are rare (a few
/// hundred among ten million entries), so the result is the full stable sort's at about half
/// its cost.
pub(crate) fn sort_by_hash<T: Copy + Default>(v: &mut Vec<T>, hash: impl Fn(&T) -> u64) {
    radix_sort_by_key(v, |e| hash(e) >> 32);
    let mut from = 0;
    while from < v.len() {
        let first = hash(&v[from]);
        let mut to = from + 1;
        let mut mixed = false;
        while to < v.len() && hash(&v[to]) >> 32 == first >> 32 {
            mixed |= hash(&v[to]) != first;
            to += 1;
        }
        if mixed {
            v[from..to].sort_by_key(&hash);
        }
        from = to;
    }
}

/// The positions `0..n` ordered by `id(position)`, ties in position order. The ids' first 16
/// bytes decide almost every comparison: they are radix-sorted as two numbers (stable, so
/// positions stay in order), and only runs with one prefix are compared as text.
pub(crate) fn order_by_id<'a>(n: usize, id: impl Fn(u32) -> &'a str) -> Vec<u32> {
    let mut keyed: Vec<(u64, u64, u32)> = (0..n as u32)
        .map(|k| {
            let p = id_prefix(id(k));
            ((p >> 64) as u64, p as u64, k)
        })
        .collect();
    radix_sort_by_key(&mut keyed, |e| e.1);
    radix_sort_by_key(&mut keyed, |e| e.0);
    let mut order: Vec<u32> = keyed.iter().map(|e| e.2).collect();
    let mut from = 0;
    for run in keyed.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        if run.len() > 1 {
            // Stable: equal ids keep their positions' order.
            order[from..from + run.len()].sort_by(|&a, &b| id(a).cmp(id(b)));
        }
        from += run.len();
    }
    order
}

/// An id's first 16 bytes as a number (zero-padded): ordering by it agrees with ordering the
/// ids wherever two prefixes differ.
fn id_prefix(id: &str) -> u128 {
    let mut p = [0u8; 16];
    let n = id.len().min(16);
    p[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(p)
}

#[cfg(test)]
mod tests {
    use super::super::tests::xorshift as next;

    /// Sorting `v` (entries in position order) with `sort` gives the (key, position) order.
    fn sorts_by_key_then_position(mut v: Vec<(u64, u32)>, sort: impl Fn(&mut Vec<(u64, u32)>)) {
        let mut expected = v.clone();
        expected.sort_unstable();
        sort(&mut v);
        assert_eq!(v, expected);
    }

    #[test]
    fn radix_sort_matches_sorting_by_key_then_unit() {
        // Entries in unit order, as `Blocks::pairs` builds them, with repeated keys (and one
        // key repeated within a unit) and keys that differ only in their high bytes.
        let mut v = Vec::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for unit in 0..5000u32 {
            for _ in 0..(unit % 4 + 1) {
                let x = next(&mut x);
                let key = match x % 3 {
                    0 => x % 50,
                    1 => (x % 7) << 56,
                    _ => x,
                };
                v.push((key, unit));
            }
        }
        sorts_by_key_then_position(v, |v| super::radix_sort_by_key(v, |e| e.0));
    }

    #[test]
    fn order_by_id_sorts_by_the_whole_id_then_position() {
        // Shared 16-byte prefixes, exact repeats, prefixes of one another, and enough ids for the
        // radix passes (not the short-list path) to run.
        let mut ids: Vec<String> = Vec::new();
        for i in 0..700u32 {
            ids.push(match i % 5 {
                0 => format!("ev_0123456789abc{:03}", i % 40),
                1 => format!(
                    "ev_{:024x}",
                    u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ),
                2 => "ev_same".to_owned(),
                3 => "ev_0123456789abc".to_owned(),
                _ => format!("{}", i % 7),
            });
        }
        let got = super::order_by_id(ids.len(), |k| &ids[k as usize]);
        let mut want: Vec<u32> = (0..ids.len() as u32).collect();
        want.sort_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]).then(a.cmp(&b)));
        assert_eq!(got, want);
    }

    #[test]
    fn sort_by_hash_matches_sorting_by_hash_then_position() {
        // Hashes that share their high 32 bits in runs, interleaved, with repeats; in position
        // order, as callers build them.
        let mut v: Vec<(u64, u32)> = Vec::new();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for pos in 0..20_000u32 {
            let x = next(&mut x);
            let hash = match x % 4 {
                0 => ((x % 5) << 32) | ((x >> 40) % 3),
                1 => x % 9,
                _ => x,
            };
            v.push((hash, pos));
        }
        sorts_by_key_then_position(v, |v| super::sort_by_hash(v, |e| e.0));
    }
}
