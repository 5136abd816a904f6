"""The organisation's settings: its name, time zone, retention period and the thresholds of the caseload's attention
flags (``GET/PATCH /api/organisation``)."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select

from api.extensions import db
from api.models import Organisation, User
from api.services import audit, locks, use_case
from vaktaal import attention
from vaktaal.errors import Conflict, Invalid
from vaktaal.privacy import AuditAction

RETENTION_RANGE = (1, 120)
NAME_TAKEN = "Er is al een organisatie met deze naam."
UNKNOWN_TIMEZONE = "Onbekende tijdzone. Kies er een zoals Europe/Amsterdam."


def organisation_of(user: User) -> Organisation:
    return user.organisation


def thresholds(organisation: Organisation) -> attention.Thresholds:
    """The organisation's thresholds of the attention flags, a setting left empty taking the default."""
    return attention.Thresholds.of({name: getattr(organisation, name) for name in attention.LIMITS})


def valid_timezone(name: str) -> bool:
    if name not in available_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _field(name: str, message: str) -> Invalid:
    return Invalid(message, errors={"json": {name: [message]}})


@use_case
def update_organisation(coordinator: User, changes: dict, *, now: datetime) -> Organisation:
    """Change the coordinator's organisation: ``name`` (unique), ``timezone`` (an IANA name), ``retention_months``
    (1..120, None: the installation's default) and the thresholds of the attention flags (each within
    ``vaktaal.attention.LIMITS``, None: the default). Recorded in the audit as a change of the organisation."""
    organisation = coordinator.organisation
    locks.lock(Organisation, organisation.id)
    if "name" in changes:
        name = " ".join(changes["name"].split())
        if not name:
            raise _field("name", "Geef de organisatie een naam.")
        other = db.session.scalar(select(Organisation.id).where(Organisation.name == name))
        if other is not None and other != organisation.id:
            raise Conflict(NAME_TAKEN, errors={"json": {"name": [NAME_TAKEN]}})
        organisation.name = name
    if "timezone" in changes:
        if not valid_timezone(changes["timezone"]):
            raise _field("timezone", UNKNOWN_TIMEZONE)
        organisation.timezone = changes["timezone"]
    if "retention_months" in changes:
        months = changes["retention_months"]
        low, high = RETENTION_RANGE
        if months is not None and not low <= months <= high:
            raise _field("retention_months", f"Kies {low} tot {high} maanden, of laat het leeg.")
        organisation.retention_months = months
    for name, (low, high) in attention.LIMITS.items():
        if name in changes:
            value = changes[name]
            if value is not None and not low <= value <= high:
                raise _field(name, f"Kies {low} tot {high}, of laat het leeg.")
            setattr(organisation, name, value)
    audit.record(coordinator, AuditAction.CHANGE, now=now, object_kind="organisation", object_id=organisation.id)
    return organisation
