from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from vaktaal.exercises import Skill
from vaktaal.progress import CardFact, mastery_counts, weekly_goal
from vaktaal.scheduling import Mastery

AMS = ZoneInfo("Europe/Amsterdam")


def test_mastery_is_counted_by_sector_theme_and_skill():
    facts = [
        CardFact(1, "zorg", "hygiene", Skill.LISTENING, Mastery.KNOWN),
        CardFact(1, "zorg", "hygiene", Skill.READING, Mastery.LEARNING),
        CardFact(2, "algemeen", "ziekte", Skill.READING, Mastery.LEARNING),
    ]
    counts = mastery_counts(facts)
    assert counts["sectors"] == {"algemeen": {"learning": 1}, "zorg": {"known": 1, "learning": 1}}
    assert counts["themes"]["zorg/hygiene"] == {"known": 1, "learning": 1}
    assert counts["skills"]["reading"] == {"learning": 2}


def test_week_counts_days_in_the_participants_time_zone_and_forgives_missed_days():
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # Thursday
    times = [
        datetime(2026, 11, 22, 23, 30, tzinfo=UTC),  # Monday 00:30 in Amsterdam
        datetime(2026, 11, 23, 7, 0, tzinfo=UTC),  # Monday again
        datetime(2026, 11, 25, 16, 0, tzinfo=UTC),  # Wednesday (Tuesday missed)
        datetime(2026, 11, 26, 6, 0, tzinfo=UTC),  # Thursday
        datetime(2026, 11, 21, 9, 0, tzinfo=UTC),  # last week's Saturday
    ]
    week = weekly_goal(times, now=now, zone=AMS, goal=3)
    assert week["days"] == ["2026-11-23", "2026-11-25", "2026-11-26"]
    assert week["days_practised"] == 3 and week["met"] is True
    assert week["week_start"] == "2026-11-23"
