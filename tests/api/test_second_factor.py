"""Staff's second factor (TOTP): enrolment, the login's code step, codes used once, recovery codes, what is required
for whom (and enforced by the API, not only the app), the sealed secret, the audit and the login rate limit.

Codes are real TOTP codes made with pyotp from the secret the enrolment hands out; the service functions take
``now`` where a test needs another moment."""

import time
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select, text

from api.extensions import db
from api.models import AuditEntry, DeviceSession, RecoveryCode, User
from api.resources import resources
from api.services import second_factor
from api.services.demo import PASSWORD as DEMO_PASSWORD
from tests import factories
from vaktaal.errors import Invalid
from vaktaal.privacy import AuditAction
from vaktaal.roles import Role

ENROL = "/api/me/second-factor"


def enrol(client, user) -> tuple[str, list[str]]:
    """Set up a second factor through the API as ``user``; returns the secret and the recovery codes."""
    headers = factories.headers(user)
    started = client.post(ENROL, headers=headers)
    assert started.status_code == 200, started.json
    secret = started.json["secret"]
    earlier = pyotp.TOTP(secret).at(time.time() - 30)  # the previous step: the current code stays unused for a login
    confirmed = client.post(ENROL + "/confirm", json={"code": earlier}, headers=headers)
    assert confirmed.status_code == 200, confirmed.json
    return secret, confirmed.json["recovery_codes"]


def password_login(client, user, password=factories.PASSWORD):
    return client.post("/api/auth/login", json={"email": user.email, "password": password})


def code_login(client, challenge, code):
    return client.post("/api/auth/login/second-factor", json={"challenge": challenge, "code": code})


def test_enrolment_shows_a_qr_code_and_a_first_code_switches_it_on_with_ten_recovery_codes(client, world):
    headers = factories.headers(world.teacher)
    before = client.get(ENROL, headers=headers)
    assert before.status_code == 200
    assert before.json == {
        "enabled": False,
        "required": False,
        "enabled_at": None,
        "recovery_codes_left": 0,
        "setup_first": False,
    }
    started = client.post(ENROL, headers=headers)
    assert started.status_code == 200
    secret = started.json["secret"]
    assert started.json["otpauth_uri"].startswith("otpauth://totp/Vaktaal:")
    assert f"secret={secret}" in started.json["otpauth_uri"]
    assert started.json["qr_url"].startswith("data:image/svg+xml")
    # Not in force before a code from the app confirms it: the password alone still logs in.
    assert password_login(client, world.teacher).json["token"]

    wrong = client.post(ENROL + "/confirm", json={"code": "000000"}, headers=headers)
    assert wrong.status_code == 422 and "code" in wrong.json["errors"]["json"]
    confirmed = client.post(ENROL + "/confirm", json={"code": pyotp.TOTP(secret).now()}, headers=headers)
    assert confirmed.status_code == 200
    codes = confirmed.json["recovery_codes"]
    assert len(codes) == len(set(codes)) == 10
    after = client.get(ENROL, headers=headers).json
    assert after["enabled"] is True and after["recovery_codes_left"] == 10 and after["enabled_at"]
    # A second enrolment while it is on is refused; the secret stays.
    assert client.post(ENROL, headers=headers).status_code == 409


def test_login_with_a_second_factor_gives_a_token_only_after_the_code(client, world):
    secret, _ = enrol(client, world.teacher)
    first = password_login(client, world.teacher)
    assert first.status_code == 200
    body = first.json
    assert body["second_factor"] == "code" and body["token"] is None and body["user"] is None
    assert body["challenge"] and body["challenge_expires_at"]

    second = code_login(client, body["challenge"], pyotp.TOTP(secret).now())
    assert second.status_code == 200, second.json
    assert second.json["token"] and second.json["user"]["id"] == world.teacher.id
    assert second.json["second_factor"] is None
    me = client.get("/api/me", headers={"Authorization": f"Bearer {second.json['token']}"})
    assert me.status_code == 200 and me.json["id"] == world.teacher.id
    logins = db.session.scalars(
        select(AuditEntry).where(AuditEntry.actor_id == world.teacher.id, AuditEntry.action == AuditAction.LOGIN)
    ).all()
    assert len(logins) == 1  # the code step logs in; the password step alone does not


def test_the_same_code_is_refused_the_second_time(client, world):
    secret, _ = enrol(client, world.teacher)
    code = pyotp.TOTP(secret).now()
    assert code_login(client, password_login(client, world.teacher).json["challenge"], code).status_code == 200
    again = code_login(client, password_login(client, world.teacher).json["challenge"], code)
    assert again.status_code == 422
    assert again.json["errors"]["json"]["code"] == [second_factor.USED_CODE]
    assert "token" not in again.json


def test_the_code_used_to_confirm_cannot_log_in(client, world):
    headers = factories.headers(world.teacher)
    secret = client.post(ENROL, headers=headers).json["secret"]
    code = pyotp.TOTP(secret).now()
    assert client.post(ENROL + "/confirm", json={"code": code}, headers=headers).status_code == 200
    assert code_login(client, password_login(client, world.teacher).json["challenge"], code).status_code == 422


def test_a_recovery_code_logs_in_once(client, world):
    _, codes = enrol(client, world.teacher)
    typed = codes[3].lower().replace("-", " ")  # as a person may type it
    ok = code_login(client, password_login(client, world.teacher).json["challenge"], typed)
    assert ok.status_code == 200 and ok.json["token"]
    again = code_login(client, password_login(client, world.teacher).json["challenge"], codes[3])
    assert again.status_code == 422 and again.json["message"] == second_factor.WRONG_CODE
    used = db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == world.teacher.id)).all()
    assert sum(1 for row in used if row.used_at is not None) == 1
    headers = factories.headers(world.teacher)
    assert client.get(ENROL, headers=headers).json["recovery_codes_left"] == 9


def test_a_wrong_code_is_refused_and_audited_without_a_token(client, world):
    enrol(client, world.teacher)
    challenge = password_login(client, world.teacher).json["challenge"]
    wrong = code_login(client, challenge, "123456")
    assert wrong.status_code == 422 and wrong.json["message"] == second_factor.WRONG_CODE
    tampered = code_login(client, challenge[:-2] + ("AA" if not challenge.endswith("AA") else "BB"), "123456")
    assert tampered.status_code == 422 and tampered.json["message"] == second_factor.EXPIRED_CHALLENGE
    failed = db.session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.LOGIN_FAILED)).all()
    assert [(entry.actor_id, entry.object_kind) for entry in failed] == [
        (world.teacher.id, "account"),  # the wrong code: the account the challenge names
        (None, "account"),  # a challenge not ours names nobody
    ]
    sessions = db.session.scalars(select(DeviceSession).where(DeviceSession.user_id == world.teacher.id)).all()
    assert len(sessions) == 1  # enrol()'s own; no login was made


def test_codes_of_the_neighbouring_steps_count_and_older_ones_do_not(ctx, world):
    secret = pyotp.random_base32()
    key = resources().secret_key
    world.teacher.totp_secret = second_factor.seal(secret, secret_key=key)
    world.teacher.totp_enabled_at = datetime(2026, 1, 1, tzinfo=UTC)
    db.session.commit()
    now = datetime(2026, 12, 1, 9, 0, 10, tzinfo=UTC)
    totp = pyotp.TOTP(secret)
    with pytest.raises(Invalid):
        second_factor.check_code(world.teacher, totp.at(now - timedelta(seconds=60)), secret_key=key, now=now)
    db.session.rollback()
    second_factor.check_code(world.teacher, totp.at(now - timedelta(seconds=30)), secret_key=key, now=now)
    second_factor.check_code(world.teacher, totp.at(now + timedelta(seconds=30)), secret_key=key, now=now)
    with pytest.raises(Invalid, match="al gebruikt"):  # a later step was used: the current one is spent too
        second_factor.check_code(world.teacher, totp.at(now), secret_key=key, now=now)


def test_the_challenge_expires_after_five_minutes(ctx, world):
    world.teacher.totp_secret = second_factor.seal(pyotp.random_base32(), secret_key="test")
    world.teacher.totp_enabled_at = datetime(2026, 1, 1, tzinfo=UTC)
    db.session.commit()
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    challenge = second_factor.make_challenge(world.teacher, secret_key="test", now=now).challenge
    later = now + second_factor.CHALLENGE_LIFETIME
    assert second_factor.challenged_user(challenge, secret_key="test", now=later) == world.teacher
    with pytest.raises(Invalid, match="duurde te lang"):
        second_factor.challenged_user(challenge, secret_key="test", now=later + timedelta(seconds=1))
    with pytest.raises(Invalid):
        second_factor.challenged_user(challenge, secret_key="another key", now=now)


@pytest.mark.parametrize("who", ["coordinator", "editor"])
def test_a_coordinator_or_editor_without_a_second_factor_can_only_set_it_up(client, world, who):
    user = world.coordinator if who == "coordinator" else world.teacher
    user.is_editor = who == "editor"
    db.session.commit()
    login = password_login(client, user)
    assert login.status_code == 200 and login.json["second_factor"] == "setup"
    headers = {"Authorization": f"Bearer {login.json['token']}"}
    # The API refuses everything else, whatever the app shows.
    for method, url in (("GET", "/api/participants"), ("GET", "/api/groups"), ("GET", "/api/sectors")):
        refused = client.open(url, method=method, headers=headers)
        assert refused.status_code == 403, url
        assert refused.json["message"] == "Stel eerst je tweestapsverificatie in. Daarna kun je verder."
    assert client.get("/api/me", headers=headers).status_code == 200
    state = client.get(ENROL, headers=headers).json
    assert state["required"] is True and state["setup_first"] is True
    assert client.delete(ENROL, json={"code": "123456"}, headers=headers).status_code == 403

    secret = client.post(ENROL, headers=headers).json["secret"]
    confirmed = client.post(ENROL + "/confirm", json={"code": pyotp.TOTP(secret).now()}, headers=headers)
    assert confirmed.status_code == 200
    assert client.get("/api/participants", headers=headers).status_code == 200
    assert client.get(ENROL, headers=headers).json["setup_first"] is False
    # From now on the password alone is not enough.
    assert password_login(client, user).json["second_factor"] == "code"


def test_teachers_and_coaches_may_leave_it_off_or_switch_it_off_with_a_code(client, world):
    assert password_login(client, world.coach).json["second_factor"] is None
    secret, _ = enrol(client, world.coach)
    headers = factories.headers(world.coach)
    assert client.delete(ENROL, json={"code": "000000"}, headers=headers).status_code == 422
    assert client.get(ENROL, headers=headers).json["enabled"] is True
    assert client.delete(ENROL, json={"code": pyotp.TOTP(secret).now()}, headers=headers).status_code == 204
    assert client.get(ENROL, headers=headers).json["enabled"] is False
    assert db.session.scalar(select(RecoveryCode).where(RecoveryCode.user_id == world.coach.id)) is None
    # Again changes nothing.
    assert client.delete(ENROL, json={"code": "000000"}, headers=headers).status_code == 204
    assert password_login(client, world.coach).json["token"]


def test_require_2fa_makes_it_required_for_teachers_and_coaches(app, client, world):
    app.config["REQUIRE_2FA"] = True
    try:
        for user in (world.teacher, world.coach):
            login = password_login(client, user)
            assert login.json["second_factor"] == "setup"
            refused = client.get("/api/participants", headers={"Authorization": f"Bearer {login.json['token']}"})
            assert refused.status_code == 403
    finally:
        app.config["REQUIRE_2FA"] = False
    assert password_login(client, world.teacher).json["second_factor"] is None


def test_participants_have_no_second_factor(client, world):
    headers = factories.headers(world.participant)
    assert client.post(ENROL, headers=headers).status_code == 403
    assert client.get(ENROL, headers=headers).status_code == 403


def test_the_demo_staff_are_not_forced_but_may_enrol(client, world):
    demo_coordinator = factories.people.create_staff(
        world.org_a, Role.COORDINATOR, "Ingrid Smit", "coordinator@demo.vaktaal.nl", DEMO_PASSWORD
    )
    login = password_login(client, demo_coordinator, DEMO_PASSWORD)
    assert login.json["second_factor"] is None
    assert (
        client.get("/api/participants", headers={"Authorization": f"Bearer {login.json['token']}"}).status_code == 200
    )
    enrol(client, demo_coordinator)
    assert password_login(client, demo_coordinator, DEMO_PASSWORD).json["second_factor"] == "code"


def test_the_secret_is_stored_sealed(client, world):
    secret, codes = enrol(client, world.teacher)
    stored = db.session.execute(text("SELECT totp_secret FROM users WHERE id = :id"), {"id": world.teacher.id}).scalar()
    assert stored and secret not in stored and secret.lower() not in stored.lower()
    assert second_factor.unseal(stored, secret_key=resources().secret_key) == secret
    with pytest.raises(Invalid):  # a copy of the database without SECRET_KEY gives nothing
        second_factor.unseal(stored, secret_key="another key")
    hashes = db.session.execute(text("SELECT code_hash FROM recovery_codes")).scalars().all()
    assert len(hashes) == 10 and not {code.replace("-", "") for code in codes} & set(hashes)


def test_wrong_codes_use_up_the_accounts_login_limit(client, world):
    secret, _ = enrol(client, world.teacher)
    challenge = password_login(client, world.teacher).json["challenge"]  # 1 of the 10 attempts
    statuses = [code_login(client, challenge, "000000").status_code for _ in range(9)]
    assert statuses == [422] * 9
    limited = code_login(client, challenge, pyotp.TOTP(secret).now())
    assert limited.status_code == 429 and limited.json["code"] == 429
    assert password_login(client, world.teacher).status_code == 429  # the same account's limit
    assert password_login(client, world.coach).status_code == 200  # another account's is its own


def test_reset_2fa_switches_it_off_and_ends_the_logins(client, runner, world):
    enrol(client, world.coordinator)
    token = factories.headers(world.coordinator)
    result = runner.invoke(args=["user", "reset-2fa", world.coordinator.email.upper()])
    assert result.exit_code == 0, result.output
    assert "two-factor login is off" in result.output
    db.session.expire_all()
    user = db.session.get(User, world.coordinator.id)
    assert user.totp_secret is None and user.totp_enabled_at is None
    assert client.get("/api/me", headers=token).status_code == 401
    assert password_login(client, world.coordinator).json["second_factor"] == "setup"
    unknown = runner.invoke(args=["user", "reset-2fa", "niemand@example.nl"])
    assert unknown.exit_code != 0 and "Er is geen medewerker" in unknown.output
