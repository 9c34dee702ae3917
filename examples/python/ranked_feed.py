"""A ranked feed with reasons from the sample data: listings -> one catalogue (dedup) -> a taste
profile (Spotify responses + picks) -> the best upcoming shows near Highbury, London.

    python examples/python/ranked_feed.py [NOW]      # NOW: RFC 3339, default 2026-12-02T18:00:00Z
"""

import sys
from pathlib import Path

import gigradar

DATA = Path(__file__).resolve().parents[1] / "data"
HIGHBURY = (51.5465, -0.1058)


def main() -> None:
    now = sys.argv[1] if len(sys.argv) > 1 else "2026-12-02T18:00:00Z"
    listings = [
        gigradar.Event.from_json(line)
        for line in (DATA / "sample_events.jsonl").read_text().splitlines()
        if line.strip()
    ]
    shows = gigradar.EventSet(gigradar.dedup(listings).events)

    me = gigradar.Profile()
    me.add_spotify_top((DATA / "spotify_top_short_term.json").read_bytes())
    me.add_spotify_top((DATA / "spotify_top_long_term.json").read_bytes())
    me.add_spotify_followed((DATA / "spotify_following.json").read_bytes())
    me.add_picks((DATA / "picks.json").read_text())

    for n, r in enumerate(gigradar.rank(me, shows, now, *HIGHBURY, k=10), start=1):
        e = r.event
        venue = e.venue.name if e.venue else "venue tba"
        why = " · ".join(reason.text for reason in r.reasons)
        print(f"{n:>2}  {r.score:5.1f}  {e.local_date} {e.title} @ {venue}  — {why}")


if __name__ == "__main__":
    main()
