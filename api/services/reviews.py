"""Recording answers (sync): append-only, idempotent, any arrival order; cards brought up to date, skills unlocked."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from api import convert
from api.extensions import db
from api.models import Card, ReviewEvent, Term, User
from api.services import use_case
from api.services.cards import create_cards
from vaktaal import scheduling
from vaktaal.exercises import Skill, skills_for
from vaktaal.scheduling import Answer


@dataclass
class EventResult:
    id: str | None
    status: str  # accepted, duplicate, rejected
    reason: str | None = None


@dataclass(frozen=True)
class CardView:
    """What the phone learns about a card after a sync."""

    id: int
    term_id: int
    skill: Skill
    due: datetime
    reps: int
    stability: float | None
    mastery: str


def card_view(card: Card, state: scheduling.CardState) -> CardView:
    return CardView(
        id=card.id,
        term_id=card.term_id,
        skill=card.skill,
        due=state.due,
        reps=state.reps,
        stability=state.stability,
        mastery=scheduling.mastery(state).value,
    )


def _same(event: ReviewEvent, participant_id: int, data: dict) -> bool:
    return (
        event.participant_id == participant_id
        and event.card_id == data["card_id"]
        and event.answered_at == data["answered_at"]
        and event.result == data["result"]
        and event.hint_used == data["hint_used"]
        and event.duration_ms == data.get("duration_ms")
    )


@use_case
def record_reviews(participant: User, events: list[dict], *, now: datetime) -> tuple[list[EventResult], list[CardView]]:
    """Store a batch of answers (one transaction) and bring the cards' states up to date.

    Each event is accepted, a duplicate (sent before with the same content: retries are harmless) or rejected
    alone with its reason. Cards whose answers arrive out of order are replayed from all their answers.
    """
    ids = [e["id"] for e in events]
    known = {e.id: e for e in db.session.scalars(select(ReviewEvent).where(ReviewEvent.id.in_(ids)))}
    cards = {
        c.id: c
        for c in db.session.scalars(
            select(Card).where(Card.id.in_({e["card_id"] for e in events})).options(selectinload(Card.term))
        )
    }
    results: list[EventResult] = []
    accepted: dict[int, list[ReviewEvent]] = defaultdict(list)
    for data in events:
        event_id = data["id"]
        previous = known.get(event_id)
        if previous is not None:
            if _same(previous, participant.id, data):
                results.append(EventResult(event_id, "duplicate"))
            else:
                results.append(
                    EventResult(event_id, "rejected", "Dit antwoord-id is al eerder gestuurd met andere inhoud.")
                )
            continue
        card = cards.get(data["card_id"])
        if card is None:
            results.append(EventResult(event_id, "rejected", "Deze kaart bestaat niet."))
            continue
        if card.participant_id != participant.id:
            results.append(EventResult(event_id, "rejected", "Deze kaart is niet van jou."))
            continue
        if data["answered_at"] > now + scheduling.FUTURE_TOLERANCE:
            results.append(EventResult(event_id, "rejected", "Het tijdstip ligt meer dan 5 minuten in de toekomst."))
            continue
        event = ReviewEvent(
            id=event_id,
            participant_id=participant.id,
            card_id=card.id,
            answered_at=data["answered_at"],
            result=data["result"],
            hint_used=data["hint_used"],
            duration_ms=data.get("duration_ms"),
            received_at=now,
        )
        db.session.add(event)
        known[event_id] = event
        accepted[card.id].append(event)
        results.append(EventResult(event_id, "accepted"))
    states = _update_cards([cards[i] for i in accepted], accepted)
    views = [card_view(cards[i], states[i]) for i in accepted]
    unlocked = _unlock(participant, {cards[i].term_id for i in accepted}, now=now)
    views += [card_view(c, convert.card_state(c)) for c in unlocked]
    return results, views


def _update_cards(cards: list[Card], new_events: dict[int, list[ReviewEvent]]) -> dict[int, scheduling.CardState]:
    """New states for these cards, written in one UPDATE statement: answers newer than a card's last review are
    applied on top; an answer that arrives out of order makes the card replay all its answers."""
    states: dict[int, scheduling.CardState] = {}
    out_of_order = []
    for card in cards:
        first_new = min(e.answered_at for e in new_events[card.id])
        if card.last_review is not None and first_new < card.last_review:
            out_of_order.append(card)
            continue
        state = convert.card_state(card)
        for event in sorted(new_events[card.id], key=lambda e: (e.answered_at, e.id)):
            state = scheduling.apply(state, convert.answer_from_event(event), skill=card.skill, safety=card.term.safety)
        states[card.id] = state
    if out_of_order:
        db.session.flush()
        history: dict[int, list[Answer]] = defaultdict(list)
        for event in db.session.scalars(
            select(ReviewEvent).where(ReviewEvent.card_id.in_([c.id for c in out_of_order]))
        ):
            history[event.card_id].append(convert.answer_from_event(event))
        for card in out_of_order:
            states[card.id] = scheduling.replay(
                history[card.id], created_at=card.created_at, skill=card.skill, safety=card.term.safety
            )
    if states:
        db.session.flush()
        db.session.execute(
            update(Card), [{"id": card_id, **convert.state_columns(state)} for card_id, state in states.items()]
        )
    return states


def _unlock(participant: User, term_ids: set[int], *, now: datetime) -> list[Card]:
    """Create the production cards (writing, speaking, conversation) of terms whose recognition now holds."""
    if not term_ids:
        return []
    existing: dict[int, dict[Skill, Card]] = defaultdict(dict)
    query = (
        select(Card)
        .where(Card.participant_id == participant.id, Card.term_id.in_(term_ids))
        .options(selectinload(Card.term).selectinload(Term.sector))
        .execution_options(populate_existing=True)
    )
    for card in db.session.scalars(query):
        existing[card.term_id][card.skill] = card
    wanted: dict[tuple[Skill, ...], list[int]] = defaultdict(list)
    for term_id, by_skill in existing.items():
        states = {skill: convert.card_state(card) for skill, card in by_skill.items()}
        if not scheduling.recognition_holds(states):
            continue
        term = next(iter(by_skill.values())).term
        missing = tuple(skill for skill in skills_for(convert.term_info(term)) if skill not in by_skill)
        if missing:
            wanted[missing].append(term_id)
    created = []
    for skills, ids in wanted.items():
        for cards in create_cards(participant, ids, skills, now=now).values():
            created += cards
    return created
