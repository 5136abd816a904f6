"""Before the next visit: per participant, the observed terms not yet known, the ones that keep failing, and the
safety terms not yet mastered."""

from dataclasses import dataclass
from enum import StrEnum

from vaktaal.scheduling import CardState, Mastery, mastery


class ObservationStatus(StrEnum):
    ASSIGNED = "assigned"  # a teacher's observation, or a coach's once a teacher approved it
    SUGGESTED = "suggested"  # a coach's, waiting for a teacher of the participants
    DROPPED = "dropped"  # a suggestion a teacher did not take


# A card keeps failing when it lapsed this often, or was answered several times without getting anywhere.
FAILING_LAPSES = 2
FAILING_REPS = 4
FAILING_STABILITY = 1.0
MAX_SAFETY_TERMS = 10


@dataclass(frozen=True)
class TermState:
    term_id: int
    safety: bool
    level: str
    observed: bool  # heard on a visit and assigned to this participant
    cards: tuple[CardState, ...]  # one per skill met so far


def failing(state: CardState) -> bool:
    return state.lapses >= FAILING_LAPSES or (state.reps >= FAILING_REPS and (state.stability or 0) < FAILING_STABILITY)


def weakest(term: TermState) -> Mastery:
    """A term is only as known as its weakest skill; a term never practised is new."""
    if not term.cards:
        return Mastery.NEW
    order = list(Mastery)
    return min((mastery(c) for c in term.cards), key=order.index)


def prepare(terms: list[TermState]) -> dict[str, list[int]]:
    """Term ids in three lists for one participant (a term may be in more than one)."""
    not_known = [t.term_id for t in terms if t.observed and weakest(t) in (Mastery.NEW, Mastery.LEARNING)]
    keeps_failing = [t.term_id for t in terms if any(failing(c) for c in t.cards)]
    safety = sorted(
        (t for t in terms if t.safety and weakest(t) is not Mastery.MASTERED),
        key=lambda t: (t.level, t.term_id),
    )
    return {
        "not_yet_known": not_known,
        "keeps_failing": keeps_failing,
        "safety_not_mastered": [t.term_id for t in safety[:MAX_SAFETY_TERMS]],
    }
