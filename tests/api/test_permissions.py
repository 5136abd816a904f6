"""Every API route x every kind of caller: 401 without a token, 403 for a role that may never use the route,
404 for a participant outside the caller's scope. New routes are covered automatically from the URL map."""

import re
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from api import create_app
from api.auth import PUBLIC, policy_of
from api.errors import DEFAULT_MESSAGES
from api.extensions import db
from api.models import Sector, utcnow
from api.services import visits, wordlists
from tests import factories
from vaktaal.roles import Role
from vaktaal.wordlists import Entry, Translation

CALLERS = ["anonymous", "participant", "teacher", "coach", "coordinator", "coordinator_b"]


def _api_routes() -> list[tuple[str, str]]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api") and not rule.rule.startswith("/api/docs"):
            routes += [(rule.rule, m) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(routes)


ROUTES = _api_routes()


# URL parameters that name an object of organisation A: another organisation must get 404 for them.
SCOPED = ("participant_id", "term_id", "visit_id", "observation_id", "workplace_id")


def _url(rule: str, values: dict) -> str:
    def value(match):
        return str(values.get(match.group(1), 1))

    return re.sub(r"<(?:\w+:)?(\w+)>", value, rule)


def _objects(world, participant) -> dict:
    """Real objects for every URL parameter, so each route reaches its access checks and its logic."""
    sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
    entry = Entry(
        key="sleutelkluis",
        term="sleutelkluis",
        article="de",
        plural="sleutelkluizen",
        pos="noun",
        level="A2",
        theme="werkplek",
        example="De sleutelkluis hangt bij de deur.",
        translations={"en": Translation("key safe"), "ar": Translation("خزنة")},
    )
    own = wordlists.create_term(world.coordinator, sector, entry, shared=False, now=utcnow())
    shared = wordlists.create_term(world.coordinator, sector, replace(entry, key="kluis"), shared=True, now=utcnow())
    proposal = wordlists.propose_change(world.teacher, shared, {"level": "B1"}, "", now=utcnow())
    workplace = factories.place(world.org_a, participant, sector.id).workplace
    visit, _ = visits.create_visit(
        world.teacher,
        {
            "workplace_id": workplace.id,
            "date": date.today(),
            "participant_ids": [world.participant.id],
            "observations": [{"term_id": shared.id, "context": "Waar is de kluis?"}],
        },
        now=utcnow(),
    )
    return {
        "participant_id": participant.id,
        "term_id": own.id,
        "proposal_id": proposal.id,
        "slug": "schoonmaak",
        "workplace_id": workplace.id,
        "visit_id": visit.id,
        "observation_id": visit.observations[0].id,
    }


def _editors(world) -> None:
    """Content rights for every staff member who can hold them, so only role rules can refuse."""
    for user in (world.teacher, world.coordinator, world.coordinator_b):
        user.is_editor = True
    db.session.commit()


def _caller(world, name):
    return None if name == "anonymous" else getattr(world, name)


def test_the_walk_covers_the_foundation_routes():
    paths = {rule for rule, _ in ROUTES}
    assert {"/api/me", "/api/participants", "/api/participants/<int:participant_id>/login-code"} <= paths


@pytest.mark.parametrize("caller_name", CALLERS)
@pytest.mark.parametrize(("rule", "method"), ROUTES)
def test_route_answers_each_caller_by_the_rules(app, client, world, rule, method, caller_name):
    _editors(world)
    caller = _caller(world, caller_name)
    objects = _objects(world, world.participant)
    with app.test_request_context():
        policy = policy_of(app.url_map.bind("").match(_url(rule, objects), method=method)[0], method)
    assert policy is not None, f"{method} {rule} declares no policy"
    headers = factories.headers(caller) if caller else {}
    response = client.open(_url(rule, objects), method=method, headers=headers, json={})
    status = response.status_code
    assert response.is_json or status < 400, f"{method} {rule} answered an error as {response.content_type}"

    if PUBLIC in policy:
        assert status not in (401, 403)
    elif caller is None:
        assert status == 401
    elif caller.role_enum not in policy:
        assert status == 403
    elif any(f":{name}>" in rule for name in SCOPED) and caller_name == "coordinator_b":
        assert status == 404  # another organisation's objects do not exist for this caller
    else:
        # Allowed by role: a 403 may only be an object's own rule (e.g. "only who recorded it"), never the role's.
        assert status not in (401, 404), response.json
        assert status != 403 or response.json["message"] != DEFAULT_MESSAGES[403], response.json


@pytest.mark.parametrize(("rule", "method"), [r for r in ROUTES if "<int:participant_id>" in r[0]])
@pytest.mark.parametrize("caller_name", ["participant", "teacher", "coach"])
def test_participant_outside_scope_is_not_found(app, client, world, rule, method, caller_name):
    _editors(world)
    caller = _caller(world, caller_name)
    objects = _objects(world, world.other_participant)
    with app.test_request_context():
        policy = policy_of(app.url_map.bind("").match(_url(rule, objects), method=method)[0], method)
    response = client.open(_url(rule, objects), method=method, headers=factories.headers(caller), json={})
    expected = 403 if caller.role_enum not in policy else 404
    assert response.status_code == expected


def test_coordinator_sees_whole_organisation_teacher_own_groups_coach_caseload(client, world):
    def names(user):
        response = client.get("/api/participants", headers=factories.headers(user))
        assert response.status_code == 200
        return [p["name"] for p in response.json]

    assert names(world.coordinator) == ["Amina", "Yonas"]
    assert names(world.teacher) == ["Amina"]
    assert names(world.other_teacher) == ["Yonas"]
    assert names(world.coach) == ["Amina"]
    assert names(world.participant) == ["Amina"]
    assert names(world.coordinator_b) == ["Olena"]


def test_every_role_is_a_known_role(world):
    assert {world.teacher.role_enum, world.coach.role_enum, world.coordinator.role_enum} == set(Role) - {
        Role.PARTICIPANT
    }
