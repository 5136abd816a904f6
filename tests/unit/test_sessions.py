"""Which exercises a session holds, in which order."""

from datetime import UTC, datetime, timedelta

import pytest

from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import Answer, replay
from vaktaal.sessions import ASSIGNED_PER_SESSION, Assigned, Candidate, CardRef, plan_session

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def card(card_id, *, days_ago, result="correct", stability_days=None):
    start = NOW - timedelta(days=days_ago)
    state = replay([Answer(f"x{card_id}", start, Result(result))], created_at=start, skill=Skill.READING, safety=False)
    return CardRef(card_id, 100 + card_id, Skill.READING, state, False)


def plan(**kwargs):
    defaults = dict(size=20, assigned=[], cards=[], candidates=[], introduced_today=0, daily_limit=8, now=NOW)
    return plan_session(**(defaults | kwargs))


def test_workplace_terms_come_first_newest_assignment_first_at_most_five():
    assigned = [Assigned(i, NOW - timedelta(hours=i)) for i in range(1, 8)]
    result = plan(assigned=assigned, candidates=[Candidate(50, True, "A1", 5.0)])
    assert result.assigned == [1, 2, 3, 4, 5]
    assert len(result.assigned) == ASSIGNED_PER_SESSION
    assert result.new == [50]


def test_due_cards_come_before_other_new_terms_lowest_retrievability_first():
    fresh, older, oldest = card(1, days_ago=1), card(2, days_ago=5), card(3, days_ago=20)
    not_due = CardRef(4, 104, Skill.READING, fresh.state.__class__(due=NOW + timedelta(days=3)), False)
    result = plan(cards=[fresh, older, oldest, not_due], candidates=[Candidate(60, False, "A1", 4.0)])
    assert [c.card_id for c in result.due] == [3, 2, 1]
    assert result.new == [60]


def test_new_terms_safety_first_then_level_then_frequency():
    candidates = [
        Candidate(1, False, "B1", 6.0),
        Candidate(2, False, "A1", 3.0),
        Candidate(3, True, "A2", 2.0),
        Candidate(4, False, "A1", 5.0),
    ]
    assert plan(candidates=candidates).new == [3, 4, 2, 1]


def test_the_daily_limit_caps_new_terms_and_counts_assigned_ones():
    candidates = [Candidate(i, False, "A1", 5.0 - i / 10) for i in range(10, 30)]
    assert len(plan(candidates=candidates, daily_limit=8, introduced_today=5).new) == 3
    both = plan(candidates=candidates, assigned=[Assigned(1, NOW)], daily_limit=4)
    assert both.assigned == [1] and len(both.new) == 3
    assert plan(candidates=candidates, daily_limit=8, introduced_today=8).new == []


def test_session_size_limits_the_exercises():
    candidates = [Candidate(i, False, "A1", 5.0) for i in range(10)]
    result = plan(size=6, candidates=candidates, cards=[card(1, days_ago=3)])
    assert len(result.due) == 1 and len(result.new) == 2  # 1 + 2 terms x 2 recognition cards <= 6


def test_a_session_needs_a_positive_size():
    with pytest.raises(ValueError, match="at least one exercise"):
        plan(size=0)
