"""Profile, Weights, EventSet, rank and rank_many from Python, on the sample data of examples/data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import gigradar

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"
NOW = "2026-12-02T18:00:00Z"
HIGHBURY = (51.5465, -0.1058)


def sample_profile() -> gigradar.Profile:
    me = gigradar.Profile()
    assert me.add_spotify_top((DATA / "spotify_top_short_term.json").read_bytes(), "short_term") == []
    assert me.add_spotify_top((DATA / "spotify_top_long_term.json").read_text()) == []
    assert me.add_spotify_followed((DATA / "spotify_following.json").read_bytes()) == []
    me.add_picks((DATA / "picks.json").read_text())
    return me


@pytest.fixture(scope="module")
def shows() -> gigradar.EventSet:
    return gigradar.EventSet.from_jsonl((DATA / "sample_events.jsonl").read_bytes())


def test_a_ranked_feed_with_reasons_that_sum_to_each_score(shows: gigradar.EventSet) -> None:
    feed = gigradar.rank(sample_profile(), shows, NOW, *HIGHBURY, k=10)
    assert len(feed) == 10
    assert [r.score for r in feed] == sorted((r.score for r in feed), reverse=True)
    for r in feed:
        assert isinstance(r.event, gigradar.Event)
        assert r.reasons, r
        assert sum(x.contribution for x in r.reasons) == pytest.approx(r.score)
        assert {x.kind for x in r.reasons} <= {"artist", "genre", "distance", "time", "feedback"}
    top = feed[0]
    artist = next(x for x in top.reasons if x.kind == "artist")
    assert artist.artist and artist.role in ("headliner", "support")
    assert artist.source in ("picked", "spotify_top", "spotify_followed", "listened")
    distance = next(x for x in top.reasons if x.kind == "distance")
    assert distance.distance_km is not None and distance.text.endswith("km away")
    time = next(x for x in top.reasons if x.kind == "time")
    assert time.days_until is not None and time.days_until > 0
    assert str(time) == time.text


def test_an_aware_datetime_and_rfc_3339_text_rank_the_same(shows: gigradar.EventSet) -> None:
    me = sample_profile()
    at = dt.datetime(2026, 12, 2, 19, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    as_text = gigradar.rank(me, shows, NOW, *HIGHBURY)
    as_datetime = gigradar.rank(me, shows, at, *HIGHBURY)
    assert [(r.event.id, r.score) for r in as_datetime] == [(r.event.id, r.score) for r in as_text]
    later = gigradar.rank(me, shows, "2026-12-20T18:00:00Z", *HIGHBURY)
    assert [r.event.id for r in later] != [r.event.id for r in as_text]


@pytest.mark.parametrize(
    "now, lat, lon, radius_km",
    [
        ("yesterday", 51.5, -0.1, 50.0),
        (dt.datetime(2026, 12, 2, 18, 0), 51.5, -0.1, 50.0),  # naive: which zone?
        (NOW, 91.0, -0.1, 50.0),
        (NOW, 51.5, 181.0, 50.0),
        (NOW, float("nan"), -0.1, 50.0),
        (NOW, 51.5, -0.1, 0.0),
        (NOW, 51.5, -0.1, float("inf")),
    ],
)
def test_invalid_now_place_or_radius_is_invalid_input(
    shows: gigradar.EventSet, now: dt.datetime | str, lat: float, lon: float, radius_km: float
) -> None:
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.rank(gigradar.Profile(), shows, now, lat, lon, radius_km=radius_km)


def test_weights_have_the_core_defaults_and_change_the_ranking(shows: gigradar.EventSet) -> None:
    w = gigradar.Weights()
    assert (w.headliner, w.support, w.genre, w.distance, w.time) == (40.0, 15.0, 20.0, 10.0, 10.0)
    assert gigradar.Weights(genre=0.0) != w and gigradar.Weights(genre=0.0).headliner == 40.0
    me = sample_profile()
    no_genres = gigradar.rank(me, shows, NOW, *HIGHBURY, weights=gigradar.Weights(genre=0.0))
    assert no_genres and not any(x.kind == "genre" for r in no_genres for x in r.reasons)
    assert all(x.contribution != 0.0 for r in no_genres for x in r.reasons)
    assert any(
        x.kind == "genre" and x.contribution > 0
        for r in gigradar.rank(me, shows, NOW, *HIGHBURY)
        for x in r.reasons
    )


def test_k_radius_and_headliner_cap(shows: gigradar.EventSet) -> None:
    me = sample_profile()
    assert len(gigradar.rank(me, shows, NOW, *HIGHBURY, k=3)) == 3
    near = gigradar.rank(me, shows, NOW, *HIGHBURY, radius_km=3.0, k=50)
    assert near and all(
        x.distance_km is None or x.distance_km <= 3.0 for r in near for x in r.reasons
    )
    capped = gigradar.rank(me, shows, NOW, *HIGHBURY, k=50, max_per_headliner=1)
    headliners = [r.event.performers[0].name for r in capped if r.event.performers]
    assert len(headliners) == len(set(headliners))


def test_feedback_hides_and_saves(shows: gigradar.EventSet) -> None:
    me = sample_profile()
    feed = gigradar.rank(me, shows, NOW, *HIGHBURY, k=5)
    hidden, saved = feed[0].event, feed[3].event
    at = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc)
    me.add_feedback(hidden, "hide", at)
    me.add_feedback(saved, "save", "2026-12-01T12:00:00Z")
    after = gigradar.rank(me, shows, NOW, *HIGHBURY, k=50)
    assert hidden.id not in [r.event.id for r in after]
    saved_row = next(r for r in after if r.event.id == saved.id)
    assert any(x.kind == "feedback" and x.action == "save" for x in saved_row.reasons)
    with pytest.raises(gigradar.InvalidInputError, match="save, skip, hide"):
        me.add_feedback(saved, "love", at)
    with pytest.raises(gigradar.InvalidInputError):
        me.add_feedback(saved, "save", dt.datetime(2026, 12, 1))


def test_profile_json_round_trip_and_bad_input() -> None:
    me = sample_profile()
    again = gigradar.Profile.from_json(me.to_json())
    assert again.to_json() == me.to_json()
    data = json.loads(me.to_json())
    assert data["home"] == {"lat": 51.5465, "lon": -0.1058, "radius_km": 25.0}
    assert {"Floating Points", "Little Simz"} <= {a["name"] for a in data["artists"]}
    assert "artists=" in repr(me)
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.Profile.from_json("{")
    with pytest.raises(gigradar.InvalidInputError):
        me.add_picks('{"artist": ["typo in the field name"]}')
    with pytest.raises(gigradar.InvalidInputError, match="short_term"):
        me.add_spotify_top((DATA / "spotify_top_short_term.json").read_bytes(), "yesterday")
    with pytest.raises(gigradar.InvalidInputError):
        me.add_spotify_followed(b'{"error": {"status": 401, "message": "The access token expired"}}')


def test_spotify_terms_come_from_the_argument_or_the_response() -> None:
    top = (DATA / "spotify_top_short_term.json").read_bytes()
    said, read = gigradar.Profile(), gigradar.Profile()
    said.add_spotify_top(top, "long_term")
    read.add_spotify_top(top)
    assert "long_term" in said.to_json() and "long_term" not in read.to_json()
    assert "short_term" in read.to_json()


def test_event_set_from_jsonl_and_from_events_agree(shows: gigradar.EventSet) -> None:
    text = (DATA / "sample_events.jsonl").read_text()
    events = [gigradar.Event.from_json(line) for line in text.splitlines() if line.strip()]
    built = gigradar.EventSet(events)
    assert len(built) == len(shows) == len(events) == len(gigradar.EventSet.from_jsonl(text + "\n\n"))
    assert [built.event(i) for i in range(len(built))] == [shows.event(i) for i in range(len(shows))]
    with pytest.raises(IndexError):
        shows.event(len(shows))
    assert "EventSet(" in repr(shows)


def test_a_bad_json_line_names_its_line() -> None:
    lines = (DATA / "sample_events.jsonl").read_text().splitlines()
    lines.insert(2, '{"id": "x", "title": "no sources"}')
    with pytest.raises(gigradar.InvalidInputError, match="line 3"):
        gigradar.EventSet.from_jsonl("\n".join(lines))
    with pytest.raises(gigradar.InvalidInputError, match="UTF-8"):
        gigradar.EventSet.from_jsonl(b"\xff\xfe")


def test_rank_many_matches_rank_for_each_profile(shows: gigradar.EventSet) -> None:
    people = [sample_profile(), gigradar.Profile()]
    picky = gigradar.Profile()
    picky.add_picks('{"genres": ["jazz"], "disliked_genres": ["techno"]}')
    people.append(picky)
    together = gigradar.rank_many(people, shows, NOW, *HIGHBURY, k=5)
    one_by_one = [gigradar.rank(p, shows, NOW, *HIGHBURY, k=5) for p in people]
    assert [[(r.event.id, r.score) for r in feed] for feed in together] == [
        [(r.event.id, r.score) for r in feed] for feed in one_by_one
    ]
    single = gigradar.rank_many(people, shows, NOW, *HIGHBURY, k=5, threads=1)
    assert [[r.event.id for r in f] for f in single] == [[r.event.id for r in f] for f in together]
    assert gigradar.rank_many([], shows, NOW, *HIGHBURY) == []
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.rank_many(people, shows, NOW, 95.0, 0.0)
