"""Attention flags on a caseload: the participants a coach, teacher or coordinator should look at first, each flag
with its reason in plain Dutch. Every rule's threshold is an organisation setting (``Thresholds``); a paused
participant raises no flags, and neither does anyone whose programme is not active.
"""

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum

from vaktaal.exercises import Skill
from vaktaal.levels import SKILLS, Level
from vaktaal.roles import ParticipantStatus


class Flag(StrEnum):
    INACTIVE = "inactive"
    FAILING_TERMS = "failing_terms"
    SAFETY_BEHIND = "safety_behind"
    FAR_FROM_TARGET = "far_from_target"


@dataclass(frozen=True)
class Thresholds:
    """The organisation's settings for the rules (``PATCH /api/organisation``); these are the defaults."""

    inactive_days: int = 7  # no practice for this many days or more
    failing_terms: int = 3  # this many terms or more keep failing (vaktaal.visits.failing)
    safety_behind: int = 5  # more than this many safety terms introduced long ago and still not known
    safety_grace_days: int = 14  # "long ago": introduced more than this many days ago
    target_gap_steps: int = 2  # a skill this many half steps or more below its target ...
    target_months_left: int = 6  # ... with less than this many months to the route's deadline

    @classmethod
    def of(cls, settings: dict[str, int | None]) -> "Thresholds":
        """The thresholds from an organisation's settings, a setting left empty (None) taking the default."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in settings.items() if k in names and v is not None})


DEFAULTS = Thresholds()

# What an organisation may set each threshold to (inclusive).
LIMITS: dict[str, tuple[int, int]] = {
    "inactive_days": (1, 90),
    "failing_terms": (1, 50),
    "safety_behind": (0, 200),
    "safety_grace_days": (1, 180),
    "target_gap_steps": (1, 7),
    "target_months_left": (1, 36),
}


@dataclass(frozen=True)
class Facts:
    """What the rules need to know of one participant, today."""

    status: ParticipantStatus
    since: date  # when they could first practise (their account's or programme's start)
    last_practice: date | None
    failing_terms: int
    safety_behind: int  # safety terms of their sectors introduced over safety_grace_days ago, still not known
    levels: dict[Skill, tuple[Level | None, Level | None]]  # skill -> (current, target)
    deadline: date | None


@dataclass(frozen=True)
class Raised:
    flag: Flag
    reason: str


def months_between(start: date, end: date) -> float:
    """Whole and partial months from ``start`` to ``end`` (negative when ``end`` lies before ``start``)."""
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 31


def flags(facts: Facts, *, today: date, thresholds: Thresholds = DEFAULTS) -> list[Raised]:
    """The flags one participant raises today, in the order of the rules:

    - ``inactive``: no practice for ``inactive_days`` days or more (counted from ``since`` when they never practised);
    - ``failing_terms``: ``failing_terms`` or more terms keep failing;
    - ``safety_behind``: more than ``safety_behind`` safety terms introduced over ``safety_grace_days`` days ago and
      still not known;
    - ``far_from_target``: a skill ``target_gap_steps`` half steps or more below its target, with less than
      ``target_months_left`` months to the deadline (a skill without an assessed level raises nothing: there is
      nothing to compare).

    Only an active participant raises flags (paused, finished or left: none).
    """
    if facts.status is not ParticipantStatus.ACTIVE:
        return []
    out = []
    quiet = (today - (facts.last_practice or facts.since)).days
    if quiet >= thresholds.inactive_days:
        out.append(
            Raised(Flag.INACTIVE, f"{quiet} dagen niet geoefend" if facts.last_practice else "Nog nooit geoefend")
        )
    if facts.failing_terms >= thresholds.failing_terms:
        out.append(Raised(Flag.FAILING_TERMS, f"{facts.failing_terms} woorden lukken steeds niet"))
    if facts.safety_behind > thresholds.safety_behind:
        out.append(
            Raised(
                Flag.SAFETY_BEHIND,
                f"{facts.safety_behind} veiligheidswoorden na {thresholds.safety_grace_days} dagen nog niet gekend",
            )
        )
    if facts.deadline is not None and months_between(today, facts.deadline) < thresholds.target_months_left:
        behind = [
            skill
            for skill in SKILLS
            if (pair := facts.levels.get(skill))
            and pair[0] is not None
            and pair[1] is not None
            and pair[1].rank - pair[0].rank >= thresholds.target_gap_steps
        ]
        if behind:
            names = ", ".join(SKILLS[s] for s in behind)
            out.append(
                Raised(Flag.FAR_FROM_TARGET, f"Ver van het doel bij {names}, einddatum {facts.deadline:%d-%m-%Y}")
            )
    return out
