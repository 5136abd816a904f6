"""The content team is installation-level: the editor right is granted and revoked only with the CLI, never by an
organisation; editors see every organisation's proposals with the organisation's name but not the proposer's, and
an organisation's teachers see its own proposals (issue 12, "scope")."""

import pytest
from sqlalchemy import select

from api.extensions import db
from api.models import Term, User, utcnow
from api.resources import resources
from api.services import demo
from tests import factories
from vaktaal.roles import Role


def shared_term(lists) -> Term:
    return db.session.scalar(select(Term).where(Term.organisation_id.is_(None)).order_by(Term.id).limit(1))


def edit(client, user, term) -> int:
    return client.patch(f"/api/terms/{term.id}", json={"theme": "nieuw"}, headers=factories.headers(user)).status_code


def test_the_cli_grants_and_revokes_the_editor_right(runner, client, lists, world):
    term = shared_term(lists)
    assert edit(client, world.teacher, term) == 403
    granted = runner.invoke(args=["user", "grant", "editor", world.teacher.email.upper()])
    assert granted.exit_code == 0, granted.output
    assert "Docent A" in granted.output and "Gemeente A" in granted.output
    db.session.expire_all()
    assert db.session.get(User, world.teacher.id).is_editor
    assert edit(client, world.teacher, term) == 200
    assert runner.invoke(args=["user", "grant", "editor", world.teacher.email]).exit_code == 0  # again: harmless

    revoked = runner.invoke(args=["user", "revoke", "editor", world.teacher.email])
    assert revoked.exit_code == 0, revoked.output
    db.session.expire_all()
    assert not db.session.get(User, world.teacher.id).is_editor
    assert edit(client, world.teacher, term) == 403


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["user", "grant", "editor", "niemand@nergens.test"], "Er is geen account met niemand@nergens.test"),
        (["user", "grant", "editor", "COACH"], "Alleen docenten en coördinatoren"),
        (["user", "grant", "editor", "PARTICIPANT"], "Alleen docenten en coördinatoren"),
        (["user", "grant", "admin", "TEACHER"], "'admin' is not 'editor'"),
        (["user", "revoke", "editor", "niemand@nergens.test"], "Er is geen account met niemand@nergens.test"),
    ],
)
def test_the_cli_refuses_what_cannot_hold_the_right(runner, world, args, message):
    db.session.execute(
        User.__table__.update().where(User.id == world.participant.id).values(email="deelnemer@org.test")
    )
    db.session.commit()
    emails = {"COACH": world.coach.email, "PARTICIPANT": "deelnemer@org.test", "TEACHER": world.teacher.email}
    result = runner.invoke(args=[emails.get(a, a) for a in args])
    assert result.exit_code != 0
    assert message in result.output
    db.session.expire_all()
    assert not any(db.session.scalars(select(User.is_editor)))


def request_fields(spec: dict) -> set[str]:
    """Every field name any request body of the API can carry, nested schemas included."""
    schemas, found, seen = spec["components"]["schemas"], set(), set()

    def walk(schema: dict) -> None:
        ref = schema.get("$ref")
        if ref:
            if ref not in seen:
                seen.add(ref)
                walk(schemas[ref.rsplit("/", 1)[-1]])
            return
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                walk(schema[key])
        for option in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
            walk(option)
        for name, value in schema.get("properties", {}).items():
            found.add(name)
            walk(value)

    for path in spec["paths"].values():
        for operation in path.values():
            if isinstance(operation, dict):
                for media in operation.get("requestBody", {}).get("content", {}).values():
                    walk(media["schema"])
    return found


def test_no_organisation_can_give_the_right_through_the_api(client, world):
    """No request body of the API carries the right (the CLI's ``user grant`` is the only way)."""
    fields = request_fields(client.get("/api/openapi.json").json)
    assert {"participant_ids", "translations", "support_languages"} <= fields  # the walk reaches nested bodies
    assert "is_editor" not in fields
    refused = client.patch("/api/me", json={"is_editor": True}, headers=factories.headers(world.coordinator))
    assert refused.status_code in (403, 422)
    db.session.expire_all()
    assert not db.session.get(User, world.coordinator.id).is_editor


def test_user_create_no_longer_offers_the_right(runner, world):
    result = runner.invoke(
        args=["user", "create", "--org", "Gemeente A", "--role", "teacher", "--name", "X", "--email", "x@a.test"]
        + ["--editor"],
        input="een-lang-wachtwoord\neen-lang-wachtwoord\n",
    )
    assert result.exit_code == 2 and "No such option: --editor" in result.output
    assert db.session.scalar(select(User).where(User.email == "x@a.test")) is None


def test_editors_see_every_organisations_proposals_with_the_organisation_but_not_the_proposer(client, lists, world):
    term = shared_term(lists)
    proposed = client.post(
        f"/api/terms/{term.id}/proposals",
        json={"level": "B1", "note": "Dit woord is moeilijk."},
        headers=factories.headers(world.teacher),
    )
    assert proposed.status_code == 201
    assert proposed.json["proposed_by"] == "Docent A" and proposed.json["organisation"] == "Gemeente A"
    proposal_id = proposed.json["id"]

    editor_b = factories.staff(world.org_b, Role.TEACHER, "Redacteur B", editor=True)
    [seen] = client.get("/api/proposals", headers=factories.headers(editor_b)).json
    assert seen["id"] == proposal_id
    assert seen["organisation"] == "Gemeente A" and seen["proposed_by"] is None
    assert seen["note"] == "Dit woord is moeilijk."  # the reason is what an editor decides on
    assert "Docent A" not in str(seen)

    # The proposer's colleagues see it with the name; another organisation's non-editors do not see it at all.
    [colleague] = client.get("/api/proposals", headers=factories.headers(world.other_teacher)).json
    assert colleague["id"] == proposal_id and colleague["proposed_by"] == "Docent A"
    assert client.get("/api/proposals", headers=factories.headers(world.coordinator_b)).json == []
    url = f"/api/proposals/{proposal_id}/decision"
    assert client.post(url, json={"accept": True}, headers=factories.headers(world.coordinator_b)).status_code == 404
    assert client.post(url, json={"accept": True}, headers=factories.headers(world.other_teacher)).status_code == 403

    decided = client.post(url, json={"accept": False}, headers=factories.headers(editor_b))
    assert decided.status_code == 200
    assert decided.json["status"] == "rejected" and decided.json["proposed_by"] is None


def test_the_demo_keeps_its_two_editors(ctx):
    demo.load_demo(checker=resources().checker, secret_key=resources().secret_key, now=utcnow())
    editors = db.session.scalars(select(User.email).where(User.is_editor.is_(True)).order_by(User.email))
    assert list(editors) == ["coordinator@demo.vaktaal.nl", "docent2@demo.vaktaal.nl"]
