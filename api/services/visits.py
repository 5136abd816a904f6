"""Workplace visits: recording a visit and the terms heard there, and linking them to the participants.

A phone without a connection keeps a visit and its observations in an outbox and sends them later, each with its
own id (``client_id``): sending one again answers with what the first sending made, also when both arrive at once
(a unique constraint decides, and the loser answers with the winner); other content under a used id is a Conflict.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar
from uuid import UUID

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from api import access
from api.extensions import db
from api.models import Observation, Term, User, Visit, Workplace, visit_participants
from api.services import in_transaction, locks, use_case
from api.services.assignments import assign_terms
from api.services.groups import participants_in_scope, placed_participants
from api.services.terms import check_not_taken, key_for, new_term, next_position
from vaktaal.errors import Conflict, DomainError, Invalid
from vaktaal.roles import Role
from vaktaal.visits import ObservationStatus
from vaktaal.wordlists import Checker, Entry, Origin

# What a word heard on the floor may still lack besides the advice of the check (article, plural, translations):
# the sentence as heard need not contain the word itself.
SOFT_FIELDS = {"example"}

VISIT_ID_TAKEN = (
    "Dit bezoek is al eerder verstuurd, met andere gegevens. Leg het opnieuw vast, dan wordt het een nieuw bezoek."
)
OBSERVATION_ID_TAKEN = (
    "Dit woord is al eerder verstuurd, met andere gegevens. Voeg het opnieuw toe, dan wordt het een nieuw woord."
)

T = TypeVar("T")


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def fingerprint(data: dict) -> str:
    """A digest of what a request asked for, its own ``client_id`` aside: the same request sent again has the same
    digest; other content under the same id has another."""
    content = {key: value for key, value in data.items() if key != "client_id"}
    text = json.dumps(_plain(content), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _once(create: Callable[[], T], find: Callable[[], T | None], same: Callable[[T], T]) -> T:
    """Run the use case ``create``; when an identical request sent at the same moment made the object first (the
    unique client id refused this one), answer with that object. Inside another use case the caller's transaction
    is at stake, so the refusal goes up instead."""
    if in_transaction():
        return create()
    try:
        return create()
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return same(found)


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


def observation_by_client_id(organisation_id: int, client_id: UUID) -> Observation | None:
    return db.session.scalar(
        select(Observation).where(
            Observation.organisation_id == organisation_id, Observation.client_id == str(client_id)
        )
    )


def _same_observation(found: Observation, user: User, visit: Visit, data: dict) -> Observation:
    """The observation an earlier sending made, when this is the same request again; Conflict otherwise."""
    if found.visit_id != visit.id or found.created_by_id != user.id or found.client_digest != fingerprint(data):
        raise Conflict(OBSERVATION_ID_TAKEN, errors={"json": {"client_id": [OBSERVATION_ID_TAKEN]}})
    return found


def add_observation(user: User, visit: Visit, data: dict, *, checker: Checker, now: datetime) -> Observation:
    """A term heard on the user's own visit (an existing one, or a new one): a teacher's is assigned to the
    participants at once, a coach's waits as a suggestion. The observation's ``advice`` says what did not block
    saving it. With a ``client_id`` seen before: the observation made then (the same request), or Conflict."""
    client_id = data.get("client_id")
    return _once(
        lambda: _add_observation(user, visit, data, checker=checker, now=now),
        lambda: observation_by_client_id(visit.organisation_id, client_id) if client_id else None,
        lambda found: _same_observation(found, user, visit, data),
    )


@use_case
def _add_observation(user: User, visit: Visit, data: dict, *, checker: Checker, now: datetime) -> Observation:
    access.check_own_visit(user, visit)
    client_id = data.get("client_id")
    if client_id is not None:
        found = observation_by_client_id(visit.organisation_id, client_id)
        if found is not None:
            return _same_observation(found, user, visit, data)
    notes: list[str] = []
    if data.get("term_id"):
        term = access.get_term(user, data["term_id"])
    elif data.get("term"):
        term, notes = _floor_term(user, visit.workplace, data, checker, now)
    else:
        message = "Kies een gevonden woord, of typ een nieuw woord."
        raise Invalid(message, errors={"json": {"term": [message]}})
    ids = data.get("participant_ids")
    # By default the visit's participants, as far as the user may see them: a coordinator may have added others.
    people = participants_in_scope(user, ids) if ids else in_scope(user, visit.participants)
    suggested = user.role is Role.COACH
    observation = Observation(
        organisation_id=visit.organisation_id,
        term_id=term.id,
        context=(data.get("context") or "").strip(),
        status=ObservationStatus.SUGGESTED if suggested else ObservationStatus.ASSIGNED,
        created_by_id=user.id,
        created_at=now,
        client_id=str(client_id) if client_id else None,
        client_digest=fingerprint(data) if client_id else None,
        advice=notes,
    )
    observation.participants = people
    visit.observations.append(observation)
    db.session.flush()
    if not suggested:
        for participant in people:
            assign_terms(user, participant, [term.id], now=now)
    return observation


def visit_by_client_id(organisation_id: int, client_id: UUID) -> Visit | None:
    return db.session.scalar(
        select(Visit).where(Visit.organisation_id == organisation_id, Visit.client_id == str(client_id))
    )


def _same_visit(found: Visit, user: User, data: dict) -> Visit:
    """The visit an earlier sending made, when this is the same request again; Conflict otherwise."""
    if found.recorded_by_id != user.id or found.client_digest != fingerprint(data):
        raise Conflict(VISIT_ID_TAKEN, errors={"json": {"client_id": [VISIT_ID_TAKEN]}})
    return found


def create_visit(user: User, data: dict, *, checker: Checker, now: datetime) -> Visit:
    """A visit with the participants seen (default: those placed at the workplace) and the terms heard there (each
    observation's ``advice`` says what did not block saving it). With a ``client_id`` seen before: the visit made
    then (the same request), or Conflict."""
    client_id = data.get("client_id")
    organisation_id = user.organisation_id
    return _once(
        lambda: _create_visit(user, data, checker=checker, now=now),
        lambda: visit_by_client_id(organisation_id, client_id) if client_id else None,
        lambda found: _same_visit(found, user, data),
    )


@use_case
def _create_visit(user: User, data: dict, *, checker: Checker, now: datetime) -> Visit:
    client_id = data.get("client_id")
    if client_id is not None:
        found = visit_by_client_id(user.organisation_id, client_id)
        if found is not None:
            return _same_visit(found, user, data)
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
        client_id=str(client_id) if client_id else None,
        client_digest=fingerprint(data) if client_id else None,
    )
    visit.participants = people
    db.session.add(visit)
    db.session.flush()
    for index, item in enumerate(data.get("observations", [])):
        try:
            add_observation(user, visit, item, checker=checker, now=now)
        except DomainError as error:
            # Each observation's field messages under its place in the list, as marshmallow reports them.
            fields = (error.errors or {}).get("json")
            if not fields:
                raise
            raise type(error)(error.message, errors={"json": {"observations": {str(index): fields}}}) from None
    return visit


def in_scope(user: User, people: list[User]) -> list[User]:
    """Those of ``people`` whom ``user`` may see."""
    visible = set(db.session.scalars(access.visible_participant_ids(user).where(User.id.in_([p.id for p in people]))))
    return [p for p in people if p.id in visible]


def _changed_participants(user: User, visit: Visit, ids: list[int]) -> list[User]:
    """The visit's participants after the user chose ``ids`` among those they may see. A former member of the
    user's group (or caseload) is read-only (``access.check_may_change_participant``): one already on the visit
    stays when named again, but adding or dropping one is a 403 with the reason, as any change to them is."""
    on_visit = in_scope(user, visit.participants)
    already = {p.id: p for p in on_visit}
    wanted = list(dict.fromkeys(ids))
    added_ids = [i for i in wanted if i not in already]
    dropped = [p for p in on_visit if p.id not in wanted]
    named = list(db.session.scalars(select(User).where(User.id.in_(added_ids)))) if added_ids else []
    added_seen = in_scope(user, named) if named else []
    for person in dropped + added_seen:
        access.check_may_change_participant(user, person)
    chosen = already | {p.id: p for p in (participants_in_scope(user, added_ids) if added_ids else [])}
    return [p for p in visit.participants if p.id not in already] + [chosen[i] for i in wanted]


@use_case
def update_visit(user: User, visit: Visit, changes: dict, *, now: datetime) -> Visit:
    """Change a visit's date, participants or notes (who recorded it, or a coordinator). ``participant_ids`` are
    the participants seen among those the user may see: the others the visit names (seen with a teacher of another
    group, or before the user's groups changed) stay, as the user was never shown them. Two changes at the same
    moment run one after the other (the visit is locked), the second on what the first left."""
    access.check_may_change_visit(user, visit)
    locks.lock(Visit, visit.id)
    db.session.expire(visit)
    if "date" in changes:
        visit.date = changes["date"]
    if "notes" in changes:
        visit.notes = (changes["notes"] or "").strip()
    if "participant_ids" in changes:
        visit.participants = _changed_participants(user, visit, changes["participant_ids"])
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
