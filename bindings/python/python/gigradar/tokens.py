"""Where a Spotify sign-in's tokens live: the host's choice.

``gigradar.Spotify(..., token_store=store)`` takes any object with these three methods; gigradar
calls them when it signs in, refreshes, or finds a sign-in revoked. Persist the tokens where your
app keeps secrets (a keychain, an encrypted column): ``token.access_token.expose()`` and
``token.refresh_token.expose()`` give the text, and ``gigradar.SpotifyToken(...)`` rebuilds one.
Without a store, tokens live in memory for the life of the ``Spotify`` object.
"""

from __future__ import annotations

from typing import Protocol

from gigradar._native import SpotifyToken


class TokenStore(Protocol):
    """What ``gigradar.Spotify`` needs of a token store."""

    def load(self) -> SpotifyToken | None:
        """The saved tokens, or ``None`` when the user has not signed in."""
        ...

    def save(self, token: SpotifyToken) -> None:
        """Keep these tokens (after a sign-in or a refresh), replacing any before."""
        ...

    def clear(self) -> None:
        """Forget the tokens: the sign-in was revoked and the user must sign in again."""
        ...


class MemoryTokenStore:
    """Tokens in memory only: for tests, notebooks and one-shot jobs."""

    def __init__(self) -> None:
        self.token: SpotifyToken | None = None

    def load(self) -> SpotifyToken | None:
        return self.token

    def save(self, token: SpotifyToken) -> None:
        self.token = token

    def clear(self) -> None:
        self.token = None


__all__ = ["TokenStore", "MemoryTokenStore"]
