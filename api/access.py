"""Who may see whom, in one place: the participants in each user's scope.

A participant sees only themself; a teacher the participants in their groups; a coach their caseload; a
coordinator their organisation. Objects outside the scope are "not found" (404), so ids cannot be probed.
Every route with a ``<participant_id>``, ``<term_id>``, ``<workplace_id>``, ``<visit_id>`` or ``<observation_id>``
in its URL is checked here before its view runs (and before its body is validated), so no route can forget it.
"""

from flask import Flask, g, request
from sqlalchemy import Select, or_, select

from api.extensions import db
from api.models import (
    Observation,
    Term,
    User,
    Visit,
    Workplace,
    caseload,
    group_participants,
    group_teachers,
    visit_participants,
)
from vaktaal.errors import NotFound
from vaktaal.roles import Role


def visible_participant_ids(user: User) -> Select:
    """A SELECT of the ids of the participants ``user`` may see."""
    base = select(User.id).where(User.role == Role.PARTICIPANT, User.organisation_id == user.organisation_id)
    match user.role_enum:
        case Role.PARTICIPANT:
            return base.where(User.id == user.id)
        case Role.TEACHER:
            groups = select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == user.id)
            members = select(group_participants.c.participant_id).where(group_participants.c.group_id.in_(groups))
            return base.where(User.id.in_(members))
        case Role.COACH:
            mine = select(caseload.c.participant_id).where(caseload.c.coach_id == user.id)
            return base.where(User.id.in_(mine))
        case Role.COORDINATOR:
            return base


def participants_query(user: User) -> Select:
    """The participants ``user`` may see, ordered by name."""
    return select(User).where(User.id.in_(visible_participant_ids(user))).order_by(User.name, User.id)


def get_participant(user: User, participant_id: int) -> User:
    """The participant with this id, when ``user`` may see them; NotFound otherwise."""
    participant = db.session.scalar(
        select(User).where(User.id == participant_id, User.id.in_(visible_participant_ids(user)))
    )
    if participant is None:
        raise NotFound("Deze deelnemer bestaat niet, of je mag deze deelnemer niet zien.")
    return participant


def readable_terms(organisation_id: int):
    """A WHERE clause for the terms an organisation's users read: the shared ones and its own, not retired."""
    return Term.retired.is_(False) & or_(Term.organisation_id.is_(None), Term.organisation_id == organisation_id)


def get_term(user: User, term_id: int) -> Term:
    """A term ``user`` may see: a shared one, or one of the user's organisation; NotFound otherwise."""
    term = db.session.get(Term, term_id)
    if term is None or (term.organisation_id is not None and term.organisation_id != user.organisation_id):
        raise NotFound("Deze term bestaat niet.")
    return term


def get_workplace(user: User, workplace_id: int) -> Workplace:
    workplace = db.session.get(Workplace, workplace_id)
    if workplace is None or workplace.organisation_id != user.organisation_id:
        raise NotFound("Deze werkplek bestaat niet.")
    return workplace


def get_visit(user: User, visit_id: int) -> Visit:
    """A visit of the user's organisation that the user recorded, or with a participant the user may see
    (a coordinator sees all of them)."""
    visit = db.session.get(Visit, visit_id)
    if visit is None or visit.organisation_id != user.organisation_id:
        raise NotFound("Dit bezoek bestaat niet.")
    if user.role_enum in (Role.COORDINATOR,) or visit.recorded_by_id == user.id:
        return visit
    seen = select(visit_participants.c.participant_id).where(visit_participants.c.visit_id == visit.id)
    if db.session.scalar(visible_participant_ids(user).where(User.id.in_(seen)).limit(1)) is None:
        raise NotFound("Dit bezoek bestaat niet.")
    return visit


def get_observation(user: User, observation_id: int) -> Observation:
    observation = db.session.get(Observation, observation_id)
    if observation is None:
        raise NotFound("Deze waarneming bestaat niet.")
    get_visit(user, observation.visit_id)
    return observation


def scoped_participant() -> User:
    """The participant named in this request's URL, already checked against the caller's scope."""
    return g.participant


def _check_objects_in_url():
    """Objects named in the URL must be in the caller's scope, checked before the body is even validated."""
    args = request.view_args or {}
    if g.get("user") is None:
        return
    if "participant_id" in args:
        g.participant = get_participant(g.user, args["participant_id"])
    if "term_id" in args:
        g.term = get_term(g.user, args["term_id"])
    if "workplace_id" in args:
        get_workplace(g.user, args["workplace_id"])
    if "visit_id" in args:
        get_visit(g.user, args["visit_id"])
    if "observation_id" in args and request.method != "GET":  # GET is the signed photo: the URL is the right
        get_observation(g.user, args["observation_id"])


def init_app(app: Flask) -> None:
    # Registered after api.auth's hook, so the caller is known.
    app.before_request(_check_objects_in_url)
