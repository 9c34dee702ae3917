//! One event per performance: find the listings of the same show (same act, same venue, same
//! night) across and within providers, and merge them, explained.
//!
//! How it works, and where:
//! - `listing.rs`: each unit (an input event) becomes hashed keys and numbers, once
//!   (normalization: [`crate::normalize`], run once per distinct title, name, venue and city of
//!   the batch and kept in a per-batch cache).
//! - `block.rs`: candidate pairs share an (act or performer id, night, coordinates cell) key;
//!   never all pairs.
//! - `score.rs`: hard gates (each hard negative: another night, an early and a late show, another
//!   room, a multi-day pass, another act), then a score from performer ids and names, title and
//!   venue similarity, distance and start-time difference.
//! - this file: clustering. Accepted pairs are joined best score first (union-find), and two
//!   clusters join only if every two members pass the time, provider, room and pass gates, so a
//!   chain of pairs can never join two performances. Rounds repeat on the merged events until
//!   nothing merges, which makes `dedup(dedup(x)) == dedup(x)` hold by construction; a round only
//!   scores pairs that involve an event merged in the round before.
//! - `merge.rs`: the field-by-field rule that makes one event of a cluster.
//!
//! Ids: in a batch ([`dedup`]) a merged event's id is [`crate::id::event_id`] of its smallest
//! source key (`provider:id`), so it does not depend on the input order; an event nothing merged
//! with is returned unchanged. Incrementally ([`merge_into`]) an existing event keeps its id when
//! listings join it; when new listings bridge several existing events, the oldest survives and
//! the others become aliases of it. "Oldest" is the earliest first-seen time (the earliest
//! `fetched_at` among its sources; an event without any counts as newest), ties broken by the
//! smaller id.

mod block;
mod geo;
mod listing;
mod merge;
mod score;
mod sort;

pub use geo::haversine_m;
pub use score::PairFeatures;

use crate::Event;
use chrono::{DateTime, Utc};
use listing::{KeyCache, Listing};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Thresholds and the provider order of the merge rule. `Default` is what the benchmark tuned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupOptions {
    /// Largest difference between two listings' local start times (doors vs show is up to ~90
    /// minutes; an early and a late show are further apart).
    pub max_start_diff_minutes: u32,
    /// Largest distance between two listings' venue coordinates (providers place one venue a few
    /// hundred metres apart).
    pub max_distance_m: f64,
    /// Largest distance from a placeholder venue ("TBA", "TBD", "Online") at a city centroid.
    pub placeholder_distance_m: f64,
    /// Smallest pair score that merges, 0..1.
    pub min_score: f64,
    /// Providers whose fields win a merge, best first; providers not listed come after.
    pub provider_priority: Vec<String>,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            max_start_diff_minutes: 100,
            max_distance_m: 1_500.0,
            placeholder_distance_m: 40_000.0,
            min_score: 0.5,
            // Ticketmaster and DICE sell the tickets (venue ids, exact times, prices); Eventbrite
            // sells some; SeatGeek and Songkick aggregate; Bandsintown gives local times without
            // a zone and free-text venues.
            provider_priority: [
                "ticketmaster",
                "dice",
                "eventbrite",
                "seatgeek",
                "songkick",
                "bandsintown",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// Why two units were merged: one accepted pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairEvidence {
    /// Smallest source key of each side (`provider:id`).
    pub a: String,
    pub b: String,
    /// 0 for the same source key listed twice; 1, 2, ... for the scoring round.
    pub round: u32,
    /// The pair score, 0..1 (1 for the same source key).
    pub score: f64,
    /// The features behind the score; `None` for the same source key.
    pub features: Option<PairFeatures>,
}

/// The evidence of one merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeEvidence {
    pub event_id: String,
    /// Every source key of the merged event, ordered.
    pub sources: Vec<String>,
    /// The pairs that joined its listings.
    pub pairs: Vec<PairEvidence>,
}

/// The result of [`dedup`]: events ordered by id, and one evidence per merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
}

/// The result of [`merge_into`]: events ordered by id, evidence, and the ids that stopped
/// existing, each mapped to the id of the event that absorbed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeResult {
    pub events: Vec<Event>,
    pub merges: Vec<MergeEvidence>,
    pub aliases: HashMap<String, String>,
}

/// Every event of a batch, each in one slot, never moved until the end: the input events where
/// the caller's vector holds them (no copy of a kilobyte-sized event per unit), and each merged
/// event in the slot of one of its members, so the batch never needs more slots than it had.
type Slots = Vec<Option<Event>>;

fn filled(e: &Option<Event>) -> &Event {
    e.as_ref().expect("a unit's event is in its slot")
}

fn event_at(slots: &Slots, i: u32) -> &Event {
    filled(&slots[i as usize])
}

struct Unit {
    /// The slot of its event.
    event: u32,
    listing: Listing,
    /// A merged unit's evidence, made when it was merged, while its event was at hand (not
    /// read back from a million cold events at the end). Boxed: most units never merge.
    merge: Option<Box<MergeEvidence>>,
    /// For [`merge_into`]: (first seen, id) of the oldest existing event in the unit.
    /// Boxed: only [`merge_into`] has any, and a batch's units stay small without it.
    existing: Option<Box<(Option<DateTime<Utc>>, String)>>,
    /// An existing event that no new listing has joined: two of these never merge directly.
    pure_existing: bool,
}

fn first_seen(e: &Event) -> Option<DateTime<Utc>> {
    e.sources.iter().filter_map(|s| s.fetched_at).min()
}

/// Older first: earliest first-seen (unknown last), then the smaller id.
fn older(a: &(Option<DateTime<Utc>>, String), b: &(Option<DateTime<Utc>>, String)) -> bool {
    let key = |x: &(Option<DateTime<Utc>>, String)| (x.0.is_none(), x.0, x.1.clone());
    key(a) < key(b)
}

impl Unit {
    /// The unit of an input event in slot `slot`, whose title and performers have the entry
    /// `title` and the name key ids `performers` (see [`units_of`]).
    fn new(
        event: &Event,
        slot: u32,
        existing: bool,
        title: u32,
        performers: &[u32],
        cache: &mut KeyCache,
    ) -> Unit {
        Unit {
            existing: existing.then(|| Box::new((first_seen(event), event.id.clone()))),
            pure_existing: existing,
            event: slot,
            listing: Listing::with_keys(event, cache, title, performers),
            merge: None,
        }
    }
}

/// The units of a batch's input events, each with whether it is an existing event, in slot
/// order: each distinct title and performer name of the batch is normalized once. With them,
/// the (hash, unit) of every source key, in unit order, for round 0: read while each event is
/// at hand rather than in a pass of its own over a million events.
fn units_of(events: &[(&Event, bool)], cache: &mut KeyCache) -> (Vec<Unit>, Vec<(u64, u32)>) {
    // Titles and performer names in one pass: a million cold events are read once for both.
    let mut titles: Vec<&str> = Vec::with_capacity(events.len());
    let mut names: Vec<&str> = Vec::with_capacity(events.len() * 3 / 2);
    for (e, _) in events {
        titles.push(&e.title);
        names.extend(e.performers.iter().map(|p| p.name.as_str()));
    }
    let titles = cache.title_entries(&titles);
    let keys = cache.performer_keys(&names);
    drop(names);
    let mut sources: Vec<(u64, u32)> = Vec::with_capacity(events.len());
    let mut at = 0;
    let units = events
        .iter()
        .zip(titles)
        .enumerate()
        .map(|(i, (&(e, existing), title))| {
            let performers = &keys[at..at + e.performers.len()];
            at += e.performers.len();
            sources.extend(
                e.sources
                    .iter()
                    .map(|s| (listing::source_hash(s), i as u32)),
            );
            Unit::new(e, i as u32, existing, title, performers, cache)
        })
        .collect();
    (units, sources)
}

/// Merge the listings of the same performance.
///
/// ```
/// use gigradar_core::{Event, dedup::{dedup, DedupOptions}};
/// let mut a = Event::new("ticketmaster", "1", "Phoebe Bridgers".into());
/// a.local_date = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
/// a.local_time = chrono::NaiveTime::from_hms_opt(20, 0, 0);
/// let mut b = Event::new("bandsintown", "9", "Phoebe Bridgers at The Wiltern".into());
/// b.local_date = a.local_date;
/// b.local_time = chrono::NaiveTime::from_hms_opt(19, 0, 0); // doors
/// let venue = |name: &str, lat: f64| gigradar_core::Venue {
///     name: name.into(), address: None, city: Some("Los Angeles".into()), region: None,
///     postal_code: None, country: Some("US".into()), lat: Some(lat), lon: Some(-118.3086),
///     ids: Default::default(),
/// };
/// a.venue = Some(venue("The Wiltern", 34.0617));
/// b.venue = Some(venue("Wiltern Theatre", 34.0619));
/// let out = dedup(vec![a, b], &DedupOptions::default());
/// assert_eq!(out.events.len(), 1);
/// assert_eq!(out.events[0].sources.len(), 2);
/// assert_eq!(out.events[0].id, gigradar_core::id::event_id("bandsintown", "9"));
/// ```
pub fn dedup(events: Vec<Event>, options: &DedupOptions) -> DedupResult {
    let mut cache = KeyCache::default();
    // In place: an `Option<Event>` is the size of an `Event`.
    let mut slots: Slots = events.into_iter().map(Some).collect();
    let events: Vec<(&Event, bool)> = slots.iter().map(|e| (filled(e), false)).collect();
    let (units, sources) = units_of(&events, &mut cache);
    drop(events);
    let (units, _) = run(units, sources, options, &mut cache, &mut slots);
    finish(units, slots).into_dedup()
}

/// Merge `new` listings into `existing` events (the output of an earlier [`dedup`] or
/// `merge_into`): existing events keep their ids, and two existing events merge only through a
/// new listing, the older one surviving (see the module docs for "older").
pub fn merge_into(existing: &[Event], new: &[Event], options: &DedupOptions) -> MergeResult {
    let mut cache = KeyCache::default();
    let mut slots: Slots = existing.iter().chain(new).cloned().map(Some).collect();
    let events: Vec<(&Event, bool)> = existing
        .iter()
        .map(|e| (e, true))
        .chain(new.iter().map(|e| (e, false)))
        .collect();
    let (units, sources) = units_of(&events, &mut cache);
    drop(events);
    let (units, mut aliases) = run(units, sources, options, &mut cache, &mut slots);
    // Resolve chains (a -> b in one round, b -> c in a later one) to the final survivor.
    let snapshot = aliases.clone();
    for to in aliases.values_mut() {
        let mut hops = 0;
        while let Some(next) = snapshot.get(to.as_str()) {
            *to = next.clone();
            hops += 1;
            if hops > snapshot.len() {
                break;
            }
        }
    }
    let mut out = finish(units, slots);
    out.aliases = aliases;
    out
}

fn finish(units: Vec<Unit>, mut slots: Slots) -> MergeResult {
    let mut merges = Vec::new();
    let mut order: Vec<u32> = Vec::with_capacity(units.len());
    for u in units {
        if let Some(evidence) = u.merge {
            merges.push(*evidence);
        }
        order.push(u.event);
    }
    // Sort slot numbers, not the events (a kilobyte each); then move each event once, into the
    // slots' own buffer, and hand that buffer back as the result.
    // By id; ties (the same id twice) in unit order, as a stable sort would leave them.
    let by_id = sort::order_by_id(order.len(), |k| &event_at(&slots, order[k as usize]).id);
    let order: Vec<u32> = by_id.iter().map(|&k| order[k as usize]).collect();
    place_in_order(&mut slots, &order);
    slots.truncate(order.len());
    let mut events: Vec<Event> = slots
        .into_iter()
        .map(|e| e.expect("every unit's event was placed"))
        .collect();
    events.shrink_to_fit();
    // By id, ties in unit order, as for the events.
    let by_id = sort::order_by_id(merges.len(), |k| &merges[k as usize].event_id);
    let mut parked: Vec<Option<MergeEvidence>> = merges.into_iter().map(Some).collect();
    let merges = by_id
        .iter()
        .map(|&k| {
            parked[k as usize]
                .take()
                .expect("each evidence is taken once")
        })
        .collect();
    MergeResult {
        events,
        merges,
        aliases: HashMap::new(),
    }
}

/// Move `v[order[k]]` to position `k` for every `k` (`order` holds distinct positions); what
/// was at a position no `order[k]` names is dropped, and the positions from `order.len()` on are
/// left empty. Each element moves once (a swap moves two, through a third place; an event is
/// most of a kilobyte): chains are followed from the positions whose element nobody wants,
/// pulling each wanted element into the place that wants it, which frees its own place for the
/// next; what is left are cycles, each opened with one element set aside.
fn place_in_order<T>(v: &mut [Option<T>], order: &[u32]) {
    let m = order.len();
    let mut wanted = vec![false; v.len()];
    for &from in order {
        wanted[from as usize] = true;
    }
    let mut done = vec![false; m];
    for start in 0..m {
        if wanted[start] || done[start] {
            continue;
        }
        // Nobody wants what is here: fill it, then the place its element came from, and so on.
        let mut k = start;
        loop {
            done[k] = true;
            let from = order[k] as usize;
            v[k] = v[from].take();
            if from >= m {
                break;
            }
            k = from;
        }
    }
    for start in 0..m {
        if done[start] {
            continue;
        }
        // A cycle: every place in it wants another's element.
        let mut first = v[start].take();
        let mut k = start;
        loop {
            done[k] = true;
            let from = order[k] as usize;
            v[k] = if from == start {
                first.take()
            } else {
                v[from].take()
            };
            if from == start {
                break;
            }
            k = from;
        }
    }
    for slot in v[m..].iter_mut() {
        *slot = None;
    }
}

impl MergeResult {
    fn into_dedup(self) -> DedupResult {
        DedupResult {
            events: self.events,
            merges: self.merges,
        }
    }
}

/// Union-find whose roots also list their members, in joining order (the bigger cluster's
/// members first), as links through one array rather than a vector per unit.
struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
    /// The member after this one in its cluster's list; a root heads its own list.
    next: Vec<u32>,
    /// Per root: the last member of its list.
    last: Vec<u32>,
}

const END: u32 = u32::MAX;

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
            next: vec![END; n],
            last: (0..n as u32).collect(),
        }
    }
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) -> u32 {
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
        self.next[self.last[big as usize] as usize] = small;
        self.last[big as usize] = self.last[small as usize];
        big
    }
    /// The members of the cluster whose root is `root`.
    fn members(&self, root: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(root), |&m| {
            Some(self.next[m as usize]).filter(|&n| n != END)
        })
    }
}

/// All rounds: same source keys first, then scoring rounds until nothing merges. `sources`: the
/// (hash, unit) of every unit's source keys, in unit order.
fn run(
    units: Vec<Unit>,
    sources: Vec<(u64, u32)>,
    o: &DedupOptions,
    cache: &mut KeyCache,
    slots: &mut Slots,
) -> (Vec<Unit>, HashMap<String, String>) {
    let mut aliases = HashMap::new();
    let mut units = same_source_round(units, sources, o, &mut aliases, cache, slots);
    let mut blocks = block::Blocks::default();
    let mut dirty: Option<Vec<bool>> = None;
    for round in 1..=16 {
        let (next, changed) = scoring_round(
            units,
            dirty.as_deref(),
            &mut blocks,
            round,
            o,
            &mut aliases,
            cache,
            slots,
        );
        units = next;
        if !changed.iter().any(|c| *c) {
            break;
        }
        dirty = Some(changed);
    }
    (units, aliases)
}

/// Round 0: events that share a source key are the same listing (fetched twice, or an event
/// that already holds it): they merge without scoring.
fn same_source_round(
    units: Vec<Unit>,
    mut entries: Vec<(u64, u32)>,
    o: &DedupOptions,
    aliases: &mut HashMap<String, String>,
    cache: &mut KeyCache,
    slots: &mut Slots,
) -> Vec<Unit> {
    let mut uf = UnionFind::new(units.len());
    let mut edges: Vec<(u32, u32)> = Vec::new();
    // In unit order, so sorting by hash alone gives the (hash, unit) order.
    sort::sort_by_hash(&mut entries, |e| e.0);
    let source_of = |i: u32, h: u64| {
        event_at(slots, units[i as usize].event)
            .sources
            .iter()
            .find(|s| listing::source_hash(s) == h)
            .map(|s| (s.provider.as_str(), s.id.as_str()))
    };
    for run in entries.chunk_by(|x, y| x.0 == y.0).filter(|r| r.len() > 1) {
        for (k, &(h, i)) in run.iter().enumerate().skip(1) {
            // Equal hashes: join the first earlier unit holding the very same source.
            if let Some(&(_, j)) = run[..k]
                .iter()
                .find(|&&(_, j)| j != i && source_of(j, h) == source_of(i, h))
            {
                let (a, b) = (uf.find(i), uf.find(j));
                if a != b {
                    uf.union(a, b);
                    edges.push((j, i));
                }
            }
        }
    }
    if edges.is_empty() {
        return units;
    }
    let accepted = edges
        .iter()
        .map(|&(a, b)| {
            let pair = Accepted {
                a,
                b,
                round: 0,
                score: 1.0,
                features: None,
            };
            (uf.find(a), pair)
        })
        .collect();
    let per_root = PairsByRoot::new(accepted);
    rebuild(units, &mut uf, per_root, o, aliases, cache, slots).units
}

#[allow(clippy::too_many_arguments)]
fn scoring_round(
    units: Vec<Unit>,
    dirty: Option<&[bool]>,
    blocks: &mut block::Blocks,
    round: u32,
    o: &DedupOptions,
    aliases: &mut HashMap<String, String>,
    cache: &mut KeyCache,
    slots: &mut Slots,
) -> (Vec<Unit>, Vec<bool>) {
    let listings: Vec<&Listing> = units.iter().map(|u| &u.listing).collect();
    let pairs = blocks.pairs(&listings, dirty, o);
    drop(listings);
    struct Edge {
        score: f64,
        lo: u64,
        hi: u64,
        a: u32,
        b: u32,
        features: PairFeatures,
    }
    let mut edges = Vec::new();
    for (a, b) in pairs {
        let (ua, ub) = (&units[a as usize], &units[b as usize]);
        if ua.pure_existing && ub.pure_existing {
            continue;
        }
        if let Some((score, features)) = score::score(&ua.listing, &ub.listing, o) {
            let (ka, kb) = (ua.listing.key_hash, ub.listing.key_hash);
            edges.push(Edge {
                score,
                lo: ka.min(kb),
                hi: ka.max(kb),
                a,
                b,
                features,
            });
        }
    }
    // Best first; ties by the source keys' hashes, so the input order never matters, then by
    // position (the order a stable sort would keep: pairs are unique and came in (a, b) order).
    // Compact keys are sorted, not the edges: a quarter of the bytes to move.
    let mut best: Vec<(f64, u64, u64, u32)> = edges
        .iter()
        .enumerate()
        .map(|(k, e)| (e.score, e.lo, e.hi, k as u32))
        .collect();
    best.sort_unstable_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    let mut uf = UnionFind::new(units.len());
    let mut accepted: Vec<(u32, Accepted)> = Vec::with_capacity(edges.len());
    for &(_, _, _, k) in &best {
        let e = &edges[k as usize];
        let (ra, rb) = (uf.find(e.a), uf.find(e.b));
        if ra == rb {
            continue;
        }
        let ok = uf.members(ra).all(|x| {
            uf.members(rb).all(|y| {
                score::compatible(&units[x as usize].listing, &units[y as usize].listing, o)
            })
        });
        if !ok {
            continue;
        }
        uf.union(ra, rb);
        accepted.push((
            e.a,
            Accepted {
                a: e.a,
                b: e.b,
                round,
                score: (e.score * 1000.0).round() / 1000.0,
                features: Some(e.features.clone()),
            },
        ));
    }
    // Freed before the merged events are built.
    drop(best);
    drop(edges);
    if accepted.is_empty() {
        let n = units.len();
        return (units, vec![false; n]);
    }
    for e in accepted.iter_mut() {
        e.0 = uf.find(e.0);
    }
    let per_root = PairsByRoot::new(accepted);
    let rebuilt = rebuild(units, &mut uf, per_root, o, aliases, cache, slots);
    blocks.renumber(&rebuilt.next);
    (rebuilt.units, rebuilt.changed)
}

/// An accepted pair of units, before its evidence names them: the units' smallest source keys
/// are read when their cluster is merged, while its members' events are at hand, rather than
/// from a million cold events as pairs are accepted.
struct Accepted {
    a: u32,
    b: u32,
    round: u32,
    score: f64,
    features: Option<PairFeatures>,
}

/// A round's accepted pairs (cluster root, pair), handed out cluster by cluster, in the order
/// accepted within each. Numbers are sorted, not the pairs (near a hundred bytes each), which
/// stay where they were made until their cluster takes them: no second copy.
struct PairsByRoot {
    /// (root, position in `parked`), sorted.
    order: Vec<(u32, u32)>,
    parked: Vec<Option<Accepted>>,
    at: usize,
}

impl PairsByRoot {
    fn new(pairs: Vec<(u32, Accepted)>) -> Self {
        let mut order: Vec<(u32, u32)> = pairs
            .iter()
            .enumerate()
            .map(|(k, e)| (e.0, k as u32))
            .collect();
        order.sort_unstable();
        PairsByRoot {
            order,
            parked: pairs.into_iter().map(|(_, pair)| Some(pair)).collect(),
            at: 0,
        }
    }

    /// The next pair of the cluster `root`; clusters must be asked in increasing root order.
    fn next_for(&mut self, root: u32) -> Option<Accepted> {
        let &(r, k) = self.order.get(self.at)?;
        if r != root {
            return None;
        }
        self.at += 1;
        let pair = self.parked[k as usize]
            .take()
            .expect("each pair is taken once");
        Some(pair)
    }
}

/// The units of the next round.
struct Rebuilt {
    units: Vec<Unit>,
    /// Per unit: whether it was merged in this round.
    changed: Vec<bool>,
    /// Per unit of this round: its number in the next, [`block::NONE`] when it was merged.
    next: Vec<u32>,
}

/// Replace every cluster of more than one unit by its merged unit.
fn rebuild(
    units: Vec<Unit>,
    uf: &mut UnionFind,
    mut per_root: PairsByRoot,
    o: &DedupOptions,
    aliases: &mut HashMap<String, String>,
    cache: &mut KeyCache,
    slots: &mut Slots,
) -> Rebuilt {
    let n = units.len();
    let mut next = vec![block::NONE; n];
    let roots: Vec<u32> = (0..n as u32).map(|i| uf.find(i)).collect();
    let mut parked: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    // As many units as clusters: the next round's units are allocated once, at their size.
    let clusters = roots
        .iter()
        .enumerate()
        .filter(|&(i, &r)| r == i as u32)
        .count();
    let mut out = Vec::with_capacity(clusters);
    let mut changed = Vec::with_capacity(clusters);
    // Reused from cluster to cluster (a cluster's members are a kilobyte or more).
    let mut parts: Vec<Unit> = Vec::new();
    let mut members: Vec<u32> = Vec::new();
    let mut events: Vec<(Event, Listing)> = Vec::new();
    for i in 0..n {
        if roots[i] != i as u32 {
            continue;
        }
        if uf.size[i] == 1 {
            next[i] = out.len() as u32;
            out.push(parked[i].take().expect("each unit is taken once"));
            changed.push(false);
            continue;
        }
        members.clear();
        members.extend(uf.members(i as u32));
        parts.clear();
        parts.extend(
            members
                .iter()
                .map(|&m| parked[m as usize].take().expect("each unit is taken once")),
        );
        let mut existing: Option<Box<(Option<DateTime<Utc>>, String)>> = None;
        for p in &parts {
            if let Some(x) = &p.existing
                && existing.as_ref().is_none_or(|cur| older(x, cur))
            {
                existing = Some(x.clone());
            }
        }
        if let Some(survivor) = &existing {
            for p in &parts {
                if let Some(x) = &p.existing
                    && x.1 != survivor.1
                {
                    aliases.insert(x.1.clone(), survivor.1.clone());
                }
            }
        }
        // The merged event takes its first member's slot.
        let slot = parts[0].event;
        let mut earlier = Vec::new();
        for p in parts.drain(..) {
            if let Some(before) = p.merge {
                earlier.extend(before.pairs);
            }
            let e = slots[p.event as usize]
                .take()
                .expect("a unit's event is in its slot");
            events.push((e, p.listing));
        }
        // This round's pairs first, named by their units' smallest source keys. Roots come in
        // increasing order, as `per_root` hands out their pairs.
        let key_of = |unit: u32| {
            let at = members
                .iter()
                .position(|&m| m == unit)
                .expect("a pair joins members of its cluster");
            merge::min_source_key(&events[at].0)
        };
        let mut evidence = Vec::new();
        while let Some(pair) = per_root.next_for(i as u32) {
            let (x, y) = (key_of(pair.a), key_of(pair.b));
            let (a, b) = if x <= y { (x, y) } else { (y, x) };
            evidence.push(PairEvidence {
                a,
                b,
                round: pair.round,
                score: pair.score,
                features: pair.features,
            });
        }
        evidence.append(&mut earlier);
        let id = match &existing {
            Some(x) => x.1.clone(),
            None => events
                .iter()
                .flat_map(|(e, _)| e.sources.iter())
                .min_by(|a, b| merge::key_cmp(a, b))
                .map(|s| crate::id::event_id(&s.provider, &s.id))
                .unwrap_or_default(),
        };
        let merged = merge::merge(&mut events, id, o);
        let event = merged.event;
        evidence.sort_by(|a, b| (a.round, &a.a, &a.b).cmp(&(b.round, &b.a, &b.b)));
        let listing = Listing::with_keys(&event, cache, merged.title, &merged.performer_keys);
        let evidence = MergeEvidence {
            event_id: event.id.clone(),
            sources: event.sources.iter().map(merge::source_key).collect(),
            pairs: evidence,
        };
        slots[slot as usize] = Some(event);
        out.push(Unit {
            listing,
            event: slot,
            merge: Some(Box::new(evidence)),
            existing,
            pure_existing: false,
        });
        changed.push(true);
    }
    Rebuilt {
        units: out,
        changed,
        next,
    }
}

#[cfg(test)]
mod tests;
