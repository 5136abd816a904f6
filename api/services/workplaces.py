"""Workplaces (an employer's site, its sector and contact person) and placements: a participant at a workplace from
one day to another, history kept when they change workplace."""

from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from api.extensions import db
from api.models import Placement, Sector, User, Workplace
from api.services import use_case
from api.services.locks import lock
from vaktaal.errors import Conflict, Invalid


def _field(name: str, message: str) -> Invalid:
    return Invalid(message, errors={"json": {name: [message]}})


def workplaces_query(user: User, q: str | None = None) -> Select:
    """The user's organisation's workplaces by employer; with ``q``, those whose employer or site holds it."""
    statement = (
        select(Workplace)
        .where(Workplace.organisation_id == user.organisation_id)
        .options(selectinload(Workplace.sector))
        .order_by(Workplace.employer, Workplace.site, Workplace.id)
    )
    if q and q.strip():
        like = q.strip().lower()
        statement = statement.where(
            or_(
                func.lower(Workplace.employer).contains(like, autoescape=True),
                func.lower(Workplace.site).contains(like, autoescape=True),
            )
        )
    return statement


def _sector(slug: str) -> Sector:
    sector = db.session.scalar(select(Sector).where(Sector.slug == slug))
    if sector is None:
        raise _field("sector", "Kies een sector uit de lijst.")
    return sector


def _text(data: dict, name: str, message: str | None = None) -> str:
    value = data[name].strip()
    if message and not value:
        raise _field(name, message)
    return value


@use_case
def create_workplace(user: User, data: dict) -> Workplace:
    """A workplace of the coordinator's organisation."""
    workplace = Workplace(
        organisation_id=user.organisation_id,
        employer=_text(data, "employer", "Vul de naam van de werkgever in."),
        site=data.get("site", "").strip(),
        contact_name=data.get("contact_name", "").strip(),
        sector=_sector(data["sector"]),
    )
    db.session.add(workplace)
    db.session.flush()
    return workplace


@use_case
def change_workplace(workplace: Workplace, changes: dict) -> Workplace:
    if "employer" in changes:
        workplace.employer = _text(changes, "employer", "Vul de naam van de werkgever in.")
    for name in ("site", "contact_name"):
        if name in changes:
            setattr(workplace, name, changes[name].strip())
    if "sector" in changes:
        workplace.sector = _sector(changes["sector"])
    return workplace


def placements(participant: User) -> Select:
    """The participant's placements, the latest first (history included)."""
    return (
        select(Placement)
        .where(Placement.participant_id == participant.id)
        .options(selectinload(Placement.workplace).selectinload(Workplace.sector))
        .order_by(Placement.start_date.desc(), Placement.id.desc())
    )


def _workplace(user: User, workplace_id: int) -> Workplace:
    workplace = db.session.get(Workplace, workplace_id)
    if workplace is None or workplace.organisation_id != user.organisation_id:
        raise _field("workplace_id", "Deze werkplek bestaat niet.")
    return workplace


@use_case
def place(user: User, participant: User, data: dict) -> Placement:
    """Place the participant at a workplace from ``start_date`` (until ``end_date``, or open). A placement still
    running then ends the day before (the participant changes workplace; the history is kept). Sending the same
    placement again changes nothing.

    Raises:
        Invalid: If the workplace is not the organisation's, or the end lies before the start.
        Conflict: If a placement began on or after ``start_date`` (end or change that one first).
    """
    workplace = _workplace(user, data["workplace_id"])
    start, end = data["start_date"], data.get("end_date")
    if end is not None and end < start:
        raise _field("end_date", "Kies een einddatum op of na de begindatum.")
    lock(User, participant.id)
    earlier = list(db.session.scalars(placements(participant)))
    for placement in earlier:
        if placement.workplace_id == workplace.id and placement.start_date == start and placement.end_date == end:
            return placement  # a retry
    for placement in earlier:
        if placement.start_date >= start:
            raise Conflict(
                f"Er is al een plaatsing vanaf {placement.start_date:%d-%m-%Y}: pas die eerst aan.",
                errors={"json": {"start_date": ["Kies een dag na het begin van de laatste plaatsing."]}},
            )
        if placement.end_date is None or placement.end_date >= start:
            placement.end_date = start - timedelta(days=1)
    placement = Placement(workplace=workplace, participant=participant, start_date=start, end_date=end)
    db.session.add(placement)
    db.session.flush()
    return placement


@use_case
def change_placement(placement: Placement, changes: dict) -> Placement:
    """Set or clear a placement's end date (the last day at the workplace)."""
    end: date | None = changes.get("end_date", placement.end_date)
    if end is not None and end < placement.start_date:
        raise _field("end_date", f"Kies een dag op of na {placement.start_date:%d-%m-%Y}.")
    placement.end_date = end
    return placement
