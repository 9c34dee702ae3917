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


names: list[str] = gigradar.__all__ + errors.__all__
print(handle(b"{}"), handle("{}"), names)
