"""Caseloads: which participants a coach follows, from one day to another (history kept, like group membership)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import aliased

from api.extensions import db
from api.models import User, caseload
from api.services import use_case
from api.services.locks import lock
from vaktaal.errors import Conflict, Invalid
from vaktaal.roles import Role

CL = caseload.c


@dataclass(frozen=True)
class Stint:
    """A participant in a coach's caseload from ``started_on`` until ``ended_on`` (None: open)."""

    coach: User
    participant: User
    started_on: date
    ended_on: date | None
    current: bool


def _field(name: str, message: str) -> Invalid:
    return Invalid(message, errors={"json": {name: [message]}})


def _person(user: User, person_id: int, role: Role, field: str, message: str) -> User:
    person = db.session.get(User, person_id)
    if person is None or person.organisation_id != user.organisation_id or person.role != role:
        raise _field(field, message)
    return person


def coach(user: User, coach_id: int) -> User:
    return _person(user, coach_id, Role.COACH, "coach_id", "Kies een jobcoach van je eigen organisatie.")


def participant(user: User, participant_id: int) -> User:
    return _person(user, participant_id, Role.PARTICIPANT, "participant_id", "Kies een deelnemer van je organisatie.")


def caseload_query(user: User, *, coach_id: int | None = None, q: str | None = None) -> Select:
    """The organisation's caseload rows (coach, participant, started_on, ended_on): of one coach, or of everyone;
    with ``q``, of the participants whose name holds it. Open ones first, then by participant."""
    person, who = aliased(User), aliased(User)
    statement = (
        select(who, person, CL.started_on, CL.ended_on)
        .join(who, who.id == CL.coach_id)
        .join(person, person.id == CL.participant_id)
        .where(who.organisation_id == user.organisation_id)
        .order_by(CL.ended_on.is_not(None), person.name, person.id, CL.started_on.desc())
    )
    if coach_id is not None:
        statement = statement.where(CL.coach_id == coach_id)
    if q and q.strip():
        statement = statement.where(func.lower(person.name).contains(q.strip().lower(), autoescape=True))
    return statement


def caseload_list(user: User, *, today: date, coach_id: int | None = None, q: str | None = None) -> list[Stint]:
    """``caseload_query`` as stints, each marked current when it is in force ``today``."""
    return [
        Stint(c, p, started, ended, started <= today and (ended is None or ended >= today))
        for c, p, started, ended in db.session.execute(caseload_query(user, coach_id=coach_id, q=q))
    ]


def _stints_of(coach_: User, participant_: User) -> list:
    return list(
        db.session.execute(
            select(CL.started_on, CL.ended_on)
            .where(CL.coach_id == coach_.id, CL.participant_id == participant_.id)
            .order_by(CL.started_on)
        )
    )


@use_case
def start(user: User, data: dict, *, today: date) -> Stint:
    """The coach follows the participant from ``started_on`` (default today). Again: nothing changes.

    Raises:
        Invalid: If the coach or the participant is not of the organisation.
        Conflict: If the participant is in that caseload then already.
    """
    coach_, participant_ = coach(user, data["coach_id"]), participant(user, data["participant_id"])
    started = data.get("started_on") or today
    lock(User, coach_.id)
    for began, ended in _stints_of(coach_, participant_):
        if began == started and ended is None:
            return Stint(coach_, participant_, began, None, began <= today)  # a retry
        if ended is None or ended >= started:
            raise Conflict(
                f"{participant_.name} staat al in de caseload van {coach_.name} (sinds {began:%d-%m-%Y}).",
                errors={"json": {"started_on": ["Deze deelnemer staat dan al in deze caseload."]}},
            )
    db.session.execute(caseload.insert().values(coach_id=coach_.id, participant_id=participant_.id, started_on=started))
    return Stint(coach_, participant_, started, None, started <= today)


@use_case
def end(user: User, data: dict, *, today: date) -> Stint:
    """The coach stops following the participant after ``ended_on`` (default today). Again: nothing changes.

    Raises:
        Conflict: If the participant is not in that caseload.
        Invalid: If ``ended_on`` lies before the start.
    """
    coach_, participant_ = coach(user, data["coach_id"]), participant(user, data["participant_id"])
    ended = data.get("ended_on") or today
    lock(User, coach_.id)
    rows = _stints_of(coach_, participant_)
    open_ = [began for began, until in rows if until is None]
    if not open_:
        if rows and rows[-1][1] == ended:
            return Stint(coach_, participant_, rows[-1][0], ended, ended >= today)  # a retry
        raise Conflict(f"{participant_.name} staat niet in de caseload van {coach_.name}.")
    began = open_[0]
    if ended < began:
        raise _field("ended_on", f"Kies een dag op of na {began:%d-%m-%Y}.")
    db.session.execute(
        caseload.update()
        .where(and_(CL.coach_id == coach_.id, CL.participant_id == participant_.id, CL.started_on == began))
        .values(ended_on=ended)
    )
    return Stint(coach_, participant_, began, ended, began <= today and ended >= today)
