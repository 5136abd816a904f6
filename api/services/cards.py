"""A participant's cards, shared by the practice use cases: creating them, their states, their day boundaries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from api import convert
from api.extensions import db
from api.models import Card, Term, User
from api.services import locks
from vaktaal import scheduling
from vaktaal.exercises import Skill
from vaktaal.roles import DEFAULT_TIMEZONE


def zone(participant: User) -> ZoneInfo:
    return ZoneInfo(participant.profile.timezone if participant.profile else DEFAULT_TIMEZONE)


def local_midnight(participant: User, now: datetime) -> datetime:
    """The start of the participant's day: days are counted in their own time zone."""
    today = now.astimezone(zone(participant)).date()
    return datetime.combine(today, time(0), tzinfo=zone(participant))


def create_cards(participant: User, term_ids: list[int], skills, *, now: datetime) -> dict[int, list[Card]]:
    """Create cards in one statement (not one INSERT per card) and return them by term, in skill order.

    A card a request at the same moment made first (the phone fetching the next session ahead) is kept, not made
    twice (the statement waits for that request, then leaves the card out), and returned like the new ones.
    """
    rows = [
        {"participant_id": participant.id, "term_id": t, "skill": s, "due": now, "created_at": now}
        for t in term_ids
        for s in skills
    ]
    if not rows:
        return {}
    db.session.execute(locks.insert_new(Card), rows)
    made = db.session.scalars(
        select(Card).where(
            Card.participant_id == participant.id, Card.term_id.in_(term_ids), Card.skill.in_(list(skills))
        )
    ).all()
    order = {s: i for i, s in enumerate(skills)}
    by_term: dict[int, list[Card]] = {t: [] for t in term_ids}
    for card in sorted(made, key=lambda c: order[c.skill]):
        by_term[card.term_id].append(card)
    return by_term


def states_by_term(
    participant: User, term_ids: Iterable[int] | None = None
) -> dict[int, dict[Skill, scheduling.CardState]]:
    query = select(Card).where(Card.participant_id == participant.id)
    if term_ids is not None:
        query = query.where(Card.term_id.in_(list(term_ids)))
    out: dict[int, dict[Skill, scheduling.CardState]] = defaultdict(dict)
    for card in db.session.scalars(query):
        out[card.term_id][card.skill] = convert.card_state(card)
    return out


@dataclass(frozen=True)
class TermProgress:
    """One of a participant's terms: when it was assigned (if it was), its mastery per skill, and whether its
    recognition holds (the unlock rule: the term counts as learned)."""

    term: Term
    assigned_at: datetime | None
    skills: dict[str, str]
    learned: bool


def term_progress(term: Term, assigned_at: datetime | None, states: dict[Skill, scheduling.CardState]) -> TermProgress:
    return TermProgress(
        term=term,
        assigned_at=assigned_at,
        skills={skill.value: scheduling.mastery(state).value for skill, state in states.items()},
        learned=scheduling.recognition_holds(states),
    )
