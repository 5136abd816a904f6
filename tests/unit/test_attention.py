"""vaktaal.attention: each rule at and around its threshold, the organisation's settings, and no flags when paused."""

from dataclasses import replace
from datetime import date

import pytest

from vaktaal.attention import DEFAULTS, Facts, Flag, Thresholds, flags, months_between
from vaktaal.exercises import Skill
from vaktaal.levels import Level
from vaktaal.roles import ParticipantStatus

TODAY = date(2026, 12, 1)
CALM = Facts(
    status=ParticipantStatus.ACTIVE,
    since=date(2026, 1, 5),
    last_practice=TODAY,
    failing_terms=0,
    safety_behind=0,
    levels={Skill.SPEAKING: (Level.A2, Level.B1)},
    deadline=date(2028, 1, 5),
)


def raised(facts: Facts, thresholds: Thresholds = DEFAULTS) -> list[Flag]:
    return [r.flag for r in flags(facts, today=TODAY, thresholds=thresholds)]


def test_a_calm_participant_raises_nothing():
    assert raised(CALM) == []


@pytest.mark.parametrize(("days", "flagged"), [(6, False), (7, True), (30, True)])
def test_inactive_from_seven_days(days, flagged):
    facts = replace(CALM, last_practice=date.fromordinal(TODAY.toordinal() - days))
    assert (Flag.INACTIVE in raised(facts)) is flagged
    if flagged:
        assert flags(facts, today=TODAY)[0].reason == f"{days} dagen niet geoefend"


def test_never_practised_counts_from_the_start():
    assert raised(replace(CALM, last_practice=None, since=date(2026, 11, 28))) == []
    found = flags(replace(CALM, last_practice=None, since=date(2026, 11, 24)), today=TODAY)
    assert [(r.flag, r.reason) for r in found] == [(Flag.INACTIVE, "Nog nooit geoefend")]


@pytest.mark.parametrize(("count", "flagged"), [(2, False), (3, True)])
def test_failing_terms_from_three(count, flagged):
    assert (Flag.FAILING_TERMS in raised(replace(CALM, failing_terms=count))) is flagged


@pytest.mark.parametrize(("count", "flagged"), [(5, False), (6, True)])
def test_safety_behind_more_than_five(count, flagged):
    assert (Flag.SAFETY_BEHIND in raised(replace(CALM, safety_behind=count))) is flagged


def test_far_from_target_needs_the_gap_and_the_deadline_near():
    two_below = {Skill.WRITING: (Level.A1_A2, Level.A2_B1), Skill.SPEAKING: (Level.A2, Level.B1)}
    near = date(2027, 5, 30)  # just under 6 months away
    assert raised(replace(CALM, levels=two_below, deadline=near)) == [Flag.FAR_FROM_TARGET]
    reason = flags(replace(CALM, levels=two_below, deadline=near), today=TODAY)[0].reason
    assert reason == "Ver van het doel bij spreken, schrijven, einddatum 30-05-2027"
    assert raised(replace(CALM, levels=two_below, deadline=date(2027, 6, 1))) == []  # 6 months: not less
    one_below = {Skill.WRITING: (Level.A2, Level.A2_B1)}
    assert raised(replace(CALM, levels=one_below, deadline=near)) == []
    unassessed = {Skill.WRITING: (None, Level.B1)}
    assert raised(replace(CALM, levels=unassessed, deadline=near)) == []
    assert raised(replace(CALM, levels=two_below, deadline=None)) == []


@pytest.mark.parametrize("status", [ParticipantStatus.PAUSED, ParticipantStatus.FINISHED, ParticipantStatus.LEFT])
def test_no_flags_unless_active(status):
    everything = replace(CALM, status=status, last_practice=None, failing_terms=9, safety_behind=9)
    assert raised(everything) == []
    assert len(raised(replace(everything, status=ParticipantStatus.ACTIVE))) == 3


def test_the_organisation_sets_the_thresholds():
    thresholds = Thresholds.of({"inactive_days": 3, "failing_terms": None, "unknown": 1})
    assert thresholds == Thresholds(inactive_days=3)
    quiet = replace(CALM, last_practice=date(2026, 11, 28))
    assert raised(quiet) == [] and raised(quiet, thresholds) == [Flag.INACTIVE]


def test_months_between():
    assert months_between(date(2026, 12, 1), date(2027, 6, 1)) == 6
    assert months_between(date(2026, 12, 1), date(2027, 5, 31)) < 6
    assert months_between(date(2026, 12, 1), date(2026, 11, 1)) == -1
