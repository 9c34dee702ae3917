"""The exceptions gigradar raises.

Every error from gigradar is a ``GigradarError``; catch a subclass to act on one kind. They are
raised from the native module (``src/errors.rs`` maps each core error to one of these).
"""


class GigradarError(Exception):
    """Base class of every error gigradar raises."""


class InvalidInputError(GigradarError, ValueError):
    """The input is malformed or not what the call expects (not JSON, another provider's payload)."""


class UnknownProviderError(InvalidInputError):
    """A provider name gigradar does not know."""


class NotFoundError(GigradarError, LookupError):
    """A thing asked for by id does not exist."""


class ProviderError(GigradarError):
    """A provider answered with an error.

    ``provider`` names it; ``status`` is the HTTP status, or ``None`` when it is not known.
    """

    def __init__(self, message: str, provider: str, status: int | None = None) -> None:
        super().__init__(message)
        self.provider = provider
        self.status = status


class RateLimitedError(ProviderError):
    """A provider asked us to wait: ``retry_after`` is how long, in seconds."""

    def __init__(self, message: str, provider: str, retry_after: int) -> None:
        super().__init__(message, provider, None)
        self.retry_after = retry_after


class NetworkError(GigradarError):
    """The network failed (connect, TLS, timeout) before an answer arrived."""


class StorageError(GigradarError):
    """The embedded store failed."""


class ReauthRequiredError(GigradarError):
    """A sign-in is no longer valid: the user must sign in again (retrying cannot help)."""


__all__ = [
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
