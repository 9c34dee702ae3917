"""dedup and merge_into from Python: one event per performance, explained, with typed evidence."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gigradar


def listing(provider: str, ident: str, title: str, venue: str, lat: float, day: str, time: str) -> gigradar.Event:
    """One provider listing of a show at a Los Angeles venue."""
    return gigradar.Event.from_dict(
        {
            "id": f"ev_{provider}_{ident}",
            "title": title,
            "local_date": day,
            "local_time": time,
            "venue": {"name": venue, "city": "Los Angeles", "country": "US", "lat": lat, "lon": -118.3086},
            "sources": [{"provider": provider, "id": ident}],
        }
    )


TM = listing("ticketmaster", "1", "Phoebe Bridgers", "The Wiltern", 34.0617, "2026-05-01", "20:00:00")
# The same show on Bandsintown: doors an hour earlier, the venue spelled another way.
BIT = listing("bandsintown", "9", "Phoebe Bridgers at The Wiltern", "Wiltern Theatre", 34.0619, "2026-05-01", "19:00:00")
EB = listing("eventbrite", "5", "Phoebe Bridgers", "Wiltern", 34.0618, "2026-05-01", "20:00:00")
# The next night of the residency: another performance, never merged.
NEXT_NIGHT = listing("ticketmaster", "2", "Phoebe Bridgers", "The Wiltern", 34.0617, "2026-05-02", "20:00:00")


def source_keys(event: gigradar.Event) -> list[str]:
    return sorted(f"{s.provider}:{s.id}" for s in event.sources)


def test_two_listings_of_one_show_become_one_event_and_the_next_night_stays_apart() -> None:
    out = gigradar.dedup([TM, BIT, NEXT_NIGHT])
    assert len(out.events) == 2
    merged = next(e for e in out.events if len(e.sources) == 2)
    assert source_keys(merged) == ["bandsintown:9", "ticketmaster:1"]
    # Ticketmaster's fields win the merge (it sells the tickets).
    assert merged.venue is not None and merged.venue.name == "The Wiltern"
    assert out.merges == []  # evidence only when asked for


def test_explain_gives_typed_evidence_of_each_merge() -> None:
    out = gigradar.dedup([TM, BIT, NEXT_NIGHT], explain=True)
    assert len(out.merges) == 1
    evidence = out.merges[0]
    assert isinstance(evidence, gigradar.MergeEvidence)
    merged = next(e for e in out.events if len(e.sources) == 2)
    assert evidence.event_id == merged.id
    assert evidence.sources == ["bandsintown:9", "ticketmaster:1"]
    assert len(evidence.pairs) == 1
    pair = evidence.pairs[0]
    assert {pair.a, pair.b} == {"bandsintown:9", "ticketmaster:1"}
    assert pair.round >= 1 and 0.5 <= pair.score <= 1.0
    features = pair.features
    assert isinstance(features, gigradar.PairFeatures)
    assert features.start_diff_minutes == 60
    assert features.distance_m is not None and 0 < features.distance_m < 100
    assert not features.same_provider and not features.package and not features.placeholder_venue
    assert 0.0 <= features.title_similarity <= 1.0 and 0.0 < features.venue_similarity <= 1.0
    assert "PairEvidence(" in repr(pair) and "MergeEvidence(" in repr(evidence)


def test_the_same_listing_twice_is_merged_without_scoring() -> None:
    out = gigradar.dedup([TM, TM], explain=True)
    assert len(out.events) == 1
    assert out.merges[0].pairs[0].round == 0
    assert out.merges[0].pairs[0].features is None


def test_merge_into_keeps_existing_ids_and_reports_aliases() -> None:
    existing = gigradar.dedup([TM]).events
    out = gigradar.merge_into(existing, [BIT])
    assert [e.id for e in out.events] == [existing[0].id]
    assert source_keys(out.events[0]) == ["bandsintown:9", "ticketmaster:1"]
    assert out.aliases == {}
    assert len(out.merges) == 1

    # Two existing events of one show, joined by a new listing: one survives, one is an alias.
    two = gigradar.dedup([TM]).events + gigradar.dedup([EB]).events
    bridged = gigradar.merge_into(two, [BIT])
    assert len(bridged.events) == 1
    survivor = bridged.events[0].id
    assert survivor in {e.id for e in two}
    assert list(bridged.aliases.values()) == [survivor]
    assert set(bridged.aliases) == {e.id for e in two} - {survivor}


def test_dedup_wants_events() -> None:
    with pytest.raises(TypeError):
        gigradar.dedup(["not an event"])  # type: ignore[list-item]


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_dedup_does_not_depend_on_order_and_is_idempotent(rng: random.Random) -> None:
    listings = [TM, BIT, EB, NEXT_NIGHT]
    rng.shuffle(listings)
    once = gigradar.dedup(listings).events
    assert once == gigradar.dedup([TM, BIT, EB, NEXT_NIGHT]).events
    assert gigradar.dedup(once).events == once
