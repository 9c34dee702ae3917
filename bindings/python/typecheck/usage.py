"""Touches every public name of gigradar with the types a user would write; `mypy --strict`
over this file fails when a stub loses a type (Any, Incomplete) or a name disappears."""

from __future__ import annotations

import datetime as dt

import gigradar
from gigradar import errors


def summarize(result: gigradar.ParseResult) -> list[str]:
    lines: list[str] = []
    for event in result.events:
        e: gigradar.Event = event
        title: str = e.title
        ident: str = e.id
        genres: list[str] = e.genres
        category: str = e.category
        status: str = e.status
        start: dt.datetime | None = dt.datetime.fromisoformat(e.start) if e.start else None
        end: str | None = e.end
        zone: str | None = e.timezone
        day: str | None = e.local_date
        clock: str | None = e.local_time
        url: str | None = e.url
        image: str | None = e.image
        for p in e.performers:
            performer: gigradar.Performer = p
            name: str = performer.name
            role: str = performer.role
            ids: gigradar.ExternalIds = performer.ids
            spotify: str | None = ids.spotify
            others: list[str | None] = [
                ids.musicbrainz,
                ids.ticketmaster,
                ids.bandsintown,
                ids.eventbrite,
                ids.seatgeek,
                ids.songkick,
                ids.dice,
            ]
            lines.append(f"{name} {role} {spotify} {others}")
        venue: gigradar.Venue | None = e.venue
        if venue is not None:
            place: list[str | None] = [
                venue.name,
                venue.address,
                venue.city,
                venue.region,
                venue.postal_code,
                venue.country,
            ]
            lat: float | None = venue.lat
            lon: float | None = venue.lon
            venue_ids: gigradar.ExternalIds = venue.ids
            lines.append(f"{place} {lat} {lon} {venue_ids!r}")
        price: gigradar.Price | None = e.price
        if price is not None:
            low: float = price.min
            high: float = price.max
            currency: str = price.currency
            lines.append(f"{low}-{high} {currency}")
        for s in e.sources:
            source: gigradar.Source = s
            src: list[str | None] = [source.provider, source.id, source.url, source.fetched_at]
            lines.append(str(src))
        as_json: str = e.to_json()
        as_dict: dict[str, object] = e.to_dict()
        again: gigradar.Event = gigradar.Event.from_json(as_json)
        same: bool = gigradar.Event.from_dict(as_dict) == again
        lines.append(
            f"{ident} {title} {genres} {category} {status} {start} {end} {zone} {day} {clock}"
            f" {url} {image} {same}"
        )
    for problem in result.problems:
        pr: gigradar.Problem = problem
        where: int | None = pr.index
        item: str | None = pr.item_id
        lines.append(f"{pr.provider} {where} {item} {pr.message}")
    return lines


def handle(payload: bytes | str) -> list[str]:
    try:
        return summarize(gigradar.parse("ticketmaster", payload))
    except gigradar.RateLimitedError as e:
        wait: int = e.retry_after
        return [f"wait {wait}s for {e.provider}"]
    except gigradar.ProviderError as e:
        status: int | None = e.status
        return [f"{e.provider} {status}"]
    except gigradar.UnknownProviderError as e:
        return [str(e)]
    except gigradar.InvalidInputError as e:
        bad: ValueError = e
        return [str(bad)]
    except (
        gigradar.NotFoundError,
        gigradar.NetworkError,
        gigradar.StorageError,
        gigradar.ReauthRequiredError,
    ) as e:
        base: gigradar.GigradarError = e
        return [str(base)]


def catalogue(events: list[gigradar.Event]) -> list[str]:
    lines: list[str] = []
    deduped: gigradar.DedupResult = gigradar.dedup(events, explain=True)
    for m in deduped.merges:
        evidence: gigradar.MergeEvidence = m
        lines.append(f"{evidence.event_id} {evidence.sources}")
        for p in evidence.pairs:
            pair: gigradar.PairEvidence = p
            round_: int = pair.round
            score: float = pair.score
            f: gigradar.PairFeatures | None = pair.features
            if f is not None:
                counts: list[int] = [f.shared_performer_ids, f.shared_act_names]
                sims: list[float] = [f.title_similarity, f.venue_similarity]
                metres: float | None = f.distance_m
                minutes: int | None = f.start_diff_minutes
                flags: list[bool] = [f.placeholder_venue, f.package, f.same_provider]
                lines.append(f"{counts} {sims} {metres} {minutes} {flags}")
            lines.append(f"{pair.a} {pair.b} {round_} {score}")
    merged: gigradar.MergeResult = gigradar.merge_into(deduped.events, events)
    aliases: dict[str, str] = merged.aliases
    kept: list[gigradar.Event] = merged.events
    lines.append(f"{aliases} {len(kept)} {len(merged.merges)}")
    return lines


def feed(events: list[gigradar.Event], picks: str, top: bytes, followed: str) -> list[str]:
    me = gigradar.Profile()
    me.add_picks(picks)
    skipped: list[gigradar.Problem] = me.add_spotify_top(top, "short_term")
    skipped += me.add_spotify_top(top)
    skipped += me.add_spotify_followed(followed)
    me.add_feedback(events[0], "save", dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
    me.add_feedback(events[0], "skip", "2026-12-01T00:00:00Z")
    again: gigradar.Profile = gigradar.Profile.from_json(me.to_json())
    shows = gigradar.EventSet(events)
    also: gigradar.EventSet = gigradar.EventSet.from_jsonl("\n".join(e.to_json() for e in events))
    first: gigradar.Event = shows.event(0)
    size: int = len(also)
    w = gigradar.Weights(genre=25.0)
    parts: list[float] = [
        w.headliner,
        w.support,
        w.genre,
        w.distance,
        w.time,
        w.time_scale_days,
        w.save,
        w.skip,
        w.artist_save,
        w.artist_skip,
        w.feedback_half_life_days,
    ]
    lines = [f"{first.id} {size} {parts} {skipped}"]
    ranked: list[gigradar.Ranked] = gigradar.rank(
        again, shows, "2026-12-02T18:00:00Z", 51.5, -0.1, radius_km=25.0, k=10, max_per_headliner=1, weights=w
    )
    many: list[list[gigradar.Ranked]] = gigradar.rank_many(
        [me, again], shows, dt.datetime.now(dt.timezone.utc), 51.5, -0.1, threads=2
    )
    for r in ranked + [r for f in many for r in f]:
        event: gigradar.Event = r.event
        score: float = r.score
        for x in r.reasons:
            reason: gigradar.Reason = x
            kind: str = reason.kind
            amount: float = reason.contribution
            who: list[str | None] = [reason.artist, reason.role, reason.source, reason.action]
            genres: list[str | None] = [reason.genre, reason.liked_genre]
            via: list[str] = reason.via
            numbers: list[float | None] = [reason.distance_km, reason.days_until]
            lines.append(f"{kind} {amount} {reason.text} {who} {genres} {via} {numbers}")
        lines.append(f"{event.title} {score}")
    return lines


def observe(event: gigradar.FetchEvent) -> None:
    parts: list[object] = [
        event.kind,
        event.provider,
        event.path,
        event.status,
        event.latency_ms,
        event.bytes,
        event.attempt,
        event.reason,
        event.wait_ms,
        event.query,
        event.message,
        event.done,
        event.total,
        event.events,
        event.pages,
    ]
    print(parts)


def fetch_london(base_url: str, key: str) -> list[str]:
    override = gigradar.ProviderOverride(base_url=base_url, key=key)
    present: bool = override.has_key
    url: str | None = override.base_url
    fetcher = gigradar.Fetcher(overrides={"ticketmaster": override}, observer=observe)
    query = gigradar.FetchQuery(
        "ticketmaster",
        lat=51.5,
        lon=-0.12,
        radius_km=20,
        from_=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
        to="2027-01-01T00:00:00Z",
        keyword="jazz",
        classification="music",
        artists=["Bicep"],
        organizers=[],
        venues=[],
        dataset_id=None,
        actor_run_id=None,
    )
    provider: str = query.provider
    batch: gigradar.Batch = fetcher.fetch(query)
    lines = [f"{present} {url} {provider} {batch.provider} {batch.is_complete} {len(batch.events)}"]
    lines += [str(p) for p in batch.problems]
    for f in batch.failures:
        failure: gigradar.PageFailure = f
        status: int | None = failure.status
        wait: int | None = failure.retry_after
        lines.append(f"{failure.provider} {failure.query} {failure.message} {status} {wait}")
    for p in batch.pages:
        summary: gigradar.PageSummary = p
        lines.append(f"{summary.url} {summary.fetched_at} {summary.bytes}")
    snapshot: gigradar.StatsSnapshot = fetcher.stats()
    tm: gigradar.ProviderStats | None = snapshot.provider("ticketmaster")
    for s in snapshot.providers + ([tm] if tm else []):
        counts: list[int] = [
            s.requests,
            s.retries,
            s.rate_limited,
            s.server_errors,
            s.network_errors,
            s.failures,
            s.bytes,
            s.waited_ms,
        ]
        histogram: list[int] = s.latency_buckets
        bounds: list[int] = s.latency_bounds_ms
        lines.append(f"{s.provider} {counts} {histogram} {bounds}")
    return lines


class KeychainStore:
    """A host's own store: any object with load/save/clear satisfies gigradar.TokenStore."""

    def __init__(self) -> None:
        self.saved: dict[str, str] = {}

    def load(self) -> gigradar.SpotifyToken | None:
        if "access" not in self.saved:
            return None
        return gigradar.SpotifyToken(
            self.saved["access"], self.saved.get("refresh"), self.saved["expires_at"], ["user-top-read"]
        )

    def save(self, token: gigradar.SpotifyToken) -> None:
        access: gigradar.Secret = token.access_token
        refresh: gigradar.Secret | None = token.refresh_token
        self.saved = {"access": access.expose(), "expires_at": token.expires_at}
        if refresh is not None:
            self.saved["refresh"] = refresh.expose()
        scopes: list[str] = token.scopes
        print(scopes)

    def clear(self) -> None:
        self.saved = {}


def sign_in(callback: str, me: gigradar.Profile) -> list[str]:
    store: gigradar.TokenStore = KeychainStore()
    memory: gigradar.TokenStore = gigradar.MemoryTokenStore()
    spotify = gigradar.Spotify(
        "client-id",
        "http://127.0.0.1:8888/callback",
        accounts_base_url="http://127.0.0.1:9000",
        api_base_url="http://127.0.0.1:9000",
        token_store=store,
    )
    gigradar.Spotify("client-id", "http://127.0.0.1:8888/callback", token_store=memory)
    authorize_url, state = spotify.begin_sign_in()
    spotify.finish_sign_in(callback)
    signals: gigradar.SpotifySignals = spotify.signals()
    signals.add_to(me)
    lines = [authorize_url, state, str(gigradar.Secret("x"))]
    for t in signals.top:
        top: gigradar.TopArtist = t
        artist: gigradar.SpotifyArtist = top.artist
        lines.append(f"{top.term} {top.rank} {artist.id} {artist.name} {artist.genres}")
    followed: list[gigradar.SpotifyArtist] = signals.followed
    used: gigradar.StatsSnapshot = spotify.stats()
    lines.append(f"{len(followed)} {used.providers}")
    return lines


names: list[str] = gigradar.__all__ + errors.__all__
print(handle(b"{}"), handle("{}"), names, catalogue([]), feed, fetch_london, sign_in)
