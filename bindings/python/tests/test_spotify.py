"""Spotify sign-in (PKCE) and listening signals against a loopback server that acts as Spotify's
accounts service and Web API; tokens live in a store written in Python."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import gigradar

from loopback import Reply, Seen, serve

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"
REDIRECT = "http://127.0.0.1:8888/callback"
ACCESS, REFRESH, FRESH = "AT-secret-1", "RT-secret-1", "AT-secret-2"


def body(name: str) -> Any:
    return json.loads((DATA / name).read_text())


class Store:
    """A host token store that records what gigradar asked of it."""

    def __init__(self, token: gigradar.SpotifyToken | None = None) -> None:
        self.token = token
        self.calls: list[str] = []

    def load(self) -> gigradar.SpotifyToken | None:
        self.calls.append("load")
        return self.token

    def save(self, token: gigradar.SpotifyToken) -> None:
        self.calls.append("save")
        self.token = token

    def clear(self) -> None:
        self.calls.append("clear")
        self.token = None


class SpotifyWorld:
    """Accounts (authorize is the user's browser; /api/token here) and the Web API."""

    def __init__(self) -> None:
        self.challenge: str | None = None
        self.refresh_answer = Reply(200, {"access_token": FRESH, "expires_in": 3600, "token_type": "Bearer"})

    def __call__(self, seen: Seen, n: int) -> Reply:
        if seen.method == "POST" and seen.path == "/api/token":
            return self.token(seen)
        if seen.headers.get("authorization") not in (f"Bearer {ACCESS}", f"Bearer {FRESH}"):
            return Reply(401, {"error": {"status": 401, "message": "The access token expired"}})
        if seen.path == "/v1/me/top/artists":
            if seen.query.get("offset", "0") != "0":
                return Reply(200, {"items": [], "next": None, "offset": 10})
            term = seen.query["time_range"]
            if term == "medium_term":
                return Reply(200, {"items": [], "next": None, "offset": 0})
            return Reply(200, body(f"spotify_top_{term}.json"))
        if seen.path == "/v1/me/following":
            return Reply(200, body("spotify_following.json"))
        return Reply(404, {"error": {"status": 404, "message": "no such path"}})

    def token(self, seen: Seen) -> Reply:
        form = seen.form
        if form.get("grant_type") == "authorization_code":
            verifier = form["code_verifier"].encode()
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if form.get("code") != "the-code" or challenge != self.challenge:
                return Reply(400, {"error": "invalid_grant", "error_description": "bad code or verifier"})
            return Reply(
                200,
                {
                    "access_token": ACCESS,
                    "refresh_token": REFRESH,
                    "expires_in": 3600,
                    "scope": "user-top-read user-follow-read",
                },
            )
        if form.get("grant_type") == "refresh_token" and form.get("refresh_token") == REFRESH:
            return self.refresh_answer
        return Reply(400, {"error": "invalid_grant", "error_description": "Refresh token revoked"})


def signed_in(world: SpotifyWorld, base_url: str, store: Store) -> gigradar.Spotify:
    spotify = gigradar.Spotify(
        "client-123", REDIRECT, accounts_base_url=base_url, api_base_url=base_url, token_store=store
    )
    url, state = spotify.begin_sign_in()
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert url.startswith(f"{base_url}/authorize?")
    assert query["client_id"] == "client-123" and query["redirect_uri"] == REDIRECT
    assert query["code_challenge_method"] == "S256" and query["state"] == state
    assert set(query["scope"].split()) == {"user-top-read", "user-follow-read"}
    world.challenge = query["code_challenge"]
    spotify.finish_sign_in(f"{REDIRECT}?code=the-code&state={state}")
    return spotify


def test_sign_in_then_signals_into_a_profile() -> None:
    world, store = SpotifyWorld(), Store()
    with serve(world) as server:
        spotify = signed_in(world, server.base_url, store)
        assert "save" in store.calls and store.token is not None
        token = store.token
        assert token.access_token.expose() == ACCESS
        assert token.refresh_token is not None and token.refresh_token.expose() == REFRESH
        assert token.scopes == ["user-top-read", "user-follow-read"]
        assert dt.datetime.fromisoformat(token.expires_at.replace("Z", "+00:00")) > dt.datetime.now(dt.timezone.utc)
        for shown in (repr(token), str(token.access_token), repr(token.refresh_token), repr(spotify)):
            assert ACCESS not in shown and REFRESH not in shown
        signals = spotify.signals()
        stats = spotify.stats().provider("spotify")
    assert {t.term for t in signals.top} == {"short_term", "long_term"}
    short = [t for t in signals.top if t.term == "short_term"]
    assert [t.rank for t in short] == list(range(1, 11))
    assert short[0].artist.name == body("spotify_top_short_term.json")["items"][0]["name"]
    assert len(signals.followed) == 6 and all(isinstance(a, gigradar.SpotifyArtist) for a in signals.followed)
    assert stats is not None and stats.requests == len(server.seen)

    me = gigradar.Profile()
    signals.add_to(me)
    names = {a["name"] for a in json.loads(me.to_json())["artists"]}
    assert {t.artist.name for t in signals.top} | {a.name for a in signals.followed} == names


def test_a_stale_or_forged_callback_is_invalid_input() -> None:
    world = SpotifyWorld()
    with serve(world) as server:
        spotify = gigradar.Spotify("c", REDIRECT, accounts_base_url=server.base_url, api_base_url=server.base_url)
        spotify.begin_sign_in()
        with pytest.raises(gigradar.InvalidInputError, match="state"):
            spotify.finish_sign_in(f"{REDIRECT}?code=the-code&state=forged")
        with pytest.raises(gigradar.InvalidInputError, match="refused"):
            spotify.finish_sign_in(f"{REDIRECT}?error=access_denied&state=x")
        with pytest.raises(gigradar.InvalidInputError):
            spotify.finish_sign_in("not a url")
        assert server.seen == []  # nothing was sent for a bad callback


def test_not_signed_in_means_reauth_required() -> None:
    with pytest.raises(gigradar.ReauthRequiredError):
        gigradar.Spotify("c", REDIRECT, api_base_url="http://127.0.0.1:9").signals()


def test_an_expired_token_from_the_store_is_refreshed_and_saved() -> None:
    world = SpotifyWorld()
    expired = gigradar.SpotifyToken(ACCESS, REFRESH, dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), ["user-top-read"])
    store = Store(expired)
    with serve(world) as server:
        spotify = gigradar.Spotify(
            "c", REDIRECT, accounts_base_url=server.base_url, api_base_url=server.base_url, token_store=store
        )
        signals = spotify.signals()
    assert len(signals.followed) == 6
    assert store.token is not None and store.token.access_token.expose() == FRESH
    # Spotify no longer rotates refresh tokens: the old one is kept.
    assert store.token.refresh_token is not None and store.token.refresh_token.expose() == REFRESH
    assert [s.form.get("grant_type") for s in server.seen if s.method == "POST"] == ["refresh_token"]


def test_a_revoked_refresh_token_clears_the_store_and_asks_to_sign_in_again() -> None:
    world = SpotifyWorld()
    world.refresh_answer = Reply(400, {"error": "invalid_grant", "error_description": "Refresh token revoked"})
    store = Store(gigradar.SpotifyToken(ACCESS, REFRESH, "2020-01-01T00:00:00Z"))
    with serve(world) as server:
        spotify = gigradar.Spotify(
            "c", REDIRECT, accounts_base_url=server.base_url, api_base_url=server.base_url, token_store=store
        )
        with pytest.raises(gigradar.ReauthRequiredError) as caught:
            spotify.signals()
    assert "clear" in store.calls and store.token is None
    assert REFRESH not in str(caught.value)


def test_a_long_rate_limit_is_rate_limited_error_with_retry_after() -> None:
    def limited(seen: Seen, n: int) -> Reply:
        return Reply(429, {"error": {"status": 429, "message": "API rate limit exceeded"}}, {"Retry-After": "7200"})

    store = Store(gigradar.SpotifyToken(ACCESS, REFRESH, "2999-01-01T00:00:00Z"))
    with serve(limited) as server:
        spotify = gigradar.Spotify("c", REDIRECT, api_base_url=server.base_url, token_store=store)
        with pytest.raises(gigradar.RateLimitedError) as caught:
            spotify.signals()
    assert caught.value.retry_after == 7200 and caught.value.provider == "spotify"
    assert isinstance(caught.value, gigradar.ProviderError)


def test_token_stores_are_checked_and_the_memory_store_works() -> None:
    with pytest.raises(TypeError, match="load"):
        gigradar.Spotify("c", REDIRECT, token_store=object())  # type: ignore[arg-type]
    memory = gigradar.MemoryTokenStore()
    token = gigradar.SpotifyToken(ACCESS, None, "2030-01-01T00:00:00+01:00")
    memory.save(token)
    assert memory.load() is token and token.refresh_token is None
    assert token.expires_at == "2029-12-31T23:00:00Z"
    memory.clear()
    assert memory.load() is None
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.SpotifyToken(ACCESS, None, dt.datetime(2030, 1, 1))
    secret = gigradar.Secret("s3cr3t")
    assert "s3cr3t" not in repr(secret) + str(secret) and secret.expose() == "s3cr3t"
