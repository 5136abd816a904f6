"""One participant's progress for staff (``GET /api/participants/<id>/progress``): vocabulary over the weeks, practice
days per week, the terms that keep failing, the observed terms with their state, recent visits and the levels."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api import convert
from api.extensions import db
from api.models import Card, Observation, PracticeDay, Term, User, Visit, observation_participants, visit_participants
from api.services import levels as level_service
from api.services.cards import zone
from vaktaal import visits as rules
from vaktaal.practice_days import best
from vaktaal.scheduling import Mastery, mastery
from vaktaal.visits import ObservationStatus

RECENT_VISITS = 5
MAX_WEEKS = 260  # five years of weeks: a route lasts three


@dataclass(frozen=True)
class Week:
    """One ISO week (from its Monday): the vocabulary at its end and the days practised in it."""

    week: date
    known: int
    mastered: int
    practice_days: int
    answers: int


@dataclass(frozen=True)
class ObservedTerm:
    """A term heard on a visit for the participant (assigned), with its state (its best skill's mastery, as the
    caseload counts terms: a term whose writing just unlocked is not new again) and where and when it was heard
    last."""

    term: Term
    state: Mastery
    workplace: str
    heard_on: date


@dataclass(frozen=True)
class Progress:
    participant: User
    weeks: list[Week]
    failing: list[Term]
    observed: list[ObservedTerm]
    visits: list[Visit]
    levels: level_service.LevelsView


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks(days: dict[date, tuple[int, int, int]], *, start: date, today: date) -> list[Week]:
    """Per ISO week from the week of ``start`` up to today's: the running sums of the days' ``known_change`` and
    ``mastered_change`` (the vocabulary at the week's end), the days with answers and the answers. ``days``: day ->
    (answers, known_change, mastered_change); days before ``start`` count in the first week."""
    first = monday(min([start, *days]) if days else start)
    first = max(first, monday(today) - timedelta(weeks=MAX_WEEKS - 1))
    out, known, mastered = [], 0, 0
    for day, (_, k, m) in days.items():
        if day < first:
            known, mastered = known + k, mastered + m
    week = first
    while week <= today:
        mine = [v for d, v in days.items() if week <= d < week + timedelta(days=7)]
        known += sum(k for _, k, _ in mine)
        mastered += sum(m for _, _, m in mine)
        out.append(Week(week, known, mastered, sum(1 for a, _, _ in mine if a), sum(a for a, _, _ in mine)))
        week += timedelta(days=7)
    return out


def progress(actor: User, participant: User, *, now: datetime) -> Progress:
    """The participant's progress as ``actor`` sees it (the levels' ``read_only`` is the actor's)."""
    local = zone(participant)
    today = now.astimezone(local).date()
    days = {
        row.day: (row.answers, row.known_change, row.mastered_change)
        for row in db.session.scalars(select(PracticeDay).where(PracticeDay.participant_id == participant.id))
    }
    profile = participant.profile
    start = (profile.start_date if profile else None) or participant.created_at.astimezone(local).date()
    cards = db.session.scalars(
        select(Card)
        .where(Card.participant_id == participant.id)
        .options(selectinload(Card.term).selectinload(Term.sector))
    ).all()
    by_term: dict[int, list] = {}
    for card in cards:
        by_term.setdefault(card.term_id, []).append(convert.card_state(card))
    failing = sorted(
        {card.term_id: card.term for card in cards if rules.failing(convert.card_state(card))}.values(),
        key=lambda t: (t.term.lower(), t.id),
    )
    heard = db.session.execute(
        select(Observation, Visit)
        .join(Visit, Visit.id == Observation.visit_id)
        .join(observation_participants, observation_participants.c.observation_id == Observation.id)
        .where(
            observation_participants.c.participant_id == participant.id,
            Observation.status == ObservationStatus.ASSIGNED,
        )
        .options(selectinload(Observation.term).selectinload(Term.sector), selectinload(Visit.workplace))
        .order_by(Visit.date.desc(), Observation.id.desc())
    ).all()
    observed: dict[int, ObservedTerm] = {}
    for observation, visit in heard:
        if observation.term_id not in observed:  # the newest hearing of each term
            state = best(mastery(card) for card in by_term.get(observation.term_id, ()))
            observed[observation.term_id] = ObservedTerm(observation.term, state, visit.workplace.employer, visit.date)
    recent = db.session.scalars(
        select(Visit)
        .join(visit_participants, visit_participants.c.visit_id == Visit.id)
        .where(visit_participants.c.participant_id == participant.id)
        .options(selectinload(Visit.workplace), selectinload(Visit.recorded_by))
        .order_by(Visit.date.desc(), Visit.id.desc())
        .limit(RECENT_VISITS)
    ).all()
    return Progress(
        participant=participant,
        weeks=weeks(days, start=start, today=today),
        failing=failing,
        observed=list(observed.values()),
        visits=list(recent),
        levels=level_service.levels_view(actor, participant, now=now),
    )
