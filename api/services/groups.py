"""Whom a staff member works with: their groups, the participants placed at a workplace, and participants chosen
by id, each only within the caller's scope (``api.access``)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from api import access
from api.extensions import db
from api.models import Group, Placement, User, Workplace, group_participants, group_teachers
from vaktaal.errors import Invalid
from vaktaal.roles import Role


@dataclass(frozen=True)
class GroupView:
    """A group as one user sees it: only the participants that user may see."""

    id: int
    name: str
    participants: list[User]


def groups(user: User) -> list[GroupView]:
    """The user's groups by name: a coordinator's organisation's, a teacher's own, a coach's with someone of the
    caseload in them."""
    statement = select(Group).where(Group.organisation_id == user.organisation_id).order_by(Group.name, Group.id)
    if user.role is not Role.COORDINATOR:
        taught = select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == user.id)
        with_mine = select(group_participants.c.group_id).where(
            group_participants.c.participant_id.in_(access.visible_participant_ids(user))
        )
        statement = statement.where(or_(Group.id.in_(taught), Group.id.in_(with_mine)))
    visible = set(db.session.scalars(access.visible_participant_ids(user)))
    return [
        GroupView(g.id, g.name, [p for p in g.participants if p.id in visible])
        for g in db.session.scalars(statement.options(selectinload(Group.participants)))
    ]


def placed_participants(user: User, workplace: Workplace, today: date) -> list[User]:
    """The participants placed at the workplace today whom ``user`` may see."""
    placements = db.session.scalars(
        select(Placement)
        .where(
            Placement.workplace_id == workplace.id, Placement.participant_id.in_(access.visible_participant_ids(user))
        )
        .options(selectinload(Placement.participant))
    )
    people = {p.participant.id: p.participant for p in placements if p.is_current(today)}
    return sorted(people.values(), key=lambda u: (u.name, u.id))


def participants_in_scope(user: User, ids: list[int]) -> list[User]:
    """These participants, when ``user`` may see every one of them; Invalid naming the others otherwise."""
    found = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_(ids), User.id.in_(access.visible_participant_ids(user)))
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise Invalid(
            "Je kunt alleen je eigen deelnemers kiezen.",
            errors={"json": {"participant_ids": [f"Onbekende deelnemer: {i}" for i in missing]}},
        )
    return [found[i] for i in dict.fromkeys(ids)]
