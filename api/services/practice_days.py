"""The per-day practice aggregates (``PracticeDay``, vaktaal.practice_days): kept up to date in the transaction
that records answers, and rebuilt from the answers where they are missing or the grading rules changed."""

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite

from api import convert
from api.extensions import db
from api.models import Card, PracticeDay, ReviewEvent, Term, User
from api.services import use_case
from api.services.cards import zone
from vaktaal import scheduling
from vaktaal.practice_days import CardHistory, Totals, best, local_day, replay_days
from vaktaal.scheduling import CardState, Mastery

COLUMNS = ("answers", "correct", "known_change", "mastered_change", "safety_mastered_change")


def add_batch(
    participant: User,
    cards: dict[int, Card],
    before: dict[int, Mastery],
    states: dict[int, CardState],
    new_events: dict[int, list[ReviewEvent]],
) -> None:
    """Count a batch of accepted answers (``new_events``, by card) into the participant's days: each answer on its
    day; each term whose best mastery moved (``before`` -> the new ``states``), on the day of its latest answer.
    ``cards`` holds all the participant's cards of the terms answered (``reviews._lock_cards``)."""
    local = zone(participant)
    days: dict = defaultdict(Totals)
    for events in new_events.values():
        for event in events:
            days[local_day(event.answered_at, local)].count_answer(event.result)
    by_term: dict[int, list[Card]] = defaultdict(list)
    for card in cards.values():
        if card.participant_id == participant.id and card.id in before:
            by_term[card.term_id].append(card)
    for term_id in {cards[card_id].term_id for card_id in new_events}:
        mine = by_term[term_id]
        old = best(before[c.id] for c in mine)
        new = best(scheduling.mastery(states[c.id]) if c.id in states else before[c.id] for c in mine)
        if new is not old:
            last = max(e.answered_at for c in mine for e in new_events.get(c.id, ()))
            days[local_day(last, local)].count_term(old, new, safety=mine[0].term.safety)
    _add(participant.id, days)


def _add(participant_id: int, days: dict) -> None:
    """Add these totals to the stored days (a row is made for a new day), in one statement."""
    if not days:
        return
    table = PracticeDay.__table__
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    rows = [
        {"participant_id": participant_id, "day": day, **{c: getattr(t, c) for c in COLUMNS}}
        for day, t in sorted(days.items())
    ]
    insert = dialect.insert(table)
    db.session.execute(
        insert.on_conflict_do_update(
            index_elements=[table.c.participant_id, table.c.day],
            set_={c: table.c[c] + insert.excluded[c] for c in COLUMNS},
        ),
        rows,
    )


@use_case
def rebuild(participant: User) -> int:
    """Replace the participant's days by those replayed from all their answers; the number of days."""
    db.session.execute(delete(PracticeDay).where(PracticeDay.participant_id == participant.id))
    cards = db.session.execute(
        select(Card.id, Card.term_id, Card.skill, Card.created_at, Term.safety)
        .join(Term, Card.term_id == Term.id)
        .where(Card.participant_id == participant.id)
    ).all()
    answers = defaultdict(list)
    for event in db.session.scalars(select(ReviewEvent).where(ReviewEvent.participant_id == participant.id)):
        answers[event.card_id].append(convert.answer_from_event(event))
    histories = [
        CardHistory(term_id, skill, safety, created_at, answers[card_id])
        for card_id, term_id, skill, created_at, safety in cards
    ]
    days = replay_days(histories, zone(participant))
    _add(participant.id, days)
    return len(days)


def rebuild_missing(*, everyone: bool = False, report: Callable[[int], None] | None = None) -> int:
    """Rebuild the days of every participant with answers but no days (after migration 0016), or of everyone with
    answers (``everyone``: after cards were replayed under new grading rules); one transaction per participant.
    The number of participants rebuilt."""
    who = select(ReviewEvent.participant_id).distinct()
    if not everyone:
        who = who.where(~exists().where(PracticeDay.participant_id == ReviewEvent.participant_id))
    done = 0
    for participant_id in db.session.scalars(who.order_by(ReviewEvent.participant_id)).all():
        rebuild(db.session.get(User, participant_id))
        done += 1
        if report and done % 100 == 0:
            report(done)
    return done
