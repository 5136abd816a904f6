"""Who may see whom and who may do what, decided in one place.

Scope: a participant sees only themself; a teacher the participants in their groups; a coach their caseload; a
coordinator their organisation. Objects outside the scope are "not found" (404), so ids cannot be probed.

The scope is dated (group membership and caseloads have a start and an end): a teacher's participants are the
members *today* of their groups, a coach's those in the caseload today, "today" in the organisation's time zone. A
former member stays visible to that teacher (or coach), read-only, for FORMER_MEMBER_DAYS after leaving: reading
works, any change (assigning terms, issuing a code, a placement, choosing them for a visit) answers 403 with the
reason; after that they are not found. A member who joins on a later day is not in scope before that day.

Every route with a ``<participant_id>``, ``<term_id>``, ``<workplace_id>``, ``<visit_id>``, ``<observation_id>`` or
``<proposal_id>`` in its URL gets the object itself instead of the id (``participant``, ``term``, ...), loaded and
checked here once, before its view runs and before its body is validated, so no route can forget the check or
load the object twice. Public routes (signed media URLs) keep their ids: the signature is their right.

Statuses, one rule for the whole API: 401 without a valid login; 403 when the caller may not do this (the route's
role policy in ``api.auth``, or an object's own rule below, such as "only who recorded the visit"); 404 when the
object does not exist or lies outside the caller's scope.

An object in scope may still name people outside it (a visit of a teacher of two groups, seen by the coach of one
participant): response schemas show only the participants the caller may see (``shown_participants``), and a
proposal's author only to the author's own organisation (``shown_proposer``).
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask, g, request
from sqlalchemy import Select, and_, false, or_, select, true

from api import audit_trail
from api.extensions import db
from api.models import (
    Group,
    Observation,
    Placement,
    Term,
    TermProposal,
    User,
    Visit,
    Workplace,
    caseload,
    group_participants,
    group_teachers,
    visit_participants,
)
from api.models.types import utcnow
from vaktaal.errors import Forbidden, NotFound
from vaktaal.roles import DEFAULT_TIMEZONE, FORMER_MEMBER_DAYS, Role

# Scope


def local_today(user: User, now: datetime | None = None) -> date:
    """The date in the user's organisation's time zone at ``now`` (default: this moment)."""
    zone = ZoneInfo(user.organisation.timezone or DEFAULT_TIMEZONE)
    return (now or utcnow()).astimezone(zone).date()


def dated(start, end, today: date, *, current: bool = True):
    """A WHERE clause for dated rows (a stint in a group, a caseload) in force ``today``; with ``current=False``
    also those that ended at most FORMER_MEMBER_DAYS ago (the read-only scope of a former member)."""
    since = today if current else today - timedelta(days=FORMER_MEMBER_DAYS)
    return and_(start <= today, or_(end.is_(None), end >= since))


def visible_participant_ids(user: User, *, today: date | None = None, current: bool = False) -> Select:
    """A SELECT of the ids of the participants ``user`` may see ``today`` (default: the organisation's today).
    ``current=True``: only those the user may change (a teacher's members of today, not the former ones)."""
    base = select(User.id).where(User.role == Role.PARTICIPANT, User.organisation_id == user.organisation_id)
    match user.role:
        case Role.PARTICIPANT:
            return base.where(User.id == user.id)
        case Role.TEACHER:
            today = today or local_today(user)
            gp = group_participants.c
            groups = select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == user.id)
            members = select(gp.participant_id).where(
                gp.group_id.in_(groups), dated(gp.joined_on, gp.left_on, today, current=current)
            )
            return base.where(User.id.in_(members))
        case Role.COACH:
            today = today or local_today(user)
            cl = caseload.c
            mine = select(cl.participant_id).where(
                cl.coach_id == user.id, dated(cl.started_on, cl.ended_on, today, current=current)
            )
            return base.where(User.id.in_(mine))
        case Role.COORDINATOR:
            return base


def participants_query(user: User) -> Select:
    """The participants ``user`` may see, ordered by name."""
    return select(User).where(User.id.in_(visible_participant_ids(user))).order_by(User.name, User.id)


def readable_terms(organisation_id: int):
    """A WHERE clause for the terms an organisation's users read: the shared ones and its own, not retired."""
    return Term.retired.is_(False) & or_(Term.organisation_id.is_(None), Term.organisation_id == organisation_id)


def check_may_change_participant(user: User, participant: User, *, today: date | None = None) -> None:
    """Changes to a participant are for those whose scope holds them today: a former member of a teacher's group
    (or a coach's caseload) is read-only for FORMER_MEMBER_DAYS (403, with the reason)."""
    if user.role in (Role.COORDINATOR, Role.PARTICIPANT):
        return
    now_in_scope = visible_participant_ids(user, today=today, current=True).where(User.id == participant.id)
    if db.session.scalar(now_in_scope) is None:
        who = "je groep" if user.role is Role.TEACHER else "je caseload"
        raise Forbidden(f"Deze deelnemer zit niet meer in {who}: je kunt alleen nog kijken, niets wijzigen.")


# Objects, loaded and checked once


def get_participant(user: User, participant_id: int) -> User:
    """The participant with this id, when ``user`` may see them; NotFound otherwise."""
    participant = db.session.scalar(
        select(User).where(User.id == participant_id, User.id.in_(visible_participant_ids(user)))
    )
    if participant is None:
        raise NotFound("Deze deelnemer bestaat niet, of je mag deze deelnemer niet zien.")
    return participant


def visible_groups(user: User, today: date | None = None) -> Select:
    """The groups ``user`` may see, by name: a coordinator's organisation's, a teacher's own, a coach's with
    someone of the caseload in them today."""
    statement = select(Group).where(Group.organisation_id == user.organisation_id).order_by(Group.name, Group.id)
    if user.role is Role.COORDINATOR:
        return statement
    if user.role is Role.PARTICIPANT:
        return statement.where(false())
    today = today or local_today(user)
    gp = group_participants.c
    taught = select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == user.id)
    with_mine = select(gp.group_id).where(
        gp.participant_id.in_(visible_participant_ids(user, today=today, current=True)),
        dated(gp.joined_on, gp.left_on, today),
    )
    return statement.where(or_(Group.id.in_(taught), Group.id.in_(with_mine)))


def get_group(user: User, group_id: int) -> Group:
    """A group ``user`` may see (``visible_groups``); NotFound otherwise."""
    group = db.session.scalar(visible_groups(user).where(Group.id == group_id))
    if group is None:
        raise NotFound("Deze groep bestaat niet, of het is niet jouw groep.")
    return group


def get_placement(user: User, placement_id: int) -> Placement:
    """A placement of a participant ``user`` may see; NotFound otherwise. Changing it needs the participant in
    scope today (``check_may_change_participant``)."""
    placement = db.session.scalar(
        select(Placement).where(
            Placement.id == placement_id, Placement.participant_id.in_(visible_participant_ids(user))
        )
    )
    if placement is None:
        raise NotFound("Deze plaatsing bestaat niet.")
    if request.method not in ("GET", "HEAD"):
        check_may_change_participant(user, placement.participant)
    return placement


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


def get_staff(user: User, staff_id: int) -> User:
    """A staff member (teacher, coach, coordinator) of the user's organisation; NotFound otherwise."""
    member = db.session.get(User, staff_id)
    if member is None or member.organisation_id != user.organisation_id or not member.role.is_staff:
        raise NotFound("Deze medewerker bestaat niet.")
    return member


def get_visit(user: User, visit_id: int) -> Visit:
    """A visit of the user's organisation that the user recorded, or with a participant the user may see
    (a coordinator sees all of them). Who else was seen there is shown only as far as the user may see them."""
    visit = db.session.get(Visit, visit_id)
    if visit is None or visit.organisation_id != user.organisation_id:
        raise NotFound("Dit bezoek bestaat niet.")
    if user.role is Role.COORDINATOR or visit.recorded_by_id == user.id:
        return visit
    seen = select(visit_participants.c.participant_id).where(visit_participants.c.visit_id == visit.id)
    if db.session.scalar(visible_participant_ids(user).where(User.id.in_(seen)).limit(1)) is None:
        raise NotFound("Dit bezoek bestaat niet.")
    return visit


def _observation_shown(user: User, observation: Observation, scope: frozenset[int] | set[int]) -> bool:
    """An observation of a visit ``user`` may see is theirs to see when they made it, when it is for nobody in
    particular, or when it is for at least one participant in ``scope`` (the ids ``user`` may see)."""
    return (
        observation.created_by_id == user.id
        or not observation.participants
        or any(p.id in scope for p in observation.participants)
    )


def get_observation(user: User, observation_id: int) -> Observation:
    """An observation on a visit ``user`` may see, heard for someone ``user`` may see (or made by them, or for
    nobody in particular); NotFound otherwise."""
    observation = db.session.get(Observation, observation_id)
    if observation is None or observation.organisation_id != user.organisation_id:
        raise NotFound("Deze waarneming bestaat niet.")
    get_visit(user, observation.visit_id)
    ids = [p.id for p in observation.participants]
    scope = set(db.session.scalars(visible_participant_ids(user).where(User.id.in_(ids)))) if ids else set()
    if not _observation_shown(user, observation, scope):
        raise NotFound("Deze waarneming bestaat niet.")
    return observation


def proposals_in_scope(user: User):
    """A WHERE clause for the proposals ``user`` may see: every organisation's for the content team (editors work at
    installation level), the user's own organisation's for everyone else."""
    if user.is_editor:
        return true()
    colleagues = select(User.id).where(User.organisation_id == user.organisation_id)
    return TermProposal.proposed_by_id.in_(colleagues)


def get_proposal(user: User, proposal_id: int) -> TermProposal:
    """A proposed change to a shared term, when ``user`` may see it (``proposals_in_scope``); NotFound otherwise.
    Only editors decide, see ``check_editor``."""
    proposal = db.session.scalar(select(TermProposal).where(TermProposal.id == proposal_id, proposals_in_scope(user)))
    if proposal is None:
        raise NotFound("Dit voorstel bestaat niet.")
    return proposal


# Rules of one object or right (403)


def may_edit_terms(user: User, organisation_id: int | None) -> bool:
    """Shared terms (``organisation_id`` None): teachers and coordinators with the editor right. An organisation's
    own terms: its teachers and coordinators."""
    if user.role not in (Role.TEACHER, Role.COORDINATOR):
        return False
    return user.is_editor if organisation_id is None else user.organisation_id == organisation_id


def check_may_edit_terms(user: User, organisation_id: int | None) -> None:
    if not may_edit_terms(user, organisation_id):
        if organisation_id is None:
            raise Forbidden("Alleen redacteuren wijzigen de gedeelde woordenlijsten. Doe een voorstel.")
        raise Forbidden("Je mag de termen van deze organisatie niet wijzigen.")


def check_editor(user: User) -> None:
    """The content team's right (installation level): deciding proposals, adopting recordings for everyone."""
    if not user.is_editor:
        raise Forbidden("Alleen redacteuren mogen dit doen.")


def check_may_change_visit(user: User, visit: Visit) -> None:
    if visit.recorded_by_id != user.id and user.role is not Role.COORDINATOR:
        raise Forbidden("Alleen wie het bezoek vastlegde, of een coördinator, kan het wijzigen.")


def check_own_visit(user: User, visit: Visit) -> None:
    if visit.recorded_by_id != user.id:
        raise Forbidden("Voeg termen toe aan je eigen bezoek.")


# What a response shows the caller of the people an object names


def _caller_scope() -> frozenset[int]:
    """The ids of the participants the calling user may see, read once per request."""
    user = g.get("user")
    if user is None:
        return frozenset()
    cached = g.get("vaktaal_scope")
    if cached is None or cached[0] != user.id:
        cached = g.vaktaal_scope = (user.id, frozenset(db.session.scalars(visible_participant_ids(user))))
    return cached[1]


def _caller_current_scope() -> frozenset[int] | None:
    """The ids of the participants the calling user may change today (read once per request); None: all they see
    (a coordinator, a participant)."""
    user = g.get("user")
    if user is None or user.role in (Role.COORDINATOR, Role.PARTICIPANT):
        return None
    cached = g.get("vaktaal_current_scope")
    if cached is None or cached[0] != user.id:
        ids = frozenset(db.session.scalars(visible_participant_ids(user, current=True)))
        cached = g.vaktaal_current_scope = (user.id, ids)
    return cached[1]


def read_only_reason(participant: User) -> str | None:
    """Why the caller may only look at this participant (a former member of their group or caseload, see
    ``check_may_change_participant``), or None when they may change them. One query per request, not per row."""
    current = _caller_current_scope()
    if current is None or participant.id in current:
        return None
    where = "je groep" if g.user.role is Role.TEACHER else "je caseload"
    return f"Niet meer in {where}: alleen kijken."


def shown_participants(people: Iterable[User]) -> list[User]:
    """The participants of a response (a visit's, an observation's) that the caller may see: an object in scope
    may name others too (a teacher of two groups records a visit; the coach of one participant reads it)."""
    scope = _caller_scope()
    return [person for person in people if person.id in scope]


def shown_observations(observations: Iterable[Observation]) -> list[Observation]:
    """A visit's observations the caller is shown: their own, those for nobody in particular, and those for at
    least one participant the caller may see (a word heard for someone else's participant is not theirs to read)."""
    user = g.get("user")
    if user is None:
        return []
    scope = _caller_scope()
    return [o for o in observations if _observation_shown(user, o, scope)]


def shown_proposer(proposal: TermProposal) -> str | None:
    """Who proposed a change, by name, only to the proposer's own organisation: the content team sees the
    organisation, not the person."""
    user, proposer = g.get("user"), proposal.proposed_by
    if user is None or proposer is None or proposer.organisation_id != user.organisation_id:
        return None
    return proposer.name


# The objects in a request's URL

# URL parameter -> (the view's argument, the loader that checks it)
URL_OBJECTS: dict[str, tuple[str, Callable[[User, int], object]]] = {
    "participant_id": ("participant", get_participant),
    "term_id": ("term", get_term),
    "workplace_id": ("workplace", get_workplace),
    "visit_id": ("visit", get_visit),
    "observation_id": ("observation", get_observation),
    "proposal_id": ("proposal", get_proposal),
    "staff_id": ("member", get_staff),
    "group_id": ("group", get_group),
    "placement_id": ("placement", get_placement),
}


def _load_objects_in_url() -> None:
    """Replace each object id in the URL by the checked object, before the body is even validated."""
    args = request.view_args
    if not args or g.get("user") is None or g.get("public_route"):
        return
    for name, (argument, load) in URL_OBJECTS.items():
        if name in args:
            args[argument] = load(g.user, args.pop(name))
    # A change to a participant named in the URL needs them in the caller's scope today, not only read-only.
    if "participant" in args and request.method not in ("GET", "HEAD"):
        check_may_change_participant(g.user, args["participant"])


def _forget_scope() -> None:
    """``g`` outlives a request when an app context is already pushed (tests, CLI): read the scope afresh."""
    g.pop("vaktaal_scope", None)
    g.pop("vaktaal_current_scope", None)


def init_app(app: Flask) -> None:
    app.before_request(_forget_scope)
    # Registered after api.auth's hook, so the caller is known.
    app.before_request(_load_objects_in_url)
    # The audit entry of the request, once the objects in its URL are loaded and checked.
    audit_trail.init_app(app)
