"""Spaced repetition with FSRS-6 (the ``fsrs`` package): grades from what a participant did, card states from
their answers, mastery, and the rule that unlocks production skills.

A card's state is always the replay of its answers in time order (ties broken by answer id), with fuzzing off,
so applying answers one by one and replaying them all give the identical state.

**Easy is earned after a delay.** A fast, right answer without a hint counts as Easy only on a card in FSRS's
review state answered at least ``EASY_DELAY`` (a day) after its previous answer: recalled after a delay. A card's
first answer is never Easy: a new term is first presented (picture, word, sound, meaning, example) and then
tested, so recognising it at once proves short-term memory, not knowing it, and recognising a word never seen is a
guess. Answers in a card's same-day steps (and a second round on the same day) are not Easy either. Such answers
are at best Good. Without this rule one fast guess (a never-seen word answered in 201 ms) gave 8.3 days' stability
and counted as known, and fast answers unlocked the production skills within minutes.

``RULES_VERSION`` numbers these grading rules; a card records the version its state was computed under, and cards
of an older version are replayed from their answers (``flask setup`` does it once, in batches).
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State

from vaktaal.exercises import RECOGNITION, Result, Skill

DESIRED_RETENTION = 0.90
# Terms whose misunderstanding can hurt someone are kept fresher.
SAFETY_RETENTION = 0.95

# Answers faster than this on a recognition exercise, correct and without a hint, count as easy (on a card in
# review: see the module's docstring).
FAST_RECOGNITION_MS = 2500

# A fast answer is Easy only this long after the card's previous answer (and on a card in review).
EASY_DELAY = timedelta(days=1)

# The grading rules' version: 1 let any fast answer be Easy; 2 earns Easy only after a delay. Bump it when a
# change makes the same answers replay into a different state, so the stored states are replayed once.
RULES_VERSION = 2

# An answer timed further ahead than this is refused: a phone's clock may be a little fast, not days.
FUTURE_TOLERANCE = timedelta(minutes=5)

# Mastery by FSRS stability (the days after which recall drops to the desired retention).
KNOWN_STABILITY = 7.0
MASTERED_STABILITY = 30.0
# Writing, speaking and conversation unlock when both recognition cards have graduated to review and each
# survives at least this many days: the term was recognised again after a delay, not just twice in a row.
UNLOCK_STABILITY = 3.0


class Mastery(StrEnum):
    NEW = "new"  # not answered yet
    LEARNING = "learning"  # answered, stability below KNOWN_STABILITY days
    KNOWN = "known"  # stability of KNOWN_STABILITY days or more
    MASTERED = "mastered"  # stability of MASTERED_STABILITY days or more


@dataclass(frozen=True)
class Answer:
    """One answer to a card (a review event), as the phone reports it."""

    id: str
    answered_at: datetime
    result: Result
    hint_used: bool = False
    duration_ms: int | None = None


@dataclass(frozen=True)
class CardState:
    """FSRS's memory state of one card, plus counts for the coaches."""

    due: datetime
    state: State = State.Learning
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


def rating_for(result: Result, *, hint_used: bool, duration_ms: int | None, skill: Skill, after_delay: bool) -> Rating:
    """The FSRS rating for what the participant did (never a "did you know it?" button, speaking aside).

    wrong -> Again; a slip (wrong article, small spelling slip) or a hint -> Hard; correct -> Good; correct,
    fast and without a hint on a recognition exercise -> Easy, but only ``after_delay`` (see ``earns_easy``: never
    on a card's first answer nor on the day it was last answered). Speaking is graded by the participant, with the
    same mapping. Time only ever informs the schedule; it is never shown.
    """
    if result is Result.WRONG:
        return Rating.Again
    if result is Result.SLIP or hint_used:
        return Rating.Hard
    fast = duration_ms is not None and duration_ms < FAST_RECOGNITION_MS
    if after_delay and fast and skill in RECOGNITION:
        return Rating.Easy
    return Rating.Good


def earns_easy(state: CardState, answered_at: datetime) -> bool:
    """Whether an answer given at ``answered_at`` to a card in this state may be Easy: the card is in review and
    its previous answer is at least ``EASY_DELAY`` old. False for a card's first answer, in its same-day
    (re)learning steps and for a second round on the same day."""
    return (
        state.state is State.Review and state.last_review is not None and answered_at - state.last_review >= EASY_DELAY
    )


@lru_cache(maxsize=2)
def scheduler(*, safety: bool) -> Scheduler:
    return Scheduler(desired_retention=SAFETY_RETENTION if safety else DESIRED_RETENTION, enable_fuzzing=False)


def new_state(*, now: datetime) -> CardState:
    """A card that was just introduced: due at once."""
    return CardState(due=now)


def _fsrs_card(state: CardState) -> Card:
    # card_id is given: without one, fsrs derives it from the clock and sleeps a millisecond.
    return Card(
        card_id=0,
        state=state.state,
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def apply(state: CardState, answer: Answer, *, skill: Skill, safety: bool) -> CardState:
    """The state after one more answer. Does not change ``state``.

    Raises:
        ValueError: when the answer is older than the card's last review (replay instead).
    """
    if state.last_review is not None and answer.answered_at < state.last_review:
        raise ValueError("An answer older than the card's last review must be replayed, not applied.")
    card = _fsrs_card(state)
    rating = rating_for(
        answer.result,
        hint_used=answer.hint_used,
        duration_ms=answer.duration_ms,
        skill=skill,
        after_delay=earns_easy(state, answer.answered_at),
    )
    card, _ = scheduler(safety=safety).review_card(card, rating, answer.answered_at)
    lapsed = rating is Rating.Again and state.state is State.Review
    return replace(
        state,
        due=card.due,
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        last_review=card.last_review,
        reps=state.reps + 1,
        lapses=state.lapses + (1 if lapsed else 0),
    )


def replay(answers: Iterable[Answer], *, created_at: datetime, skill: Skill, safety: bool) -> CardState:
    """A card's state from all its answers, in time order (ties by answer id)."""
    state = new_state(now=created_at)
    for answer in sorted(answers, key=lambda a: (a.answered_at, a.id)):
        state = apply(state, answer, skill=skill, safety=safety)
    return state


def retrievability(state: CardState, *, now: datetime, safety: bool) -> float:
    """The chance of recalling the card now (0 for a card never answered)."""
    if state.last_review is None or state.stability is None:
        return 0.0
    return scheduler(safety=safety).get_card_retrievability(_fsrs_card(state), now)


def mastery(state: CardState | None) -> Mastery:
    if state is None or state.reps == 0 or state.stability is None:
        return Mastery.NEW
    if state.stability >= MASTERED_STABILITY:
        return Mastery.MASTERED
    if state.stability >= KNOWN_STABILITY:
        return Mastery.KNOWN
    return Mastery.LEARNING


def recognition_holds(states: dict[Skill, CardState | None]) -> bool:
    """Whether a term's listening and reading are solid enough to unlock its production skills."""
    for skill in RECOGNITION:
        state = states.get(skill)
        if state is None or state.state is not State.Review or (state.stability or 0) < UNLOCK_STABILITY:
            return False
    return True
