"""Every API route x every kind of caller: 401 without a token, 403 for a role that may never use the route,
404 for a participant outside the caller's scope. New routes are covered automatically from the URL map."""

import re

import pytest

from api import create_app
from api.auth import PUBLIC, policy_of
from tests import factories
from vaktaal.roles import Role

CALLERS = ["anonymous", "participant", "teacher", "coach", "coordinator", "coordinator_b"]


def _api_routes() -> list[tuple[str, str]]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api") and not rule.rule.startswith("/api/docs"):
            routes += [(rule.rule, m) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(routes)


ROUTES = _api_routes()


def _url(rule: str, participant_id: int) -> str:
    url = rule.replace("<int:participant_id>", str(participant_id))
    return re.sub(r"<(?:int:)?\w+>", "1", url)


def _caller(world, name):
    return None if name == "anonymous" else getattr(world, name)


def test_the_walk_covers_the_foundation_routes():
    paths = {rule for rule, _ in ROUTES}
    assert {"/api/me", "/api/participants", "/api/participants/<int:participant_id>/login-code"} <= paths


@pytest.mark.parametrize("caller_name", CALLERS)
@pytest.mark.parametrize(("rule", "method"), ROUTES)
def test_route_answers_each_caller_by_the_rules(app, client, world, rule, method, caller_name):
    caller = _caller(world, caller_name)
    with app.test_request_context():
        policy = policy_of(app.url_map.bind("").match(_url(rule, 1), method=method)[0], method)
    assert policy is not None, f"{method} {rule} declares no policy"
    headers = factories.headers(caller) if caller else {}
    response = client.open(_url(rule, world.participant.id), method=method, headers=headers, json={})
    status = response.status_code
    assert response.is_json, f"{method} {rule} answered {response.content_type}"

    if PUBLIC in policy:
        assert status not in (401, 403)
    elif caller is None:
        assert status == 401
    elif caller.role_enum not in policy:
        assert status == 403
    elif "<int:participant_id>" in rule and caller_name == "coordinator_b":
        assert status == 404  # another organisation's participant does not exist for this caller
    else:
        assert status not in (401, 403, 404), response.json


@pytest.mark.parametrize(("rule", "method"), [r for r in ROUTES if "<int:participant_id>" in r[0]])
@pytest.mark.parametrize("caller_name", ["participant", "teacher", "coach"])
def test_participant_outside_scope_is_not_found(app, client, world, rule, method, caller_name):
    caller = _caller(world, caller_name)
    with app.test_request_context():
        policy = policy_of(app.url_map.bind("").match(_url(rule, 1), method=method)[0], method)
    response = client.open(
        _url(rule, world.other_participant.id), method=method, headers=factories.headers(caller), json={}
    )
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
