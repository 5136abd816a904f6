"""Workplace visits: recording a visit and the terms heard there, and linking them to the participants."""

from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from api import access
from api.extensions import db
from api.models import Observation, Term, User, Visit, Workplace, visit_participants
from api.services import use_case
from api.services.assignments import assign_terms
from api.services.groups import participants_in_scope, placed_participants
from api.services.terms import check_not_taken, key_for, new_term, next_position
from vaktaal.errors import DomainError, Invalid
from vaktaal.roles import Role
from vaktaal.visits import ObservationStatus
from vaktaal.wordlists import Checker, Entry, Origin

# What a word heard on the floor may still lack besides the advice of the check (article, plural, translations):
# the sentence as heard need not contain the word itself.
SOFT_FIELDS = {"example"}


def workplaces(user: User) -> Select:
    """The user's organisation's workplaces, by employer."""
    return (
        select(Workplace)
        .where(Workplace.organisation_id == user.organisation_id)
        .options(selectinload(Workplace.sector))
        .order_by(Workplace.employer, Workplace.id)
    )


def floor_pos(text: str, article: str | None, checker: Checker) -> str:
    """The part of speech of a word heard on the floor when the teacher did not say: a noun with an article or
    known to the noun list, a phrase of several words, else "other" (the term form can set it later)."""
    if article:
        return "noun"
    if len(text.split()) > 1:
        return "phrase"
    return "noun" if checker.suggest_article(text) else "other"


def _floor_term(
    user: User, workplace: Workplace, data: dict, checker: Checker, now: datetime
) -> tuple[Term, list[str]]:
    """A term heard on the floor, in the organisation's list of the workplace's sector. Returns the term and the
    advice (article, plural, translations, spelling of the example) that did not block the capture. Every part of
    speech can be added; a word the lists already have is refused (Conflict on ``term``), so the existing one is
    chosen instead."""
    text = " ".join(data["term"].split())
    pos = data.get("pos") or floor_pos(text, data.get("article"), checker)
    noun = pos == "noun"
    context = (data.get("context") or "").strip()
    entry = Entry(
        key=key_for(text, salt=f"{user.organisation_id}{now}"),
        term=text,
        pos=pos,
        level=data.get("level") or "A2",
        theme=data.get("theme") or "werkplek",
        example=context or text,
        article=(data.get("article") or checker.suggest_article(text)) if noun else None,
        # No plural given is an unknown plural, never "none" ("-"): the teacher adds it when known.
        plural=((data.get("plural") or "").strip() or None) if noun else None,
        safety=bool(data.get("safety")),
    )
    problems = checker.entry_problems(entry, own=True)
    blocking = [p for p in problems if not p.advice and p.field not in SOFT_FIELDS]
    if blocking:
        raise Invalid(
            "Dit woord kan zo niet worden toegevoegd. Kijk bij de velden wat er mis is.",
            errors={"json": {p.field: [p.message] for p in blocking}},
        )
    check_not_taken(user.organisation_id, workplace.sector, entry)
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
    return term, [p.message for p in problems if p.advice or p.field in SOFT_FIELDS]


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
        message = "Kies een gevonden woord, of typ een nieuw woord."
        raise Invalid(message, errors={"json": {"term": [message]}})
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
    for index, item in enumerate(data.get("observations", [])):
        try:
            observation, messages = add_observation(user, visit, item, checker=checker, now=now)
        except DomainError as error:
            # Each observation's field messages under its place in the list, as marshmallow reports them.
            fields = (error.errors or {}).get("json")
            if not fields:
                raise
            raise type(error)(error.message, errors={"json": {"observations": {str(index): fields}}}) from None
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
