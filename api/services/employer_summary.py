"""The employer summary: a plain, printable page for the participant's employer, shown only while the participant
agrees (consent ``employer-summary``).

It says what the consent text promises and nothing more: how often they practised in the last four weeks, how many
words they know, and the words of their workplace they have learned. It never labels the person: no levels, no
words that keep failing, no flags, no answers. It shows the state on its date; withdrawing the consent hides it at
once (what was printed before stays with the employer, and the consent text says so).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from api import access, convert
from api.extensions import db
from api.models import Card, Placement, PracticeDay, Term, User, Workplace
from api.services.consents import current_consent
from vaktaal import scheduling
from vaktaal.errors import Forbidden
from vaktaal.practice_days import best, last_four_weeks, practised
from vaktaal.privacy import ConsentPurpose
from vaktaal.scheduling import Mastery

NO_CONSENT = (
    "Deze deelnemer heeft geen toestemming gegeven voor een samenvatting voor de werkgever (of heeft die "
    "ingetrokken). Vraag het de deelnemer; toestemming geven kan in de app of op papier."
)
WEEKS = 4
KNOWN = frozenset({Mastery.KNOWN, Mastery.MASTERED})


@dataclass(frozen=True)
class WorkplaceWords:
    employer: str
    site: str
    sector: str
    words: list[str]  # the workplace's words learned, alphabetically ("de dweil", "ontkalken")


@dataclass(frozen=True)
class EmployerSummary:
    name: str
    on: date
    practice_days: int  # days practised in the last WEEKS weeks
    weeks: int
    words_known: int
    workplaces: list[WorkplaceWords]


def _known_terms(participant: User) -> dict[int, Term]:
    """The participant's terms known in at least one skill (a term by its best card)."""
    cards = db.session.scalars(select(Card).where(Card.participant_id == participant.id)).all()
    by_term: dict[int, list[Mastery]] = defaultdict(list)
    for card in cards:
        by_term[card.term_id].append(scheduling.mastery(convert.card_state(card)))
    ids = [term_id for term_id, masteries in by_term.items() if best(masteries) in KNOWN]
    return {t.id: t for t in db.session.scalars(select(Term).where(Term.id.in_(ids)))} if ids else {}


def _word(term: Term) -> str:
    return f"{term.article} {term.term}" if term.article else term.term


def employer_summary(user: User, participant: User, *, today: date | None = None) -> EmployerSummary:
    """The summary of ``participant`` (in ``user``'s scope: checked by the caller), today; Forbidden without the
    participant's consent."""
    if not current_consent(participant.id, ConsentPurpose.EMPLOYER_SUMMARY):
        raise Forbidden(NO_CONSENT)
    today = today or access.local_today(user)
    known = _known_terms(participant)
    since, until = last_four_weeks(today)
    days = db.session.scalar(
        select(func.count()).where(
            PracticeDay.participant_id == participant.id,
            PracticeDay.day.between(since, until),
            practised(PracticeDay.answers),
        )
    )
    placed = db.session.scalars(
        select(Workplace)
        .join(Placement, Placement.workplace_id == Workplace.id)
        .where(
            Placement.participant_id == participant.id,
            Placement.start_date <= today,
            or_(Placement.end_date.is_(None), Placement.end_date >= today),
        )
        .order_by(Workplace.employer, Workplace.id)
    ).all()
    workplaces = [
        WorkplaceWords(
            place.employer,
            place.site,
            place.sector.name,
            sorted(
                (
                    _word(t)
                    for t in known.values()
                    if t.workplace_id == place.id or (t.workplace_id is None and t.sector_id == place.sector_id)
                ),
                key=str.casefold,
            ),
        )
        for place in placed
    ]
    return EmployerSummary(participant.name, today, days or 0, WEEKS, len(known), workplaces)
