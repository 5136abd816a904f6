"""Logging in by password and by code, device sessions, expiry and revocation."""

from datetime import timedelta

from sqlalchemy import select

from api.extensions import db
from api.models import DeviceSession, utcnow
from tests import factories
from vaktaal import tokens


def _code_for(client, staff, participant) -> str:
    response = client.post(f"/api/participants/{participant.id}/login-code", headers=factories.headers(staff))
    assert response.status_code == 201
    return response.json["code"]


def test_staff_log_in_with_email_and_password(client, world):
    response = client.post("/api/auth/login", json={"email": world.teacher.email, "password": factories.PASSWORD})
    assert response.status_code == 200
    assert response.json["user"]["role"] == "teacher"
    me = client.get("/api/me", headers={"Authorization": "Bearer " + response.json["token"]})
    assert me.status_code == 200
    assert me.json["name"] == "Docent A"
    assert me.json["participant_count"] == 1


def test_wrong_password_and_unknown_email_get_the_same_answer(client, world):
    wrong = client.post("/api/auth/login", json={"email": world.teacher.email, "password": "nope"})
    unknown = client.post("/api/auth/login", json={"email": "nobody@x.test", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 422
    assert wrong.json["message"] == unknown.json["message"]


def test_participant_cannot_log_in_with_password(client, world):
    response = client.post("/api/auth/login", json={"email": "x@y.test", "password": factories.PASSWORD})
    assert response.status_code == 422


def test_login_code_logs_in_on_several_devices_until_reissued(client, world):
    code = _code_for(client, world.teacher, world.participant)
    assert len(code.replace("-", "")) == 8
    first = client.post("/api/auth/code", json={"code": code.lower()})
    second = client.post("/api/auth/code", json={"code": code.replace("-", " ")})
    assert first.status_code == second.status_code == 200
    assert first.json["token"] != second.json["token"]
    assert first.json["user"]["id"] == world.participant.id

    new_code = _code_for(client, world.coordinator, world.participant)
    assert client.post("/api/auth/code", json={"code": code}).status_code == 422
    assert client.post("/api/auth/code", json={"code": new_code}).status_code == 200
    # Devices logged in with the old code keep working: re-issuing a code is not logging out.
    me = client.get("/api/me", headers={"Authorization": "Bearer " + first.json["token"]})
    assert me.status_code == 200


def test_login_code_response_has_qr_and_link(client, world):
    response = client.post(
        f"/api/participants/{world.participant.id}/login-code", headers=factories.headers(world.teacher)
    )
    assert response.status_code == 201
    body = response.json
    assert body["login_url"].endswith("/login#code=" + body["code"].replace("-", ""))
    assert body["qr_url"].startswith("data:image/svg+xml")


def test_revoked_code_no_longer_logs_in(client, world):
    code = _code_for(client, world.teacher, world.participant)
    response = client.delete(
        f"/api/participants/{world.participant.id}/login-code", headers=factories.headers(world.teacher)
    )
    assert response.status_code == 204
    assert client.post("/api/auth/code", json={"code": code}).status_code == 422


def test_logout_ends_only_this_device(client, world):
    a, b = factories.headers(world.participant), factories.headers(world.participant)
    assert client.delete("/api/auth/token", headers=a).status_code == 204
    assert client.get("/api/me", headers=a).status_code == 401
    assert client.get("/api/me", headers=b).status_code == 200


def test_lost_phone_revokes_every_device(client, world):
    phone = factories.headers(world.participant)
    staff = factories.headers(world.coach)
    devices = client.get(f"/api/participants/{world.participant.id}/devices", headers=staff)
    assert devices.status_code == 200
    assert len(devices.json) == 1
    response = client.delete(f"/api/participants/{world.participant.id}/devices", headers=staff)
    assert response.status_code == 200
    assert response.json == {"revoked": 1}
    assert client.get("/api/me", headers=phone).status_code == 401


def test_participant_token_slides_and_staff_token_does_not(client, world):
    participant, teacher = factories.headers(world.participant), factories.headers(world.teacher)
    sessions = db.session.scalars(select(DeviceSession).order_by(DeviceSession.id)).all()
    long_ago = utcnow() - timedelta(days=100)
    for session in sessions:
        session.last_used_at = long_ago
        session.created_at = long_ago
    p_expiry_before = sessions[0].expires_at = long_ago + tokens.PARTICIPANT_IDLE_LIMIT
    db.session.commit()

    assert client.get("/api/me", headers=participant).status_code == 200
    assert client.get("/api/me", headers=teacher).status_code == 200
    db.session.expire_all()
    p_session, t_session = db.session.scalars(select(DeviceSession).order_by(DeviceSession.id)).all()
    assert p_session.expires_at > p_expiry_before + timedelta(days=99)
    assert t_session.expires_at - t_session.created_at <= tokens.STAFF_LIFETIME + timedelta(days=100)
    assert t_session.last_used_at == long_ago


def test_expired_token_is_refused(client, world):
    headers = factories.headers(world.participant)
    session = db.session.scalars(select(DeviceSession)).one()
    session.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get("/api/me", headers=headers)
    assert response.status_code == 401
    assert response.json["code"] == 401


def test_code_logins_are_rate_limited_per_code(client, world):
    statuses = [client.post("/api/auth/code", json={"code": "ACEF-GHJK"}).status_code for _ in range(11)]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429


def test_logins_are_rate_limited_per_address_but_a_class_fits(app, client, world):
    limit = int(app.config["RATELIMIT_LOGIN_PER_ADDRESS"].split()[0])
    assert limit >= 60, "a class of 20 behind one address, each retrying a few times, must fit"
    # Every attempt uses another code, so only the per-address limit can stop them.
    codes = [f"{a}{b}{c}AAAAA" for a in "ACEFGH" for b in "JKMNPR" for c in "TWXY"][: limit + 1]
    statuses = [client.post("/api/auth/code", json={"code": code}).status_code for code in codes]
    assert statuses[:limit] == [422] * limit
    assert statuses[limit] == 429
