"""A participant's practice per day: answers, correct ones, and the terms that became known or mastered that day.

A term counts by its best skill (its best card): it is known when any of its cards is known or mastered. A day's
``known_change`` is the terms that became known that day minus those that fell back; the running sum over the
days is the vocabulary over time. Days are the participant's local days.

Kept up to date when answers are recorded (the batch's change, on the day of its term's latest answer) and rebuilt
from all answers by ``replay_days`` (after the grading rules change); the two agree unless one batch holds answers
to the same term on two days.

What staff read of the days is defined here once: a practice day is a day with answers (``practised``), "this
week" runs from Monday (``this_week``), "the last four weeks" are the 28 days up to today (``last_four_weeks``).
The caseload counts with them per participant and a report over the same period sums the same figures.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from vaktaal import scheduling
from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import Answer, Mastery

_RANK = {Mastery.NEW: 0, Mastery.LEARNING: 1, Mastery.KNOWN: 2, Mastery.MASTERED: 3}


def best(masteries: Iterable[Mastery]) -> Mastery:
    """A term's mastery: that of its best card (NEW for a term without cards)."""
    return max(masteries, key=_RANK.__getitem__, default=Mastery.NEW)


@dataclass
class Totals:
    answers: int = 0
    correct: int = 0  # correct answers and slips
    known_change: int = 0
    mastered_change: int = 0
    safety_mastered_change: int = 0

    def count_answer(self, result: Result) -> None:
        self.answers += 1
        self.correct += result is not Result.WRONG

    def count_term(self, before: Mastery, after: Mastery, *, safety: bool) -> None:
        """A term went from ``before`` to ``after`` (its best card's mastery)."""
        known = _RANK[Mastery.KNOWN]
        self.known_change += (_RANK[after] >= known) - (_RANK[before] >= known)
        mastered = (after is Mastery.MASTERED) - (before is Mastery.MASTERED)
        self.mastered_change += mastered
        if safety:
            self.safety_mastered_change += mastered


FOUR_WEEKS = 28  # days


def practised(answers):
    """Whether a day counts as a practice day: it has answers. Given ``PracticeDay.answers`` it is the same rule as
    a SQL condition, so the caseload and the reports count days alike."""
    return answers > 0


def this_week(today: date) -> tuple[date, date]:
    """Monday of ``today``'s week up to ``today``, both included."""
    return today - timedelta(days=today.weekday()), today


def last_four_weeks(today: date) -> tuple[date, date]:
    """The 28 days up to ``today``, both included: the caseload's four weeks and a report's default period."""
    return today - timedelta(days=FOUR_WEEKS - 1), today


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


@dataclass(frozen=True)
class CardHistory:
    """One card with all its answers, as replaying needs it."""

    term_id: int
    skill: Skill
    safety: bool
    created_at: datetime
    answers: list[Answer] = field(default_factory=list)


def replay_days(cards: Iterable[CardHistory], zone: ZoneInfo) -> dict[date, Totals]:
    """The per-day totals of one participant from all their answers, replayed in time order under the current
    grading rules (``scheduling.apply``, as the cards themselves are)."""
    cards = list(cards)
    states = {i: scheduling.new_state(now=card.created_at) for i, card in enumerate(cards)}
    masteries: dict[int, dict[int, Mastery]] = defaultdict(dict)  # term -> card -> mastery
    events = sorted(
        ((answer, i) for i, card in enumerate(cards) for answer in card.answers),
        key=lambda pair: (pair[0].answered_at, pair[0].id),
    )
    days: dict[date, Totals] = defaultdict(Totals)
    for answer, i in events:
        card = cards[i]
        totals = days[local_day(answer.answered_at, zone)]
        totals.count_answer(answer.result)
        before = best(masteries[card.term_id].values())
        states[i] = scheduling.apply(states[i], answer, skill=card.skill, safety=card.safety)
        masteries[card.term_id][i] = scheduling.mastery(states[i])
        totals.count_term(before, best(masteries[card.term_id].values()), safety=card.safety)
    return dict(days)
