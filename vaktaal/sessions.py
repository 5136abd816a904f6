"""What a practice session holds, and in which order.

1. Terms a teacher assigned that are not introduced yet, newest assignment first, at most ASSIGNED_PER_SESSION:
   they are what the participant meets at work this week.
2. Cards that are due, the ones most likely forgotten (lowest retrievability) first.
3. Other new terms while the day's budget for new terms lasts: safety terms of the participant's sectors first,
   then the sectors' terms by level (A1 first) and by how common the word is.

A new term brings its recognition cards (listening, reading); writing, speaking and conversation come later,
when they unlock. Days are the participant's own (their time zone).

When a session has nothing left (today's new terms met, nothing due), a learner who wants to go on may ask for
more (``More``): more new terms, up to a second, higher daily cap a teacher sets (``DEFAULT_DAILY_NEW_MAX``), or
the cards that come back soon, practised ahead. ``outlook`` says where the day stands and what tomorrow brings.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from vaktaal.exercises import RECOGNITION, Skill
from vaktaal.scheduling import CardState, retrievability
from vaktaal.wordlists import LEVELS

ASSIGNED_PER_SESSION = 5
DEFAULT_DAILY_NEW_TERMS = 8
# The second, higher cap: new terms a day for a learner who asks for more once the day's are met.
DEFAULT_DAILY_NEW_MAX = 20
DEFAULT_SESSION_SIZE = 20
MAX_SESSION_SIZE = 50
# Cards due within this time may be practised ahead ("what comes back soon").
SOON = timedelta(hours=24)
# Wordlist levels from easiest to hardest: new terms come in this order.
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


class More(StrEnum):
    """What a learner may ask for beyond the session practice would give by itself."""

    NEW = "new"  # more new terms, up to the day's higher cap
    SOON = "soon"  # the cards due within SOON, practised ahead


def daily_caps(limit: int | None, maximum: int | None) -> tuple[int, int]:
    """The day's caps on new terms from a participant's settings (None: the defaults): what sessions introduce by
    themselves, and what a learner who asks for more may reach (never below the first)."""
    limit = DEFAULT_DAILY_NEW_TERMS if limit is None else limit
    maximum = DEFAULT_DAILY_NEW_MAX if maximum is None else maximum
    return limit, max(limit, maximum)


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
    daily_max: int | None = None,
    more: More | None = None,
) -> Plan:
    """Choose a session's content. ``assigned`` and ``candidates`` hold only terms without cards yet.

    Args:
        daily_limit: New terms a day that sessions introduce by themselves.
        daily_max: The higher cap a learner reaches by asking for more new terms (None: the default).
        more: ``More.NEW`` introduces new terms up to ``daily_max``; ``More.SOON`` practises the cards due within
            ``SOON`` and introduces no other new terms. Assigned terms come first either way.

    Raises:
        ValueError: when size is not positive.
    """
    if size < 1:
        raise ValueError("A session holds at least one exercise.")
    limit, maximum = daily_caps(daily_limit, daily_max)
    cap = {None: limit, More.NEW: maximum, More.SOON: 0}[more]
    due_by = now + SOON if more is More.SOON else now
    plan = Plan()
    per_term = len(RECOGNITION)
    slots = size
    for item in sorted(assigned, key=lambda a: (a.assigned_at, a.term_id), reverse=True)[:ASSIGNED_PER_SESSION]:
        if slots <= 0:
            break
        plan.assigned.append(item.term_id)
        slots -= per_term
    due = [c for c in cards if c.state.due <= due_by]
    due.sort(key=lambda c: (retrievability(c.state, now=now, safety=c.safety), c.state.due, c.card_id))
    plan.due = due[: max(slots, 0)]
    slots -= len(plan.due)
    budget = cap - introduced_today - len(plan.assigned)
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


@dataclass(frozen=True)
class Outlook:
    """Where a participant's day stands: what practice holds now, what they may ask for, and what tomorrow brings.

    Counts of terms are words to the participant; counts of cards are exercises.
    """

    due_now: int  # cards due now
    due_today: int  # cards that come back later today
    due_soon: int  # cards due within SOON (not now): what "practise ahead" holds
    next_due: datetime | None  # when the next card comes back (after now)
    new_today: int  # terms introduced today
    new_limit: int  # the day's cap for sessions by themselves
    new_max: int  # the higher cap for a learner who asks for more
    new_left: int  # new terms sessions still introduce today by themselves
    more_new: int  # new terms a learner may still ask for today
    assigned_waiting: int  # assigned terms not met yet
    assigned_latest: datetime | None  # when the newest of those was assigned
    tomorrow_due: int  # terms with a card due by the end of tomorrow
    tomorrow_new: int  # new terms tomorrow's sessions introduce
    # When a term the participant has cards for was last corrected (the caller knows; None when unknown): a session
    # kept on the phone from before it shows the old text.
    terms_changed_latest: datetime | None = None

    @property
    def done_for_now(self) -> bool:
        """A session would be empty: nothing due and no new terms left under the day's cap."""
        return self.due_now == 0 and self.new_left == 0


def outlook(
    *,
    dues: Iterable[tuple[int, datetime]],
    now: datetime,
    end_of_today: datetime,
    end_of_tomorrow: datetime,
    introduced_today: int,
    unmet: int,
    assigned: Sequence[Assigned],
    daily_limit: int | None,
    daily_max: int | None,
) -> Outlook:
    """The day's outlook.

    Args:
        dues: (term id, due) of every card of the participant.
        end_of_today, end_of_tomorrow: the ends of the participant's own days.
        introduced_today: terms met today.
        unmet: terms the participant may still meet (assigned or of their sectors), not met yet.
        assigned: of those, the ones a teacher assigned.
    """
    limit, maximum = daily_caps(daily_limit, daily_max)
    assigned_waiting = len(assigned)
    due_now = due_today = due_soon = 0
    next_due = None
    tomorrow_terms = set()
    for term_id, due in dues:
        if due <= now:
            due_now += 1
        else:
            next_due = due if next_due is None else min(next_due, due)
            due_today += due < end_of_today
            due_soon += due <= now + SOON
        if due < end_of_tomorrow:
            tomorrow_terms.add(term_id)
    # Assigned terms are introduced even beyond the day's cap (ASSIGNED_PER_SESSION at a time).
    new_left = min(unmet, max(assigned_waiting, limit - introduced_today, 0))
    more_new = min(unmet, max(assigned_waiting, maximum - introduced_today, 0))
    return Outlook(
        due_now=due_now,
        due_today=due_today,
        due_soon=due_soon,
        next_due=next_due,
        new_today=introduced_today,
        new_limit=limit,
        new_max=maximum,
        new_left=new_left,
        more_new=more_new,
        assigned_waiting=assigned_waiting,
        assigned_latest=max((a.assigned_at for a in assigned), default=None),
        tomorrow_due=len(tomorrow_terms),
        tomorrow_new=min(limit, unmet - new_left),
    )
