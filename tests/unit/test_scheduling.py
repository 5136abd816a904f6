"""FSRS wrapping: the grade mapping, replay determinism, safety retention, mastery and the unlock rule."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State

from vaktaal import scheduling
from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import Answer, Mastery, apply, mastery, rating_for, recognition_holds, replay

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def answers(*spec) -> list[Answer]:
    """(minutes after T0, result) pairs -> answers with stable ids."""
    return [
        Answer(f"a{i:02d}", T0 + timedelta(minutes=m), Result(r), duration_ms=4000) for i, (m, r) in enumerate(spec)
    ]


@pytest.mark.parametrize(
    ("result", "hint", "ms", "skill", "rating"),
    [
        ("wrong", False, 3000, Skill.LISTENING, Rating.Again),
        ("slip", False, 3000, Skill.WRITING, Rating.Hard),
        ("correct", True, 3000, Skill.READING, Rating.Hard),
        ("correct", False, 6000, Skill.READING, Rating.Good),
        ("correct", False, 1200, Skill.LISTENING, Rating.Easy),
        ("correct", False, 1200, Skill.WRITING, Rating.Good),
        ("correct", False, None, Skill.SPEAKING, Rating.Good),
    ],
)
def test_grade_comes_from_what_the_participant_did(result, hint, ms, skill, rating):
    assert rating_for(Result(result), hint_used=hint, duration_ms=ms, skill=skill) is rating


def test_replay_in_any_arrival_order_gives_the_same_state():
    history = answers(
        (0, "correct"),
        (10, "correct"),
        (60 * 24 * 3, "wrong"),
        (60 * 24 * 3 + 10, "correct"),
        (60 * 24 * 8, "slip"),
        (60 * 24 * 20, "correct"),
    )
    expected = replay(history, created_at=T0, skill=Skill.READING, safety=False)
    for seed in range(5):
        shuffled = history[:]
        random.Random(seed).shuffle(shuffled)
        assert replay(shuffled, created_at=T0, skill=Skill.READING, safety=False) == expected


def test_applying_one_by_one_equals_replaying():
    history = answers((0, "correct"), (10, "wrong"), (60 * 24 * 2, "correct"), (60 * 24 * 9, "correct"))
    state = scheduling.new_state(now=T0)
    for answer in history:
        state = apply(state, answer, skill=Skill.LISTENING, safety=True)
    assert state == replay(history, created_at=T0, skill=Skill.LISTENING, safety=True)
    assert state.reps == 4 and state.lapses == 0


def test_same_time_answers_are_ordered_by_id():
    a = Answer("b", T0, Result.WRONG)
    b = Answer("a", T0, Result.CORRECT)
    assert replay([a, b], created_at=T0, skill=Skill.READING, safety=False) == replay(
        [b, a], created_at=T0, skill=Skill.READING, safety=False
    )


def test_an_older_answer_cannot_be_applied_on_top():
    state = replay(answers((60, "correct")), created_at=T0, skill=Skill.READING, safety=False)
    with pytest.raises(ValueError, match="must be replayed"):
        apply(state, answers((0, "correct"))[0], skill=Skill.READING, safety=False)


def test_safety_terms_come_back_sooner():
    history = answers((0, "correct"), (10, "correct"), (60 * 24 * 3, "correct"))
    normal = replay(history, created_at=T0, skill=Skill.READING, safety=False)
    safety = replay(history, created_at=T0, skill=Skill.READING, safety=True)
    assert normal.stability == pytest.approx(safety.stability, abs=1e-9)
    assert safety.due < normal.due


def test_mastery_follows_stability_thresholds():
    assert mastery(None) is Mastery.NEW
    assert mastery(scheduling.new_state(now=T0)) is Mastery.NEW
    base = replay(answers((0, "correct")), created_at=T0, skill=Skill.READING, safety=False)
    assert mastery(base) is Mastery.LEARNING
    from dataclasses import replace

    assert mastery(replace(base, stability=scheduling.KNOWN_STABILITY)) is Mastery.KNOWN
    assert mastery(replace(base, stability=scheduling.MASTERED_STABILITY + 1)) is Mastery.MASTERED


def test_production_skills_unlock_only_after_recognition_survives_a_delay():
    same_day = answers((0, "correct"), (10, "correct"))
    later = answers((0, "correct"), (10, "correct"), (60 * 24 * 2, "correct"))
    quick = {s: replay(same_day, created_at=T0, skill=s, safety=False) for s in (Skill.LISTENING, Skill.READING)}
    assert quick[Skill.READING].state is State.Review
    assert not recognition_holds(quick)
    solid = {s: replay(later, created_at=T0, skill=s, safety=False) for s in (Skill.LISTENING, Skill.READING)}
    assert recognition_holds(solid)
    assert not recognition_holds({Skill.LISTENING: solid[Skill.LISTENING]})
