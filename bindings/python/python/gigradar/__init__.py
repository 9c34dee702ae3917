"""gigradar: live-event discovery.

Turn the listings of ticketing and music services into one catalogue of canonical events, learn
what a person likes, and rank upcoming shows for them with reasons::

    import gigradar

    result = gigradar.parse("ticketmaster", open("page.json", "rb").read())
    events = gigradar.dedup(result.events).events      # one event per performance
    shows = gigradar.EventSet(events)                   # built once, ranked many times

    me = gigradar.Profile()
    me.add_picks(open("picks.json").read())
    me.add_spotify_top(open("top.json", "rb").read(), "short_term")
    for r in gigradar.rank(me, shows, "2026-12-02T18:00:00Z", 51.5465, -0.1058):
        print(round(r.score), r.event.title, " · ".join(x.text for x in r.reasons))

Every error is a ``gigradar.GigradarError``; see ``gigradar.errors``.
"""

from gigradar._native import (
    Batch,
    DedupResult,
    Event,
    EventSet,
    ExternalIds,
    FetchEvent,
    Fetcher,
    FetchQuery,
    MergeEvidence,
    MergeResult,
    PageFailure,
    PageSummary,
    PairEvidence,
    PairFeatures,
    ParseResult,
    Performer,
    Price,
    Problem,
    Profile,
    ProviderOverride,
    ProviderStats,
    Ranked,
    Reason,
    Secret,
    Source,
    Spotify,
    SpotifyArtist,
    SpotifySignals,
    SpotifyToken,
    StatsSnapshot,
    TopArtist,
    Venue,
    Weights,
    dedup,
    merge_into,
    parse,
    rank,
    rank_many,
)
from gigradar.tokens import MemoryTokenStore, TokenStore
from gigradar.errors import (
    GigradarError,
    InvalidInputError,
    NetworkError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    ReauthRequiredError,
    StorageError,
    UnknownProviderError,
)

__all__ = [
    "parse",
    "ParseResult",
    "Event",
    "Performer",
    "ExternalIds",
    "Venue",
    "Price",
    "Source",
    "Problem",
    "dedup",
    "merge_into",
    "DedupResult",
    "MergeResult",
    "MergeEvidence",
    "PairEvidence",
    "PairFeatures",
    "Profile",
    "Weights",
    "EventSet",
    "rank",
    "rank_many",
    "Ranked",
    "Reason",
    "Fetcher",
    "ProviderOverride",
    "FetchQuery",
    "Batch",
    "PageSummary",
    "PageFailure",
    "FetchEvent",
    "StatsSnapshot",
    "ProviderStats",
    "Spotify",
    "SpotifyToken",
    "Secret",
    "TokenStore",
    "MemoryTokenStore",
    "SpotifySignals",
    "SpotifyArtist",
    "TopArtist",
    "GigradarError",
    "InvalidInputError",
    "UnknownProviderError",
    "NotFoundError",
    "ProviderError",
    "RateLimitedError",
    "NetworkError",
    "StorageError",
    "ReauthRequiredError",
]
