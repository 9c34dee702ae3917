"""gigradar.parse over the real provider payloads, and the shape of what it returns."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import gigradar
from conftest import FIXTURES, fixture_files, require_fixtures

TICKETMASTER = fixture_files("ticketmaster")
# Providers whose parsers may not exist yet on this branch: their payloads must parse or be
# refused as invalid input, never anything else.
OTHER_EVENT_PAYLOADS = [
    p
    for provider in ("bandsintown", "eventbrite", "seatgeek", "songkick")
    for p in fixture_files(provider)
]


def test_fixtures_are_present_or_skipped_loudly() -> None:
    require_fixtures()
    assert TICKETMASTER, f"no Ticketmaster payloads under {FIXTURES}"


@pytest.mark.parametrize("path", TICKETMASTER, ids=lambda p: p.name)
def test_every_ticketmaster_payload_parses_into_typed_events(path: Path) -> None:
    result = gigradar.parse("ticketmaster", path.read_bytes())
    assert isinstance(result, gigradar.ParseResult)
    assert result.events, "a real page has events"
    for event in result.events:
        assert isinstance(event, gigradar.Event)
        assert event.id and event.title
        assert event.category in {"music", "sports", "arts", "comedy", "family", "film", "other"}
        assert event.status in {"scheduled", "cancelled", "postponed", "rescheduled"}
        assert all(isinstance(p, gigradar.Performer) for p in event.performers)
        assert all(p.role in {"headliner", "support"} for p in event.performers)
        assert all(isinstance(p.ids, gigradar.ExternalIds) for p in event.performers)
        assert event.venue is None or isinstance(event.venue, gigradar.Venue)
        assert event.price is None or isinstance(event.price, gigradar.Price)
        assert [s.provider for s in event.sources] == ["ticketmaster"]
        assert all(isinstance(s, gigradar.Source) for s in event.sources)
    for problem in result.problems:
        assert isinstance(problem, gigradar.Problem)
        assert problem.provider == "ticketmaster"


@pytest.mark.parametrize("path", TICKETMASTER, ids=lambda p: p.name)
def test_attributes_are_the_canonical_json(path: Path) -> None:
    for event in gigradar.parse("ticketmaster", path.read_bytes()).events:
        d = event.to_dict()
        assert d == json.loads(event.to_json())
        assert d["id"] == event.id and d["title"] == event.title
        assert d["start"] == event.start
        assert d["local_date"] == event.local_date and d["local_time"] == event.local_time
        assert d["category"] == event.category and d["status"] == event.status
        assert [p["name"] for p in d["performers"]] == [p.name for p in event.performers]
        if event.venue is not None:
            assert d["venue"]["name"] == event.venue.name
            assert d["venue"].get("lat") == event.venue.lat


@pytest.mark.parametrize("path", TICKETMASTER, ids=lambda p: p.name)
def test_events_round_trip_through_json_and_dict(path: Path) -> None:
    for event in gigradar.parse("ticketmaster", path.read_bytes()).events:
        assert gigradar.Event.from_json(event.to_json()) == event
        assert gigradar.Event.from_dict(event.to_dict()) == event
        assert gigradar.Event.from_dict(event.to_dict()).to_json() == event.to_json()


def test_start_is_rfc3339_with_the_venue_offset(la_page: bytes) -> None:
    event = gigradar.parse("ticketmaster", la_page).events[0]
    assert event.start is not None and event.local_date is not None
    start = dt.datetime.fromisoformat(event.start)
    assert start.utcoffset() is not None
    assert start.date().isoformat() == event.local_date
    assert event.local_time == start.time().isoformat()
    assert event.timezone == "America/Los_Angeles"


def test_text_and_bytes_payloads_agree(la_page: bytes) -> None:
    from_bytes = gigradar.parse("ticketmaster", la_page)
    from_text = gigradar.parse("ticketmaster", la_page.decode("utf-8"))
    assert from_bytes.events == from_text.events


def test_a_bad_item_is_a_problem_and_the_rest_is_kept() -> None:
    page = {
        "_embedded": {
            "events": [
                {"id": "G1", "name": "Bicep", "dates": {"start": {"localDate": "2026-05-01"}}},
                {"name": "no id"},
            ]
        }
    }
    result = gigradar.parse("ticketmaster", json.dumps(page))
    assert [e.title for e in result.events] == ["Bicep"]
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.index == 1 and problem.provider == "ticketmaster"
    assert "ticketmaster item 1" in str(problem)
    assert "Problem(provider='ticketmaster'" in repr(problem)


def test_reprs_are_readable(la_page: bytes) -> None:
    result = gigradar.parse("ticketmaster", la_page)
    assert repr(result) == "ParseResult(events=<20 events>, problems=<0 problems>)"
    event = result.events[0]
    text = repr(event)
    assert text.startswith("Event(id='ev_") and "title='2024 IU HEREH WORLD TOUR CONCERT'" in text
    assert "venue='Kia Forum'" in text and "Some(" not in text
    assert repr(event.performers[0]) == "Performer(name='IU', role='headliner')"
    assert event.venue is not None and repr(event.venue).startswith("Venue(name='Kia Forum'")


@pytest.mark.parametrize("path", OTHER_EVENT_PAYLOADS, ids=lambda p: p.name)
def test_other_providers_parse_or_refuse_as_invalid_input(path: Path) -> None:
    try:
        result = gigradar.parse(path.parent.name, path.read_bytes())
    except gigradar.InvalidInputError:
        return
    for event in result.events:
        assert gigradar.Event.from_json(event.to_json()) == event


def test_the_issue_one_liner_prints_an_event() -> None:
    require_fixtures()
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    code = (
        "import gigradar; print(gigradar.parse('ticketmaster', "
        "open('../shared/fixtures/ticketmaster/events_la_keyword_2024.json').read()).events[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, check=True, capture_output=True, text=True
    )
    assert out.stdout.startswith("Event(id='ev_")
