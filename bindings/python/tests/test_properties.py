"""Properties that hold for any input: parsing never fails with anything but a typed error,
and whatever it returns survives the JSON round trip."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import gigradar

PROVIDERS = ["ticketmaster", "bandsintown", "eventbrite", "dice", "seatgeek", "songkick"]

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)

# Ticketmaster-shaped items with plausible and implausible values in the fields parsers read.
tm_items = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=20) | st.integers(),
        "name": st.text(max_size=40) | st.none(),
        "url": st.sampled_from(["https://t.example/e/1", "javascript:alert(1)", ""]) | st.text(),
        "dates": st.fixed_dictionaries(
            {},
            optional={
                "start": st.fixed_dictionaries(
                    {},
                    optional={
                        "localDate": st.dates().map(str) | st.text(max_size=12),
                        "localTime": st.times().map(lambda t: t.strftime("%H:%M:%S"))
                        | st.text(max_size=10),
                        "dateTime": st.text(max_size=25),
                    },
                ),
                "timezone": st.sampled_from(["Europe/London", "America/New_York", "Mars/Base", ""]),
                "status": st.fixed_dictionaries({"code": st.text(max_size=12)}),
            },
        ),
        "_embedded": json_values,
        "priceRanges": json_values,
    },
)


@settings(max_examples=150, deadline=None)
@given(provider=st.sampled_from(PROVIDERS), payload=st.binary(max_size=300) | st.text(max_size=300))
def test_arbitrary_payloads_parse_or_raise_invalid_input(provider: str, payload: bytes | str) -> None:
    try:
        gigradar.parse(provider, payload)
    except gigradar.InvalidInputError:
        pass


@settings(max_examples=150, deadline=None)
@given(items=st.lists(tm_items, max_size=5))
def test_parsed_events_round_trip_and_problems_name_their_item(items: list[dict[str, Any]]) -> None:
    page = json.dumps({"_embedded": {"events": items}})
    try:
        result = gigradar.parse("ticketmaster", page)
    except gigradar.InvalidInputError:
        return
    assert len(result.events) + len(result.problems) <= len(items)
    for event in result.events:
        assert gigradar.Event.from_json(event.to_json()) == event
        assert gigradar.Event.from_dict(event.to_dict()) == event
    for problem in result.problems:
        assert problem.index is None or 0 <= problem.index < len(items)
