"""A participant's progress: mastery counts, assigned terms learned, and a weekly goal that forgives."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from vaktaal.exercises import Skill
from vaktaal.scheduling import Mastery

# Practising on 4 days of a week meets the goal: a missed day is no failure, and nothing resets.
WEEKLY_GOAL_DAYS = 4


@dataclass(frozen=True)
class CardFact:
    term_id: int
    sector: str
    theme: str
    skill: Skill
    mastery: Mastery


def mastery_counts(facts: Iterable[CardFact]) -> dict:
    """Counts per mastery state, by sector, by "sector/theme" and by skill."""
    out: dict[str, dict[str, Counter]] = {
        "sectors": defaultdict(Counter),
        "themes": defaultdict(Counter),
        "skills": defaultdict(Counter),
    }
    for fact in facts:
        out["sectors"][fact.sector][fact.mastery.value] += 1
        out["themes"][f"{fact.sector}/{fact.theme}"][fact.mastery.value] += 1
        out["skills"][fact.skill.value][fact.mastery.value] += 1
    return {group: {name: dict(counter) for name, counter in sorted(rows.items())} for group, rows in out.items()}


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def week_start(*, now: datetime, zone: ZoneInfo) -> date:
    today = local_day(now, zone)
    return today - timedelta(days=today.weekday())


def weekly_goal(
    answer_times: Iterable[datetime], *, now: datetime, zone: ZoneInfo, goal: int = WEEKLY_GOAL_DAYS
) -> dict:
    """The days practised this week (Monday to Sunday, in the participant's time zone) against the goal."""
    start = week_start(now=now, zone=zone)
    days = sorted({d for d in (local_day(t, zone) for t in answer_times) if start <= d <= start + timedelta(days=6)})
    return {
        "goal_days": goal,
        "days_practised": len(days),
        "days": [d.isoformat() for d in days],
        "met": len(days) >= goal,
        "week_start": start.isoformat(),
    }
