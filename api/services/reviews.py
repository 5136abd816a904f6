"""Recording answers (sync): append-only, idempotent, any arrival order; cards brought up to date, skills unlocked;
cards computed under older grading rules replayed."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from api import convert
from api.extensions import db
from api.models import Card, ReviewEvent, Term, User
from api.services import locks, practice_days, use_case
from api.services.cards import create_cards
from vaktaal import scheduling
from vaktaal.exercises import Skill, skills_for
from vaktaal.scheduling import RULES_VERSION, Answer


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
    alone with its reason. Cards whose answers arrive out of order are replayed from all their answers. A batch
    sent at the same moment for the same cards (a retry while the first sending is under way, a second phone)
    waits for this one and then answers as if it came second: its answers are duplicates or are applied on top.
    """
    cards = _lock_cards(participant, {e["card_id"] for e in events})
    ids = [e["id"] for e in events]
    known = {e.id: e for e in db.session.scalars(select(ReviewEvent).where(ReviewEvent.id.in_(ids)))}
    results: list[EventResult] = []
    new: dict[str, tuple[int, ReviewEvent]] = {}  # event id -> (its place in results, the event)
    for data in events:
        event_id = data["id"]
        previous = known.get(event_id)
        if previous is not None:
            results.append(_again(previous, participant, data))
            continue
        card = cards.get(data["card_id"])
        if card is None or card.participant_id != participant.id:  # one reason: card ids cannot be probed
            results.append(EventResult(event_id, "rejected", "Deze kaart bestaat niet."))
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
        known[event_id] = event
        new[event_id] = (len(results), event)
        results.append(EventResult(event_id, "accepted"))
    stored = _insert_events([event for _, event in new.values()])
    lost = [event_id for event_id in new if event_id not in stored]
    if lost:
        # The same id stored meanwhile by a batch for other cards (the unique id refused this one): answer as
        # that batch's second sending would.
        winners = {e.id: e for e in db.session.scalars(select(ReviewEvent).where(ReviewEvent.id.in_(lost)))}
        for event_id in lost:
            index, event = new.pop(event_id)
            results[index] = _again(winners[event_id], participant, _as_data(event))
    accepted: dict[int, list[ReviewEvent]] = defaultdict(list)
    for _, event in new.values():
        accepted[event.card_id].append(event)
    before = {
        card_id: scheduling.mastery(convert.card_state(card))
        for card_id, card in cards.items()
        if card.participant_id == participant.id
    }
    states = _update_cards([cards[i] for i in accepted], accepted)
    practice_days.add_batch(participant, cards, before, states, accepted)
    views = [card_view(cards[i], states[i]) for i in accepted]
    unlocked = _unlock(participant, {cards[i].term_id for i in accepted}, now=now)
    views += [card_view(c, convert.card_state(c)) for c in unlocked]
    return results, views


def _again(previous: ReviewEvent, participant: User, data: dict) -> EventResult:
    """An answer whose id is stored already: a duplicate when it is the same answer, else rejected."""
    if _same(previous, participant.id, data):
        return EventResult(previous.id, "duplicate")
    return EventResult(previous.id, "rejected", "Dit antwoord-id is al eerder gestuurd met andere inhoud.")


def _as_data(event: ReviewEvent) -> dict:
    return {
        "card_id": event.card_id,
        "answered_at": event.answered_at,
        "result": event.result,
        "hint_used": event.hint_used,
        "duration_ms": event.duration_ms,
    }


def _lock_cards(participant: User, card_ids: set[int]) -> dict[int, Card]:
    """The cards these answers name, by id, read fresh. The participant's cards of the same terms are locked until
    the transaction ends, in id order: a batch for any of them at the same moment waits, then reads what this one
    wrote, so no state is computed from a stale read and a term's production cards are unlocked from the latest
    states of both its recognition cards. Cards of someone else (rejected) are read, not locked."""
    terms = select(Card.term_id).where(Card.id.in_(card_ids), Card.participant_id == participant.id)
    cards = {
        card.id: card
        for card in locks.locked(
            select(Card)
            .where(Card.participant_id == participant.id, Card.term_id.in_(terms))
            .order_by(Card.id)
            .options(selectinload(Card.term))
        )
    }
    others = card_ids - set(cards)
    if others:
        cards |= {card.id: card for card in db.session.scalars(select(Card).where(Card.id.in_(others)))}
    return cards


def _insert_events(events: list[ReviewEvent]) -> set[str]:
    """Insert the answers in one statement; the ids stored. An id a request at the same moment stored first is
    left out (the unique id refuses it) rather than failing the batch."""
    if not events:
        return set()
    rows = [
        {
            "id": e.id,
            "participant_id": e.participant_id,
            "card_id": e.card_id,
            "answered_at": e.answered_at,
            "result": e.result,
            "hint_used": e.hint_used,
            "duration_ms": e.duration_ms,
            "received_at": e.received_at,
        }
        for e in events
    ]
    return set(db.session.scalars(locks.insert_new(ReviewEvent).returning(ReviewEvent.id), rows))


def _update_cards(cards: list[Card], new_events: dict[int, list[ReviewEvent]]) -> dict[int, scheduling.CardState]:
    """New states for these cards, written in one UPDATE statement: answers newer than a card's last review are
    applied on top; an answer that arrives out of order (or a card computed under older grading rules) makes the
    card replay all its answers."""
    states: dict[int, scheduling.CardState] = {}
    out_of_order = []
    for card in cards:
        first_new = min(e.answered_at for e in new_events[card.id])
        late = card.last_review is not None and first_new < card.last_review
        if late or card.rules_version != RULES_VERSION:
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
            update(Card),
            [
                {"id": card_id, **convert.state_columns(state), "rules_version": RULES_VERSION}
                for card_id, state in states.items()
            ],
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


# Replaying cards under the current grading rules (once, after the rules change: ``flask setup``)

REPLAY_BATCH = 5000


def replay_outdated_cards(*, batch: int = REPLAY_BATCH, report=None) -> int:
    """Replay every card computed under older grading rules (``rules_version`` below ``RULES_VERSION``) from its
    answers, ``batch`` cards per transaction, and return how many were replayed.

    Idempotent and resumable: a replayed card gets the current version and is not touched again; a run cut short
    goes on where it stopped. Run it before serving (a sync of the same card meanwhile could be overwritten).

    Args:
        batch: Cards per transaction (their answers are read in one statement).
        report: Called with the number of cards replayed so far after each batch (a progress line).
    """
    done, after = 0, 0
    while True:
        replayed, after = _replay_batch(after, batch)
        if after is None:
            return done
        done += replayed
        if report:
            report(done)


@use_case
def _replay_batch(after: int, batch: int) -> tuple[int, int | None]:
    """Replay the next ``batch`` outdated cards with an id above ``after``; (cards replayed, the last id) or
    (0, None) when none are left."""
    cards = db.session.execute(
        select(
            Card.id,
            Card.skill,
            Card.created_at,
            Card.due,
            Card.state,
            Card.step,
            Card.stability,
            Card.difficulty,
            Card.last_review,
            Card.reps,
            Card.lapses,
            Term.safety,
        )
        .join(Term, Card.term_id == Term.id)
        .where(Card.rules_version < RULES_VERSION, Card.id > after)
        .order_by(Card.id)
        .limit(batch)
    ).all()
    if not cards:
        return 0, None
    first, last = cards[0].id, cards[-1].id
    history: dict[int, list[Answer]] = defaultdict(list)
    events = db.session.execute(
        select(
            ReviewEvent.card_id,
            ReviewEvent.id,
            ReviewEvent.answered_at,
            ReviewEvent.result,
            ReviewEvent.hint_used,
            ReviewEvent.duration_ms,
        ).where(ReviewEvent.card_id.between(first, last))
    )
    for card_id, event_id, answered_at, result, hint_used, duration_ms in events:
        history[card_id].append(Answer(event_id, answered_at, result, hint_used, duration_ms))
    changed = []
    for row in cards:
        if not history[row.id]:
            continue  # never answered: its state is the new card's, under any rules
        state = scheduling.replay(history[row.id], created_at=row.created_at, skill=row.skill, safety=row.safety)
        columns = convert.state_columns(state)
        if any(getattr(row, name) != value for name, value in columns.items()):
            changed.append({"id": row.id, **columns})
    if changed:
        db.session.execute(update(Card), changed)
    db.session.execute(
        update(Card)
        .where(Card.id.between(first, last), Card.rules_version < RULES_VERSION)
        .values(rules_version=RULES_VERSION)
        .execution_options(synchronize_session=False)
    )
    return len(cards), last
