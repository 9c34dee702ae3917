"""gigradar: live-event discovery.

Turn the listings of ticketing and music services into one catalogue of canonical events::

    import gigradar

    result = gigradar.parse("ticketmaster", open("page.json", "rb").read())
    for event in result.events:
        print(event.title, event.start, event.venue.name if event.venue else None)
    for problem in result.problems:
        print("skipped:", problem)

Every error is a ``gigradar.GigradarError``; see ``gigradar.errors``.
"""

from gigradar._native import (
    Event,
    ExternalIds,
    ParseResult,
    Performer,
    Price,
    Problem,
    Source,
    Venue,
    parse,
)
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
