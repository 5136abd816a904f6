"""Levels A0-B2 per skill: parsing, the current level from assessments, route targets and the evidence from practice.

A participant's level is what a person measured or judged (an assessment: a test such as Bureau ICE, an exam, a
teacher's observation, the intake), never what the app computed. Levels move in half steps ("halverwege A1 en A2"
is ``A1/A2``). The app shows its own evidence from practice *beside* the level, so the teacher can decide; the
evidence is never called a level. Sources: the product brief ("Levels, skills and routes"), seeds 002 and 003.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from vaktaal.exercises import Result, Skill, skills_for_pos
from vaktaal.roles import Route
from vaktaal.scheduling import Mastery

# The five skills in the order the interface lists them, with their Dutch names (Raamwerk NT2).
SKILLS: dict[Skill, str] = {
    Skill.READING: "lezen",
    Skill.LISTENING: "luisteren",
    Skill.SPEAKING: "spreken",
    Skill.CONVERSATION: "gesprekken voeren",
    Skill.WRITING: "schrijven",
}


class Level(StrEnum):
    """A CEFR level in half steps, ordered: compare with ``rank`` (``A1/A2`` lies halfway between A1 and A2)."""

    A0 = "A0"
    A1 = "A1"
    A1_A2 = "A1/A2"
    A2 = "A2"
    A2_B1 = "A2/B1"
    B1 = "B1"
    B1_B2 = "B1/B2"
    B2 = "B2"

    @property
    def rank(self) -> int:
        """0 for A0 up to 7 for B2: one per half step."""
        return list(Level).index(self)

    @property
    def dutch(self) -> str:
        """How the interface says it: "A2", or "tussen A1 en A2"."""
        low, _, high = self.value.partition("/")
        return f"tussen {low} en {high}" if high else self.value


class AssessmentSource(StrEnum):
    """Who or what measured a level: a test (e.g. Bureau ICE), an exam (Staatsexamen NT2, inburgering), a teacher's
    judgment in conversation and in practice, or the intake at the start."""

    TEST = "test"
    EXAM = "exam"
    OBSERVATION = "observation"
    INTAKE = "intake"


LEVEL_CHOICES = ", ".join(level.value for level in Level)
_WHOLE = re.compile(r"(a0|a1|a2|b1|b2)")


def parse_level(text: str) -> Level:
    """The level a teacher typed: "a2", "A1/A2", "A1-A2", "a1 a2", "halverwege A1 en A2", "tussen A1 en A2".

    Raises ValueError, with a message a teacher can act on, for anything else (an unknown level, two levels that
    are not one half step apart, "C1").
    """
    cleaned = " ".join((text or "").lower().split())
    found = _WHOLE.findall(cleaned)
    rest = _WHOLE.sub(" ", cleaned)
    rest = re.sub(r"\b(halverwege|tussen|en|and|half|niveau)\b|[/\-–—+, ]", " ", rest)
    if not found or rest.strip() or len(found) > 2:
        raise ValueError(f"Onbekend niveau '{text.strip()}': kies uit {LEVEL_CHOICES}.")
    if len(found) == 1:
        return Level(found[0].upper())
    low, high = (Level(value.upper()) for value in found)
    halfway = f"{low.value}/{high.value}"
    if high.rank - low.rank != 2 or halfway not in Level._value2member_map_:
        raise ValueError(f"'{text.strip()}' is geen halve stap: schrijf bijvoorbeeld A1/A2 (halverwege A1 en A2).")
    return Level(halfway)


# Current level


@dataclass(frozen=True)
class Assessment:
    """One recorded level of one skill. A correction is a new record naming the one it corrects (``corrects``)."""

    id: int
    skill: Skill
    level: Level
    on: date
    source: AssessmentSource
    recorded_at: datetime
    corrects: int | None = None


def standing(records: Iterable[Assessment]) -> list[Assessment]:
    """The records no other record corrects, in order: by date, then by when they were recorded."""
    records = list(records)
    corrected = {r.corrects for r in records if r.corrects is not None}
    return sorted((r for r in records if r.id not in corrected), key=lambda r: (r.on, r.recorded_at, r.id))


def current(records: Iterable[Assessment]) -> Assessment | None:
    """The current level of one skill: the latest record by its date that no record corrects; records of the same
    date are ordered by when they were recorded (the later one counts)."""
    ordered = standing(records)
    return ordered[-1] if ordered else None


def start(records: Iterable[Assessment]) -> Assessment | None:
    """Where the participant started in one skill: the intake (the first one standing), else the first record."""
    ordered = standing(records)
    intakes = [r for r in ordered if r.source is AssessmentSource.INTAKE]
    return (intakes or ordered or [None])[0]


# Routes and targets

# The target per skill of each route, from the Wet inburgering 2021 (Besluit inburgering 2021, art. 6.1-6.3;
# product brief "Levels, skills and routes"): the B1-route aims at B1 for every skill, and its exam tests reading,
# listening, speaking and writing; the onderwijsroute prepares for mbo at B1 everywhere; the Z-route (self-reliance)
# at about A1. A municipality may lower a skill's target (e.g. B1 -> A2), recorded with a reason.
ROUTE_TARGETS: dict[Route, dict[Skill, Level]] = {
    Route.B1: dict.fromkeys(SKILLS, Level.B1),
    Route.ONDERWIJS: dict.fromkeys(SKILLS, Level.B1),
    Route.Z: dict.fromkeys(SKILLS, Level.A1),
}
# The skills the B1-route's exam tests.
EXAM_SKILLS: dict[Route, frozenset[Skill]] = {
    Route.B1: frozenset({Skill.READING, Skill.LISTENING, Skill.SPEAKING, Skill.WRITING}),
}
# A route ends this many years after it starts (the coordinator may set another deadline).
ROUTE_YEARS = 3


def default_deadline(start_date: date | None) -> date | None:
    """The route's deadline: its start plus ROUTE_YEARS (29 February falls back to the 28th)."""
    if start_date is None:
        return None
    try:
        return start_date.replace(year=start_date.year + ROUTE_YEARS)
    except ValueError:
        return start_date.replace(year=start_date.year + ROUTE_YEARS, day=28)


class TargetStatus(StrEnum):
    """A target change in force (a coordinator recorded it), or a teacher's proposal waiting for a coordinator,
    or one the coordinator declined."""

    IN_FORCE = "in_force"
    PROPOSED = "proposed"
    DECLINED = "declined"


@dataclass(frozen=True)
class TargetChange:
    """A coordinator's change of one skill's target, with the reason, the date it applies from and when it was
    recorded; the latest (by date, then by recording) is in force."""

    id: int
    skill: Skill
    level: Level
    reason: str
    on: date
    recorded_at: datetime


@dataclass(frozen=True)
class Target:
    level: Level | None
    change: TargetChange | None = None  # None: the route's default (or no route, no target)


def target(route: Route | None, skill: Skill, changes: Iterable[TargetChange]) -> Target:
    """The target of one skill: the latest change in force for it (the caller passes those only), else the route's
    default."""
    mine = sorted((c for c in changes if c.skill is skill), key=lambda c: (c.on, c.recorded_at, c.id))
    if mine:
        return Target(mine[-1].level, mine[-1])
    return Target(ROUTE_TARGETS[route][skill] if route else None)


# Evidence from practice

BANDS = ("A1", "A2", "B1")
# A band counts as "grotendeels bekend" when at least this share of its terms is known or mastered.
MOSTLY_KNOWN = 0.8
ACCURACY_DAYS = 30
KNOWN_STATES = frozenset({Mastery.KNOWN, Mastery.MASTERED})


@dataclass(frozen=True)
class EvidenceTerm:
    """A term that counts towards the evidence: its id, CEFR band and part of speech."""

    id: int
    band: str
    pos: str


@dataclass(frozen=True)
class BandShare:
    band: str
    known: int
    total: int

    @property
    def share(self) -> float | None:
        return None if self.total == 0 else self.known / self.total


@dataclass(frozen=True)
class SkillEvidence:
    skill: Skill
    bands: list[BandShare]
    answers: int  # answers in the last ACCURACY_DAYS days
    right: int  # of which correct or a slip (a wrong article, a small spelling slip)
    self_assessed: bool  # speaking: the learner grades their own answer
    summary_band: str | None = field(default=None)

    @property
    def accuracy(self) -> float | None:
        return None if self.answers == 0 else self.right / self.answers

    @property
    def summary(self) -> str:
        """In plain Dutch, never as a level: "woordenschat A2 grotendeels bekend"."""
        if self.summary_band is None:
            return "nog geen woordenschat grotendeels bekend"
        return f"woordenschat {self.summary_band} grotendeels bekend"


def practised_in(term: EvidenceTerm, skill: Skill) -> bool:
    """Whether the term is practised in ``skill`` (vaktaal.exercises.skills_for): conversation only with phrases,
    writing only with words."""
    return skill in skills_for_pos(term.pos)


def summary_band(bands: Iterable[BandShare]) -> str | None:
    """The highest band such that it and every lower band are at least MOSTLY_KNOWN known; a band without terms
    neither counts nor blocks; None when the lowest band with terms falls short (or there are no terms)."""
    best = None
    for band in sorted(bands, key=lambda b: BANDS.index(b.band)):
        if band.total == 0:
            continue
        if band.known / band.total < MOSTLY_KNOWN:
            break
        best = band.band
    return best


def evidence(
    terms: Iterable[EvidenceTerm],
    mastery: Mapping[tuple[int, Skill], Mastery],
    answers: Iterable[tuple[Skill, Result]],
) -> dict[Skill, SkillEvidence]:
    """The evidence from practice per skill, exactly as follows.

    - ``terms``: the terms that count, given by the caller: the readable, not retired terms of the participant's
      sectors and ``algemeen``, plus their assigned terms (each once).
    - Per skill and band (A1, A2, B1): the denominator is those terms of that band practised in the skill
      (``practised_in``: conversation counts phrases only, writing words only); the numerator those whose card in
      that skill is known or mastered (``mastery[(term_id, skill)]``). A term without a card in the skill yet (new,
      or writing before it unlocks) counts as not known.
    - ``answers``: (skill, result) of every answer of the last ACCURACY_DAYS days; ``right`` counts correct answers
      and slips.
    - Speaking is graded by the learner: marked ``self_assessed``.
    - The summary: the highest band such that it and every lower band are at least 80% known (``summary_band``).
    """
    terms = list({t.id: t for t in terms}.values())
    counts: dict[Skill, list[int]] = {skill: [0, 0] for skill in SKILLS}
    for skill, result in answers:
        counts[skill][0] += 1
        counts[skill][1] += result is not Result.WRONG
    out = {}
    for skill in SKILLS:
        bands = []
        for band in BANDS:
            mine = [t for t in terms if t.band == band and practised_in(t, skill)]
            known = sum(1 for t in mine if mastery.get((t.id, skill), Mastery.NEW) in KNOWN_STATES)
            bands.append(BandShare(band, known, len(mine)))
        answered, right = counts[skill]
        out[skill] = SkillEvidence(
            skill, bands, answered, right, self_assessed=skill is Skill.SPEAKING, summary_band=summary_band(bands)
        )
    return out
