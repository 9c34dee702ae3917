"""Parse a Ticketmaster Discovery page and print its events, one line each.

    python examples/python/parse_events.py [PAGE.json]
"""

import sys
from pathlib import Path

import gigradar

DEFAULT_PAGE = Path(__file__).resolve().parents[1] / "data" / "ticketmaster_sample.json"


def main() -> None:
    page = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PAGE
    result = gigradar.parse("ticketmaster", page.read_bytes())
    for event in result.events:
        where = event.venue.name if event.venue else "venue to be announced"
        when = event.start or event.local_date or "date to be announced"
        bill = ", ".join(p.name for p in event.performers) or "-"
        print(f"{when}  {event.title} @ {where}  [{event.status}]  {bill}")
    for problem in result.problems:
        print(f"skipped: {problem}", file=sys.stderr)


if __name__ == "__main__":
    main()
