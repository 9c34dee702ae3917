"""Shared fixtures: the project root and the real provider payloads in ../shared/fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT.parent / "shared" / "fixtures"


def fixture_files(provider: str) -> list[Path]:
    """The real payloads captured from `provider`, or none when the folder is absent."""
    return sorted((FIXTURES / provider).glob("*.json"))


def require_fixtures() -> None:
    if not FIXTURES.is_dir():
        pytest.skip(f"real provider payloads not found at {FIXTURES} (read in place, never copied)")


@pytest.fixture
def la_page() -> bytes:
    """Ticketmaster Discovery page: 20 Los Angeles concerts (2024)."""
    require_fixtures()
    return (FIXTURES / "ticketmaster" / "events_la_keyword_2024.json").read_bytes()
