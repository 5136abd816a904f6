"""How long a login (a device session) stays valid."""

import hashlib
from datetime import datetime, timedelta

from vaktaal.roles import Role

# A participant's phone must keep working offline for a long time: the expiry slides with every use.
PARTICIPANT_IDLE_LIMIT = timedelta(days=180)
# Staff log in with a password on shared or office computers: a working day.
STAFF_LIFETIME = timedelta(hours=12)
# Writing last_used_at on every request would turn every read into a write; this is precise enough.
TOUCH_INTERVAL = timedelta(hours=1)


def initial_expiry(role: Role, *, now: datetime) -> datetime:
    """Return when a token issued now to a user of this role expires."""
    return now + (STAFF_LIFETIME if role.is_staff else PARTICIPANT_IDLE_LIMIT)


def refreshed_expiry(role: Role, expires_at: datetime, last_used_at: datetime, *, now: datetime) -> datetime | None:
    """Return the new expiry after a use at ``now``, or None when nothing needs writing.

    Staff tokens never slide. A participant's token slides to PARTICIPANT_IDLE_LIMIT after its last use,
    written at most once per TOUCH_INTERVAL.
    """
    if role.is_staff or now - last_used_at < TOUCH_INTERVAL:
        return None
    return max(expires_at, now + PARTICIPANT_IDLE_LIMIT)


def hash_secret(value: str) -> str:
    """What is stored of a device token: its SHA-256 (256 random bits, so no salt or key is needed). Login codes are
    short and are stored as an HMAC with a server-side key instead (``api.services.logins.code_hash``); this plain
    hash only recognises codes stored before that, until their first use."""
    return hashlib.sha256(value.encode()).hexdigest()
