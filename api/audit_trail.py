"""Which requests touch participant data, and the one hook that writes their audit entry.

The rule. A request is *participant data* when its route has a participant in its URL, works on an object that
names participants (a visit, an observation, a suggestion, a term's assignments), lists participants (the
participant list, groups, the people placed at a workplace, the preparation of a visit) or shows a participant's
progress, terms, devices or login code. Every route of the API is classified in ``ROUTES`` below (or by a
decorator on its view, for routes added later): audited with an object kind, recorded by its own use case, or not
participant data. ``tests/api/test_audit.py`` fails for a route in the URL map that is not classified.

One audited request writes exactly one entry, after access was decided (``api.access`` loads and checks the
objects in the URL first): who (user id and role), when, the action (``view`` for GET, ``create`` for POST,
``change`` for PUT/PATCH, ``remove`` for DELETE, unless the route names a more specific one such as
``login-code``), the participant when the URL names one (a list, or an object naming several people, leaves it
empty: the entry then names the object, e.g. ``visit`` 12, and readers find the people through it), the kind of
object and its id. Never free text, never the data itself.

- A change: the entry waits in the session and is added when the view's use case commits (``before_commit``), so
  it is committed together with the change and written last: it takes no write lock before the use case's own
  (SQLite has one writer at a time). A refused or failed request rolls back or never commits, and writes nothing.
- A view: the entry is written in a small transaction of its own after the answer was built. When that write
  fails because the database is away, the answer becomes the 503 every other outage gets: data is not handed out
  unrecorded.
- A participant's reads of their own data (``/api/me...``, themself in ``/api/participants``) are not audited.
- Use cases that record a more specific action themselves (login, export, erasure, consent) are ``SELF``: their
  route writes nothing more. A new route of that kind says so with ``@recorded_by_use_case`` on its view.
"""

import logging
from dataclasses import dataclass

from flask import Flask, current_app, g, request
from sqlalchemy import event, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from api.extensions import db
from api.models import AuditEntry, utcnow
from api.services import transaction
from vaktaal.privacy import AuditAction
from vaktaal.roles import Role

log = logging.getLogger(__name__)

RULE_ATTR = "_vaktaal_audit"
PENDING = "vaktaal.audit_pending"  # the session's info key of a changing request's entry, until it commits


@dataclass(frozen=True)
class Audited:
    """An audited route: the kind of object, the action when more specific than the method's, the view argument
    naming the participant, and the view argument whose id is the object's."""

    kind: str
    action: AuditAction | None = None
    participant: str | None = None
    object: str | None = None


class _Mark(str):
    pass


SELF = _Mark("recorded by its use case")  # the use case calls api.services.audit.record itself
NOT_AUDITED = _Mark("not participant data")

METHOD_ACTIONS = {
    "GET": AuditAction.VIEW,
    "HEAD": AuditAction.VIEW,
    "POST": AuditAction.CREATE,
    "PUT": AuditAction.CHANGE,
    "PATCH": AuditAction.CHANGE,
    "DELETE": AuditAction.REMOVE,
}

P = "participant"

# (endpoint, method) -> what the request writes. Every /api route is listed (the test checks it against the map).
ROUTES: dict[tuple[str, str], Audited | _Mark] = {
    # Logging in and out: the login use cases record login, login-failed and logout themselves.
    ("auth.login", "POST"): SELF,
    ("auth.code_login", "POST"): SELF,
    ("auth.logout", "DELETE"): SELF,
    ("auth.second_factor_login", "POST"): SELF,
    # The staff member's own second factor: enabling and disabling are recorded by their use cases.
    ("second_factor.SecondFactor", "GET"): NOT_AUDITED,
    ("second_factor.SecondFactor", "POST"): NOT_AUDITED,  # a secret not yet confirmed
    ("second_factor.SecondFactor", "DELETE"): SELF,
    ("second_factor.confirm", "POST"): SELF,
    # Export, erasure and consent: their use cases record export, erase and consent.
    ("participants.Export", "GET"): SELF,
    ("me.MyExport", "GET"): SELF,
    ("participants.Participant", "DELETE"): SELF,
    ("consents.MyConsent", "PUT"): SELF,
    ("consents.ParticipantConsents", "POST"): SELF,
    ("participants.Erasure", "GET"): Audited("erasure", participant=P),
    ("participants.Participant", "PATCH"): Audited("participant", participant=P, object=P),
    ("consents.ParticipantConsents", "GET"): Audited("consent", participant=P),
    # People
    ("participants.Participants", "GET"): Audited("participant-list"),
    ("participants.Participant", "GET"): Audited("participant", participant=P, object=P),
    ("participants.Devices", "GET"): Audited("device", participant=P),
    ("participants.Devices", "DELETE"): Audited("device", participant=P),
    ("participants.LoginCode", "POST"): Audited("login-code", AuditAction.LOGIN_CODE, participant=P),
    ("participants.LoginCode", "DELETE"): Audited("login-code", AuditAction.LOGIN_CODE, participant=P),
    ("groups.Groups", "GET"): Audited("group-list"),
    # A participant's terms and settings
    ("assignments.Settings", "PATCH"): Audited("settings", participant=P),
    ("assignments.ParticipantTerms", "GET"): Audited("term", participant=P),
    ("assignments.ParticipantTerms", "POST"): Audited("term", participant=P),
    ("assignments.ParticipantTerm", "DELETE"): Audited("term", participant=P, object="term"),
    ("terms.TermAssignments", "GET"): Audited("assignment", object="term"),
    ("terms.TermAssignments", "POST"): Audited("assignment", object="term"),
    ("terms.TermAssignment", "DELETE"): Audited("assignment", participant=P, object="term"),
    # Visits, observations and suggestions name participants
    ("visits.Visits", "POST"): Audited("visit"),
    ("visits.OneVisit", "GET"): Audited("visit", object="visit"),
    ("visits.OneVisit", "PATCH"): Audited("visit", object="visit"),
    ("visits.VisitObservations", "POST"): Audited("visit", AuditAction.CHANGE, object="visit"),
    ("visits.Decide", "POST"): Audited("observation", AuditAction.CHANGE, object="observation"),
    ("visits.ObservationPhoto", "POST"): Audited("observation", AuditAction.CHANGE, object="observation"),
    ("visits.ObservationPhoto", "DELETE"): Audited("observation", AuditAction.CHANGE, object="observation"),
    ("visits.ObservationRecording", "POST"): Audited("observation", AuditAction.CHANGE, object="observation"),
    ("visits.Suggestions", "GET"): Audited("suggestion-list"),
    ("workplaces.ParticipantVisits", "GET"): Audited("visit-list", participant=P),
    ("workplaces.WorkplaceVisits", "GET"): Audited("visit-list"),
    ("workplaces.OneWorkplace", "GET"): Audited("workplace", object="workplace"),
    ("workplaces.Prepare", "GET"): Audited("preparation", object="workplace"),
    # The audit itself: who read the log is recorded too
    ("audit.AuditLog", "GET"): Audited("audit"),
    # Not participant data: the caller's own account and practice, wordlists, terms, media by signed URL, docs.
    ("me.Me", "GET"): NOT_AUDITED,
    ("me.Me", "PATCH"): NOT_AUDITED,
    ("consents.MyConsents", "GET"): NOT_AUDITED,
    ("consents.Notice", "GET"): NOT_AUDITED,
    ("consents.NoticeAudio", "GET"): NOT_AUDITED,
    ("audit.MyAuditLog", "GET"): NOT_AUDITED,
    ("practice.Progress", "GET"): NOT_AUDITED,
    ("practice.Reviews", "POST"): NOT_AUDITED,
    ("practice.Sessions", "POST"): NOT_AUDITED,
    ("practice.MyTerms", "GET"): NOT_AUDITED,
    ("practice.Today", "GET"): NOT_AUDITED,
    ("visits.ObservationPhoto", "GET"): NOT_AUDITED,  # a signed URL handed out by an audited view
    ("visits.SearchIndex", "GET"): NOT_AUDITED,
    ("workplaces.Workplaces", "GET"): NOT_AUDITED,
    ("workplaces.Wordcards", "GET"): NOT_AUDITED,
    ("proposals.Proposals", "GET"): NOT_AUDITED,
    ("proposals.Decision", "POST"): NOT_AUDITED,
    ("sectors.Sectors", "GET"): NOT_AUDITED,
    ("sectors.OneSector", "GET"): NOT_AUDITED,
    ("sectors.SectorTerms", "GET"): NOT_AUDITED,
    ("sectors.SectorCsv", "GET"): NOT_AUDITED,
    ("sectors.SectorCsv", "POST"): NOT_AUDITED,
    ("terms.Terms", "POST"): NOT_AUDITED,
    ("terms.OneTerm", "GET"): NOT_AUDITED,
    ("terms.OneTerm", "PATCH"): NOT_AUDITED,
    ("terms.TermProposals", "POST"): NOT_AUDITED,
    ("terms.Check", "GET"): NOT_AUDITED,
    ("terms.Search", "GET"): NOT_AUDITED,
    ("audio.TermAudio", "GET"): NOT_AUDITED,
    ("audio.TermAudio", "POST"): NOT_AUDITED,
    ("audio.ExampleAudio", "GET"): NOT_AUDITED,
    ("audio.Adopt", "POST"): NOT_AUDITED,
    ("health.health", "GET"): NOT_AUDITED,
    ("docs.page", "GET"): NOT_AUDITED,
    ("docs.asset", "GET"): NOT_AUDITED,
    ("api-docs.openapi_json", "GET"): NOT_AUDITED,
}


# Decorators for views added later, so a new route classifies itself where it is written.


def audited(kind: str, action: AuditAction | None = None, *, participant: str | None = None, object=None):
    """Mark a view as participant data: ``@audited("level", participant="participant")``."""
    return _mark(Audited(kind, action, participant, object))


def recorded_by_use_case(func):
    """Mark a view whose use case calls ``api.services.audit.record`` itself (export, erasure, consent): the hook
    writes nothing more for it."""
    return _mark(SELF)(func)


def not_audited(func):
    """Mark a view that returns and changes no participant data."""
    return _mark(NOT_AUDITED)(func)


def _mark(rule):
    def mark(func):
        setattr(func, RULE_ATTR, rule)
        return func

    return mark


def rule_of(endpoint: str, method: str) -> Audited | _Mark | None:
    """How a request to ``endpoint`` with ``method`` is audited; None when the route is not classified."""
    method = "GET" if method == "HEAD" else method
    view = current_app.view_functions.get(endpoint)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        view = getattr(view_class, method.lower(), None)
    marked = getattr(view, RULE_ATTR, None)
    return marked if marked is not None else ROUTES.get((endpoint, method))


def action_of(rule: Audited, method: str) -> AuditAction:
    return rule.action or METHOD_ACTIONS[method]


# The hook


def _id_of(value) -> int | None:
    return getattr(value, "id", None)


def _start() -> None:
    """Before the view (after access was decided): prepare this request's entry; a change's joins the session."""
    g.pop("audit_entry", None)
    user = g.get("user")
    if user is None or request.endpoint is None or g.get("public_route"):
        return
    rule = rule_of(request.endpoint, request.method)
    if not isinstance(rule, Audited):
        return
    action = action_of(rule, request.method)
    if user.role is Role.PARTICIPANT and action is AuditAction.VIEW:
        return  # a participant reading their own data
    args = request.view_args or {}
    participant = args.get(rule.participant) if rule.participant else None
    entry = AuditEntry(
        at=utcnow(),
        organisation_id=user.organisation_id,
        actor_id=user.id,
        actor_role=user.role,
        action=action,
        participant_id=_id_of(participant),
        object_kind=rule.kind,
        object_id=_id_of(args.get(rule.object)) if rule.object else None,
    )
    g.audit_entry = entry
    if action is not AuditAction.VIEW:
        db.session.info[PENDING] = entry  # added by the view's use case's commit, with the change


def _add_pending(session: Session) -> None:
    """The first commit of a changing request carries its audit entry."""
    entry = session.info.pop(PENDING, None)
    if entry is not None:
        session.add(entry)


def _finish(response):
    """After the view: a view's entry is written now; a change's was committed with it (or is written now when the
    change had nothing to commit). A refused or failed request writes nothing."""
    entry = g.pop("audit_entry", None)
    db.session.info.pop(PENDING, None)
    if entry is None:
        return response
    state = inspect(entry)
    if response.status_code >= 400:
        if state.pending:
            db.session.expunge(entry)
        return response
    if state.persistent:
        return response
    try:
        with transaction():
            db.session.add(entry)
    except SQLAlchemyError as exc:
        from api import errors

        if not errors.database_unavailable(exc):
            raise
        log.warning("Audit entry not written, answered 503: %s", errors.unavailable_reason(exc))
        return errors.error_response(
            503, errors.UNAVAILABLE_MESSAGE, headers={"Retry-After": str(errors.RETRY_AFTER_SECONDS)}
        )
    return response


def _forget(exc=None) -> None:
    """A request that ended in an exception leaves no entry behind in a session a test or CLI keeps."""
    entry = g.pop("audit_entry", None)
    db.session.info.pop(PENDING, None)
    if entry is not None and inspect(entry).pending:
        db.session.expunge(entry)


def init_app(app: Flask) -> None:
    """Registered after ``api.access``'s hook (the objects in the URL are loaded and checked by then)."""
    if not event.contains(Session, "before_commit", _add_pending):
        event.listen(Session, "before_commit", _add_pending)
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_forget)
