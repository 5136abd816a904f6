"""vaktaal.practice_days: answers per local day and terms that became known or mastered, a term by its best card."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from vaktaal import scheduling
from vaktaal.exercises import Result, Skill
from vaktaal.practice_days import CardHistory, Totals, best, last_four_weeks, practised, replay_days, this_week
from vaktaal.scheduling import Answer, Mastery

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)  # a Monday, 09:00 in Amsterdam


def answers(*days_results, card="c"):
    return [
        Answer(f"{card}{i}", T0 + timedelta(days=d), Result(r), False, 4000) for i, (d, r) in enumerate(days_results)
    ]


def test_best_is_the_best_card():
    assert best([]) is Mastery.NEW
    assert best([Mastery.LEARNING, Mastery.MASTERED, Mastery.KNOWN]) is Mastery.MASTERED


def test_a_term_counts_once_by_its_best_card_and_falling_back_counts_down():
    totals = Totals()
    totals.count_term(Mastery.LEARNING, Mastery.KNOWN, safety=True)
    totals.count_term(Mastery.KNOWN, Mastery.MASTERED, safety=True)
    totals.count_term(Mastery.MASTERED, Mastery.LEARNING, safety=False)
    assert (totals.known_change, totals.mastered_change, totals.safety_mastered_change) == (0, 0, 1)


def test_replayed_days_count_answers_on_local_days_and_the_day_a_term_became_known():
    spaced = [(0, "correct"), (1, "correct"), (4, "correct"), (12, "correct"), (30, "wrong")]
    reading = CardHistory(1, Skill.READING, False, T0, answers(*spaced, card="r"))
    # An answer at 23:30 UTC on day 0 is 00:30 on day 1 in Amsterdam.
    late = [Answer("l0", T0.replace(hour=23, minute=30), Result.SLIP, False, 4000)]
    listening = CardHistory(2, Skill.LISTENING, True, T0, late)
    days = replay_days([reading, listening], AMS)

    day = T0.date()
    assert days[day].answers == 1
    assert (days[day + timedelta(days=1)].answers, days[day + timedelta(days=1)].correct) == (2, 2)
    assert (days[day + timedelta(days=30)].answers, days[day + timedelta(days=30)].correct) == (1, 0)

    # The day term 1 became known is the first day its replayed card reached known stability.
    state, became_known = scheduling.new_state(now=T0), None
    for answer in reading.answers:
        state = scheduling.apply(state, answer, skill=Skill.READING, safety=False)
        if became_known is None and scheduling.mastery(state) in (Mastery.KNOWN, Mastery.MASTERED):
            became_known = answer.answered_at.astimezone(AMS).date()
    assert became_known is not None
    assert days[became_known].known_change == 1
    assert sum(t.known_change for t in days.values()) == int(
        scheduling.mastery(state) in (Mastery.KNOWN, Mastery.MASTERED)
    )
    assert sum(t.answers for t in days.values()) == 6


def test_the_week_and_the_four_weeks_staff_read_end_today_and_a_practice_day_has_answers():
    sunday, monday = date(2026, 11, 29), date(2026, 11, 30)
    assert this_week(sunday) == (date(2026, 11, 23), sunday)
    assert this_week(monday) == (monday, monday)
    assert last_four_weeks(monday) == (date(2026, 11, 3), monday)  # 28 days, both ends included
    assert (practised(1), practised(0)) == (True, False)
