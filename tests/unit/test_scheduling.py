"""FSRS wrapping: the grade mapping, Easy earned only after a delay, golden schedules, replay determinism, safety
retention, mastery, unlocking."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State

from vaktaal import scheduling
from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import (
    Answer,
    CardState,
    Mastery,
    apply,
    mastery,
    rating_for,
    recognition_holds,
    replay,
)

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def answers(*spec) -> list[Answer]:
    """(minutes after T0, result) pairs -> answers with stable ids."""
    return [
        Answer(f"a{i:02d}", T0 + timedelta(minutes=m), Result(r), duration_ms=4000) for i, (m, r) in enumerate(spec)
    ]


@pytest.mark.parametrize(
    ("result", "hint", "ms", "skill", "after_delay", "rating"),
    [
        ("wrong", False, 3000, Skill.LISTENING, True, Rating.Again),
        ("slip", False, 3000, Skill.WRITING, True, Rating.Hard),
        ("correct", True, 3000, Skill.READING, True, Rating.Hard),
        ("correct", False, 6000, Skill.READING, True, Rating.Good),
        ("correct", False, 1200, Skill.LISTENING, True, Rating.Easy),
        ("correct", False, 1200, Skill.LISTENING, False, Rating.Good),
        ("correct", False, 201, Skill.READING, False, Rating.Good),
        ("correct", False, 1200, Skill.WRITING, True, Rating.Good),
        ("correct", False, None, Skill.SPEAKING, True, Rating.Good),
    ],
)
def test_grade_comes_from_what_the_participant_did(result, hint, ms, skill, after_delay, rating):
    assert rating_for(Result(result), hint_used=hint, duration_ms=ms, skill=skill, after_delay=after_delay) is rating


def fast(i: int, at: datetime) -> Answer:
    return Answer(f"f{i:02d}", at, Result.CORRECT, duration_ms=201)


def test_a_never_seen_word_answered_in_201_ms_is_not_easy_and_not_known():
    state = apply(scheduling.new_state(now=T0), fast(0, T0), skill=Skill.LISTENING, safety=False)
    slow_answer = Answer("s", T0, Result.CORRECT, duration_ms=9000)
    slow = apply(scheduling.new_state(now=T0), slow_answer, skill=Skill.LISTENING, safety=False)
    assert state == slow, "a card's first answer is at best Good, however fast"
    assert state.state is State.Learning and state.due - T0 == timedelta(minutes=10)
    assert state.stability == pytest.approx(2.3065, abs=1e-4)
    assert mastery(state) is Mastery.LEARNING


def test_answers_at_bot_speed_on_one_day_never_unlock_production_skills():
    every_ten_minutes = [fast(i, T0 + timedelta(minutes=10 * i)) for i in range(30)]
    states = {
        skill: replay(every_ten_minutes, created_at=T0, skill=skill, safety=False)
        for skill in (Skill.LISTENING, Skill.READING)
    }
    assert not recognition_holds(states)
    assert {mastery(s) for s in states.values()} == {Mastery.LEARNING}
    assert states[Skill.READING].stability == pytest.approx(2.3065, abs=1e-4)


def test_easy_is_earned_by_a_fast_answer_a_day_or_more_after_the_previous_one():
    graduated = replay(answers((0, "correct"), (10, "correct")), created_at=T0, skill=Skill.READING, safety=False)
    assert graduated.state is State.Review
    at = graduated.last_review
    assert not scheduling.earns_easy(scheduling.new_state(now=T0), T0)
    assert not scheduling.earns_easy(graduated, at + timedelta(hours=23))
    assert scheduling.earns_easy(graduated, at + scheduling.EASY_DELAY)
    later = apply(graduated, fast(1, at + timedelta(days=2)), skill=Skill.READING, safety=False)
    assert later.stability == pytest.approx(18.5343, abs=1e-4) and mastery(later) is Mastery.KNOWN
    # A second round the same day: right and fast again, but no longer after a delay.
    again = apply(later, fast(2, later.last_review + timedelta(hours=1)), skill=Skill.READING, safety=False)
    slow = apply(
        later,
        Answer("s", later.last_review + timedelta(hours=1), Result.CORRECT, duration_ms=9000),
        skill=Skill.READING,
        safety=False,
    )
    assert again == slow


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


# Golden values: computed once with fsrs 6.3.2 (default FSRS-6 parameters, fuzzing off) through this module, then
# written down. A change in them means the schedules of existing cards change: check the fsrs release notes.

MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)
# What the participant does for each rating (see rating_for): a slow answer is never Easy, and a fast one only
# on a card in review, a day or more after its previous answer.
DOING = {
    Rating.Again: (Result.WRONG, 4000),
    Rating.Hard: (Result.SLIP, 4000),
    Rating.Good: (Result.CORRECT, 4000),
    Rating.Easy: (Result.CORRECT, 1200),
}


def schedule(*spec: tuple[timedelta, Rating], safety: bool = False) -> list[tuple[timedelta, CardState]]:
    """Answers the card reading-wise at T0 + each offset; the interval (due - answered_at) and state after each."""
    state = scheduling.new_state(now=T0)
    out = []
    for i, (after, rating) in enumerate(spec):
        result, ms = DOING[rating]
        answer = Answer(f"a{i}", T0 + after, result, duration_ms=ms)
        state = apply(state, answer, skill=Skill.READING, safety=safety)
        out.append((state.due - answer.answered_at, state))
    return out


@pytest.mark.parametrize(
    ("rating", "interval", "fsrs_state", "stability", "difficulty"),
    [
        (Rating.Again, 1 * MINUTE, State.Learning, 0.2120, 6.4133),
        (Rating.Hard, 5.5 * MINUTE, State.Learning, 1.2931, 5.1122),
        (Rating.Good, 10 * MINUTE, State.Learning, 2.3065, 2.1181),
        # A fast first answer is graded Good: before the rule it was Easy, 8 days and a stability of 8.2956.
        (Rating.Easy, 10 * MINUTE, State.Learning, 2.3065, 2.1181),
    ],
)
def test_a_new_cards_first_answer_sets_its_interval_stability_and_difficulty(
    rating, interval, fsrs_state, stability, difficulty
):
    [(got_interval, state)] = schedule((timedelta(0), rating))
    assert got_interval == interval
    assert state.state is fsrs_state
    assert state.stability == pytest.approx(stability, abs=1e-4)
    assert state.difficulty == pytest.approx(difficulty, abs=1e-4)
    assert (state.reps, state.lapses) == (1, 0)


def test_a_first_answer_comes_back_later_the_better_it_went():
    intervals = [schedule((timedelta(0), rating))[0][0] for rating in DOING]
    assert intervals == sorted(intervals) and len(set(intervals)) == 3


def test_good_on_every_due_date_stretches_the_interval_each_time():
    steps = schedule(
        (timedelta(0), Rating.Good),
        (10 * MINUTE, Rating.Good),
        (2 * DAY + 10 * MINUTE, Rating.Good),
        (13 * DAY + 10 * MINUTE, Rating.Good),
        (59 * DAY + 10 * MINUTE, Rating.Good),
    )
    assert [interval for interval, _ in steps] == [10 * MINUTE, 2 * DAY, 11 * DAY, 46 * DAY, 163 * DAY]
    assert [s.stability for _, s in steps] == pytest.approx([2.3065, 2.3065, 10.9710, 46.3169, 162.9998], abs=1e-4)
    assert [s.difficulty for _, s in steps] == pytest.approx([2.1181, 2.1112, 2.1043, 2.0975, 2.0906], abs=1e-4)
    assert [s.state for _, s in steps] == [State.Learning] + [State.Review] * 4
    assert [mastery(s) for _, s in steps][-3:] == [Mastery.KNOWN, Mastery.MASTERED, Mastery.MASTERED]


def test_good_after_good_graduates_where_hard_after_good_stays_in_learning():
    (_, _), (good_interval, good) = schedule((timedelta(0), Rating.Good), (10 * MINUTE, Rating.Good))
    (_, _), (hard_interval, hard) = schedule((timedelta(0), Rating.Good), (10 * MINUTE, Rating.Hard))
    assert (good_interval, good.state, good.step) == (2 * DAY, State.Review, None)
    assert (hard_interval, hard.state, hard.step) == (10 * MINUTE, State.Learning, 1)
    assert good.stability == pytest.approx(2.3065, abs=1e-4) and hard.stability == pytest.approx(2.3065, abs=1e-4)
    assert good.difficulty == pytest.approx(2.1112, abs=1e-4)
    assert hard.difficulty == pytest.approx(4.7529, abs=1e-4)
    assert good_interval > hard_interval and hard.difficulty > good.difficulty


def test_a_lapse_sends_a_card_back_to_relearning_with_less_stability():
    steps = schedule(
        (timedelta(0), Rating.Good),
        (10 * MINUTE, Rating.Good),
        (3 * DAY, Rating.Again),
        (3 * DAY + 10 * MINUTE, Rating.Good),
    )
    (_, graduated), (lapse_interval, lapsed), (relearned_interval, relearned) = steps[1:]
    assert graduated.state is State.Review and graduated.lapses == 0
    assert (lapse_interval, lapsed.state, lapsed.step, lapsed.lapses) == (10 * MINUTE, State.Relearning, 0, 1)
    assert lapsed.stability == pytest.approx(0.6077, abs=1e-4)
    assert lapsed.difficulty == pytest.approx(7.3922, abs=1e-4)
    assert (relearned_interval, relearned.state, relearned.lapses) == (1 * DAY, State.Review, 1)
    assert relearned.stability == pytest.approx(0.6598, abs=1e-4)
    assert relearned.difficulty == pytest.approx(7.3801, abs=1e-4)
    assert lapsed.stability < graduated.stability and lapsed.difficulty > graduated.difficulty


def test_safety_terms_come_back_sooner_with_the_same_memory_state():
    spec = (
        (timedelta(0), Rating.Good),
        (10 * MINUTE, Rating.Good),
        (3 * DAY, Rating.Good),
        (12 * DAY, Rating.Good),
    )
    normal = schedule(*spec, safety=False)
    safety = schedule(*spec, safety=True)
    assert [i for i, _ in normal] == [10 * MINUTE, 2 * DAY, 11 * DAY, 41 * DAY]
    assert [i for i, _ in safety] == [10 * MINUTE, 1 * DAY, 4 * DAY, 17 * DAY]
    assert [s.stability for _, s in normal] == pytest.approx([2.3065, 2.3065, 10.9710, 41.4965], abs=1e-4)
    assert [s.stability for _, s in safety] == [s.stability for _, s in normal]
    assert [s.difficulty for _, s in safety] == [s.difficulty for _, s in normal]
    assert all(safe <= usual for (safe, _), (usual, _) in zip(safety, normal, strict=True))


def test_an_easy_review_of_a_safety_term_comes_back_after_7_days_not_19():
    spec = ((timedelta(0), Rating.Good), (10 * MINUTE, Rating.Good), (2 * DAY + 10 * MINUTE, Rating.Easy))
    *_, (normal, normal_state) = schedule(*spec, safety=False)
    *_, (safety, safety_state) = schedule(*spec, safety=True)
    assert (normal, safety) == (19 * DAY, 7 * DAY)
    assert normal_state.stability == pytest.approx(18.5343, abs=1e-4) == safety_state.stability
