"""Terms a teacher assigns to participants (personal terms): they lead the participants' next sessions. One term
to one participant, a group or everyone placed at a workplace; always only the participants in the teacher's scope."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload

from api import access
from api.access import readable_terms
from api.extensions import db
from api.models import Assignment, Term, User, Workplace
from api.services import locks, use_case
from api.services.cards import TermProgress, states_by_term, term_progress
from api.services.groups import groups, participants_in_scope, placed_participants
from vaktaal.errors import Invalid


@use_case
def assign_terms(teacher: User, participant: User, term_ids: list[int], *, now: datetime) -> list[Assignment]:
    """Assign terms (assigning again is harmless; an un-assigned term comes back as new)."""
    found = set(
        db.session.scalars(select(Term.id).where(Term.id.in_(term_ids), readable_terms(participant.organisation_id)))
    )
    missing = [i for i in term_ids if i not in found]
    if missing:
        raise Invalid(
            "Deze termen bestaan niet.", errors={"json": {"term_ids": [f"Onbekende term: {i}" for i in missing]}}
        )
    current = {
        a.term_id: a
        for a in db.session.scalars(
            select(Assignment).where(Assignment.participant_id == participant.id, Assignment.term_id.in_(term_ids))
        )
    }
    missing = [term_id for term_id in dict.fromkeys(term_ids) if term_id not in current]
    if missing:
        # One that a request at the same moment made first is kept (this one then answers as if it came second).
        rows = [
            {"participant_id": participant.id, "term_id": t, "assigned_by_id": teacher.id, "assigned_at": now}
            for t in missing
        ]
        db.session.execute(locks.insert_new(Assignment), rows)
        current |= {
            a.term_id: a
            for a in db.session.scalars(
                select(Assignment).where(Assignment.participant_id == participant.id, Assignment.term_id.in_(missing))
            )
        }
    out = []
    for term_id in dict.fromkeys(term_ids):
        assignment = current[term_id]
        if assignment.removed_at is not None:
            assignment.removed_at = None
            assignment.assigned_at = now
            assignment.assigned_by_id = teacher.id
        out.append(assignment)
    return out


@use_case
def unassign_term(participant: User, term: Term, *, now: datetime) -> None:
    """Un-assign a term; the participant's cards and answers are kept. A term not (or no longer) assigned stays
    so: un-assigning again is harmless, like assigning again."""
    assignment = db.session.scalar(
        select(Assignment).where(
            Assignment.participant_id == participant.id, Assignment.term_id == term.id, Assignment.removed_at.is_(None)
        )
    )
    if assignment is not None:
        assignment.removed_at = now


@dataclass(frozen=True)
class TermAssignment:
    """Who has a term assigned, since when, and from whom."""

    participant: User
    assigned_at: datetime
    assigned_by: User | None


def term_assignments(user: User, term: Term) -> list[TermAssignment]:
    """The participants in the user's scope who have the term assigned, by name."""
    by = aliased(User)
    rows = db.session.execute(
        select(Assignment, User, by)
        .join(User, User.id == Assignment.participant_id)
        .outerjoin(by, by.id == Assignment.assigned_by_id)
        .where(
            Assignment.term_id == term.id,
            Assignment.removed_at.is_(None),
            Assignment.participant_id.in_(access.visible_participant_ids(user)),
        )
        .order_by(User.name, User.id)
    )
    return [TermAssignment(participant, a.assigned_at, teacher) for a, participant, teacher in rows]


def _refused(field: str, message: str) -> Invalid:
    return Invalid(message, errors={"json": {field: [message]}})


def _chosen_participants(
    user: User, *, participant_ids: list[int], group_id: int | None, workplace_id: int | None, today: date
) -> list[User]:
    """The participants named by ids, a group and a workplace, each of them in the user's scope."""
    chosen: dict[int, User] = {}
    if participant_ids:
        chosen |= {p.id: p for p in participants_in_scope(user, participant_ids)}
    if group_id is not None:
        group = next((g for g in groups(user) if g.id == group_id), None)
        if group is None:
            raise _refused("group_id", "Deze groep bestaat niet, of het is niet jouw groep.")
        visible = set(db.session.scalars(access.visible_participant_ids(user)))
        chosen |= {p.id: p for p in group.participants if p.id in visible}
    if workplace_id is not None:
        workplace = db.session.get(Workplace, workplace_id)
        if workplace is None or workplace.organisation_id != user.organisation_id:
            raise _refused("workplace_id", "Deze werkplek bestaat niet.")
        chosen |= {p.id: p for p in placed_participants(user, workplace, today)}
    if participant_ids or group_id is not None or workplace_id is not None:
        if not chosen:
            raise _refused(
                "group_id" if group_id is not None else "workplace_id",
                "Hier zitten geen deelnemers van jou: kies een andere groep of werkplek.",
            )
    else:
        raise _refused("participant_ids", "Kies een deelnemer, een groep of een werkplek.")
    return sorted(chosen.values(), key=lambda p: (p.name, p.id))


@use_case
def assign_to(
    user: User,
    term: Term,
    *,
    participant_ids: list[int] = (),
    group_id: int | None = None,
    workplace_id: int | None = None,
    today: date,
    now: datetime,
) -> list[TermAssignment]:
    """Assign one term to participants, a group and/or everyone placed at a workplace, in the user's scope only.
    Assigning again changes nothing. Returns everyone in the user's scope who has the term now."""
    people = _chosen_participants(
        user, participant_ids=list(participant_ids), group_id=group_id, workplace_id=workplace_id, today=today
    )
    for participant in people:
        assign_terms(user, participant, [term.id], now=now)
    db.session.flush()
    return term_assignments(user, term)


def assigned_terms(participant: User) -> list[TermProgress]:
    """The participant's assigned terms, newest first, with the mastery of each skill."""
    rows = db.session.scalars(
        select(Assignment)
        .where(Assignment.participant_id == participant.id, Assignment.removed_at.is_(None))
        .options(selectinload(Assignment.term).selectinload(Term.sector))
        .order_by(Assignment.assigned_at.desc(), Assignment.id)
    ).all()
    states = states_by_term(participant, [a.term_id for a in rows])
    return [term_progress(a.term, a.assigned_at, states.get(a.term_id, {})) for a in rows]
