"""Preparing the next visit: terms not yet known, terms that keep failing, safety terms not yet mastered."""

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State

from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import KNOWN_STABILITY, MASTERED_STABILITY, Answer, CardState, Mastery, replay
from vaktaal.visits import (
    FAILING_LAPSES,
    FAILING_REPS,
    FAILING_STABILITY,
    MAX_SAFETY_TERMS,
    TermState,
    prepare,
    weakest,
)

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
LEARNING = 2.0  # a stability (days) below KNOWN_STABILITY that no rule looks at
JUST_BELOW = 1e-6


def card(stability: float | None = LEARNING, *, reps: int = 2, lapses: int = 0) -> CardState:
    """A card answered ``reps`` times, last on T0; without a stability it was never answered."""
    if stability is None:
        return CardState(due=T0)
    return CardState(
        due=T0 + timedelta(days=1),
        state=State.Review,
        step=None,
        stability=stability,
        difficulty=5.0,
        last_review=T0,
        reps=reps,
        lapses=lapses,
    )


def term(
    term_id: int = 1, *cards: CardState, observed: bool = False, safety: bool = False, level: str = "A1"
) -> TermState:
    return TermState(term_id=term_id, safety=safety, level=level, observed=observed, cards=cards)


def replayed(*spec: tuple[timedelta, Result]) -> CardState:
    answers = [Answer(f"a{i}", T0 + after, result, duration_ms=4000) for i, (after, result) in enumerate(spec)]
    return replay(answers, created_at=T0, skill=Skill.READING, safety=False)


# weakest


def test_a_term_never_practised_is_new():
    assert weakest(term()) is Mastery.NEW


def test_a_term_with_a_card_not_yet_answered_is_new():
    assert weakest(term(1, card(MASTERED_STABILITY), card(None))) is Mastery.NEW


def test_a_term_is_only_as_known_as_its_weakest_skill():
    assert weakest(term(1, card(MASTERED_STABILITY), card(KNOWN_STABILITY), card(LEARNING))) is Mastery.LEARNING
    assert weakest(term(1, card(MASTERED_STABILITY), card(KNOWN_STABILITY))) is Mastery.KNOWN
    assert weakest(term(1, card(MASTERED_STABILITY), card(MASTERED_STABILITY + 10))) is Mastery.MASTERED


@pytest.mark.parametrize(
    ("stability", "expected"),
    [
        (KNOWN_STABILITY - JUST_BELOW, Mastery.LEARNING),
        (KNOWN_STABILITY, Mastery.KNOWN),
        (MASTERED_STABILITY - JUST_BELOW, Mastery.KNOWN),
        (MASTERED_STABILITY, Mastery.MASTERED),
    ],
)
def test_a_terms_weakest_skill_is_known_from_7_days_and_mastered_from_30(stability, expected):
    assert weakest(term(1, card(MASTERED_STABILITY), card(stability))) is expected


# not_yet_known


def test_an_observed_term_never_practised_is_not_yet_known():
    assert prepare([term(1, observed=True)])["not_yet_known"] == [1]


def test_an_observed_term_still_learning_is_not_yet_known():
    assert prepare([term(1, card(KNOWN_STABILITY - JUST_BELOW), observed=True)])["not_yet_known"] == [1]


def test_an_observed_term_known_in_every_skill_is_off_the_list():
    assert prepare([term(1, card(KNOWN_STABILITY), card(MASTERED_STABILITY), observed=True)])["not_yet_known"] == []


def test_an_observed_term_with_one_skill_still_learning_is_not_yet_known():
    terms = [term(1, card(MASTERED_STABILITY), card(LEARNING), observed=True)]
    assert prepare(terms)["not_yet_known"] == [1]


def test_a_term_not_observed_is_never_listed_as_not_yet_known():
    terms = [term(1), term(2, card(LEARNING)), term(3, card(LEARNING), observed=True)]
    assert prepare(terms)["not_yet_known"] == [3]


# keeps_failing


def test_a_term_that_lapsed_twice_keeps_failing():
    assert FAILING_LAPSES == 2
    assert prepare([term(1, card(LEARNING, reps=9, lapses=FAILING_LAPSES))])["keeps_failing"] == [1]


def test_a_term_that_lapsed_once_does_not_keep_failing():
    assert prepare([term(1, card(LEARNING, reps=9, lapses=FAILING_LAPSES - 1))])["keeps_failing"] == []


def test_four_answers_without_reaching_a_days_stability_keep_failing():
    assert (FAILING_REPS, FAILING_STABILITY) == (4, 1.0)
    below = FAILING_STABILITY - JUST_BELOW
    assert prepare([term(1, card(below, reps=FAILING_REPS))])["keeps_failing"] == [1]


def test_three_answers_are_too_few_to_keep_failing():
    assert prepare([term(1, card(0.1, reps=FAILING_REPS - 1))])["keeps_failing"] == []


def test_four_answers_reaching_a_days_stability_do_not_keep_failing():
    assert prepare([term(1, card(FAILING_STABILITY, reps=FAILING_REPS))])["keeps_failing"] == []


def test_one_failing_skill_is_enough_for_the_term_to_keep_failing():
    terms = [term(1, card(MASTERED_STABILITY), card(0.5, reps=FAILING_REPS)), term(2, card(MASTERED_STABILITY))]
    assert prepare(terms)["keeps_failing"] == [1]


def test_a_failing_term_is_listed_whether_or_not_it_was_observed():
    terms = [term(1, card(0.5, reps=5)), term(2, card(0.5, reps=5), observed=True)]
    assert prepare(terms)["keeps_failing"] == [1, 2]


def test_a_card_answered_wrong_four_times_in_a_row_keeps_failing():
    state = replayed(*[(timedelta(minutes=m), Result.WRONG) for m in (0, 1, 2, 3)])
    assert state.reps == FAILING_REPS and state.stability < FAILING_STABILITY
    assert prepare([term(1, state)])["keeps_failing"] == [1]


def test_a_card_forgotten_twice_after_graduating_keeps_failing():
    day = timedelta(days=1)
    ten = timedelta(minutes=10)
    state = replayed(
        (timedelta(0), Result.CORRECT),
        (ten, Result.CORRECT),
        (3 * day, Result.WRONG),
        (3 * day + ten, Result.CORRECT),
        (5 * day, Result.WRONG),
        (5 * day + ten, Result.CORRECT),
    )
    assert state.lapses == FAILING_LAPSES
    assert prepare([term(1, state)])["keeps_failing"] == [1]


# safety_not_mastered


def test_a_safety_term_never_practised_is_not_mastered():
    assert prepare([term(1, safety=True)])["safety_not_mastered"] == [1]


def test_a_safety_term_just_short_of_mastery_is_listed_and_a_mastered_one_is_not():
    terms = [
        term(1, card(MASTERED_STABILITY - JUST_BELOW), safety=True),
        term(2, card(MASTERED_STABILITY), safety=True),
    ]
    assert prepare(terms)["safety_not_mastered"] == [1]


def test_a_safety_term_mastered_in_one_skill_only_is_not_mastered():
    terms = [term(1, card(MASTERED_STABILITY), card(KNOWN_STABILITY), safety=True)]
    assert prepare(terms)["safety_not_mastered"] == [1]


def test_other_terms_are_never_listed_as_safety_terms():
    assert prepare([term(1), term(2, card(LEARNING), observed=True)])["safety_not_mastered"] == []


def test_safety_terms_come_by_level_then_by_id():
    terms = [
        term(1, safety=True, level="B1"),
        term(5, safety=True, level="A1"),
        term(2, safety=True, level="A2"),
        term(3, safety=True, level="A1"),
    ]
    assert prepare(terms)["safety_not_mastered"] == [3, 5, 2, 1]


@pytest.mark.parametrize("count", [MAX_SAFETY_TERMS - 1, MAX_SAFETY_TERMS])
def test_up_to_ten_safety_terms_are_all_listed(count):
    assert MAX_SAFETY_TERMS == 10
    terms = [term(i, safety=True) for i in range(1, count + 1)]
    assert prepare(terms)["safety_not_mastered"] == list(range(1, count + 1))


def test_beyond_ten_safety_terms_the_highest_levels_are_left_out():
    terms = [term(1, safety=True, level="B1")] + [term(i, safety=True, level="A2") for i in range(2, 12)]
    assert len(terms) == MAX_SAFETY_TERMS + 1
    assert prepare(terms)["safety_not_mastered"] == list(range(2, 12))


# the three lists together


def test_nothing_to_prepare_gives_three_empty_lists():
    assert prepare([]) == {"not_yet_known": [], "keeps_failing": [], "safety_not_mastered": []}


def test_an_observed_safety_term_that_keeps_failing_is_in_all_three_lists():
    lists = prepare([term(7, card(0.5, reps=6, lapses=2), observed=True, safety=True), term(8, card(LEARNING))])
    assert lists == {"not_yet_known": [7], "keeps_failing": [7], "safety_not_mastered": [7]}
