"""One-time account links (setup and reset), the password rule, and `flask create-coordinator`."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from api.extensions import db
from api.models import AccountLink, AuditEntry, Organisation, User, utcnow
from api.resources import resources
from api.services import accounts
from tests import factories
from vaktaal import passwords
from vaktaal.errors import Invalid, NotFound
from vaktaal.privacy import AuditAction
from vaktaal.roles import LinkPurpose, Role

GOOD = "fietsen langs de grachten"


def token_of(url: str) -> str:
    assert "/#wachtwoord/" in url, url
    return url.rsplit("/", 1)[1]


def add_teacher(client, world, email="nieuw@a.example") -> dict:
    body = {"role": "teacher", "name": "Noor Nieuw", "email": email}
    response = client.post("/api/staff", json=body, headers=factories.headers(world.coordinator))
    assert response.status_code == 201, response.json
    return response.json


def login(client, email, password):
    return client.post("/api/auth/login", json={"email": email, "password": password})


# The password rule


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("kort", passwords.TOO_SHORT),
        ("password123", "veel gebruikt"),
        ("qwertyuiop", "veel gebruikt"),
        ("aaaaaaaaaaaa", "Herhalingen"),
        ("abcdefghijk", "Reeksen"),
        ("x" * 201, passwords.TOO_LONG),
    ],
)
def test_weak_passwords_are_refused_with_dutch_advice(password, expected):
    problem = passwords.problem(password)
    assert problem is not None and expected in problem


def test_the_persons_own_name_makes_a_weak_password():
    assert passwords.problem("Noor Nieuwenhuis", personal=["Noor Nieuwenhuis", "noor@a.example"]) is not None


def test_a_long_uncommon_password_passes():
    assert passwords.problem(GOOD) is None
    assert passwords.problem("Zomer2024!!kaas") is None


# Setup links


def test_new_staff_get_a_setup_link_that_sets_their_password_once(client, world):
    new = add_teacher(client, world)
    assert new["staff"]["password_set"] is False and new["staff"]["pending_link"]["purpose"] == "setup"
    assert new["link"]["qr_url"].startswith("data:image/svg+xml")
    token = token_of(new["link"]["url"])

    info = client.get(f"/api/account-links/{token}")
    assert info.status_code == 200
    assert info.json["name"] == "Noor Nieuw" and info.json["organisation"] == "Gemeente A"
    assert info.json["purpose"] == "setup"
    assert login(client, "nieuw@a.example", GOOD).status_code == 422  # no password yet

    done = client.post(f"/api/account-links/{token}", json={"password": GOOD})
    assert done.status_code == 200 and done.json["email"] == "nieuw@a.example"
    assert login(client, "nieuw@a.example", GOOD).status_code == 200

    again = client.post(f"/api/account-links/{token}", json={"password": "nog een ander wachtwoord"})
    assert again.status_code == 404 and "al gebruikt" in again.json["message"]
    assert client.get(f"/api/account-links/{token}").status_code == 404
    assert login(client, "nieuw@a.example", GOOD).status_code == 200  # the reused link changed nothing


def test_only_the_hmac_of_a_link_is_stored(client, world):
    token = token_of(add_teacher(client, world)["link"]["url"])
    row = db.session.scalar(select(AccountLink))
    assert row.token_hash == accounts.link_hash(token, secret_key=resources().secret_key)
    assert token not in row.token_hash
    assert accounts.link_hash(token, secret_key="another key") != row.token_hash


def test_a_weak_password_is_refused_next_to_the_field_and_the_link_stays_usable(client, world):
    token = token_of(add_teacher(client, world)["link"]["url"])
    weak = client.post(f"/api/account-links/{token}", json={"password": "password123"})
    assert weak.status_code == 422
    assert "veel gebruikt" in weak.json["errors"]["json"]["password"][0]
    short = client.post(f"/api/account-links/{token}", json={"password": "kort"})
    assert short.json["errors"]["json"]["password"] == [passwords.TOO_SHORT]
    assert db.session.scalar(select(AccountLink.used_at)) is None
    assert client.post(f"/api/account-links/{token}", json={"password": GOOD}).status_code == 200


def test_forged_and_unknown_links_are_refused(client, world):
    token = token_of(add_teacher(client, world)["link"]["url"])
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "x", "a" * 43):
        response = client.post(f"/api/account-links/{bad}", json={"password": GOOD})
        assert response.status_code == 404 and response.json["message"] == accounts.UNKNOWN_LINK
    assert db.session.scalar(select(User.password_hash).where(User.email == "nieuw@a.example")) is None


def test_a_link_expires_after_seven_days(client, world):
    user = factories.staff(world.org_a, Role.TEACHER, "Vera")
    now = utcnow()
    with pytest.raises(Invalid):
        accounts.issue_link(world.participant, LinkPurpose.SETUP, issued_by=None, secret_key="k", now=now)
    token, _ = accounts.issue_link(user, LinkPurpose.SETUP, issued_by=None, secret_key="k", now=now)
    almost = now + timedelta(days=accounts.LINK_DAYS) - timedelta(minutes=1)
    assert accounts.link_info(token, secret_key="k", now=almost).name == "Vera"
    later = now + timedelta(days=accounts.LINK_DAYS)
    with pytest.raises(NotFound, match="verlopen"):
        accounts.link_info(token, secret_key="k", now=later)
    with pytest.raises(NotFound, match="verlopen"):
        accounts.use_link(token, GOOD, secret_key="k", now=later)


def test_an_expired_link_answers_404_with_the_reason(client, world):
    token = token_of(add_teacher(client, world)["link"]["url"])
    db.session.scalar(select(AccountLink)).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.post(f"/api/account-links/{token}", json={"password": GOOD})
    assert response.status_code == 404 and response.json["message"] == accounts.EXPIRED_LINK


def test_a_new_link_revokes_the_older_unused_ones(client, world):
    new = add_teacher(client, world)
    first = token_of(new["link"]["url"])
    reset = client.post(f"/api/staff/{new['staff']['id']}/reset-link", headers=factories.headers(world.coordinator))
    assert reset.status_code == 201 and reset.json["purpose"] == "reset"
    old = client.post(f"/api/account-links/{first}", json={"password": GOOD})
    assert old.status_code == 404 and old.json["message"] == accounts.REVOKED_LINK
    assert client.post(f"/api/account-links/{token_of(reset.json['url'])}", json={"password": GOOD}).status_code == 200


# Reset links


def test_a_reset_logs_out_the_devices_when_issued_and_when_used(client, world):
    teacher = world.teacher
    before = factories.headers(teacher)
    assert client.get("/api/me", headers=before).status_code == 200
    coordinator = factories.headers(world.coordinator)
    reset = client.post(f"/api/staff/{teacher.id}/reset-link", headers=coordinator)
    assert reset.status_code == 201
    assert client.get("/api/me", headers=before).status_code == 401  # logged out when issued

    during = factories.headers(teacher)  # still logged in with the old password somewhere
    assert client.get("/api/me", headers=during).status_code == 200
    assert client.post(f"/api/account-links/{token_of(reset.json['url'])}", json={"password": GOOD}).status_code == 200
    assert client.get("/api/me", headers=during).status_code == 401  # and when used
    assert login(client, teacher.email, factories.PASSWORD).status_code == 422
    assert login(client, teacher.email, GOOD).status_code == 200


def test_issuing_a_reset_link_is_audited_and_a_setup_link_as_create(client, world):
    new = add_teacher(client, world)
    client.post(f"/api/staff/{new['staff']['id']}/reset-link", headers=factories.headers(world.coordinator))
    entries = db.session.execute(
        select(AuditEntry.action, AuditEntry.object_kind, AuditEntry.object_id, AuditEntry.participant_id).where(
            AuditEntry.actor_id == world.coordinator.id
        )
    ).all()
    staff_id = new["staff"]["id"]
    assert (AuditAction.CREATE, "account", staff_id, None) in entries
    assert (AuditAction.RESET_LINK, "account", staff_id, None) in entries


def test_a_coordinator_cannot_reset_their_own_password_nor_a_deactivated_account(client, world):
    coordinator = factories.headers(world.coordinator)
    own = client.post(f"/api/staff/{world.coordinator.id}/reset-link", headers=coordinator)
    assert own.status_code == 403
    client.patch(f"/api/staff/{world.coach.id}", json={"active": False}, headers=coordinator)
    off = client.post(f"/api/staff/{world.coach.id}/reset-link", headers=coordinator)
    assert off.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(AccountLink)) == 0


def test_a_deactivated_users_link_stops_working(client, world):
    new = add_teacher(client, world)
    token = token_of(new["link"]["url"])
    patched = client.patch(
        f"/api/staff/{new['staff']['id']}", json={"active": False}, headers=factories.headers(world.coordinator)
    )
    assert patched.status_code == 200
    assert client.get(f"/api/account-links/{token}").status_code == 404


# create-coordinator


def test_create_coordinator_needs_the_public_url(runner, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", None)
    result = runner.invoke(args=["create-coordinator", "--org", "Gemeente Oost", "--email", "c@oost.nl", "--name", "C"])
    assert result.exit_code != 0 and "VAKTAAL_PUBLIC_URL" in result.output
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_create_coordinator_from_an_empty_database_prints_a_working_setup_link(runner, app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://vaktaal.example.nl")
    args = ["create-coordinator", "--org", "Gemeente Oost", "--email", "Coord@Oost.nl", "--name", "Carla"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    url = result.output.strip().splitlines()[-1]
    assert url.startswith("https://vaktaal.example.nl/#wachtwoord/")
    user = db.session.scalar(select(User).where(User.email == "coord@oost.nl"))
    assert user.role is Role.COORDINATOR and user.password_hash is None and user.organisation.name == "Gemeente Oost"

    again = runner.invoke(args=args)  # the same person again: refused, nothing doubled
    assert again.exit_code != 0 and "al een account" in again.output
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1

    assert client.post(f"/api/account-links/{token_of(url)}", json={"password": GOOD}).status_code == 200
    assert login(client, "coord@oost.nl", GOOD).status_code == 200


def test_user_create_applies_the_password_rule(runner):
    assert runner.invoke(args=["org", "create", "Gemeente Zuid"]).exit_code == 0
    args = ["user", "create", "--org", "Gemeente Zuid", "--role", "teacher", "--name", "Els", "--email", "e@zuid.nl"]
    result = runner.invoke(args=args, input="password123\npassword123\n")
    assert result.exit_code != 0 and "veel gebruikt" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_the_link_routes_are_rate_limited_per_address_like_the_login(app, client, world):
    limit = int(app.config["RATELIMIT_LOGIN_PER_ADDRESS"].split()[0])
    statuses = [client.get(f"/api/account-links/guess{n}").status_code for n in range(limit)]
    assert statuses == [404] * limit
    assert client.get("/api/account-links/guess-more").status_code == 429
    refused = client.post("/api/account-links/guess-more", json={"password": GOOD})
    assert refused.status_code == 429 and refused.json["message"]
