"""Every error crosses into Python as a typed gigradar exception, never a bare Exception."""

from __future__ import annotations

import pickle

import pytest

import gigradar
from gigradar import errors


def test_unknown_provider_is_invalid_input_and_value_error() -> None:
    with pytest.raises(gigradar.UnknownProviderError) as caught:
        gigradar.parse("myspace", b"{}")
    assert isinstance(caught.value, gigradar.InvalidInputError)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, gigradar.GigradarError)


@pytest.mark.parametrize("payload", [b"", b"not json", b"[1, 2", "\u00e9t\u00e9", b"\xff\xfe"])
def test_a_payload_that_is_not_json_is_invalid_input(payload: bytes | str) -> None:
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.parse("ticketmaster", payload)


def test_a_payload_of_the_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        gigradar.parse("ticketmaster", 42)  # type: ignore[arg-type]


def test_event_from_json_refuses_bad_input() -> None:
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.Event.from_json("{")
    with pytest.raises(gigradar.InvalidInputError, match="sources"):
        gigradar.Event.from_json('{"id": "x", "title": "T", "sources": []}')
    with pytest.raises(gigradar.InvalidInputError):
        gigradar.Event.from_dict({"id": "x", "title": "T", "start": "yesterday", "sources": []})


def test_every_error_is_importable_from_gigradar_and_derives_from_the_base() -> None:
    for name in errors.__all__:
        cls = getattr(gigradar, name)
        assert cls is getattr(errors, name)
        assert issubclass(cls, gigradar.GigradarError)
        assert cls.__module__ == "gigradar.errors"
    assert issubclass(gigradar.RateLimitedError, gigradar.ProviderError)
    assert issubclass(gigradar.UnknownProviderError, gigradar.InvalidInputError)


def test_provider_errors_carry_what_the_rust_side_passes() -> None:
    # errors.rs raises these with exactly these positional arguments.
    err = gigradar.ProviderError("ticketmaster answered HTTP 500: boom", "ticketmaster", 500)
    assert (err.provider, err.status, str(err)) == (
        "ticketmaster",
        500,
        "ticketmaster answered HTTP 500: boom",
    )
    limited = gigradar.RateLimitedError("rate limited", "spotify", 30)
    assert (limited.provider, limited.retry_after, limited.status) == ("spotify", 30, None)
    assert isinstance(limited, gigradar.ProviderError)


def test_plain_errors_pickle() -> None:
    err = gigradar.InvalidInputError("bad")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is gigradar.InvalidInputError and str(again) == "bad"
