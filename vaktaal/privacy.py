"""The vocabularies of privacy: what the audit records, what a participant consents to, how long data is kept."""

from enum import StrEnum


class AuditAction(StrEnum):
    """What someone did with a participant's data (or with an account), as the audit records it."""

    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    REMOVE = "remove"
    EXPORT = "export"
    ERASE = "erase"
    LOGIN = "login"
    LOGIN_FAILED = "login-failed"
    LOGIN_CODE = "login-code"
    RESET_LINK = "reset-link"
    CONSENT = "consent"


class ConsentPurpose(StrEnum):
    """What a participant may agree to, one purpose at a time."""

    EMPLOYER_SUMMARY = "employer-summary"  # a summary of their progress shared with their employer


class ConsentSource(StrEnum):
    """How a consent (or its withdrawal) reached us."""

    APP = "app"  # the participant, in their own app
    PAPER = "paper"  # given on paper, recorded by staff


DEFAULT_AUDIT_RETENTION_DAYS = 730
DEFAULT_RETENTION_MONTHS = 24
