"""The audit trail: who did what with whose data. One function writes an entry; everything else reads them.

An entry holds ids and fixed words only (``vaktaal.privacy.AuditAction``, an object kind such as ``participant``
or ``visit``), never free text and never the data itself, so the audit can be kept longer than the data and shown
to the participant it is about.
"""

from datetime import datetime

from sqlalchemy import select

from api.extensions import db
from api.models import AuditEntry, User
from api.services import use_case
from vaktaal.accounts import normalize_email
from vaktaal.privacy import AuditAction


def record(
    actor: User | None,
    action: AuditAction,
    *,
    now: datetime,
    participant_id: int | None = None,
    object_kind: str,
    object_id: int | None = None,
    organisation_id: int | None = None,
) -> AuditEntry:
    """Add one entry to the current transaction (the caller's use case commits it with the change it records)."""
    entry = AuditEntry(
        at=now,
        organisation_id=organisation_id if organisation_id is not None else (actor.organisation_id if actor else None),
        actor_id=actor.id if actor else None,
        actor_role=actor.role if actor else None,
        action=action,
        participant_id=participant_id,
        object_kind=object_kind,
        object_id=object_id,
    )
    db.session.add(entry)
    return entry


@use_case
def record_failed_login(email: str, *, now: datetime) -> None:
    """A refused password login, in a transaction of its own (the login's own rolled back): the account it named
    when the address is known, no actor when it is not. The typed address itself is never stored."""
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    record(user, AuditAction.LOGIN_FAILED, now=now, object_kind="account", object_id=user.id if user else None)
