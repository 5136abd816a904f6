"""Building a practice session: which terms to introduce and repeat, and the exercises the phone needs offline."""

import random
from datetime import datetime

from sqlalchemy import func, or_, select

from api import convert
from api.access import readable_terms
from api.extensions import db
from api.models import Assignment, Card, PracticeSession, Sector, Term, User, participant_sectors
from api.services import use_case
from api.services.audio import AudioCatalog
from api.services.cards import create_cards, local_midnight
from vaktaal.errors import Invalid
from vaktaal.exercises import RECOGNITION, build_exercise
from vaktaal.sessions import DEFAULT_DAILY_NEW_TERMS, Assigned, Candidate, CardRef, plan_session

MAX_SESSION_SIZE = 50

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


@use_case
def build_session(
    participant: User, size: int, *, now: datetime, secret_key: str, exclude_card_ids: list[int] = ()
) -> dict:
    """Plan a session, introduce its new terms (their recognition cards) and build its exercises.

    Args:
        participant: Who practises.
        size: The number of exercises, 1 to ``MAX_SESSION_SIZE``.
        now: The current time (UTC).
        secret_key: Signs the audio URLs of the organisation's own terms and recordings.
        exclude_card_ids: Cards of the session the phone holds now, so a session fetched ahead skips them.

    Returns:
        ``{"id", "created_at", "exercises"}``.

    Raises:
        Invalid: If ``size`` is out of range.
    """
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
    midnight = local_midnight(participant, now)
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
    if exclude_card_ids:
        due_query = due_query.where(Card.id.not_in(list(exclude_card_ids)))
    due_cards = {card.id: (card, safety) for card, safety in db.session.execute(due_query)}
    cards = [CardRef(c.id, c.term_id, c.skill, convert.card_state(c), safety) for c, safety in due_cards.values()]
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
    limit = participant.profile.daily_new_limit if participant.profile else None
    plan = plan_session(
        size=size,
        assigned=assigned,
        cards=cards,
        candidates=candidates,
        introduced_today=introduced_today,
        daily_limit=limit if limit is not None else DEFAULT_DAILY_NEW_TERMS,
        now=now,
    )
    by_term = create_cards(participant, plan.introduced, RECOGNITION, now=now)
    session = PracticeSession(participant_id=participant.id, size=size, introduced=len(plan.introduced), created_at=now)
    db.session.add(session)
    db.session.flush()
    ordered = [c for t in plan.assigned for c in by_term[t]]
    ordered += [due_cards[ref.card_id][0] for ref in plan.due]
    ordered += [c for t in plan.new for c in by_term[t]]
    exercises = _exercises(participant, ordered[:size], seed=session.id, secret_key=secret_key)
    return {"id": session.id, "created_at": session.created_at, "exercises": exercises}


def _exercises(participant: User, cards: list[Card], *, seed: int, secret_key: str) -> list[dict]:
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
    catalog = AudioCatalog(participant.organisation_id, secret_key)
    infos = {
        row.id: convert.term_info_from_row(
            row, audio_url=catalog.url(row, "term"), example_audio_url=catalog.url(row, "example")
        )
        for row in rows
    }
    pool = list(infos.values())
    languages = participant.profile.support_languages if participant.profile else []
    language = languages[0] if languages else None
    rng = random.Random(seed)
    return [build_exercise(c.id, infos[c.term_id], c.skill, pool=pool, language=language, rng=rng) for c in cards]
