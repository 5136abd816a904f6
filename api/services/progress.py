"""What a participant has learned: mastery counts, assigned terms learned, the week's practice, my words."""

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api import convert
from api.extensions import db
from api.models import Assignment, Card, ReviewEvent, Sector, Term, User
from api.services.assignments import assigned_terms
from api.services.cards import TermProgress, local_midnight, states_by_term, term_progress, zone
from vaktaal import progress, scheduling


def participant_progress(participant: User, *, now: datetime) -> dict:
    """Counts per mastery state, assigned terms learned, this week's practice days and today's answers."""
    rows = db.session.execute(
        select(Card, Sector.slug, Term.theme)
        .join(Term, Card.term_id == Term.id)
        .join(Sector, Term.sector_id == Sector.id)
        .where(Card.participant_id == participant.id)
    ).all()
    facts = [
        progress.CardFact(card.term_id, slug, theme, card.skill, scheduling.mastery(convert.card_state(card)))
        for card, slug, theme in rows
    ]
    local = zone(participant)
    since = datetime.combine(progress.week_start(now=now, zone=local), time(0), tzinfo=local) - timedelta(days=1)
    times = db.session.scalars(
        select(ReviewEvent.answered_at).where(
            ReviewEvent.participant_id == participant.id, ReviewEvent.answered_at >= since
        )
    ).all()
    assigned = assigned_terms(participant)
    midnight = local_midnight(participant, now)
    return {
        "mastery": progress.mastery_counts(facts),
        "assigned": {"total": len(assigned), "learned": sum(1 for a in assigned if a.learned)},
        "week": progress.weekly_goal(times, now=now, zone=local),
        "answers_today": sum(1 for t in times if t >= midnight),
    }


def my_terms(participant: User, *, assigned_only: bool = False) -> list[TermProgress]:
    """The participant's terms: those met in practice and those assigned, with mastery per skill; the newest
    assignments first (what they meet at work this week), then the rest alphabetically."""
    states = states_by_term(participant)
    assigned = {
        a.term_id: a.assigned_at
        for a in db.session.scalars(
            select(Assignment).where(Assignment.participant_id == participant.id, Assignment.removed_at.is_(None))
        )
    }
    ids = set(assigned) if assigned_only else set(states) | set(assigned)
    terms = db.session.scalars(
        select(Term).where(Term.id.in_(ids)).options(selectinload(Term.sector)).order_by(Term.term, Term.id)
    ).all()
    rows = [term_progress(term, assigned.get(term.id), states.get(term.id, {})) for term in terms]
    rows.sort(key=lambda r: (r.assigned_at is None, -(r.assigned_at.timestamp() if r.assigned_at else 0)))
    return rows
