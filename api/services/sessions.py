"""Building a practice session: which terms to introduce and repeat, and the exercises the phone needs offline."""

import random
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from sqlalchemy import and_, func, or_, select

from api import convert
from api.access import readable_terms
from api.extensions import db
from api.models import (
    Assignment,
    Card,
    Placement,
    PracticeSession,
    Sector,
    Term,
    User,
    Workplace,
    participant_sectors,
)
from api.services import use_case
from api.services.audio import AudioCatalog, spoken_text
from api.services.cards import create_cards, local_midnight, zone
from vaktaal import scheduling
from vaktaal.audio import AudioKind
from vaktaal.errors import Invalid
from vaktaal.exercises import GENERAL_SECTOR, RECOGNITION, build_exercise
from vaktaal.sessions import (
    DEFAULT_DAILY_NEW_TERMS,
    MAX_SESSION_SIZE,
    SOON,
    Assigned,
    Candidate,
    CardRef,
    More,
    Outlook,
    outlook,
    plan_session,
)

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


@dataclass
class _Day:
    """What a participant's practice stands on now: their cards, what they may meet, today's new terms."""

    introduced: dict[int, datetime]  # term id -> when its first card was made
    dues: list[tuple[int, int, datetime]]  # (card id, term id, due) of every card
    assigned: list[Assigned]  # assigned terms not met yet
    candidates: list[Candidate]  # terms of their sectors not met yet
    introduced_today: int
    end_of_today: datetime
    end_of_tomorrow: datetime


def _day(participant: User, now: datetime) -> _Day:
    rows = db.session.execute(
        select(Card.id, Card.term_id, Card.due, Card.created_at).where(Card.participant_id == participant.id)
    ).all()
    introduced: dict[int, datetime] = {}
    for _, term_id, _, created in rows:
        introduced[term_id] = min(created, introduced.get(term_id, created))
    midnight = local_midnight(participant, now)
    local = zone(participant)
    today = midnight.date()
    ends = [datetime.combine(today + timedelta(days=n), time(0), tzinfo=local) for n in (1, 2)]
    assigned = [
        Assigned(term_id, assigned_at)
        for term_id, assigned_at in db.session.execute(
            select(Assignment.term_id, Assignment.assigned_at).where(
                Assignment.participant_id == participant.id, Assignment.removed_at.is_(None)
            )
        )
        if term_id not in introduced
    ]
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
    return _Day(
        introduced=introduced,
        dues=[(card_id, term_id, due) for card_id, term_id, due, _ in rows],
        assigned=assigned,
        candidates=candidates,
        introduced_today=sum(1 for created in introduced.values() if created >= midnight),
        end_of_today=ends[0],
        end_of_tomorrow=ends[1],
    )


def _caps(participant: User) -> tuple[int | None, int | None]:
    profile = participant.profile
    return (profile.daily_new_limit, profile.daily_new_max) if profile else (None, None)


def _outlook(participant: User, day: _Day, *, now: datetime, introduced: list[int] = (), skip=frozenset()) -> Outlook:
    """The day's outlook; ``introduced`` terms were just met, ``skip`` cards are in hand (this session's)."""
    met = set(introduced)
    limit, maximum = _caps(participant)
    return outlook(
        dues=[(term_id, due) for card_id, term_id, due in day.dues if card_id not in skip],
        now=now,
        end_of_today=day.end_of_today,
        end_of_tomorrow=day.end_of_tomorrow,
        introduced_today=day.introduced_today + len(met),
        unmet=len(({c.term_id for c in day.candidates} | {a.term_id for a in day.assigned}) - met),
        assigned=[a for a in day.assigned if a.term_id not in met],
        daily_limit=limit,
        daily_max=maximum,
    )


def today(participant: User, *, now: datetime) -> Outlook:
    """Where the participant's day stands ("anything new?"): what is due, what they may ask for, what tomorrow
    brings, the terms assigned since and the last correction of a term they practise (a session kept on the phone
    from before either is out of date)."""
    changed = db.session.scalar(
        select(func.max(Term.updated_at))
        .join(Card, Card.term_id == Term.id)
        .where(Card.participant_id == participant.id)
    )
    return replace(_outlook(participant, _day(participant, now), now=now), terms_changed_latest=changed)


@use_case
def build_session(
    participant: User,
    size: int,
    *,
    now: datetime,
    secret_key: str,
    exclude_card_ids: list[int] = (),
    more: More | None = None,
) -> dict:
    """Plan a session, introduce its new terms (their recognition cards) and build its exercises.

    Args:
        participant: Who practises.
        size: The number of exercises, 1 to ``MAX_SESSION_SIZE``.
        now: The current time (UTC).
        secret_key: Signs the audio URLs of the organisation's own terms and recordings.
        exclude_card_ids: Cards of the session the phone holds now, so a session fetched ahead skips them.
        more: What a learner who finished the day's work asks for (``vaktaal.sessions.More``), or None.

    Returns:
        ``{"id", "created_at", "exercises", "terms", "today"}``: ``terms`` are the session's terms as the
        presentation of a new term and the summary show them (``new``: never answered, present it first);
        ``today`` is the day's outlook besides this session.

    Raises:
        Invalid: If ``size`` is out of range.
    """
    if not 1 <= size <= MAX_SESSION_SIZE:
        raise Invalid(f"Een sessie heeft 1 tot {MAX_SESSION_SIZE} oefeningen.", errors={"json": {"size": ["1-50"]}})
    day = _day(participant, now)
    due_by = now + SOON if more is More.SOON else now
    in_hand = set(exclude_card_ids)
    due_ids = [card_id for card_id, _, due in day.dues if due <= due_by and card_id not in in_hand]
    due_cards = {}
    if due_ids:
        due_cards = {
            card.id: (card, safety)
            for card, safety in db.session.execute(
                select(Card, Term.safety).join(Term).where(Card.participant_id == participant.id, Card.due <= due_by)
            )
            if card.id not in in_hand
        }
    cards = [CardRef(c.id, c.term_id, c.skill, convert.card_state(c), safety) for c, safety in due_cards.values()]
    limit, maximum = _caps(participant)
    plan = plan_session(
        size=size,
        assigned=day.assigned,
        cards=cards,
        candidates=day.candidates,
        introduced_today=day.introduced_today,
        daily_limit=limit if limit is not None else DEFAULT_DAILY_NEW_TERMS,
        daily_max=maximum,
        more=more,
        now=now,
    )
    by_term = create_cards(participant, plan.introduced, RECOGNITION, now=now)
    session = PracticeSession(participant_id=participant.id, size=size, introduced=len(plan.introduced), created_at=now)
    db.session.add(session)
    db.session.flush()
    ordered = [c for t in plan.assigned for c in by_term[t]]
    ordered += [due_cards[ref.card_id][0] for ref in plan.due]
    ordered += [c for t in plan.new for c in by_term[t]]
    ordered = ordered[:size]
    exercises = _exercises(participant, ordered, seed=session.id, secret_key=secret_key)
    for exercise, card in zip(exercises, ordered, strict=True):
        exercise["mastery"] = scheduling.mastery(convert.card_state(card)).value
    unanswered = {c.term_id for c in ordered if c.reps == 0} - set(plan.introduced)
    new = set(plan.introduced) | (unanswered - _answered_terms(participant, unanswered))
    return {
        "id": session.id,
        "created_at": session.created_at,
        "exercises": exercises,
        "terms": _session_terms(participant, ordered, new, secret_key=secret_key),
        "today": _outlook(
            participant, day, now=now, introduced=plan.introduced, skip={c.id for c in ordered} | in_hand
        ),
    }


def _answered_terms(participant: User, term_ids: set[int]) -> set[int]:
    """Of these terms, those with an answered card (met before, even if this card of theirs is new)."""
    if not term_ids:
        return set()
    return set(
        db.session.scalars(
            select(Card.term_id)
            .where(Card.participant_id == participant.id, Card.term_id.in_(term_ids), Card.reps > 0)
            .distinct()
        )
    )


def _session_terms(participant: User, cards: list[Card], new: set[int], *, secret_key: str) -> list[dict]:
    """The session's terms in the order they first come, as the presentation and the summary show them: the word
    (nouns with their article), picture, sound, meaning in the first support language that has one, example."""
    order = list(dict.fromkeys(c.term_id for c in cards))
    if not order:
        return []
    rows = {term.id: term for term in db.session.scalars(select(Term).where(Term.id.in_(order)))}
    catalog = AudioCatalog(participant.organisation_id, secret_key)
    languages = participant.profile.support_languages if participant.profile else []
    out = []
    for term_id in order:
        term = rows[term_id]
        texts = convert.translation_texts(term.translations)
        language = next((code for code in languages if texts.get(code)), None)
        out.append(
            {
                "term_id": term.id,
                "text": spoken_text(term, AudioKind.TERM),
                "emoji": term.emoji,
                "example": term.example,
                "translation": texts.get(language) if language else None,
                "language": language,
                "audio_url": catalog.url(term, AudioKind.TERM.value),
                "example_audio_url": catalog.url(term, AudioKind.EXAMPLE.value) if term.example else None,
                "safety": term.safety,
                "new": term_id in new,
            }
        )
    return out


def _exercises(participant: User, cards: list[Card], *, seed: int, secret_key: str) -> list[dict]:
    """The exercises for these cards, each with what the phone needs to show and grade it offline.

    The distractor pool is what the participant may read of their own sectors (profile and current workplaces) and
    of the general list (``algemeen``), read as plain rows (not ORM objects). The session's own terms are read as
    well, so a term assigned from another sector is shown, but it is no distractor for the others.
    """
    if not cards:
        return []
    term_ids = {c.term_id for c in cards}
    # The learner's own sectors: those of their profile and of the workplaces they work at now.
    profile = select(participant_sectors.c.sector_id).where(participant_sectors.c.participant_id == participant.id)
    workplaces = (
        select(Workplace.sector_id)
        .join(Placement, Placement.workplace_id == Workplace.id)
        .where(
            Placement.participant_id == participant.id,
            or_(Placement.end_date.is_(None), Placement.end_date >= func.current_date()),
        )
    )
    sectors = set(db.session.scalars(select(Sector.slug).where(Sector.id.in_(profile) | Sector.id.in_(workplaces))))
    in_pool = and_(readable_terms(participant.organisation_id), Sector.slug.in_(sectors | {GENERAL_SECTOR}))
    rows = db.session.execute(
        select(*POOL_COLUMNS, in_pool.label("in_pool"))
        .join(Sector, Term.sector_id == Sector.id)
        .where(or_(Term.id.in_(term_ids), in_pool))
    ).all()
    catalog = AudioCatalog(participant.organisation_id, secret_key)
    infos = {
        row.id: convert.term_info_from_row(
            row, audio_url=catalog.url(row, "term"), example_audio_url=catalog.url(row, "example")
        )
        for row in rows
    }
    pool = [infos[row.id] for row in rows if row.in_pool]
    languages = participant.profile.support_languages if participant.profile else []
    rng = random.Random(seed)
    return [
        build_exercise(c.id, infos[c.term_id], c.skill, pool=pool, languages=languages, sectors=sectors, rng=rng)
        for c in cards
    ]
