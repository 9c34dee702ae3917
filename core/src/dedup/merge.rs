//! One event from the listings of one performance.
//!
//! The rule, field by field (members are first put in one order that does not depend on the
//! input order, see [`member_order`]):
//! - `sources`: every member's sources, one per source key (`provider:id`), ordered by key; when
//!   one key comes twice (the same listing fetched twice), the newest fetch is kept.
//! - `title`, `category`, `status`, `url`, `image`: from the first member in order that has one.
//!   Package listings come last, so the show's plain title wins over "… - VIP Packages".
//! - `start`, `end`, `timezone`, `local_date`, `local_time`: together, from the first member
//!   with a local time (else the first with a date), so they never disagree with each other.
//! - `venue`: from the first member whose venue is not a placeholder and has coordinates (else
//!   the first with a venue); its missing address fields are filled from other members.
//! - `performers`: the first member's bill, then everyone else's performers not yet on it
//!   (matched by normalized name); ids missing on a performer are filled from the same performer
//!   elsewhere.
//! - `genres`: the union, in member order.
//! - `price`: the widest range among members in the first priced member's currency.

use super::DedupOptions;
use super::listing::Listing;
use crate::Event;

fn completeness(e: &Event) -> usize {
    [
        e.start.is_some(),
        e.local_time.is_some(),
        e.timezone.is_some(),
        e.venue.as_ref().is_some_and(|v| v.lat.is_some()),
        e.venue.as_ref().is_some_and(|v| v.address.is_some()),
        !e.performers.is_empty(),
        e.price.is_some(),
        e.url.is_some(),
        e.image.is_some(),
        !e.genres.is_empty(),
    ]
    .iter()
    .filter(|b| **b)
    .count()
}

/// `a.key().cmp(&b.key())` without building the keys.
pub(crate) fn key_cmp(a: &crate::Source, b: &crate::Source) -> std::cmp::Ordering {
    let (pa, pb) = (a.provider.as_bytes(), b.provider.as_bytes());
    if pa == pb {
        // The same "provider:" before both ids.
        return a.id.as_bytes().cmp(b.id.as_bytes());
    }
    let n = pa.len().min(pb.len());
    if pa[..n] != pb[..n] {
        // The keys differ first where the providers do.
        return pa[..n].cmp(&pb[..n]);
    }
    // One provider is a prefix of the other: byte by byte.
    key_cmp_bytes(a, b)
}

fn key_cmp_bytes(a: &crate::Source, b: &crate::Source) -> std::cmp::Ordering {
    let ka = a
        .provider
        .bytes()
        .chain(std::iter::once(b':'))
        .chain(a.id.bytes());
    let kb = b
        .provider
        .bytes()
        .chain(std::iter::once(b':'))
        .chain(b.id.bytes());
    ka.cmp(kb)
}

/// `s.key()` ("provider:id") without the formatting machinery: dedup builds one per unit.
pub(crate) fn source_key(s: &crate::Source) -> String {
    let mut k = String::with_capacity(s.provider.len() + 1 + s.id.len());
    k.push_str(&s.provider);
    k.push(':');
    k.push_str(&s.id);
    k
}

/// The source with the smallest key (`provider:id`), found without building the keys.
pub(crate) fn min_source(e: &Event) -> Option<&crate::Source> {
    e.sources.iter().min_by(|a, b| key_cmp(a, b))
}

pub(crate) fn min_source_key(e: &Event) -> String {
    min_source(e).map(source_key).unwrap_or_default()
}

/// The order members are read in: not a package listing first, then provider priority (the
/// position of the first source's provider in `DedupOptions::provider_priority`; providers not in
/// the list after those in it), then the most complete, then the newest fetch, then the smallest
/// source key, then the JSON text (only the same listing twice can get this far).
fn sort_members(members: &mut [(Event, Listing)], o: &DedupOptions) {
    let rank = |e: &Event| {
        e.sources
            .iter()
            .map(|s| {
                o.provider_priority
                    .iter()
                    .position(|p| *p == s.provider)
                    .unwrap_or(usize::MAX)
            })
            .min()
            .unwrap_or(usize::MAX)
    };
    let newest = |e: &Event| e.sources.iter().filter_map(|s| s.fetched_at).max();
    // The smallest source keys, compared without building them (no sources: the empty key).
    let min_key_cmp = |a: &Event, b: &Event| match (min_source(a), min_source(b)) {
        (Some(x), Some(y)) => key_cmp(x, y),
        (x, y) => x.is_some().cmp(&y.is_some()),
    };
    // Clusters are small (two or three members mostly): comparing in place costs less than
    // caching a key per member, and the JSON text is only written for members equal on all the
    // rest (the same listing twice). Stable, so members equal on everything keep their order.
    members.sort_by(|(a, la), (b, lb)| {
        la.package
            .cmp(&lb.package)
            .then_with(|| rank(a).cmp(&rank(b)))
            .then_with(|| completeness(b).cmp(&completeness(a)))
            .then_with(|| newest(b).cmp(&newest(a)))
            .then_with(|| min_key_cmp(a, b))
            .then_with(|| a.to_json().cmp(&b.to_json()))
    });
}

/// A merged event, with what its [`Listing`] needs from the members: the entry of
/// the title it took and the name key ids of its performers, in order.
pub(crate) struct Merged {
    pub event: Event,
    pub title: u32,
    pub performer_keys: Vec<u32>,
}

/// Merge `members` (at least two: each event with its listing) into one event with id `id`.
/// The members are consumed: each field is moved out of the member it comes from, not copied,
/// and `members` is left empty (the caller reuses it for the next cluster: a cluster's members
/// are a kilobyte or more, an allocation the allocator serves slowly).
pub(crate) fn merge(members: &mut Vec<(Event, Listing)>, id: String, o: &DedupOptions) -> Merged {
    sort_members(members, o);
    let merged = merge_sorted(members, id);
    members.clear();
    merged
}

fn merge_sorted(members: &mut [(Event, Listing)], id: String) -> Merged {
    let mut sources: Vec<crate::Source> = members
        .iter_mut()
        .flat_map(|(e, _)| std::mem::take(&mut e.sources))
        .collect();
    sources.sort_by(|a, b| {
        key_cmp(a, b)
            .then_with(|| b.fetched_at.cmp(&a.fetched_at))
            .then_with(|| a.url.cmp(&b.url))
    });
    sources.dedup_by(|later, first| later.provider == first.provider && later.id == first.id);

    let timed = members
        .iter()
        .position(|(e, _)| e.local_time.is_some() || e.start.is_some())
        .or_else(|| members.iter().position(|(e, _)| e.local_date.is_some()))
        .unwrap_or(0);
    let placed = members
        .iter()
        .position(|(e, l)| {
            // With a venue, the listing's placeholder flag is its name's.
            e.venue
                .as_ref()
                .is_some_and(|v| !l.placeholder && v.lat.is_some())
        })
        .or_else(|| members.iter().position(|(e, _)| e.venue.is_some()));

    // Taken from its member, so the filling below skips that member: it could only fill a
    // field from itself, which is empty whenever the venue's is.
    let mut venue = placed.and_then(|i| members[i].0.venue.take());
    if let Some(v) = venue.as_mut() {
        for (m, _) in members.iter() {
            if let Some(w) = &m.venue {
                v.address = v.address.take().or_else(|| w.address.clone());
                v.city = v.city.take().or_else(|| w.city.clone());
                v.region = v.region.take().or_else(|| w.region.clone());
                v.postal_code = v.postal_code.take().or_else(|| w.postal_code.clone());
                v.country = v.country.take().or_else(|| w.country.clone());
            }
        }
    }

    // The first member's bill, moved (a performer is a few hundred bytes); then everyone else's.
    let mut performers: Vec<crate::Performer> = Vec::new();
    // Ids of the performers' name keys: equal ids, equal keys.
    let mut keys: Vec<u32> = Vec::new();
    for (i, (m, l)) in members.iter_mut().enumerate() {
        // The listing holds each performer's name key id, in billing order.
        let taken = std::mem::take(&mut m.performers);
        if i == 0 {
            performers = taken;
            keys.extend(l.performer_keys());
            // Two performers of one bill with one key: the later one folds into the earlier.
            let mut w = 0;
            for r in 0..performers.len() {
                match keys[..w].iter().position(|x| *x == keys[r]) {
                    Some(j) => {
                        let ids = performers[r].ids.clone();
                        fill_ids(&mut performers[j].ids, &ids);
                    }
                    None => {
                        keys[w] = keys[r];
                        performers.swap(w, r);
                        w += 1;
                    }
                }
            }
            keys.truncate(w);
            performers.truncate(w);
            continue;
        }
        for (p, k) in taken.into_iter().zip(l.performer_keys()) {
            match keys.iter().position(|x| *x == k) {
                Some(i) => fill_ids(&mut performers[i].ids, &p.ids),
                None => {
                    keys.push(k);
                    performers.push(p);
                }
            }
        }
    }
    let mut genres: Vec<String> = Vec::new();
    for g in members
        .iter_mut()
        .flat_map(|(m, _)| std::mem::take(&mut m.genres))
    {
        if !genres.contains(&g) {
            genres.push(g);
        }
    }
    let price = members
        .iter()
        .find_map(|(m, _)| m.price.clone())
        .map(|first| {
            members
                .iter()
                .filter_map(|(m, _)| m.price.as_ref())
                .filter(|p| p.currency == first.currency)
                .fold(first.clone(), |acc, p| crate::Price {
                    min: acc.min.min(p.min),
                    max: acc.max.max(p.max),
                    currency: acc.currency,
                })
        });
    let category = members
        .iter()
        .map(|(m, _)| m.category)
        .find(|c| *c != crate::Category::Other)
        .unwrap_or_default();
    let status = members[0].0.status;
    // The title, and its entry for the merged event's listing, from the first member.
    let title = std::mem::take(&mut members[0].0.title);
    let title_entry = members[0].1.title;
    let url = members.iter_mut().find_map(|(m, _)| m.url.take());
    let image = members.iter_mut().find_map(|(m, _)| m.image.take());
    let t = &mut members[timed].0;
    let event = Event {
        id,
        title,
        performers,
        genres,
        category,
        start: t.start,
        end: t.end,
        timezone: t.timezone.take(),
        local_date: t.local_date,
        local_time: t.local_time,
        status,
        venue,
        price,
        url,
        image,
        sources,
    };
    Merged {
        event,
        title: title_entry,
        performer_keys: keys,
    }
}

fn fill_ids(into: &mut crate::ExternalIds, from: &crate::ExternalIds) {
    let pairs = [
        (&mut into.spotify, &from.spotify),
        (&mut into.musicbrainz, &from.musicbrainz),
        (&mut into.ticketmaster, &from.ticketmaster),
        (&mut into.bandsintown, &from.bandsintown),
        (&mut into.eventbrite, &from.eventbrite),
        (&mut into.seatgeek, &from.seatgeek),
        (&mut into.songkick, &from.songkick),
        (&mut into.dice, &from.dice),
    ];
    for (i, f) in pairs {
        if i.is_none() {
            i.clone_from(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn key_cmp_orders_as_the_keys_do(
            pa in "(a|ab|a:|b|ticketmaster|)", ia in "[a:b]{0,3}",
            pb in "(a|ab|a:|b|ticketmaster|)", ib in "[a:b]{0,3}",
        ) {
            let a = crate::Source { provider: pa, id: ia, url: None, fetched_at: None };
            let b = crate::Source { provider: pb, id: ib, url: None, fetched_at: None };
            prop_assert_eq!(super::key_cmp(&a, &b), a.key().cmp(&b.key()));
        }
    }
}
