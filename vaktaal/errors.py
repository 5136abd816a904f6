"""Domain errors; the HTTP layer maps each class to a status in one table."""


class DomainError(Exception):
    """Base of all errors the domain raises on purpose. The message is safe to show to a user."""

    def __init__(self, message: str, *, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class NotFound(DomainError):
    """The object does not exist or lies outside the caller's scope."""


class Invalid(DomainError):
    """The request is well-formed but breaks a domain rule."""


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate, a stale edit)."""


class Forbidden(DomainError):
    """The caller's role may never do this."""


class Unavailable(DomainError):
    """A resource the request needs (audio, a database) cannot be reached now."""
