"""The audit trail: who did what with whose data. One function writes an entry; everything else reads them.

An entry holds ids and fixed words only (``vaktaal.privacy.AuditAction``, an object kind such as ``participant``
or ``visit``), never free text and never the data itself, so the audit can be kept longer than the data and shown
to the participant it is about.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import joinedload

from api.extensions import db
from api.models import AuditEntry, User, observation_participants, visit_participants
from api.services import use_case
from vaktaal.accounts import normalize_email
from vaktaal.privacy import AuditAction
from vaktaal.roles import STAFF_ROLES, Role


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


# Reading the audit

# What a participant is shown of the audit: the last six months.
MY_LOG_DAYS = 183
OBJECTS_NAMING_PARTICIPANTS = {"visit": visit_participants, "observation": observation_participants}


def about_participant(participant_id: int) -> ColumnElement[bool]:
    """A WHERE clause for the entries about one participant: those naming them, and those naming a visit or an
    observation they are named in (one entry per request names the object, not each of its people)."""
    clauses = [AuditEntry.participant_id == participant_id]
    for kind, table in OBJECTS_NAMING_PARTICIPANTS.items():
        key = next(c for c in table.c if c.name != "participant_id")
        named = select(key).where(table.c.participant_id == participant_id)
        clauses.append((AuditEntry.object_kind == kind) & AuditEntry.object_id.in_(named))
    return or_(*clauses)


def log_query(
    coordinator: User,
    *,
    participant_id: int | None = None,
    user_id: int | None = None,
    action: AuditAction | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Select:
    """A SELECT of the entries of the coordinator's organisation, newest first, filtered (``since`` inclusive,
    ``until`` exclusive)."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.organisation_id == coordinator.organisation_id)
        .options(joinedload(AuditEntry.actor), joinedload(AuditEntry.participant))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    if participant_id is not None:
        statement = statement.where(about_participant(participant_id))
    if user_id is not None:
        statement = statement.where(AuditEntry.actor_id == user_id)
    if action is not None:
        statement = statement.where(AuditEntry.action == action)
    if since is not None:
        statement = statement.where(AuditEntry.at >= since)
    if until is not None:
        statement = statement.where(AuditEntry.at < until)
    return statement


@dataclass
class LogGroup:
    """Who did what with a participant's data, counted: "Je docent Fatma keek naar je woorden, 3 keer deze week"."""

    actor_role: Role | None
    actor_first_name: str | None
    action: AuditAction
    object_kind: str
    count: int
    this_week: int
    last_at: datetime


def my_log(participant: User, *, now: datetime) -> list[LogGroup]:
    """What staff did with ``participant``'s data in the last six months, grouped by person, action and kind of
    object, the latest first. The participant's own requests and other participants never appear; staff by role
    and first name only."""
    week_ago = now - timedelta(days=7)
    rows = db.session.execute(
        select(
            AuditEntry.actor_role,
            User.name,
            AuditEntry.action,
            AuditEntry.object_kind,
            func.count(),
            func.sum(case((AuditEntry.at >= week_ago, 1), else_=0)),
            func.max(AuditEntry.at),
        )
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(
            AuditEntry.organisation_id == participant.organisation_id,
            about_participant(participant.id),
            AuditEntry.actor_role.in_(sorted(STAFF_ROLES)),
            AuditEntry.at >= now - timedelta(days=MY_LOG_DAYS),
        )
        .group_by(AuditEntry.actor_id, AuditEntry.actor_role, User.name, AuditEntry.action, AuditEntry.object_kind)
    )
    groups = [
        LogGroup(
            actor_role=role,
            actor_first_name=name.split()[0] if name and name.split() else None,
            action=action,
            object_kind=kind,
            count=count,
            this_week=int(this_week or 0),
            last_at=last_at,
        )
        for role, name, action, kind, count, this_week, last_at in rows
    ]
    return sorted(groups, key=lambda group: group.last_at, reverse=True)
