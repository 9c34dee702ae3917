from typing import final

__all__ = ["Event", "ExternalIds", "ParseResult", "Performer", "Price", "Problem", "Source", "Venue", "parse"]

@final
class Event:
    """
    One show: a performance at a place and time, with every provider listing behind it.

    `start` is the exact instant as an RFC 3339 string with the venue's offset
    (`datetime.fromisoformat(event.start)` reads it); `local_date` is `YYYY-MM-DD` and
    `local_time` `HH:MM:SS`, as shown at the venue. Each is `None` when not announced.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def category(self, /) -> str:
        """
        `music`, `sports`, `arts`, `comedy`, `family`, `film` or `other`.
        """
    @property
    def end(self, /) -> str | None: ...
    @staticmethod
    def from_dict(data: "dict[str, object]") -> "Event":
        """
        The event from a dict shaped like its canonical JSON (as returned by `to_dict`).
        """
    @staticmethod
    def from_json(json: str) -> Event:
        """
        The event from its canonical JSON (as written by `to_json`).
        """
    @property
    def genres(self, /) -> list[str]: ...
    @property
    def id(self, /) -> str: ...
    @property
    def image(self, /) -> str | None: ...
    @property
    def local_date(self, /) -> str | None: ...
    @property
    def local_time(self, /) -> str | None: ...
    @property
    def performers(self, /) -> list[Performer]:
        """
        In billing order; the first headliner tops the bill.
        """
    @property
    def price(self, /) -> Price | None: ...
    @property
    def sources(self, /) -> list[Source]: ...
    @property
    def start(self, /) -> str | None: ...
    @property
    def status(self, /) -> str:
        """
        `scheduled`, `cancelled`, `postponed` or `rescheduled`.
        """
    @property
    def timezone(self, /) -> str | None:
        """
        The venue's IANA time zone.
        """
    @property
    def title(self, /) -> str: ...
    def to_dict(self, /) -> "dict[str, object]":
        """
        The canonical JSON of the event as a dict of plain Python values.
        """
    def to_json(self, /) -> str:
        """
        The canonical JSON of the event: one line, the same as the `gigradar` command writes.
        """
    @property
    def url(self, /) -> str | None: ...
    @property
    def venue(self, /) -> Venue | None: ...

@final
class ExternalIds:
    """
    Ids of one artist or venue in other systems; `None` where unknown.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def bandsintown(self, /) -> str | None: ...
    @property
    def dice(self, /) -> str | None: ...
    @property
    def eventbrite(self, /) -> str | None: ...
    @property
    def musicbrainz(self, /) -> str | None: ...
    @property
    def seatgeek(self, /) -> str | None: ...
    @property
    def songkick(self, /) -> str | None: ...
    @property
    def spotify(self, /) -> str | None: ...
    @property
    def ticketmaster(self, /) -> str | None: ...

@final
class ParseResult:
    """
    The result of parsing one payload: the good events, and a problem per item that was skipped.
    """
    def __repr__(self, /) -> str: ...
    @property
    def events(self, /) -> list[Event]: ...
    @property
    def problems(self, /) -> list[Problem]: ...

@final
class Performer:
    """
    Someone on the bill.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def ids(self, /) -> ExternalIds: ...
    @property
    def name(self, /) -> str: ...
    @property
    def role(self, /) -> str:
        """
        `headliner` or `support`.
        """

@final
class Price:
    """
    A ticket price range.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def currency(self, /) -> str:
        """
        ISO 4217 code, upper case.
        """
    @property
    def max(self, /) -> float: ...
    @property
    def min(self, /) -> float: ...

@final
class Problem:
    """
    Something wrong with one item of a payload; the rest of the payload was kept.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    def __str__(self, /) -> str: ...
    @property
    def index(self, /) -> int | None:
        """
        Index of the item in the payload, when it came from a list.
        """
    @property
    def item_id(self, /) -> str | None:
        """
        The provider's id of the item, when it has one.
        """
    @property
    def message(self, /) -> str: ...
    @property
    def provider(self, /) -> str: ...

@final
class Source:
    """
    One provider listing behind an event.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def fetched_at(self, /) -> str | None:
        """
        RFC 3339, UTC; `None` unless the caller stamped it.
        """
    @property
    def id(self, /) -> str:
        """
        The provider's id of the listing.
        """
    @property
    def provider(self, /) -> str: ...
    @property
    def url(self, /) -> str | None: ...

@final
class Venue:
    """
    Where the show happens.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def address(self, /) -> str | None: ...
    @property
    def city(self, /) -> str | None: ...
    @property
    def country(self, /) -> str | None:
        """
        ISO 3166-1 alpha-2 code.
        """
    @property
    def ids(self, /) -> ExternalIds: ...
    @property
    def lat(self, /) -> float | None:
        """
        Degrees; `None` when the provider gives no valid coordinates.
        """
    @property
    def lon(self, /) -> float | None: ...
    @property
    def name(self, /) -> str: ...
    @property
    def postal_code(self, /) -> str | None: ...
    @property
    def region(self, /) -> str | None: ...

def parse(provider: str, payload: "bytes | str") -> "ParseResult":
    """
    Parse one payload of `provider` (`"ticketmaster"`, `"bandsintown"`, `"eventbrite"`,
    `"dice"`, `"seatgeek"` or `"songkick"`) into canonical events.

    One malformed item does not sink the page: it becomes a `Problem` and the rest is kept.
    Raises `UnknownProviderError` for an unknown provider and `InvalidInputError` for a
    payload that is not that provider's at all. The GIL is released while parsing.
    """
