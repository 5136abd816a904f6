"""Groups (cohorts) and whom a staff member works with: their groups with dated membership, the participants placed
at a workplace, and participants chosen by id, each only within the caller's scope (``api.access``)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import selectinload

from api import access
from api.extensions import db
from api.models import Group, Placement, User, Workplace, group_participants
from api.services import use_case
from api.services.locks import lock
from vaktaal.errors import Conflict, Invalid
from vaktaal.roles import Role

GP = group_participants.c


@dataclass(frozen=True)
class GroupView:
    """A group as one user sees it: only the participants that user may see (and change) today."""

    id: int
    name: str
    start_date: date | None
    end_date: date | None
    teachers: list[User]
    participants: list[User]


@dataclass(frozen=True)
class Membership:
    """One stint of a participant in a group."""

    participant: User
    joined_on: date
    left_on: date | None
    current: bool


def groups_query(user: User, *, today: date, q: str | None = None) -> Select:
    """The groups ``user`` may see (see ``_groups_statement``), optionally those whose name holds ``q``."""
    statement = access.visible_groups(user, today).options(selectinload(Group.teachers))
    if q and q.strip():
        statement = statement.where(func.lower(Group.name).contains(q.strip().lower(), autoescape=True))
    return statement


def group_views(user: User, groups_: list[Group], *, today: date) -> list[GroupView]:
    """Each group with its members today whom ``user`` may see and change."""
    ids = [g.id for g in groups_]
    members: dict[int, list[User]] = {i: [] for i in ids}
    if ids:
        rows = db.session.execute(
            select(GP.group_id, User)
            .join(User, User.id == GP.participant_id)
            .where(
                GP.group_id.in_(ids),
                access.dated(GP.joined_on, GP.left_on, today),
                User.id.in_(access.visible_participant_ids(user, today=today, current=True)),
            )
            .order_by(User.name, User.id)
        )
        for group_id, person in rows:
            if person not in members[group_id]:
                members[group_id].append(person)
    return [GroupView(g.id, g.name, g.start_date, g.end_date, list(g.teachers), members[g.id]) for g in groups_]


def groups(user: User, *, today: date | None = None, q: str | None = None) -> list[GroupView]:
    """The user's groups by name (those whose name holds ``q``) with their members of today whom the user may see
    and change."""
    today = today or access.local_today(user)
    return group_views(user, list(db.session.scalars(groups_query(user, today=today, q=q))), today=today)


def _teachers(user: User, ids: list[int]) -> list[User]:
    found = {
        t.id: t
        for t in db.session.scalars(
            select(User).where(
                User.id.in_(ids), User.organisation_id == user.organisation_id, User.role == Role.TEACHER
            )
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise Invalid(
            "Kies docenten van je eigen organisatie.",
            errors={"json": {"teacher_ids": [f"Geen docent van deze organisatie: {i}" for i in missing]}},
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _check_dates(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise Invalid(
            "De einddatum ligt voor de begindatum.",
            errors={"json": {"end_date": ["Kies een einddatum op of na de begindatum."]}},
        )


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Invalid("Geef de groep een naam.", errors={"json": {"name": ["Geef de groep een naam."]}})
    return name


@use_case
def create_group(user: User, data: dict) -> Group:
    """A new group of the coordinator's organisation: name, dates, teachers."""
    _check_dates(data.get("start_date"), data.get("end_date"))
    group = Group(
        organisation_id=user.organisation_id,
        name=_name(data["name"]),
        start_date=data.get("start_date"),
        end_date=data.get("end_date"),
    )
    group.teachers = _teachers(user, data.get("teacher_ids", []))
    db.session.add(group)
    db.session.flush()
    return group


@use_case
def change_group(user: User, group: Group, changes: dict) -> Group:
    """Change a group's name, dates or teachers (the whole list)."""
    _check_dates(changes.get("start_date", group.start_date), changes.get("end_date", group.end_date))
    if "name" in changes:
        group.name = _name(changes["name"])
    for name in ("start_date", "end_date"):
        if name in changes:
            setattr(group, name, changes[name])
    if "teacher_ids" in changes:
        group.teachers = _teachers(user, changes["teacher_ids"])
    return group


def members(user: User, group: Group, *, today: date, q: str | None = None) -> list[Membership]:
    """Every stint in the group, current ones first, of the participants ``user`` may see (a coordinator: all)."""
    statement = (
        select(GP.joined_on, GP.left_on, User)
        .join(User, User.id == GP.participant_id)
        .where(GP.group_id == group.id, User.id.in_(access.visible_participant_ids(user, today=today)))
        .order_by(User.name, User.id, GP.joined_on.desc())
    )
    if q and q.strip():
        statement = statement.where(func.lower(User.name).contains(q.strip().lower(), autoescape=True))
    stints = [
        Membership(person, joined, left, joined <= today and (left is None or left >= today))
        for joined, left, person in db.session.execute(statement)
    ]
    return sorted(stints, key=lambda m: (not m.current, m.participant.name, m.participant.id, m.joined_on))


def _stints(group: Group, participant: User) -> list:
    return list(
        db.session.execute(
            select(GP.joined_on, GP.left_on)
            .where(GP.group_id == group.id, GP.participant_id == participant.id)
            .order_by(GP.joined_on)
        )
    )


@use_case
def add_member(user: User, group: Group, participant_id: int, *, joined_on: date) -> Membership:
    """The participant ``user`` names (one they may see) joins the group on ``joined_on``: a new stint, earlier
    ones kept. Sending the same join again changes nothing.

    Raises:
        NotFound: If ``user`` may not see a participant with this id.
        Conflict: If the participant is in the group then already (an open or overlapping stint).
    """
    participant = access.get_participant(user, participant_id)
    lock(Group, group.id)
    for joined, left in _stints(group, participant):
        if joined == joined_on and left is None:
            return Membership(participant, joined, left, True)  # a retry
        if left is None or left >= joined_on:
            raise Conflict(
                f"{participant.name} zit al in deze groep (sinds {joined:%d-%m-%Y}).",
                errors={"json": {"joined_on": ["Deze deelnemer zit dan al in de groep."]}},
            )
    db.session.execute(
        group_participants.insert().values(group_id=group.id, participant_id=participant.id, joined_on=joined_on)
    )
    return Membership(participant, joined_on, None, True)


@use_case
def end_membership(group: Group, participant: User, *, left_on: date) -> Membership:
    """The participant leaves the group on ``left_on`` (their last day in it). Sending it again changes nothing.

    Raises:
        Conflict: If the participant is not in the group (no open stint).
        Invalid: If ``left_on`` lies before the day they joined.
    """
    lock(Group, group.id)
    stints = _stints(group, participant)
    open_ = [joined for joined, left in stints if left is None]
    if not open_:
        if stints and stints[-1][1] == left_on:
            return Membership(participant, stints[-1][0], left_on, False)  # a retry
        raise Conflict(f"{participant.name} zit niet in deze groep.")
    joined = open_[0]
    if left_on < joined:
        raise Invalid(
            "De laatste dag ligt voor de dag van instromen.",
            errors={"json": {"left_on": [f"Kies een dag op of na {joined:%d-%m-%Y}."]}},
        )
    db.session.execute(
        group_participants.update()
        .where(and_(GP.group_id == group.id, GP.participant_id == participant.id, GP.joined_on == joined))
        .values(left_on=left_on)
    )
    return Membership(participant, joined, left_on, False)


def placed_participants(user: User, workplace: Workplace, today: date) -> list[User]:
    """The participants placed at the workplace today whom ``user`` may see."""
    placements = db.session.scalars(
        select(Placement)
        .where(
            Placement.workplace_id == workplace.id,
            Placement.participant_id.in_(access.visible_participant_ids(user, today=today)),
        )
        .options(selectinload(Placement.participant))
    )
    people = {p.participant.id: p.participant for p in placements if p.is_current(today)}
    return sorted(people.values(), key=lambda u: (u.name, u.id))


def participants_in_scope(user: User, ids: list[int]) -> list[User]:
    """These participants, when ``user`` may choose every one of them (in scope today); Forbidden when one is a
    former member (read-only for FORMER_MEMBER_DAYS), Invalid naming the others otherwise."""
    found = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_(ids), User.id.in_(access.visible_participant_ids(user, current=True)))
        )
    }
    missing = [i for i in ids if i not in found]
    former = db.session.scalars(access.visible_participant_ids(user).where(User.id.in_(missing))).first()
    if former is not None:  # seen read-only, not theirs to choose: the same 403 as any change to them
        access.check_may_change_participant(user, db.session.get(User, former))
    if missing:
        raise Invalid(
            "Je kunt alleen je eigen deelnemers kiezen.",
            errors={"json": {"participant_ids": [f"Onbekende deelnemer: {i}" for i in missing]}},
        )
    return [found[i] for i in dict.fromkeys(ids)]
