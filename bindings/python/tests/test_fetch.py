"""Fetcher against a loopback Ticketmaster Discovery API written in Python: pages, a 500 and a
429 before success, stats, the observer, and keys that never show."""

from __future__ import annotations

import copy
from typing import Any
import json
from pathlib import Path

import pytest

import gigradar

from loopback import Reply, Seen, serve

KEY = "tm-secret-key-0123456789"
SAMPLE = json.loads(
    (Path(__file__).resolve().parents[3] / "examples" / "data" / "ticketmaster_sample.json").read_text()
)
QUERY = gigradar.FetchQuery(
    "ticketmaster", lat=51.5074, lon=-0.1278, radius_km=20, from_="2026-01-01T00:00:00Z", to="2027-01-01T00:00:00Z"
)


def page(number: int) -> dict[str, Any]:
    """Page `number` of two: the three sample listings, with ids made unique per page."""
    body: dict[str, Any] = copy.deepcopy(SAMPLE)
    for item in body["_embedded"]["events"]:
        item["id"] = f"{item['id']}-p{number}"
    body["page"] = {"size": 3, "totalElements": 6, "totalPages": 2, "number": number}
    # As Ticketmaster writes it: a relative link without the key.
    body["_links"] = {"next": {"href": "/discovery/v2/events.json?page=1&size=200"}} if number == 0 else {}
    return body


def ticketmaster(seen: Seen, n: int) -> Reply:
    if seen.path != "/discovery/v2/events.json":
        return Reply(404, {"errors": [{"code": "DIS1004"}]})
    if seen.query.get("apikey") != KEY:
        return Reply(401, {"fault": {"faultstring": "Invalid ApiKey", "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}})
    if n == 0:
        return Reply(500, {"fault": {"faultstring": "internal"}})
    if n == 2:
        return Reply(429, {"fault": {"faultstring": "Spike arrest violation"}}, {"Retry-After": "1"})
    return Reply(200, page(int(seen.query.get("page", "0"))))


def test_fetch_pages_through_a_500_and_a_429_and_counts_them() -> None:
    told: list[gigradar.FetchEvent] = []
    with serve(ticketmaster) as server:
        fetcher = gigradar.Fetcher(
            overrides={"ticketmaster": gigradar.ProviderOverride(base_url=server.base_url, key=KEY)},
            observer=told.append,
        )
        batch = fetcher.fetch(QUERY)
    assert isinstance(batch, gigradar.Batch)
    assert batch.provider == "ticketmaster" and batch.is_complete
    assert len(batch.events) == 6
    assert {s.id for e in batch.events for s in e.sources} == {
        f"{item['id']}-p{n}" for item in SAMPLE["_embedded"]["events"] for n in (0, 1)
    }
    assert all(s.fetched_at for e in batch.events for s in e.sources)
    assert [p.url.split("page=")[1][0] for p in batch.pages] == ["0", "1"]
    assert all(p.bytes > 0 and p.fetched_at.endswith("Z") for p in batch.pages)
    # The server saw the key; nothing handed back to Python shows it.
    assert len(server.seen) == 4
    assert server.seen[0].query["geoPoint"] and server.seen[0].query["radius"] == "20"

    stats = fetcher.stats().provider("ticketmaster")
    assert stats is not None
    assert (stats.requests, stats.retries, stats.server_errors, stats.rate_limited, stats.failures) == (4, 2, 1, 1, 0)
    assert stats.bytes >= sum(p.bytes for p in batch.pages)
    assert sum(stats.latency_buckets) == stats.requests
    assert len(stats.latency_buckets) == len(stats.latency_bounds_ms) + 1
    assert stats.waited_ms >= 1000  # the 429's Retry-After
    assert fetcher.stats().provider("eventbrite") is None

    kinds = [e.kind for e in told]
    assert kinds.count("response") == 4 and kinds.count("retry") == 2
    assert [e.status for e in told if e.kind == "response"] == [500, 200, 429, 200]
    retry = next(e for e in told if e.kind == "retry")
    assert str(retry.path).endswith("/discovery/v2/events.json") and "?" not in str(retry.path)
    assert retry.attempt is not None and retry.reason
    assert all(e.latency_ms is not None for e in told if e.kind == "response")
    progress = [e for e in told if e.kind == "progress"]
    assert progress, "progress is reported after every page"
    assert [e.done for e in progress] == sorted(e.done or 0 for e in progress)
    assert progress[-1].events == progress[-1].done == len(batch.events)
    assert progress[-1].pages == 2

    shown = [repr(batch), repr(fetcher), repr(fetcher.stats()), repr(stats)]
    shown += [p.url for p in batch.pages] + [repr(e) for e in told] + [str(e.path) for e in told]
    assert not any(KEY in s for s in shown)


def test_a_rejected_key_is_a_failure_that_never_shows_the_key() -> None:
    told: list[gigradar.FetchEvent] = []
    override = gigradar.ProviderOverride(base_url="http://placeholder", key="wrong-" + KEY)
    assert KEY not in repr(override) and "REDACTED" in repr(override) and override.has_key
    with serve(ticketmaster) as server:
        fetcher = gigradar.Fetcher(
            overrides={"ticketmaster": gigradar.ProviderOverride(base_url=server.base_url, key="wrong-" + KEY)},
            observer=told.append,
        )
        batch = fetcher.fetch(QUERY)
    assert batch.events == [] and not batch.is_complete
    failure = batch.failures[0]
    assert failure.status == 401 and failure.provider == "ticketmaster"
    assert failure.query.startswith("/discovery/v2/events.json") or "events.json" in failure.query
    failures = [e for e in told if e.kind == "failure"]
    assert len(failures) == 1 and failures[0].message and failures[0].query
    for text in [failure.query, failure.message, repr(failure), str(failures[0].query), str(failures[0].message)]:
        assert KEY not in text


def test_a_long_retry_after_is_a_rate_limited_failure_with_its_seconds() -> None:
    def always_limited(seen: Seen, n: int) -> Reply:
        return Reply(429, {"fault": {"faultstring": "quota"}}, {"Retry-After": "3600"})

    with serve(always_limited) as server:
        fetcher = gigradar.Fetcher(
            overrides={"ticketmaster": gigradar.ProviderOverride(base_url=server.base_url, key=KEY)}
        )
        batch = fetcher.fetch(QUERY)
    assert batch.failures[0].status == 429 and batch.failures[0].retry_after == 3600
    stats = fetcher.stats().provider("ticketmaster")
    assert stats is not None and stats.rate_limited == 1 and stats.failures == 1


def test_the_environment_configures_the_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve(lambda seen, n: Reply(200, page(0) | {"page": {"totalPages": 1, "totalElements": 3}})) as server:
        monkeypatch.setenv("TICKETMASTER_API_KEY", KEY)
        monkeypatch.setenv("GIGRADAR_TICKETMASTER_BASE_URL", server.base_url)
        fetcher = gigradar.Fetcher()
        assert "ticketmaster" in repr(fetcher) and KEY not in repr(fetcher)
        batch = fetcher.fetch(QUERY)
    assert len(batch.events) == 3
    assert server.seen[0].query["apikey"] == KEY


def test_what_cannot_start_raises_typed_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TICKETMASTER_API_KEY", raising=False)
    with pytest.raises(gigradar.InvalidInputError, match="TICKETMASTER_API_KEY"):
        gigradar.Fetcher().fetch(QUERY)
    with pytest.raises(gigradar.UnknownProviderError):
        gigradar.FetchQuery("myspace")
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.Fetcher(overrides={"songkick": gigradar.ProviderOverride(key="k")})
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.FetchQuery("ticketmaster", from_="soon")
    with pytest.raises(TypeError):
        gigradar.Fetcher(observer="not callable")  # type: ignore[arg-type]
    assert QUERY.provider == "ticketmaster" and "ticketmaster" in repr(QUERY)


def test_an_observer_that_raises_does_not_stop_the_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(event: gigradar.FetchEvent) -> None:
        raise RuntimeError("observer bug")

    unraisable: list[object] = []
    monkeypatch.setattr("sys.unraisablehook", unraisable.append)
    with serve(lambda seen, n: Reply(200, page(0) | {"page": {"totalPages": 1, "totalElements": 3}})) as server:
        fetcher = gigradar.Fetcher(
            overrides={"ticketmaster": gigradar.ProviderOverride(base_url=server.base_url, key=KEY)},
            observer=broken,
        )
        batch = fetcher.fetch(QUERY)
    assert len(batch.events) == 3
    assert unraisable
