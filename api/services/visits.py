"""Workplace visits: recording a visit and the terms heard there, and linking them to the participants."""

from datetime import date, datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from api import access
from api.extensions import db
from api.models import Observation, Placement, Term, User, Visit, Workplace, visit_participants
from api.services import use_case
from api.services.assignments import assign_terms
from api.services.terms import key_for, new_term, next_position
from vaktaal.errors import Invalid
from vaktaal.roles import Role
from vaktaal.visits import ObservationStatus
from vaktaal.wordlists import Checker, Entry, Origin

# Problems a floor capture may have for now: the teacher adds translations or fixes the example later.
SOFT_FIELDS = {"en", "ar", "example", "translations"}


def workplaces(user: User) -> Select:
    """The user's organisation's workplaces, by employer."""
    return (
        select(Workplace)
        .where(Workplace.organisation_id == user.organisation_id)
        .options(selectinload(Workplace.sector))
        .order_by(Workplace.employer, Workplace.id)
    )


def placed_participants(user: User, workplace: Workplace, today: date) -> list[User]:
    """The participants placed at the workplace today whom ``user`` may see."""
    placements = db.session.scalars(
        select(Placement)
        .where(
            Placement.workplace_id == workplace.id, Placement.participant_id.in_(access.visible_participant_ids(user))
        )
        .options(selectinload(Placement.participant))
    )
    people = {p.participant.id: p.participant for p in placements if p.is_current(today)}
    return sorted(people.values(), key=lambda u: (u.name, u.id))


def participants_in_scope(user: User, ids: list[int]) -> list[User]:
    """These participants, when ``user`` may see every one of them; Invalid naming the others otherwise."""
    found = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_(ids), User.id.in_(access.visible_participant_ids(user)))
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise Invalid(
            "Je kunt alleen je eigen deelnemers kiezen.",
            errors={"json": {"participant_ids": [f"Onbekende deelnemer: {i}" for i in missing]}},
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _floor_term(
    user: User, workplace: Workplace, data: dict, checker: Checker, now: datetime
) -> tuple[Term, list[str]]:
    """A term heard on the floor, in the organisation's list of the workplace's sector. Returns the term and the
    suggestions (missing translations, article, spelling) that do not block the capture."""
    text = data["term"].strip()
    pos = data.get("pos") or ("noun" if data.get("article") else "phrase" if len(text.split()) > 2 else "noun")
    article = data.get("article") or (checker.suggest_article(text) if pos == "noun" else None)
    context = (data.get("context") or "").strip()
    entry = Entry(
        key=key_for(text, salt=f"{user.organisation_id}{now}"),
        term=text,
        pos=pos,
        level=data.get("level") or "A2",
        theme=data.get("theme") or "werkplek",
        example=context or text,
        article=article if pos == "noun" else None,
        plural=(data.get("plural") or "-") if pos == "noun" else None,
        safety=bool(data.get("safety")),
    )
    problems = checker.entry_problems(entry)
    hard = [p for p in problems if p.field not in SOFT_FIELDS]
    if hard:
        raise Invalid(
            "De nieuwe term is niet compleet.",
            errors={"json": {"observations": {p.field: [p.message] for p in hard}}},
        )
    term = new_term(
        entry,
        sector_id=workplace.sector_id,
        organisation_id=user.organisation_id,
        origin=Origin.APP,
        position=next_position(workplace.sector_id, user.organisation_id),
        now=now,
        workplace_id=workplace.id,
    )
    db.session.flush()
    return term, [p.message for p in problems if p.field in SOFT_FIELDS]


@use_case
def add_observation(
    user: User, visit: Visit, data: dict, *, checker: Checker, now: datetime
) -> tuple[Observation, list[str]]:
    """A term heard on the user's own visit (an existing one, or a new one): a teacher's is assigned to the
    participants at once, a coach's waits as a suggestion. Returns the observation and the hints that did not
    block saving it."""
    access.check_own_visit(user, visit)
    notes: list[str] = []
    if data.get("term_id"):
        term = access.get_term(user, data["term_id"])
    elif data.get("term"):
        term, notes = _floor_term(user, visit.workplace, data, checker, now)
    else:
        raise Invalid("Kies een term of typ een nieuwe.", errors={"json": {"observations": ["term_id of term"]}})
    ids = data.get("participant_ids")
    people = participants_in_scope(user, ids) if ids else list(visit.participants)
    suggested = user.role is Role.COACH
    observation = Observation(
        term_id=term.id,
        context=(data.get("context") or "").strip(),
        status=ObservationStatus.SUGGESTED if suggested else ObservationStatus.ASSIGNED,
        created_by_id=user.id,
        created_at=now,
    )
    observation.participants = people
    visit.observations.append(observation)
    db.session.flush()
    if not suggested:
        for participant in people:
            assign_terms(user, participant, [term.id], now=now)
    return observation, notes


@use_case
def create_visit(user: User, data: dict, *, checker: Checker, now: datetime) -> tuple[Visit, dict[int, list[str]]]:
    """A visit with the participants seen (default: those placed at the workplace) and the terms heard there.
    Returns the visit and, per observation id, the hints that did not block saving it."""
    workplace = access.get_workplace(user, data["workplace_id"])
    if data.get("participant_ids"):
        people = participants_in_scope(user, data["participant_ids"])
    else:
        people = placed_participants(user, workplace, data["date"])
    visit = Visit(
        organisation_id=user.organisation_id,
        workplace=workplace,
        recorded_by_id=user.id,
        date=data["date"],
        notes=(data.get("notes") or "").strip(),
        created_at=now,
        updated_at=now,
    )
    visit.participants = people
    db.session.add(visit)
    db.session.flush()
    notes = {}
    for item in data.get("observations", []):
        observation, messages = add_observation(user, visit, item, checker=checker, now=now)
        notes[observation.id] = messages
    return visit, notes


@use_case
def update_visit(user: User, visit: Visit, changes: dict, *, now: datetime) -> Visit:
    """Change a visit's date, participants or notes (who recorded it, or a coordinator)."""
    access.check_may_change_visit(user, visit)
    if "date" in changes:
        visit.date = changes["date"]
    if "notes" in changes:
        visit.notes = (changes["notes"] or "").strip()
    if "participant_ids" in changes:
        visit.participants = participants_in_scope(user, changes["participant_ids"])
    visit.updated_at = now
    return visit


def visits_query(user: User, *, workplace: Workplace | None = None, participant: User | None = None) -> Select:
    """The visits the user may see (recorded by them, or with a participant in their scope), newest first."""
    statement = select(Visit).where(Visit.organisation_id == user.organisation_id)
    if workplace is not None:
        statement = statement.where(Visit.workplace_id == workplace.id)
    if participant is not None:
        statement = statement.where(
            Visit.id.in_(
                select(visit_participants.c.visit_id).where(visit_participants.c.participant_id == participant.id)
            )
        )
    if user.role is not Role.COORDINATOR:
        mine = select(visit_participants.c.visit_id).where(
            visit_participants.c.participant_id.in_(access.visible_participant_ids(user))
        )
        statement = statement.where(or_(Visit.recorded_by_id == user.id, Visit.id.in_(mine)))
    return statement.order_by(Visit.date.desc(), Visit.id.desc())
