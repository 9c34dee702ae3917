from _typeshed import SupportsGetItem
from collections.abc import Callable
from datetime import datetime
from gigradar.tokens import TokenStore
from typing import SupportsFloat, SupportsIndex, final

__all__ = ["Batch", "DedupResult", "Event", "EventSet", "ExternalIds", "FetchEvent", "FetchQuery", "Fetcher", "MergeEvidence", "MergeResult", "PageFailure", "PageSummary", "PairEvidence", "PairFeatures", "ParseResult", "Performer", "Price", "Problem", "Profile", "ProviderOverride", "ProviderStats", "Ranked", "Reason", "Secret", "Source", "Spotify", "SpotifyArtist", "SpotifySignals", "SpotifyToken", "StatsSnapshot", "TopArtist", "Venue", "Weights", "dedup", "merge_into", "parse", "rank", "rank_many"]

@final
class Batch:
    """
    What one fetch run brought back: events (each listing once), the pages behind them, the
    items that could not be used (`problems`) and the requests that failed for good.
    """
    def __repr__(self, /) -> str: ...
    @property
    def events(self, /) -> list[Event]: ...
    @property
    def failures(self, /) -> list[PageFailure]: ...
    @property
    def is_complete(self, /) -> bool:
        """
        True when every request succeeded (items may still have problems).
        """
    @property
    def pages(self, /) -> list[PageSummary]: ...
    @property
    def problems(self, /) -> list[Problem]: ...
    @property
    def provider(self, /) -> str: ...

@final
class DedupResult:
    """
    The result of `dedup`: one event per performance (ordered by id) and, when explained, one
    evidence per merged event.
    """
    def __repr__(self, /) -> str: ...
    @property
    def events(self, /) -> list[Event]: ...
    @property
    def merges(self, /) -> list[MergeEvidence]: ...

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
class EventSet:
    """
    Events prepared for ranking many times: build once (the GIL is released while building),
    then `rank` it for any number of people.
    """
    def __len__(self, /) -> int: ...
    def __new__(cls, /, events: SupportsGetItem[int, Event]) -> EventSet: ...
    def __repr__(self, /) -> str: ...
    def event(self, /, index: SupportsIndex) -> Event:
        """
        The event at `index` (as `Ranked` results refer to them); `IndexError` past the end.
        """
    @staticmethod
    def from_jsonl(data: "bytes | str") -> "EventSet":
        """
        The set from JSON Lines of canonical events, as `gigradar parse` and `gigradar dedup`
        write them (bytes or text; blank lines are skipped). Parsed and built in Rust with the
        GIL released; a bad line is an `InvalidInputError` naming its line number.
        """

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
class FetchEvent:
    """
    Something that happened during a fetch, as the observer is told: `kind` is `"response"`
    (`status`, `latency_ms`, `bytes`), `"retry"` (`attempt`, `reason`, `wait_ms`) or `"failure"`
    (`query`, `message`: a request that failed for good) or `"progress"` after every page (`done`
    of `total` units, a unit being a listing, or an artist for Bandsintown; `total` is None while
    unknown; `events` kept and `pages` requested so far). Paths carry no query string, and no
    field carries a secret.
    """
    def __repr__(self, /) -> str: ...
    @property
    def attempt(self, /) -> int | None: ...
    @property
    def bytes(self, /) -> int | None: ...
    @property
    def done(self, /) -> int | None: ...
    @property
    def events(self, /) -> int | None: ...
    @property
    def kind(self, /) -> str: ...
    @property
    def latency_ms(self, /) -> int | None: ...
    @property
    def message(self, /) -> str | None: ...
    @property
    def pages(self, /) -> int | None: ...
    @property
    def path(self, /) -> str | None: ...
    @property
    def provider(self, /) -> str: ...
    @property
    def query(self, /) -> str | None: ...
    @property
    def reason(self, /) -> str | None: ...
    @property
    def status(self, /) -> int | None: ...
    @property
    def total(self, /) -> int | None: ...
    @property
    def wait_ms(self, /) -> int | None: ...

@final
class FetchQuery:
    """
    What to fetch from one provider; each provider reads the fields that apply to it
    (Ticketmaster: position, window, keyword, classification; Bandsintown: artists; Eventbrite:
    organizers and venues; DICE via Apify: a dataset or actor run id). `from_` and `to` bound the
    start of the shows (aware `datetime` or RFC 3339 text).
    """
    def __new__(cls, /, provider: str, *, lat: SupportsFloat | SupportsIndex | None = None, lon: SupportsFloat | SupportsIndex | None = None, radius_km: SupportsFloat | SupportsIndex | None = None, from_: datetime | str | None = None, to: datetime | str | None = None, keyword: str | None = None, classification: str | None = None, artists: SupportsGetItem[int, str] = ..., organizers: SupportsGetItem[int, str] = ..., venues: SupportsGetItem[int, str] = ..., dataset_id: str | None = None, actor_run_id: str | None = None) -> FetchQuery: ...
    def __repr__(self, /) -> str: ...
    @property
    def provider(self, /) -> str: ...

@final
class Fetcher:
    """
    Fetches provider listings. Keys and base URLs come from the environment
    (`TICKETMASTER_API_KEY`, `GIGRADAR_TICKETMASTER_BASE_URL`, ...; see docs/fetching.md) unless
    `overrides` names a provider; `observer` is called with each `FetchEvent`. Rate limits hold
    across calls on one fetcher. `fetch` blocks (with the GIL released) until the run is over.
    """
    def __new__(cls, /, *, overrides: dict[str, ProviderOverride] | None = None, observer: Callable[[FetchEvent], None] | None = None) -> Fetcher: ...
    def __repr__(self, /) -> str: ...
    def fetch(self, /, query: FetchQuery) -> Batch:
        """
        Fetch everything `query` asks of its provider. Raises only when the run cannot start
        (no key, nothing asked, a parse-only provider); what fails later is in the batch's
        `failures`, and the events fetched before it are kept.
        """
    def stats(self, /) -> StatsSnapshot:
        """
        Counters of every request made through this fetcher so far.
        """

@final
class MergeEvidence:
    """
    The evidence of one merged event: its sources and the pairs that joined them.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def event_id(self, /) -> str: ...
    @property
    def pairs(self, /) -> list[PairEvidence]: ...
    @property
    def sources(self, /) -> list[str]:
        """
        Every source key (`provider:id`) of the merged event, ordered.
        """

@final
class MergeResult:
    """
    The result of `merge_into`: the events, the evidence of each merge, and `aliases`: every id
    that stopped existing, mapped to the id of the event that absorbed it.
    """
    def __repr__(self, /) -> str: ...
    @property
    def aliases(self, /) -> dict[str, str]: ...
    @property
    def events(self, /) -> list[Event]: ...
    @property
    def merges(self, /) -> list[MergeEvidence]: ...

@final
class PageFailure:
    """
    A request that still failed after its retries; the run went on without it. `status` is the
    HTTP status when the provider answered; `retry_after` the seconds a rate limit asked for.
    """
    def __repr__(self, /) -> str: ...
    @property
    def message(self, /) -> str: ...
    @property
    def provider(self, /) -> str: ...
    @property
    def query(self, /) -> str:
        """
        The request's path and query, secrets taken out.
        """
    @property
    def retry_after(self, /) -> int | None: ...
    @property
    def status(self, /) -> int | None: ...

@final
class PageSummary:
    """
    One page that came back as JSON: its request (secrets taken out), when, and its size.
    """
    def __repr__(self, /) -> str: ...
    @property
    def bytes(self, /) -> int: ...
    @property
    def fetched_at(self, /) -> str:
        """
        RFC 3339, UTC.
        """
    @property
    def url(self, /) -> str: ...

@final
class PairEvidence:
    """
    One accepted pair: why two listings (or merged groups) became one event.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def a(self, /) -> str:
        """
        Smallest source key (`provider:id`) of each side.
        """
    @property
    def b(self, /) -> str: ...
    @property
    def features(self, /) -> PairFeatures | None:
        """
        `None` for the same source key listed twice (nothing was scored).
        """
    @property
    def round(self, /) -> int:
        """
        0 for the same source key listed twice; 1, 2, ... for the scoring round.
        """
    @property
    def score(self, /) -> float:
        """
        The pair score, 0..1.
        """

@final
class PairFeatures:
    """
    What two listings had in common when they were scored (`PairEvidence.features`).
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def distance_m(self, /) -> float | None:
        """
        Metres between the venues, when both have coordinates.
        """
    @property
    def package(self, /) -> bool:
        """
        Whether either listing is a ticket package or resale listing.
        """
    @property
    def placeholder_venue(self, /) -> bool:
        """
        Whether either venue is a placeholder ("TBA") at a city centroid.
        """
    @property
    def same_provider(self, /) -> bool:
        """
        Whether both listings come from one provider.
        """
    @property
    def shared_act_names(self, /) -> int:
        """
        Act names both listings carry, after normalization.
        """
    @property
    def shared_performer_ids(self, /) -> int:
        """
        Performer ids both listings carry (Spotify, MusicBrainz, provider artist ids).
        """
    @property
    def start_diff_minutes(self, /) -> int | None:
        """
        Minutes between the local start times, when both have one.
        """
    @property
    def title_similarity(self, /) -> float:
        """
        Jaccard similarity of the normalized title words, 0..1.
        """
    @property
    def venue_similarity(self, /) -> float:
        """
        Overlap of the normalized venue name words, 0..1.
        """

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
class Profile:
    """
    A person's taste: picks, Spotify listening and feedback, each remembered with where it came
    from so that reasons can name it. Its JSON is what `gigradar profile` writes.
    """
    def __new__(cls, /) -> Profile:
        """
        An empty profile (it ranks by distance and time only).
        """
    def __repr__(self, /) -> str: ...
    def add_feedback(self, /, event: Event, action: str, at: datetime | str) -> None:
        """
        Record what the person did with a shown event: `action` is `"save"`, `"skip"` or `"hide"`;
        `at` is when (an aware `datetime` or RFC 3339 text; gigradar reads no clock).
        """
    def add_picks(self, /, picks: str) -> None:
        """
        Add a picks file's content (JSON text): liked and disliked artists and genres, and home,
        which replaces any home before. Unknown fields are invalid input.
        """
    def add_spotify_followed(self, /, payload: "bytes | str") -> "list[Problem]":
        """
        Add a `GET /me/following?type=artist` response exactly as Spotify sent it. Returns the
        items that were skipped.
        """
    def add_spotify_top(self, /, payload: "bytes | str", term: str | None = None) -> "list[Problem]":
        """
        Add a `GET /me/top/artists` response exactly as Spotify sent it (bytes or text; the
        paging object or a bare `items` array). `term` is `"short_term"`, `"medium_term"` or
        `"long_term"`; `None` reads it from the response's `href`, else `"medium_term"` (Spotify's
        default). Ranks continue from the page's `offset`. Returns the items that were skipped.
        """
    @staticmethod
    def from_json(json: str) -> Profile:
        """
        The profile from its JSON (as written by `to_json` or `gigradar profile`).
        """
    def to_json(self, /) -> str:
        """
        The profile as JSON (pretty-printed), the form `gigradar rank --profile` reads.
        """

@final
class ProviderOverride:
    """
    Where to reach one provider instead of what the environment says: `base_url` (the part
    before the API's own path, e.g. `http://127.0.0.1:8080`) and `key`. The key is kept as a
    secret: no `repr`, `str` or error shows it.
    """
    def __new__(cls, /, *, base_url: str | None = None, key: str | None = None) -> ProviderOverride: ...
    def __repr__(self, /) -> str: ...
    @property
    def base_url(self, /) -> str | None: ...
    @property
    def has_key(self, /) -> bool:
        """
        Whether a key is set (the key itself never leaves the native module).
        """

@final
class ProviderStats:
    """
    Counters of one provider since its fetcher was made.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def bytes(self, /) -> int:
        """
        Response bytes received.
        """
    @property
    def failures(self, /) -> int:
        """
        Requests that failed for good.
        """
    @property
    def latency_bounds_ms(self, /) -> list[int]: ...
    @property
    def latency_buckets(self, /) -> list[int]:
        """
        `latency_buckets[i]` counts requests that took at most `latency_bounds_ms[i]` ms (and
        more than the bound before); the last counts the slower rest.
        """
    @property
    def network_errors(self, /) -> int:
        """
        Requests that got no answer (timeouts, broken connections).
        """
    @property
    def provider(self, /) -> str: ...
    @property
    def rate_limited(self, /) -> int:
        """
        Answers with HTTP 429.
        """
    @property
    def requests(self, /) -> int:
        """
        Requests sent, retries included.
        """
    @property
    def retries(self, /) -> int:
        """
        Requests that were a retry of an earlier one.
        """
    @property
    def server_errors(self, /) -> int:
        """
        Answers with HTTP 5xx.
        """
    @property
    def waited_ms(self, /) -> int:
        """
        Time spent waiting for the rate limiter and for backoff, in milliseconds.
        """

@final
class Ranked:
    """
    One ranked show: the event, its score, and the reasons (largest first) that sum to it.
    """
    def __repr__(self, /) -> str: ...
    @property
    def event(self, /) -> Event: ...
    @property
    def reasons(self, /) -> list[Reason]: ...
    @property
    def score(self, /) -> float: ...

@final
class Reason:
    """
    One nonzero part of a score: what it is (`kind`), how much it adds, a sentence a person
    reads, and the data behind it (`None`/empty where it does not apply).
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    def __str__(self, /) -> str: ...
    @property
    def action(self, /) -> str | None:
        """
        `save`, `skip` or `hide`, for feedback reasons.
        """
    @property
    def artist(self, /) -> str | None:
        """
        The performer, for artist and artist-feedback reasons.
        """
    @property
    def contribution(self, /) -> float: ...
    @property
    def days_until(self, /) -> float | None: ...
    @property
    def distance_km(self, /) -> float | None: ...
    @property
    def genre(self, /) -> str | None:
        """
        The event's genre that matched.
        """
    @property
    def kind(self, /) -> str:
        """
        `artist`, `genre`, `distance`, `time` or `feedback`.
        """
    @property
    def liked_genre(self, /) -> str | None:
        """
        The person's genre it matched (the same unless the match is partial).
        """
    @property
    def role(self, /) -> str | None:
        """
        `headliner` or `support`.
        """
    @property
    def source(self, /) -> str | None:
        """
        Where the like came from: `picked`, `spotify_top`, `spotify_followed`, `listened`.
        """
    @property
    def text(self, /) -> str: ...
    @property
    def via(self, /) -> list[str]:
        """
        For genres derived from listening: the person's artists it comes from.
        """

@final
class Secret:
    """
    A secret (an access or refresh token): `repr` and `str` show `[REDACTED]`; `expose()` is the
    one way to read it, for a token store that must persist it.
    """
    def __new__(cls, /, value: str) -> Secret: ...
    def __repr__(self, /) -> str: ...
    def __str__(self, /) -> str: ...
    def expose(self, /) -> str:
        """
        The secret's text. Keep it out of logs.
        """

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
class Spotify:
    """
    A Spotify account signed in with PKCE (no client secret). Tokens live in `token_store` (the
    host's object with `load`/`save`/`clear`; in memory when `None`). Sign-in and `signals`
    block on the network with the GIL released.
    """
    def __new__(cls, /, client_id: str, redirect_uri: str, *, accounts_base_url: str | None = None, api_base_url: str | None = None, token_store: TokenStore | None = None) -> Spotify: ...
    def __repr__(self, /) -> str: ...
    def begin_sign_in(self, /) -> tuple[str, str]:
        """
        Start a sign-in: `(authorize_url, state)`. Send the user to `authorize_url`; Spotify
        redirects to `redirect_uri` with a code and `state`.
        """
    def finish_sign_in(self, /, callback_url: str) -> None:
        """
        Finish a sign-in from the URL Spotify redirected to: check its `state`, exchange the code
        for tokens and save them in the token store. A forged or stale callback, or a refusal, is
        an `InvalidInputError`.
        """
    def signals(self, /) -> SpotifySignals:
        """
        The user's top artists (all three time ranges) and followed artists, refreshing the
        access token when it is about to expire. `ReauthRequiredError` when the user must sign
        in again.
        """
    def stats(self, /) -> StatsSnapshot:
        """
        Counters of every Spotify request so far.
        """

@final
class SpotifyArtist:
    """
    An artist as Spotify lists it; `genres` is often empty (Spotify withholds them).
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def genres(self, /) -> list[str]: ...
    @property
    def id(self, /) -> str: ...
    @property
    def name(self, /) -> str: ...

@final
class SpotifySignals:
    """
    What a profile learns from Spotify: top artists of all three time ranges and every followed
    artist. `add_to(profile)` adds them (reasons then say "Top artist for you in the last 4
    weeks", "You follow ...").
    """
    def __repr__(self, /) -> str: ...
    def add_to(self, /, profile: Profile) -> None: ...
    @property
    def followed(self, /) -> list[SpotifyArtist]: ...
    @property
    def top(self, /) -> list[TopArtist]: ...

@final
class SpotifyToken:
    """
    A user's Spotify tokens, as a token store keeps them. Built by `finish_sign_in` (and by a
    refresh); a store that persists them rebuilds one with this constructor. `expires_at` is an
    aware `datetime` or RFC 3339 text.
    """
    def __new__(cls, /, access_token: str, refresh_token: str | None, expires_at: datetime | str, scopes: SupportsGetItem[int, str] = ...) -> SpotifyToken: ...
    def __repr__(self, /) -> str: ...
    @property
    def access_token(self, /) -> Secret: ...
    @property
    def expires_at(self, /) -> str:
        """
        When the access token stops working: RFC 3339, UTC.
        """
    @property
    def refresh_token(self, /) -> Secret | None: ...
    @property
    def scopes(self, /) -> list[str]: ...

@final
class StatsSnapshot:
    """
    Every provider's counters at one moment.
    """
    def __repr__(self, /) -> str: ...
    def provider(self, /, name: str) -> ProviderStats | None:
        """
        The counters of `name` (`"ticketmaster"`, ...), or `None` before its first request.
        """
    @property
    def providers(self, /) -> list[ProviderStats]: ...

@final
class TopArtist:
    """
    One of the user's top artists: `rank` (1 = most listened) in the time range `term`
    (`short_term`, `medium_term` or `long_term`).
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def artist(self, /) -> SpotifyArtist: ...
    @property
    def rank(self, /) -> int: ...
    @property
    def term(self, /) -> str: ...

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

@final
class Weights:
    """
    How much each part of a score can contribute. `Weights()` has core's defaults; name only
    what you change: `Weights(genre=30.0)`.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __new__(cls, /, *, headliner: SupportsFloat | SupportsIndex = ..., support: SupportsFloat | SupportsIndex = ..., genre: SupportsFloat | SupportsIndex = ..., distance: SupportsFloat | SupportsIndex = ..., time: SupportsFloat | SupportsIndex = ..., time_scale_days: SupportsFloat | SupportsIndex = ..., save: SupportsFloat | SupportsIndex = ..., skip: SupportsFloat | SupportsIndex = ..., artist_save: SupportsFloat | SupportsIndex = ..., artist_skip: SupportsFloat | SupportsIndex = ..., feedback_half_life_days: SupportsFloat | SupportsIndex = ...) -> Weights: ...
    def __repr__(self, /) -> str: ...
    @property
    def artist_save(self, /) -> float:
        """
        Points for other shows of an artist whose show was saved (or skipped/hidden: taken off).
        """
    @property
    def artist_skip(self, /) -> float: ...
    @property
    def distance(self, /) -> float:
        """
        Points for a show at the person's door, falling linearly to 0 at the radius.
        """
    @property
    def feedback_half_life_days(self, /) -> float:
        """
        Feedback loses half its weight every this many days.
        """
    @property
    def genre(self, /) -> float:
        """
        Points for a genre with affinity 1 (a disliked genre takes up to this much off).
        """
    @property
    def headliner(self, /) -> float:
        """
        Points for a headliner with affinity 1.
        """
    @property
    def save(self, /) -> float:
        """
        Points for having saved this very event (skipping takes `skip` off).
        """
    @property
    def skip(self, /) -> float: ...
    @property
    def support(self, /) -> float:
        """
        Points for a support act with affinity 1.
        """
    @property
    def time(self, /) -> float:
        """
        Points for a show starting now, falling as `1 / (1 + days / time_scale_days)`.
        """
    @property
    def time_scale_days(self, /) -> float: ...

def dedup(events: SupportsGetItem[int, Event], explain: bool = False) -> "DedupResult":
    """
    One event per performance: merge the listings of the same show (same act, venue and
    night) across and within providers. With `explain`, `merges` holds the evidence of
    every merged event (which pairs, which scores, which features); otherwise it is empty.
    The GIL is released while merging.
    """

def merge_into(existing: SupportsGetItem[int, Event], new: SupportsGetItem[int, Event]) -> "MergeResult":
    """
    Merge `new` listings into `existing` events (the output of an earlier `dedup` or
    `merge_into`): existing events keep their ids; when a new listing joins two existing
    events, the older survives and `aliases` maps the other's id to it. The GIL is released.
    """

def parse(provider: str, payload: "bytes | str") -> "ParseResult":
    """
    Parse one payload of `provider` (`"ticketmaster"`, `"bandsintown"`, `"eventbrite"`,
    `"dice"`, `"seatgeek"` or `"songkick"`) into canonical events.

    One malformed item does not sink the page: it becomes a `Problem` and the rest is kept.
    Raises `UnknownProviderError` for an unknown provider and `InvalidInputError` for a
    payload that is not that provider's at all. The GIL is released while parsing.
    """

def rank(profile: Profile, events: EventSet, now: datetime | str, lat: SupportsFloat | SupportsIndex, lon: SupportsFloat | SupportsIndex, radius_km: SupportsFloat | SupportsIndex = ..., k: SupportsIndex = ..., max_per_headliner: SupportsIndex = ..., weights: Weights | None = None) -> "list[Ranked]":
    """
    The best `k` upcoming shows of `events` for `profile`, best first, each with the reasons
    that sum to its score. `now` is an aware `datetime` or RFC 3339 text; `lat`, `lon` in
    degrees; shows farther than `radius_km` are left out; at most `max_per_headliner` dates
    of one headliner (0: no limit). Invalid `now`, position or radius raise
    `InvalidInputError`. The GIL is released while ranking.
    """

def rank_many(profiles: SupportsGetItem[int, Profile], events: EventSet, now: datetime | str, lat: SupportsFloat | SupportsIndex, lon: SupportsFloat | SupportsIndex, radius_km: SupportsFloat | SupportsIndex = ..., k: SupportsIndex = ..., max_per_headliner: SupportsIndex = ..., weights: Weights | None = None, threads: SupportsIndex | None = None) -> "list[list[Ranked]]":
    """
    `rank` for many people at once, in parallel on `threads` threads (default: every core)
    with the GIL released; one list of results per profile, in the order of `profiles`.
    """
