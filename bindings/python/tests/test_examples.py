"""The Python example runs and prints every event of the sample page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_parse_events_example_prints_the_sample() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "python" / "parse_events.py")],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = out.stdout.splitlines()
    assert len(lines) == 3
    assert "Lowlight Parade: Northern Lights Tour @ Roundhouse" in lines[0]
    assert "[rescheduled]" in lines[1]
    assert lines[2].startswith("2026-05-21  Open Mic Comedy Night") and "[cancelled]" in lines[2]
    assert out.stderr == ""


def test_ranked_feed_example_prints_ten_shows_with_reasons() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "python" / "ranked_feed.py")],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = out.stdout.splitlines()
    assert len(lines) == 10
    assert lines[0].startswith(" 1 ") and lines[9].startswith("10 ")
    assert all(" — " in line and "km away" in line for line in lines)
    assert "Bicep" in lines[0] and "Top artist for you" in lines[0]
    assert out.stderr == ""
