"""Practice use cases: building a session, recording answers (sync), assigning terms, progress."""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import selectinload

from api import convert
from api.access import readable_terms
from api.extensions import db
from api.models import Assignment, Card, PracticeSession, ReviewEvent, Sector, Term, User, participant_sectors
from api.services import audio
from vaktaal import progress, scheduling
from vaktaal.errors import Invalid
from vaktaal.exercises import RECOGNITION, Result, Skill, build_exercise, skills_for
from vaktaal.scheduling import Answer
from vaktaal.sessions import DEFAULT_DAILY_NEW_TERMS, Assigned, Candidate, CardRef, plan_session

MAX_SESSION_SIZE = 50


def _zone(participant: User) -> ZoneInfo:
    return ZoneInfo(participant.profile.timezone if participant.profile else "Europe/Amsterdam")


def _local_midnight(participant: User, now: datetime) -> datetime:
    zone = _zone(participant)
    today = now.astimezone(zone).date()
    return datetime.combine(today, time(0), tzinfo=zone)


# Building a session


def build_session(participant: User, size: int, *, now: datetime, exclude_card_ids: list[int] = ()) -> dict:
    """Plan a session, introduce its new terms (their recognition cards) and build its exercises."""
    if not 1 <= size <= MAX_SESSION_SIZE:
        raise Invalid(f"Een sessie heeft 1 tot {MAX_SESSION_SIZE} oefeningen.", errors={"json": {"size": ["1-50"]}})
    introduced = {
        term_id: created
        for term_id, created in db.session.execute(
            select(Card.term_id, func.min(Card.created_at))
            .where(Card.participant_id == participant.id)
            .group_by(Card.term_id)
        )
    }
    midnight = _local_midnight(participant, now)
    introduced_today = sum(1 for created in introduced.values() if created >= midnight)
    assigned = [
        Assigned(term_id, assigned_at)
        for term_id, assigned_at in db.session.execute(
            select(Assignment.term_id, Assignment.assigned_at).where(
                Assignment.participant_id == participant.id, Assignment.removed_at.is_(None)
            )
        )
        if term_id not in introduced
    ]
    due_query = select(Card, Term.safety).join(Term).where(Card.participant_id == participant.id, Card.due <= now)
    if exclude_card_ids:  # the cards of the session the phone holds now: the next session should not repeat them
        due_query = due_query.where(Card.id.not_in(list(exclude_card_ids)))
    due_cards = db.session.execute(due_query).all()
    cards = [CardRef(c.id, c.term_id, Skill(c.skill), convert.card_state(c), safety) for c, safety in due_cards]
    my_sectors = select(participant_sectors.c.sector_id).where(participant_sectors.c.participant_id == participant.id)
    candidates = [
        Candidate(term_id, safety, level, frequency)
        for term_id, safety, level, frequency in db.session.execute(
            select(Term.id, Term.safety, Term.level, Term.frequency).where(
                readable_terms(participant.organisation_id), Term.sector_id.in_(my_sectors)
            )
        )
        if term_id not in introduced
    ]
    limit = participant.profile.daily_new_limit if participant.profile and participant.profile.daily_new_limit else None
    plan = plan_session(
        size=size,
        assigned=assigned,
        cards=cards,
        candidates=candidates,
        introduced_today=introduced_today,
        daily_limit=limit if limit is not None else DEFAULT_DAILY_NEW_TERMS,
        now=now,
    )
    by_term = _create_cards(participant, plan.introduced, RECOGNITION, now=now)
    session = PracticeSession(participant_id=participant.id, size=size, introduced=len(plan.introduced), created_at=now)
    db.session.add(session)
    db.session.flush()
    ordered = [c for t in plan.assigned for c in by_term[t]]
    ordered += [db.session.get(Card, ref.card_id) for ref in plan.due]
    ordered += [c for t in plan.new for c in by_term[t]]
    exercises = _exercises(participant, ordered[:size], seed=session.id)
    out = {"id": session.id, "created_at": session.created_at, "exercises": exercises}
    db.session.commit()
    return out


def _create_cards(participant: User, term_ids: list[int], skills, *, now: datetime) -> dict[int, list[Card]]:
    """Create cards in one statement (not one INSERT per card) and return them by term, in skill order."""
    rows = [
        {"participant_id": participant.id, "term_id": t, "skill": s.value, "due": now, "created_at": now}
        for t in term_ids
        for s in skills
    ]
    if not rows:
        return {}
    db.session.execute(insert(Card), rows)
    created = db.session.scalars(
        select(Card).where(Card.participant_id == participant.id, Card.term_id.in_(term_ids), Card.created_at == now)
    ).all()
    order = {s.value: i for i, s in enumerate(skills)}
    by_term: dict[int, list[Card]] = {t: [] for t in term_ids}
    for card in sorted(created, key=lambda c: order.get(c.skill, 99)):
        if card.skill in order:
            by_term[card.term_id].append(card)
    return by_term


# The columns exercise building needs: rows of these are light enough to load a whole sector per session.
POOL_COLUMNS = (
    Term.id,
    Term.term,
    Term.article,
    Term.plural,
    Term.pos,
    Term.level,
    Term.theme,
    Term.example,
    Term.emoji,
    Term.translations,
    Term.organisation_id,
    Sector.slug.label("sector_slug"),
)


def _exercises(participant: User, cards: list[Card], *, seed: int) -> list[dict]:
    """The exercises for these cards, each with what the phone needs to show and grade it offline.

    The distractor pool is every visible term of the session's sectors, read as plain rows (not ORM objects).
    """
    if not cards:
        return []
    term_ids = {c.term_id for c in cards}
    sector_ids = select(Term.sector_id).where(Term.id.in_(term_ids)).distinct()
    rows = db.session.execute(
        select(*POOL_COLUMNS)
        .join(Sector, Term.sector_id == Sector.id)
        .where(or_(Term.id.in_(term_ids), Term.sector_id.in_(sector_ids) & readable_terms(participant.organisation_id)))
    ).all()
    organisation_id = participant.organisation_id
    infos = {
        row.id: convert.term_info_from_row(
            row,
            audio_url=audio.audio_url(row, "term", organisation_id),
            example_audio_url=audio.audio_url(row, "example", organisation_id),
        )
        for row in rows
    }
    pool = list(infos.values())
    languages = participant.profile.support_languages if participant.profile else []
    language = languages[0] if languages else None
    rng = random.Random(seed)
    return [
        build_exercise(c.id, infos[c.term_id], Skill(c.skill), pool=pool, language=language, rng=rng) for c in cards
    ]


# Recording answers


@dataclass
class EventResult:
    id: str
    status: str  # accepted, duplicate, rejected
    reason: str | None = None


def _same(event: ReviewEvent, participant_id: int, data: dict) -> bool:
    return (
        event.participant_id == participant_id
        and event.card_id == data["card_id"]
        and event.answered_at == data["answered_at"]
        and event.result == data["result"]
        and event.hint_used == data["hint_used"]
        and event.duration_ms == data.get("duration_ms")
    )


def record_reviews(participant: User, events: list[dict], *, now: datetime) -> tuple[list[EventResult], list[Card]]:
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
    views += [
        card_view(c, convert.card_state(c)) for c in _unlock(participant, {cards[i].term_id for i in accepted}, now=now)
    ]
    db.session.commit()
    return results, views


def card_view(card: Card, state: scheduling.CardState) -> dict:
    """What the phone learns about a card after a sync."""
    return {
        "id": card.id,
        "term_id": card.term_id,
        "skill": card.skill,
        "due": state.due,
        "reps": state.reps,
        "stability": state.stability,
        "mastery": scheduling.mastery(state).value,
    }


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
            state = scheduling.apply(
                state, convert.answer_from_event(event), skill=Skill(card.skill), safety=card.term.safety
            )
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
                history[card.id], created_at=card.created_at, skill=Skill(card.skill), safety=card.term.safety
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
        existing[card.term_id][Skill(card.skill)] = card
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
        for cards in _create_cards(participant, ids, skills, now=now).values():
            created += cards
    return created


# Assigning terms


def assign_terms(
    teacher: User, participant: User, term_ids: list[int], *, now: datetime, commit: bool = True
) -> list[Assignment]:
    terms = {
        t.id: t
        for t in db.session.scalars(
            select(Term).where(Term.id.in_(term_ids), readable_terms(participant.organisation_id))
        )
    }
    missing = [i for i in term_ids if i not in terms]
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
    if commit:
        db.session.commit()
    return out


def unassign_term(participant: User, term_id: int, *, now: datetime) -> None:
    assignment = db.session.scalar(
        select(Assignment).where(
            Assignment.participant_id == participant.id, Assignment.term_id == term_id, Assignment.removed_at.is_(None)
        )
    )
    if assignment is None:
        raise Invalid("Deze term is niet aan deze deelnemer toegewezen.")
    assignment.removed_at = now
    db.session.commit()


def assignments(participant: User) -> list[dict]:
    """The participant's assigned terms with the mastery of each skill."""
    rows = db.session.scalars(
        select(Assignment)
        .where(Assignment.participant_id == participant.id, Assignment.removed_at.is_(None))
        .options(selectinload(Assignment.term).selectinload(Term.sector))
        .order_by(Assignment.assigned_at.desc(), Assignment.id)
    ).all()
    states = _states_by_term(participant, [a.term_id for a in rows])
    return [
        {
            "term": a.term,
            "assigned_at": a.assigned_at,
            "skills": {
                skill.value: scheduling.mastery(state).value for skill, state in states.get(a.term_id, {}).items()
            },
            "learned": scheduling.recognition_holds(states.get(a.term_id, {})),
        }
        for a in rows
    ]


def _states_by_term(
    participant: User, term_ids: list[int] | None = None
) -> dict[int, dict[Skill, scheduling.CardState]]:
    query = select(Card).where(Card.participant_id == participant.id)
    if term_ids is not None:
        query = query.where(Card.term_id.in_(term_ids))
    out: dict[int, dict[Skill, scheduling.CardState]] = defaultdict(dict)
    for card in db.session.scalars(query):
        out[card.term_id][Skill(card.skill)] = convert.card_state(card)
    return out


# Progress


def participant_progress(participant: User, *, now: datetime) -> dict:
    rows = db.session.execute(
        select(Card, Sector.slug, Term.theme)
        .join(Term, Card.term_id == Term.id)
        .join(Sector, Term.sector_id == Sector.id)
        .where(Card.participant_id == participant.id)
    ).all()
    facts = [
        progress.CardFact(card.term_id, slug, theme, Skill(card.skill), scheduling.mastery(convert.card_state(card)))
        for card, slug, theme in rows
    ]
    zone = _zone(participant)
    since = datetime.combine(progress.week_start(now=now, zone=zone), time(0), tzinfo=zone) - timedelta(days=1)
    times = db.session.scalars(
        select(ReviewEvent.answered_at).where(
            ReviewEvent.participant_id == participant.id, ReviewEvent.answered_at >= since
        )
    ).all()
    assigned = assignments(participant)
    return {
        "mastery": progress.mastery_counts(facts),
        "assigned": {"total": len(assigned), "learned": sum(1 for a in assigned if a["learned"])},
        "week": progress.weekly_goal(times, now=now, zone=zone),
        "answers_today": sum(1 for t in times if t >= _local_midnight(participant, now)),
    }


RESULTS = [r.value for r in Result]


def update_settings(participant: User, changes: dict) -> User:
    if "daily_new_limit" in changes:
        participant.profile.daily_new_limit = changes["daily_new_limit"]
    db.session.commit()
    return participant


def my_terms(participant: User, *, assigned_only: bool = False) -> list[dict]:
    """The participant's terms: those met in practice and those assigned, with mastery per skill."""
    states = _states_by_term(participant)
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
    rows = [
        {
            "term": term,
            "assigned_at": assigned.get(term.id),
            "skills": {
                skill.value: scheduling.mastery(state).value for skill, state in states.get(term.id, {}).items()
            },
            "learned": scheduling.recognition_holds(states.get(term.id, {})),
        }
        for term in terms
    ]
    # Newest assignments first (what they meet at work this week), then the rest alphabetically.
    rows.sort(key=lambda r: (r["assigned_at"] is None, -(r["assigned_at"].timestamp() if r["assigned_at"] else 0)))
    return rows
