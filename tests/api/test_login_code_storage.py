"""Login codes cannot be reversed from a copy of the database: they are stored as an HMAC keyed with the app's
secret, and codes stored the old way (a plain SHA-256, migration 0010) move to the HMAC on their first use
(issue 12, "scope")."""

import hashlib
from datetime import datetime

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from api import create_app
from api.extensions import db
from api.models import LoginCode, utcnow
from api.resources import resources
from api.services import logins
from tests import factories
from tests.conftest import app_config
from vaktaal.errors import Invalid
from vaktaal.login_codes import ALPHABET

BEFORE = "7d3e9a51c2b8"  # migration 0009, the last with plain hashes
CREATED = datetime(2026, 1, 5, 9, 0)


def plain_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def issue(client, staff, participant) -> str:
    response = client.post(f"/api/participants/{participant.id}/login-code", headers=factories.headers(staff))
    assert response.status_code == 201
    return response.json["code"].replace("-", "")


def test_a_copy_of_the_database_does_not_give_a_login_code_back(client, world):
    code = issue(client, world.teacher, world.participant)
    [row] = db.session.scalars(select(LoginCode))
    # What the tester did: hash candidate codes and look them up. The real code is among the candidates here.
    candidates = [code] + [code[:-1] + letter for letter in ALPHABET]
    assert {plain_hash(c) for c in candidates}.isdisjoint({row.code_hash})
    assert row.keyed and len(row.code_hash) == 64
    # The key is the app's secret: the same code under another secret matches nothing.
    assert logins.code_hash(code, secret_key="test") == row.code_hash
    assert logins.code_hash(code, secret_key="another secret") != row.code_hash
    with pytest.raises(Invalid):
        logins.login_with_code(code, secret_key="another secret", now=utcnow())
    assert client.post("/api/auth/code", json={"code": code}).status_code == 200


def test_a_code_is_never_issued_twice_even_when_still_stored_the_old_way(client, world):
    db.session.add(LoginCode(participant_id=world.other_participant.id, code_hash=plain_hash("ACEFGHJK"), keyed=False))
    db.session.commit()
    with pytest.raises(Invalid, match="al in gebruik"):
        logins.issue_login_code(
            world.participant, issued_by=None, secret_key=resources().secret_key, now=utcnow(), code="ACEFGHJK"
        )


def test_a_code_stored_before_the_upgrade_logs_in_once_and_is_then_kept_keyed(tmp_path):
    app = create_app(app_config(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision=BEFORE)
        run = db.session.execute
        run(
            text("INSERT INTO organisations (id, name, signing_key, created_at) VALUES (1, 'A', 'k', :t)"),
            {"t": CREATED},
        )
        for user_id, name in [(1, "Amina"), (2, "Yonas")]:
            run(
                text(
                    "INSERT INTO users (id, organisation_id, role, name, is_editor, active, created_at) "
                    "VALUES (:id, 1, 'participant', :name, false, true, :t)"
                ),
                {"id": user_id, "name": name, "t": CREATED},
            )
        codes = [(1, "ACEFGHJK", None), (2, "MNPRTWXY", CREATED)]  # Yonas's code was revoked
        for user_id, code, revoked in codes:
            run(
                text(
                    "INSERT INTO login_codes (participant_id, code_hash, created_at, revoked_at) "
                    "VALUES (:u, :h, :t, :r)"
                ),
                {"u": user_id, "h": plain_hash(code), "t": CREATED, "r": revoked},
            )
        db.session.commit()
        upgrade(directory=directory)
        assert set(run(text("SELECT keyed FROM login_codes")).scalars()) == {False}
        db.session.remove()

    client = app.test_client()
    assert client.post("/api/auth/code", json={"code": "ACEF-GHJK"}).status_code == 200
    with app.app_context():
        rows = {r.participant_id: r for r in db.session.scalars(select(LoginCode))}
        assert rows[1].keyed and rows[1].code_hash == logins.code_hash("ACEFGHJK", secret_key="test")
        assert not rows[2].keyed, "a code nobody uses keeps its old hash until it is used or replaced"
        db.session.remove()
    assert client.post("/api/auth/code", json={"code": "ACEFGHJK"}).status_code == 200
    assert client.post("/api/auth/code", json={"code": "MNPRTWXY"}).status_code == 422  # revoked stays revoked
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
