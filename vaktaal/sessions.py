"""What a practice session holds, and in which order.

1. Terms a teacher assigned that are not introduced yet, newest assignment first, at most ASSIGNED_PER_SESSION:
   they are what the participant meets at work this week.
2. Cards that are due, the ones most likely forgotten (lowest retrievability) first.
3. Other new terms while the day's budget for new terms lasts: safety terms of the participant's sectors first,
   then the sectors' terms by level (A1 first) and by how common the word is.

A new term brings its recognition cards (listening, reading); writing, speaking and conversation come later,
when they unlock. Days are the participant's own (their time zone).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from vaktaal.exercises import RECOGNITION, Skill
from vaktaal.scheduling import CardState, retrievability
from vaktaal.wordlists import LEVELS

ASSIGNED_PER_SESSION = 5
DEFAULT_DAILY_NEW_TERMS = 8
DEFAULT_SESSION_SIZE = 20
# Wordlist levels from easiest to hardest: new terms come in this order.
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class CardRef:
    card_id: int
    term_id: int
    skill: Skill
    state: CardState
    safety: bool


@dataclass(frozen=True)
class Candidate:
    """A term the participant has not met yet."""

    term_id: int
    safety: bool
    level: str
    frequency: float


@dataclass(frozen=True)
class Assigned:
    term_id: int
    assigned_at: datetime


@dataclass
class Plan:
    assigned: list[int] = field(default_factory=list)  # assigned terms to introduce now, in order
    due: list[CardRef] = field(default_factory=list)  # existing cards to practise, in order
    new: list[int] = field(default_factory=list)  # other terms to introduce now, in order

    @property
    def introduced(self) -> list[int]:
        return self.assigned + self.new


def new_term_order(candidate: Candidate) -> tuple:
    return (not candidate.safety, LEVEL_RANK.get(candidate.level, len(LEVELS)), -candidate.frequency, candidate.term_id)


def plan_session(
    *,
    size: int,
    assigned: Sequence[Assigned],
    cards: Sequence[CardRef],
    candidates: Sequence[Candidate],
    introduced_today: int,
    daily_limit: int,
    now: datetime,
) -> Plan:
    """Choose a session's content. ``assigned`` and ``candidates`` hold only terms without cards yet.

    Raises:
        ValueError: when size is not positive.
    """
    if size < 1:
        raise ValueError("A session holds at least one exercise.")
    plan = Plan()
    per_term = len(RECOGNITION)
    slots = size
    for item in sorted(assigned, key=lambda a: (a.assigned_at, a.term_id), reverse=True)[:ASSIGNED_PER_SESSION]:
        if slots <= 0:
            break
        plan.assigned.append(item.term_id)
        slots -= per_term
    due = [c for c in cards if c.state.due <= now]
    due.sort(key=lambda c: (retrievability(c.state, now=now, safety=c.safety), c.state.due, c.card_id))
    plan.due = due[: max(slots, 0)]
    slots -= len(plan.due)
    budget = daily_limit - introduced_today - len(plan.assigned)
    taken = set(plan.assigned)
    for candidate in sorted(candidates, key=new_term_order):
        if slots < per_term or budget <= 0:
            break
        if candidate.term_id in taken:
            continue
        plan.new.append(candidate.term_id)
        taken.add(candidate.term_id)
        slots -= per_term
        budget -= 1
    return plan
