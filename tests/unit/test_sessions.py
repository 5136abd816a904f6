"""Which exercises a session holds, in which order; asking for more; the day's outlook."""

from datetime import UTC, datetime, timedelta

import pytest

from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import Answer, CardState, replay
from vaktaal.sessions import (
    ASSIGNED_PER_SESSION,
    DEFAULT_DAILY_NEW_MAX,
    DEFAULT_DAILY_NEW_TERMS,
    SOON,
    Assigned,
    Candidate,
    CardRef,
    More,
    daily_caps,
    outlook,
    plan_session,
)

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


def test_asking_for_more_new_terms_goes_up_to_the_higher_daily_cap():
    candidates = [Candidate(i, False, "A1", 5.0 - i / 100) for i in range(10, 60)]
    assert plan(candidates=candidates, daily_limit=8, introduced_today=8).new == []
    more = plan(candidates=candidates, daily_limit=8, introduced_today=8, more=More.NEW)
    assert len(more.new) == 10, "a session of 20 holds 10 new terms"
    near_cap = plan(candidates=candidates, daily_limit=8, daily_max=12, introduced_today=10, more=More.NEW)
    assert near_cap.new == [10, 11]
    assert plan(candidates=candidates, introduced_today=DEFAULT_DAILY_NEW_MAX, more=More.NEW).new == []


def test_the_higher_cap_is_never_below_the_daily_limit():
    assert daily_caps(None, None) == (DEFAULT_DAILY_NEW_TERMS, DEFAULT_DAILY_NEW_MAX)
    assert daily_caps(30, None) == (30, 30)
    assert daily_caps(5, 12) == (5, 12)
    assert daily_caps(0, 0) == (0, 0)


def test_practising_ahead_takes_the_cards_due_soon_and_no_new_terms():
    soon = CardRef(1, 101, Skill.READING, CardState(due=NOW + timedelta(hours=3)), False)
    tomorrow_evening = CardRef(2, 102, Skill.READING, CardState(due=NOW + SOON + timedelta(hours=1)), False)
    overdue = card(3, days_ago=4)
    candidates = [Candidate(50, False, "A1", 5.0)]
    ordinary = plan(cards=[soon, tomorrow_evening, overdue], candidates=candidates)
    assert [c.card_id for c in ordinary.due] == [3] and ordinary.new == [50]
    ahead = plan(cards=[soon, tomorrow_evening, overdue], candidates=candidates, more=More.SOON)
    assert sorted(c.card_id for c in ahead.due) == [1, 3]
    assert ahead.new == []
    with_work = plan(cards=[soon], assigned=[Assigned(7, NOW)], more=More.SOON)
    assert with_work.assigned == [7], "terms from work come first, whatever was asked for"


END_OF_TODAY = datetime(2026, 11, 23, 23, 0, tzinfo=UTC)  # midnight in Amsterdam
END_OF_TOMORROW = END_OF_TODAY + timedelta(days=1)


def look(**kwargs):
    defaults = dict(
        dues=[],
        now=NOW,
        end_of_today=END_OF_TODAY,
        end_of_tomorrow=END_OF_TOMORROW,
        introduced_today=0,
        unmet=100,
        assigned=[],
        daily_limit=None,
        daily_max=None,
    )
    return outlook(**(defaults | kwargs))


def test_the_outlook_counts_what_is_due_now_today_soon_and_tomorrow():
    dues = [
        (1, NOW - timedelta(hours=1)),
        (1, NOW + timedelta(minutes=10)),
        (2, NOW + timedelta(hours=5)),
        (3, NOW + timedelta(hours=20)),  # tomorrow morning, within a day
        (4, END_OF_TOMORROW - timedelta(hours=1)),
        (5, END_OF_TOMORROW + timedelta(hours=1)),
    ]
    day = look(dues=dues, introduced_today=8)
    assert (day.due_now, day.due_today, day.due_soon) == (1, 2, 3)
    assert day.next_due == NOW + timedelta(minutes=10)
    assert day.tomorrow_due == 4, "terms 1-4 have a card due by the end of tomorrow"
    assert (day.new_left, day.more_new, day.tomorrow_new) == (0, 12, 8)
    assert not day.done_for_now


def test_the_outlook_says_when_a_session_would_be_empty():
    done = look(dues=[(1, NOW + timedelta(days=2))], introduced_today=8, unmet=3, daily_max=30)
    assert done.done_for_now and done.next_due == NOW + timedelta(days=2)
    assert (done.new_left, done.more_new, done.tomorrow_new, done.tomorrow_due) == (0, 3, 3, 0)
    work = [Assigned(1, NOW - timedelta(days=1)), Assigned(2, NOW - timedelta(hours=1))]
    assigned = look(introduced_today=8, unmet=3, assigned=work)
    assert assigned.new_left == 2 and not assigned.done_for_now, "terms from work come beyond the cap"
    assert (assigned.assigned_waiting, assigned.assigned_latest) == (2, NOW - timedelta(hours=1))
    fresh = look(unmet=5)
    assert (fresh.new_left, fresh.more_new, fresh.tomorrow_new) == (5, 5, 0)
