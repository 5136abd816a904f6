"""vaktaal.levels: the order of levels, parsing, the current level, route targets and the evidence from practice."""

from datetime import UTC, date, datetime

import pytest

from vaktaal.exercises import Result, Skill
from vaktaal.levels import (
    Assessment,
    AssessmentSource,
    BandShare,
    EvidenceTerm,
    Level,
    TargetChange,
    current,
    default_deadline,
    evidence,
    parse_level,
    start,
    summary_band,
    target,
)
from vaktaal.roles import Route
from vaktaal.scheduling import Mastery

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)


def at(hour: int) -> datetime:
    return T0.replace(hour=hour)


def record(id, level, on, *, hour=9, source=AssessmentSource.TEST, corrects=None, skill=Skill.SPEAKING):
    return Assessment(id, skill, Level(level), on, source, at(hour), corrects)


# Order and parsing


def test_levels_are_ordered_in_half_steps():
    order = [Level.A0, Level.A1, Level.A1_A2, Level.A2, Level.A2_B1, Level.B1, Level.B1_B2, Level.B2]
    assert [level.rank for level in order] == list(range(8))
    assert Level.A1.rank < Level.A1_A2.rank < Level.A2.rank
    assert sorted([Level.B1, Level.A0, Level.A1_A2], key=lambda lv: lv.rank) == [Level.A0, Level.A1_A2, Level.B1]
    assert Level.A1_A2.dutch == "tussen A1 en A2"
    assert Level.A2.dutch == "A2"


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("a2", Level.A2),
        (" A0 ", Level.A0),
        ("A1/A2", Level.A1_A2),
        ("A1-A2", Level.A1_A2),
        ("a1 a2", Level.A1_A2),
        ("halverwege A1 en A2", Level.A1_A2),
        ("tussen a2 en b1", Level.A2_B1),
        ("B1/B2", Level.B1_B2),
        ("b2", Level.B2),
    ],
)
def test_parsing_accepts_what_teachers_type(typed, level):
    assert parse_level(typed) == level


@pytest.mark.parametrize("typed", ["", "c1", "A3", "a2 goed", "A1-B1", "A2/A1", "A0/A1", "a1 a2 b1", "twee"])
def test_parsing_rejects_the_rest_with_a_message(typed):
    with pytest.raises(ValueError, match="niveau|halve stap"):
        parse_level(typed)


# Current and start level


def test_current_is_the_latest_by_date_not_by_recording():
    early = record(1, "A2", date(2026, 3, 1), hour=15)
    late = record(2, "A1/A2", date(2026, 4, 1), hour=8)
    older_recorded_later = record(3, "B1", date(2026, 2, 1), hour=23)
    assert current([early, late, older_recorded_later]).id == 2


def test_same_date_records_are_ordered_by_when_they_were_recorded():
    morning = record(1, "A1", date(2026, 3, 1), hour=9)
    afternoon = record(2, "A2", date(2026, 3, 1), hour=14)
    assert current([afternoon, morning]).id == 2


def test_a_correction_replaces_the_record_it_corrects_and_history_stays():
    wrong = record(1, "B1", date(2026, 4, 1))
    before = record(2, "A1", date(2026, 3, 1))
    fixed = record(3, "A2", date(2026, 4, 1), hour=10, corrects=1)
    assert current([wrong, before, fixed]).level is Level.A2
    # A correction of the latest record by an older date: the older standing record is not resurrected over it.
    backdated = record(4, "A1/A2", date(2026, 3, 15), corrects=1)
    assert current([wrong, before, backdated]).id == 4
    # Correcting the correction.
    again = record(5, "A2/B1", date(2026, 4, 1), hour=11, corrects=3)
    assert current([wrong, before, fixed, again]).level is Level.A2_B1


def test_no_records_no_level():
    assert current([]) is None
    assert start([]) is None


def test_start_is_the_intake_else_the_first_record():
    first_test = record(1, "A1", date(2026, 2, 1))
    intake = record(2, "A0", date(2026, 2, 10), source=AssessmentSource.INTAKE)
    later = record(3, "A2", date(2026, 5, 1))
    assert start([later, first_test, intake]).id == 2
    assert start([later, first_test]).id == 1
    corrected_intake = record(4, "A1", date(2026, 2, 10), source=AssessmentSource.INTAKE, corrects=2)
    assert start([first_test, intake, corrected_intake]).id == 4


# Targets


def test_route_defaults():
    assert target(Route.B1, Skill.WRITING, []).level is Level.B1
    assert target(Route.ONDERWIJS, Skill.CONVERSATION, []).level is Level.B1
    assert target(Route.Z, Skill.READING, []).level is Level.A1
    assert target(None, Skill.READING, []).level is None


def test_a_lowered_target_is_in_force_and_history_ordered():
    lowered = TargetChange(1, Skill.WRITING, Level.A2, "Gemeente verlaagt schrijven", date(2026, 5, 1), at(9))
    other_skill = TargetChange(2, Skill.SPEAKING, Level.A1, "x", date(2026, 6, 1), at(9))
    raised_again = TargetChange(3, Skill.WRITING, Level.A2_B1, "Gaat goed", date(2026, 7, 1), at(8))
    found = target(Route.B1, Skill.WRITING, [lowered, other_skill])
    assert (found.level, found.change.id) == (Level.A2, 1)
    assert target(Route.B1, Skill.WRITING, [raised_again, lowered]).level is Level.A2_B1
    assert target(Route.B1, Skill.READING, [lowered]).change is None


def test_deadline_is_three_years_after_the_start():
    assert default_deadline(date(2025, 9, 1)) == date(2028, 9, 1)
    assert default_deadline(date(2024, 2, 29)) == date(2027, 2, 28)
    assert default_deadline(None) is None


# Evidence


def test_evidence_counts_exact_shares_per_skill_and_band():
    words = [EvidenceTerm(i, "A1", "noun") for i in range(1, 11)]  # 10 A1 words
    words += [EvidenceTerm(i, "A2", "verb") for i in range(11, 16)]  # 5 A2 words
    phrases = [EvidenceTerm(20, "A1", "phrase"), EvidenceTerm(21, "A1", "phrase")]
    mastery = {(i, Skill.READING): Mastery.KNOWN for i in range(1, 9)}  # 8 of 10 A1 words known in reading
    mastery |= {(i, Skill.READING): Mastery.MASTERED for i in range(11, 15)}  # 4 of 5 A2 words
    mastery |= {(9, Skill.READING): Mastery.LEARNING, (20, Skill.READING): Mastery.KNOWN}
    mastery |= {(20, Skill.CONVERSATION): Mastery.KNOWN, (1, Skill.WRITING): Mastery.KNOWN}
    answers = [(Skill.READING, Result.CORRECT)] * 6 + [(Skill.READING, Result.SLIP), (Skill.READING, Result.WRONG)]
    answers += [(Skill.SPEAKING, Result.CORRECT)]
    out = evidence(words + phrases + words[:3], mastery, answers)  # a term given twice counts once

    reading = {b.band: (b.known, b.total) for b in out[Skill.READING].bands}
    assert reading == {"A1": (9, 12), "A2": (4, 5), "B1": (0, 0)}  # 8 words + 1 phrase of 12 A1 terms
    assert out[Skill.READING].summary_band is None  # A1 at 75%
    assert (out[Skill.READING].answers, out[Skill.READING].right) == (8, 7)
    assert out[Skill.READING].accuracy == pytest.approx(7 / 8)
    # Conversation counts phrases only; writing words only, a word without a writing card counting as not known.
    assert {b.band: (b.known, b.total) for b in out[Skill.CONVERSATION].bands}["A1"] == (1, 2)
    assert {b.band: (b.known, b.total) for b in out[Skill.WRITING].bands}["A1"] == (1, 10)
    assert out[Skill.WRITING].answers == 0 and out[Skill.WRITING].accuracy is None
    assert out[Skill.SPEAKING].self_assessed and not out[Skill.READING].self_assessed


def test_summary_band_needs_every_lower_band_mostly_known():
    assert summary_band([BandShare("A1", 8, 10), BandShare("A2", 4, 5), BandShare("B1", 1, 10)]) == "A2"
    assert summary_band([BandShare("A1", 7, 10), BandShare("A2", 5, 5)]) is None
    assert summary_band([BandShare("A1", 0, 0), BandShare("A2", 5, 5), BandShare("B1", 0, 0)]) == "A2"
    assert summary_band([BandShare("A1", 0, 0)]) is None
    out = evidence([EvidenceTerm(1, "A1", "noun")], {(1, Skill.LISTENING): Mastery.KNOWN}, [])
    assert out[Skill.LISTENING].summary == "woordenschat A1 grotendeels bekend"
    assert out[Skill.READING].summary == "nog geen woordenschat grotendeels bekend"
