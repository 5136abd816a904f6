"""The audit trail: every route is classified, each audited request writes exactly one entry of ids and fixed words,
login events, GET /api/audit for coordinators and GET /api/me/audit for the participant it is about."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, inspect, select

from api import create_app
from api.audit_trail import NOT_AUDITED, ROUTES, SELF, Audited, action_of, rule_of
from api.extensions import db
from api.models import AuditEntry, User
from api.services import audit
from tests import factories
from tests.api import test_permissions as walk
from vaktaal.privacy import AuditAction
from vaktaal.roles import Role


def _url_map() -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) of every /api route."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.rule.startswith("/api"):
                found += [(rule.endpoint, m, rule.rule) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


URL_MAP = _url_map()
# Routes under the audit test: everything the permission walk knows how to call (the Swagger UI's files aside).
CALLED = [(method, rule) for method, rule in walk.ROUTES]
# Who calls a route in the test: the first of these its policy allows.
CALLER_ORDER = ["teacher", "coordinator", "coach", "participant"]
COLUMNS = {
    "id",
    "at",
    "organisation_id",
    "actor_id",
    "actor_role",
    "action",
    "participant_id",
    "participant_pseudonym",
    "object_kind",
    "object_id",
}


def test_every_route_is_classified_as_participant_data_or_not(app):
    with app.test_request_context():
        missing = [
            f"{method} {rule} ({endpoint})" for endpoint, method, rule in URL_MAP if rule_of(endpoint, method) is None
        ]
    assert not missing, "classify in api/audit_trail.py (ROUTES or a decorator on the view): " + ", ".join(missing)


def test_the_table_names_only_real_routes():
    real = {(endpoint, method) for endpoint, method, _ in URL_MAP}
    assert set(ROUTES) <= real, sorted(set(ROUTES) - real)


def _entries() -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def assert_ids_and_fixed_words(entry: AuditEntry, world) -> None:
    """An entry holds ids, its time, the fixed vocabularies and an object kind: never free text or data."""
    assert {c.key for c in inspect(AuditEntry).columns} == COLUMNS
    for name in ("id", "organisation_id", "actor_id", "participant_id", "object_id"):
        assert getattr(entry, name) is None or type(getattr(entry, name)) is int, name
    assert isinstance(entry.at, datetime)
    assert entry.action in AuditAction
    assert entry.actor_role is None or entry.actor_role in Role
    pseudonym = entry.participant_pseudonym  # set by an erasure: a random id, never the name
    assert pseudonym is None or re.fullmatch(r"verwijderd-[0-9a-f]{6,32}", pseudonym), pseudonym
    assert re.fullmatch(r"[a-z][a-z-]{1,39}", entry.object_kind), entry.object_kind
    people = db.session.scalars(select(User))
    words = {w.lower() for p in people for w in [p.name, *(p.name or "").split(), p.email] if w}
    assert entry.object_kind not in words


def _caller(world, method, rule, policy):
    allowed = [name for name in CALLER_ORDER if walk.CALLERS[name] in policy]
    return getattr(world, next(name for name in allowed if (method, rule, name) not in walk.REFUSALS))


@pytest.mark.parametrize(("method", "rule"), CALLED)
def test_a_request_writes_exactly_its_audit_entry(app, client, world, method, rule):
    walk._editors(world)
    endpoint = next(e for e, m, r in URL_MAP if (m, r) == (method, rule))
    with app.test_request_context():
        classified = rule_of(endpoint, method)
    route = walk.ROUTES[(method, rule)]
    caller = None if walk.PUBLIC in route.policy else _caller(world, method, rule, route.policy)
    scene = walk.Scene(client, world)
    call = walk.REQUESTS.get((method, rule), walk.NO_INPUT)
    url, options = call.path(rule, scene), call.options(scene)  # the scene's own requests are made now
    headers = factories.headers(caller) if caller else {}
    before = {entry.id for entry in _entries()}

    response = client.open(url, method=method, headers=headers, **options)

    assert response.status_code == route.success, f"{method} {url}: {walk.shown(response)}"
    new = [entry for entry in _entries() if entry.id not in before]
    for entry in new:
        assert_ids_and_fixed_words(entry, world)
    if classified is NOT_AUDITED:
        assert new == [], f"{method} {rule} is not participant data but wrote {[e.object_kind for e in new]}"
        return
    if classified is SELF:
        # The use case's own entry (login, export, erasure, consent; none for an answer already given): their
        # tests check what it says; the hook adds nothing.
        assert len(new) <= 1, f"{method} {rule} wrote {len(new)} entries"
        return
    assert len(new) == 1, f"{method} {rule} wrote {len(new)} entries"
    (entry,) = new
    assert isinstance(classified, Audited)
    values = app.url_map.bind("localhost").match(url.split("?")[0], method=method)[1]
    assert entry.action == action_of(classified, method)
    assert (entry.actor_id, entry.actor_role, entry.organisation_id) == (caller.id, caller.role, world.org_a.id)
    assert entry.object_kind == classified.kind
    expected_participant = values["participant_id"] if classified.participant else None
    assert entry.participant_id == expected_participant
    assert entry.object_id == (values[classified.object + "_id"] if classified.object else None)


def test_a_participant_reading_their_own_data_writes_nothing(client, world):
    headers = factories.headers(world.participant)
    for url in ("/api/me", "/api/participants", f"/api/participants/{world.participant.id}", "/api/me/progress"):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
    assert _entries() == []


def test_a_refused_or_failed_request_writes_nothing_and_leaves_nothing_behind(client, world):
    teacher = factories.headers(world.teacher)
    url = f"/api/participants/{world.participant.id}/settings"
    assert client.patch(url, headers=teacher, json={"daily_new_limit": "veel"}).status_code == 422
    other = f"/api/participants/{world.other_participant.id}/terms"
    assert client.get(other, headers=teacher).status_code == 404
    assert client.patch(url, headers=factories.headers(world.coach), json={"daily_new_limit": 5}).status_code == 403
    assert _entries() == []
    # The next request of the same session writes its own entry and nothing of the refused ones.
    assert client.get(f"/api/participants/{world.participant.id}", headers=teacher).status_code == 200
    (entry,) = _entries()
    assert (entry.action, entry.object_kind) == (AuditAction.VIEW, "participant")


def test_a_change_commits_its_entry_with_the_change(client, world):
    url = f"/api/participants/{world.participant.id}/settings"
    response = client.patch(url, headers=factories.headers(world.teacher), json={"daily_new_limit": 5})
    assert response.status_code == 200
    (entry,) = _entries()
    assert (entry.action, entry.participant_id, entry.object_kind) == (
        AuditAction.CHANGE,
        world.participant.id,
        "settings",
    )
    assert world.participant.profile.daily_new_limit == 5


# Logins


def test_logins_logouts_and_refused_logins_are_recorded_without_the_typed_address(client, world, app):
    teacher = world.teacher
    ok = client.post("/api/auth/login", json={"email": teacher.email, "password": factories.PASSWORD})
    assert ok.status_code == 200
    wrong = client.post("/api/auth/login", json={"email": teacher.email, "password": "fout-wachtwoord"})
    assert wrong.status_code == 422
    unknown = client.post("/api/auth/login", json={"email": "niemand@example.nl", "password": "geheim-123"})
    assert unknown.status_code == 422
    assert client.delete("/api/auth/token", headers={"Authorization": f"Bearer {ok.json['token']}"}).status_code == 204

    scene = walk.Scene(client, world)
    code = scene.login_code
    before = {e.id for e in _entries()}
    assert client.post("/api/auth/code", json={"code": code}).status_code == 200

    entries = _entries()
    staff = [(e.action, e.actor_id, e.organisation_id, e.object_kind) for e in entries if e.object_kind == "account"]
    assert staff == [
        (AuditAction.LOGIN, teacher.id, world.org_a.id, "account"),
        (AuditAction.LOGIN_FAILED, teacher.id, world.org_a.id, "account"),
        (AuditAction.LOGIN_FAILED, None, None, "account"),
    ]
    logout = next(e for e in entries if e.object_kind == "device-session")
    assert (logout.action, logout.actor_id, logout.participant_id) == (AuditAction.REMOVE, teacher.id, None)
    (code_login,) = [e for e in entries if e.id not in before]
    assert (code_login.action, code_login.actor_id, code_login.participant_id, code_login.object_kind) == (
        AuditAction.LOGIN,
        world.participant.id,
        world.participant.id,
        "login-code",
    )
    for entry in entries:
        assert_ids_and_fixed_words(entry, world)
    dumped = " ".join(str(getattr(e, c)) for e in entries for c in COLUMNS)
    assert "niemand" not in dumped and "example.nl" not in dumped


# GET /api/audit


def _seed(world) -> dict[str, AuditEntry]:
    """Entries of both organisations, at known times."""
    at = datetime(2026, 3, 10, 12, tzinfo=UTC)
    made = {
        "teacher_views_amina": audit.record(
            world.teacher, AuditAction.VIEW, now=at, participant_id=world.participant.id, object_kind="term"
        ),
        "coach_views_amina": audit.record(
            world.coach,
            AuditAction.VIEW,
            now=at + timedelta(days=1),
            participant_id=world.participant.id,
            object_kind="participant",
            object_id=world.participant.id,
        ),
        "teacher_code_yonas": audit.record(
            world.other_teacher,
            AuditAction.LOGIN_CODE,
            now=at + timedelta(days=2),
            participant_id=world.other_participant.id,
            object_kind="login-code",
        ),
        "b_views_olena": audit.record(
            world.coordinator_b,
            AuditAction.VIEW,
            now=at,
            participant_id=world.participant_b.id,
            object_kind="participant",
        ),
    }
    db.session.commit()
    return made


def _ids(client, user, **query) -> list[int]:
    response = client.get("/api/audit", headers=factories.headers(user), query_string=query)
    assert response.status_code == 200, response.json
    return [entry["id"] for entry in response.json]


def test_the_audit_is_the_coordinators_organisation_newest_first_and_filtered(client, world):
    made = _seed(world)
    coordinator = world.coordinator
    ids = {name: entry.id for name, entry in made.items()}
    newest_first = [ids["teacher_code_yonas"], ids["coach_views_amina"], ids["teacher_views_amina"]]
    everything = _ids(client, coordinator)
    # The coordinator's own look at the audit is recorded too (after the answer), so only A's seeded entries show.
    assert everything == newest_first
    assert _ids(client, coordinator, participant_id=world.participant.id) == newest_first[1:]
    assert _ids(client, coordinator, user_id=world.coach.id) == [ids["coach_views_amina"]]
    assert _ids(client, coordinator, action="login-code") == [ids["teacher_code_yonas"]]
    assert _ids(client, coordinator, since="2026-03-11", until="2026-03-11") == [ids["coach_views_amina"]]
    assert _ids(client, coordinator, since="2026-03-12", until="2026-03-31", action="view") == []
    assert _ids(client, world.coordinator_b, participant_id=world.participant.id) == []
    assert ids["b_views_olena"] in _ids(client, world.coordinator_b)
    assert not set(_ids(client, world.coordinator_b)) & set(newest_first)


def test_an_entry_shows_who_and_whom_by_name_and_a_removed_user_as_none(client, world):
    _seed(world)
    coach_id = world.coach.id
    db.session.delete(world.coach)
    db.session.commit()
    response = client.get(
        "/api/audit",
        headers=factories.headers(world.coordinator),
        query_string={"participant_id": world.participant.id},
    )
    assert response.status_code == 200
    assert "X-Pagination" in response.headers
    by_kind = {entry["object_kind"]: entry for entry in response.json}
    assert by_kind["participant"]["actor"] is None and by_kind["participant"]["actor_role"] == "coach"
    assert by_kind["participant"]["object_id"] == world.participant.id
    assert by_kind["term"]["actor"] == {"id": world.teacher.id, "name": "Docent A"}
    assert by_kind["term"]["participant"] == {"id": world.participant.id, "name": "Amina"}
    assert by_kind["term"]["action"] == "view" and by_kind["term"]["participant_pseudonym"] is None
    assert coach_id not in {entry["actor"] and entry["actor"]["id"] for entry in response.json}


@pytest.mark.parametrize("who", ["teacher", "coach", "participant"])
def test_only_coordinators_read_the_audit(client, world, who):
    response = client.get("/api/audit", headers=factories.headers(getattr(world, who)))
    assert response.status_code == 403
    assert response.json["message"]


def test_the_audit_refuses_bad_filters_in_dutch(client, world):
    headers = factories.headers(world.coordinator)
    response = client.get("/api/audit", headers=headers, query_string={"since": "2026-03-12", "until": "2026-03-01"})
    assert response.status_code == 422
    assert response.json["errors"]["query"]["until"] == ["De einddatum ligt voor de begindatum."]
    assert client.get("/api/audit", headers=headers, query_string={"action": "stelen"}).status_code == 422
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_a_visit_seen_by_staff_counts_for_the_participants_it_names(client, world):
    walk._editors(world)
    scene = walk.Scene(client, world)
    visit_id = scene.visit_id
    assert client.get(f"/api/visits/{visit_id}", headers=factories.headers(world.coach)).status_code == 200
    ids = _ids(client, world.coordinator, participant_id=world.participant.id, action="view")
    (entry,) = [e for e in _entries() if e.id in ids]
    assert (entry.object_kind, entry.object_id, entry.participant_id) == ("visit", visit_id, None)
    assert _ids(client, world.coordinator, participant_id=world.other_participant.id, action="view") == []


# GET /api/me/audit


def test_a_participant_sees_what_staff_did_with_their_data_but_not_their_own_or_others(client, world):
    world.teacher.name = "Fatma Yilmaz"
    db.session.commit()
    teacher = factories.headers(world.teacher)
    for _ in range(3):
        assert client.get(f"/api/participants/{world.participant.id}/terms", headers=teacher).status_code == 200
    assert client.get(f"/api/participants/{world.participant.id}", headers=teacher).status_code == 200
    other = factories.headers(world.other_teacher)
    assert client.get(f"/api/participants/{world.other_participant.id}", headers=other).status_code == 200
    old = datetime.now(UTC) - timedelta(days=200)
    audit.record(world.coach, AuditAction.VIEW, now=old, participant_id=world.participant.id, object_kind="term")
    db.session.commit()
    mine = factories.headers(world.participant)
    assert client.get("/api/me/progress", headers=mine).status_code == 200

    response = client.get("/api/me/audit", headers=mine)

    assert response.status_code == 200
    assert response.json["days"] == audit.MY_LOG_DAYS
    groups = {(g["actor_first_name"], g["action"], g["object_kind"]): g for g in response.json["groups"]}
    assert set(groups) == {("Fatma", "view", "term"), ("Fatma", "view", "participant")}
    assert groups[("Fatma", "view", "term")]["count"] == 3
    assert groups[("Fatma", "view", "term")]["this_week"] == 3
    assert groups[("Fatma", "view", "term")]["actor_role"] == "teacher"
    text = response.get_data(as_text=True)
    assert "Yilmaz" not in text and "Yonas" not in text and "Docent A2" not in text
    login = client.post("/api/auth/code", json={"code": walk.Scene(client, world).login_code})
    assert login.status_code == 200
    again = client.get("/api/me/audit", headers=mine).json["groups"]
    assert {g["action"] for g in again} == {"view", "login-code"}  # the code the teacher made, not her own login


def _kinds_written() -> set[str]:
    """Every object kind an audit entry can have: the routes' (ROUTES and the decorators) and those the use cases
    record themselves (``object_kind="..."`` in api/services)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    kinds = set()
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    with app.test_request_context():
        for endpoint, method, _ in URL_MAP:
            rule = rule_of(endpoint, method)
            if isinstance(rule, Audited):
                kinds.add(rule.kind)
    for path in sorted((root / "api" / "services").glob("*.py")):
        kinds |= set(re.findall(r'object_kind="([a-z-]+)"', path.read_text(encoding="utf-8")))
    return kinds


def test_every_audit_kind_has_a_dutch_label_in_the_log_screen():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "frontend" / "js" / "audit.js").read_text(encoding="utf-8")
    block = re.search(r"export const KINDS = \{(.*?)\n\};", source, re.S)
    assert block, "frontend/js/audit.js exports KINDS"
    labelled = set(re.findall(r'^\s*"?([a-z-]+)"?:\s*"', block.group(1), re.M))
    kinds = _kinds_written()
    assert {"participant", "password", "account", "group"} <= kinds  # the scan finds both sources
    assert not kinds - labelled, f"give these kinds a Dutch label in KINDS of frontend/js/audit.js: {kinds - labelled}"
