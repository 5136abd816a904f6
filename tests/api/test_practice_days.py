"""Per-day practice aggregates: kept in the transaction that records answers, equal to a rebuild from the answers,
never doubled by a retry, and filled by ``flask setup`` where they are missing."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from api.extensions import db
from api.models import PracticeDay, utcnow
from api.services import practice_days
from tests import factories
from tests.api.test_practice import answer, send, start_session


@pytest.fixture
def learner(lists, world, client):
    return factories.headers(world.participant)


def stored(participant_id: int) -> dict:
    db.session.expire_all()
    rows = db.session.scalars(select(PracticeDay).where(PracticeDay.participant_id == participant_id))
    return {
        row.day: (row.answers, row.correct, row.known_change, row.mastered_change, row.safety_mastered_change)
        for row in rows
    }


def test_answers_are_counted_per_day_once_and_agree_with_a_rebuild(client, learner, world):
    session = start_session(client, learner, size=4)
    cards = [e["card_id"] for e in session["exercises"] if "card_id" in e][:3]
    base = utcnow() - timedelta(days=20)
    batches = [
        [answer(cards[0], at=base, result="correct"), answer(cards[1], at=base, result="wrong")],
        [answer(cards[0], at=base + timedelta(days=2)), answer(cards[2], at=base + timedelta(days=2), result="slip")],
        [answer(cards[0], at=base + timedelta(days=6)), answer(cards[1], at=base + timedelta(days=6))],
    ]
    for batch in batches:
        send(client, learner, batch)
    send(client, learner, batches[1])  # a retry: duplicates, counted nowhere
    incremental = stored(world.participant.id)
    assert sum(v[0] for v in incremental.values()) == 6
    assert sum(v[1] for v in incremental.values()) == 5  # one wrong; the slip counts as right
    assert len(incremental) == 3

    practice_days.rebuild(world.participant)
    assert stored(world.participant.id) == incremental


def test_flask_setup_counts_the_days_of_answers_from_before(client, learner, world, runner):
    session = start_session(client, learner, size=2)
    send(client, learner, [answer(session["exercises"][0]["card_id"], minutes=-3)])
    expected = stored(world.participant.id)
    assert expected
    db.session.execute(delete(PracticeDay))
    db.session.commit()
    result = runner.invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    assert "Practice days counted from the answers of 1 participants." in result.output
    assert stored(world.participant.id) == expected
