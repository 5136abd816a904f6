"""Terms a teacher assigns to a participant (personal terms): they lead the participant's next sessions."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.access import readable_terms
from api.extensions import db
from api.models import Assignment, Term, User
from api.services import use_case
from api.services.cards import TermProgress, states_by_term, term_progress
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
    out = []
    for term_id in dict.fromkeys(term_ids):
        assignment = current.get(term_id)
        if assignment is None:
            assignment = Assignment(
                participant_id=participant.id, term_id=term_id, assigned_by_id=teacher.id, assigned_at=now
            )
            db.session.add(assignment)
        elif assignment.removed_at is not None:
            assignment.removed_at = None
            assignment.assigned_at = now
            assignment.assigned_by_id = teacher.id
        out.append(assignment)
    return out


@use_case
def unassign_term(participant: User, term: Term, *, now: datetime) -> None:
    """Un-assign a term; the participant's cards and answers are kept."""
    assignment = db.session.scalar(
        select(Assignment).where(
            Assignment.participant_id == participant.id, Assignment.term_id == term.id, Assignment.removed_at.is_(None)
        )
    )
    if assignment is None:
        raise Invalid("Deze term is niet aan deze deelnemer toegewezen.")
    assignment.removed_at = now


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
