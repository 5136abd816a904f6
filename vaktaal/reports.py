"""Reports for funders and the municipality: aggregates over a period, never a row per person.

A report leaves the building, so a cell that counts fewer than ``SMALL_CELL`` participants (but more than none) is
shown as "< 5" instead of its value: a count of participants when it is 1-4, and a sum (practice days, terms
learned) when 1-4 participants contributed to it. Totals are the sums of the per-participant figures (``Figures``),
so what a coach sees per person and what a report says of the group agree.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from vaktaal.exercises import Skill
from vaktaal.levels import SKILLS, Assessment, current


class Scope(StrEnum):
    """What a report is about: the organisation, a group, a workplace, or the caller's own participants (a coach's
    caseload, a teacher's groups together)."""

    ORGANISATION = "organisation"
    GROUP = "group"
    WORKPLACE = "workplace"
    CASELOAD = "caseload"


SMALL_CELL = 5
SUPPRESSED = f"< {SMALL_CELL}"


@dataclass(frozen=True)
class Figures:
    """One participant's figures for a period."""

    practice_days: int = 0
    answers: int = 0
    terms_learned: int = 0  # terms that became known, minus those that fell back
    safety_terms_mastered: int = 0
    level_ups: frozenset[Skill] = field(default_factory=frozenset)  # skills whose level went up

    @property
    def active(self) -> bool:
        return self.practice_days > 0


def level_ups(records: Iterable[Assessment], *, start: date, end: date) -> frozenset[Skill]:
    """The skills whose current level on ``end`` is higher than on the day before ``start`` (a first measurement
    in the period is not a change: there is nothing to compare it with)."""
    records = list(records)
    out = set()
    for skill in SKILLS:
        mine = [r for r in records if r.skill is skill]
        before = current(r for r in mine if r.on < start)
        after = current(r for r in mine if r.on <= end)
        if before is not None and after is not None and after.level.rank > before.level.rank:
            out.add(skill)
    return frozenset(out)


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    value: int | None  # None when suppressed
    shown: str


def cell(key: str, label: str, value: int, contributors: int, *, suppress: bool = True) -> Cell:
    """A figure, suppressed when 1 to SMALL_CELL - 1 participants make it up."""
    if suppress and 0 < contributors < SMALL_CELL:
        return Cell(key, label, None, SUPPRESSED)
    return Cell(key, label, value, str(value))


def cells(figures: dict[int, Figures], *, suppress: bool = True) -> tuple[list[Cell], dict[Skill, Cell]]:
    """The report's cells from the per-participant figures: the totals, and the level ups per skill."""
    rows = list(figures.values())

    def total(name: str, label: str) -> Cell:
        values = [getattr(f, name) for f in rows]
        return cell(name, label, sum(values), sum(1 for v in values if v), suppress=suppress)

    active = sum(1 for f in rows if f.active)
    out = [
        cell("participants", "Deelnemers", len(rows), len(rows), suppress=suppress),
        cell("active_participants", "Deelnemers die oefenden", active, active, suppress=suppress),
        total("practice_days", "Dagen geoefend (alle deelnemers samen)"),
        total("answers", "Antwoorden gegeven"),
        total("terms_learned", "Woorden geleerd"),
        total("safety_terms_mastered", "Veiligheidswoorden goed beheerst"),
    ]
    ups = {}
    for skill, name in SKILLS.items():
        count = sum(1 for f in rows if skill in f.level_ups)
        ups[skill] = cell(f"level_ups_{skill.value}", f"Niveau omhoog bij {name}", count, count, suppress=suppress)
    return out, ups
