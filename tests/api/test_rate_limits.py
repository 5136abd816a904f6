"""Login rate limits: one account however its address or code is spelled, the client's own address behind a trusted
proxy, and one count shared by every worker and server through Redis (two real app processes, a real redis-server)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

from api import create_app
from api.extensions import limiter
from api.services import people
from tests.conftest import app_config
from vaktaal.accounts import normalize_email
from vaktaal.errors import Conflict
from vaktaal.roles import Role

ROOT = Path(__file__).resolve().parents[2]
KELVIN = "\u212a"  # KELVIN SIGN: looks like K, NFKC makes it K, casefold k
PASSWORD = "correct horse battery"


@pytest.fixture
def docent(world):
    return people.create_staff(world.org_a, Role.TEACHER, "Docent 2", "docent2@demo.vaktaal.nl", PASSWORD)


def password_login(client, email, password="wrong password", **headers):
    return client.post("/api/auth/login", json={"email": email, "password": password}, headers=headers)


def test_the_kelvin_sign_spelling_is_the_same_account_for_login_and_limit(client, docent):
    spoofed = f"docent2@demo.va{KELVIN}taal.nl"
    assert normalize_email(spoofed) == docent.email
    assert password_login(client, spoofed, PASSWORD).status_code == 200
    statuses = [password_login(client, "Docent2@Demo.Vaktaal.NL").status_code for _ in range(9)]
    assert statuses == [422] * 9
    # Ten attempts on the account (one right, nine wrong): every spelling is now refused, the right password too.
    for email in ("docent2@demo.vaktaal.nl", spoofed, f" DOCENT2@DEMO.VA{KELVIN}TAAL.NL "):
        response = password_login(client, email, PASSWORD)
        assert response.status_code == 429, email
        assert response.json["code"] == 429 and "Retry-After" in response.headers


def test_accounts_are_created_in_the_form_login_looks_them_up_by(client, world):
    user = people.create_staff(world.org_a, Role.COACH, "Coach", f"Coach.Twee@Va{KELVIN}taal.NL", PASSWORD)
    assert user.email == "coach.twee@vaktaal.nl"
    with pytest.raises(Conflict):
        people.create_staff(world.org_a, Role.COACH, "Coach", "coach.twee@vaktaal.nl", PASSWORD)
    assert password_login(client, "COACH.TWEE@VAKTAAL.NL", PASSWORD).status_code == 200


def test_a_code_is_one_code_however_it_is_typed(client, world):
    spellings = ["ACEF-GHJK", "acefghjk", " acef ghjk ", "ＡＣＥＦ－ＧＨＪＫ", "AcEf-GhJk"]
    statuses = [client.post("/api/auth/code", json={"code": spellings[i % 5]}).status_code for i in range(11)]
    assert statuses == [422] * 10 + [429]


def test_a_code_login_cannot_dodge_its_limit_with_an_email_field(client, world):
    statuses = [
        client.post("/api/auth/code", json={"code": "ACEF-GHJK", "email": f"x{i}@example.nl"}).status_code
        for i in range(11)
    ]
    assert statuses[-1] == 429


@pytest.fixture
def proxied_app(make_app, app):
    """The app behind one trusted proxy, with a small per-address limit to reach quickly."""
    configured = make_app({"PROXIES": 1, "RATELIMIT_LOGIN_PER_ADDRESS": "3 per 10 minutes"})
    with configured.app_context():
        limiter.reset()
        yield configured
        limiter.reset()


def code_attempts(client, count, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    # Each attempt another code, so only the per-address limit counts.
    return [
        client.post("/api/auth/code", json={"code": f"ACEFGH{a}{b}"}, headers=headers).status_code
        for a, b in zip("JKMNPR"[:count], "TWXY34"[:count], strict=False)
    ]


def test_behind_a_trusted_proxy_each_client_has_its_own_address(proxied_app, ctx):
    client = proxied_app.test_client()
    assert code_attempts(client, 4, "203.0.113.1") == [422, 422, 422, 429]
    # Another client behind the same proxy is not locked out by the first one's tries.
    assert code_attempts(client, 1, "203.0.113.2") == [422]
    # A client that writes its own X-Forwarded-For: the proxy appends the real address, and that one counts.
    assert code_attempts(client, 1, "203.0.113.2, 203.0.113.1") == [429]


def test_without_a_configured_proxy_the_header_is_ignored(app, make_app, ctx):
    direct = make_app({"RATELIMIT_LOGIN_PER_ADDRESS": "3 per 10 minutes"})
    with direct.app_context():
        limiter.reset()
        client = direct.test_client()
        statuses = [code_attempts(client, 1, f"203.0.113.{i}")[0] for i in range(4)]
        limiter.reset()
    assert statuses == [422, 422, 422, 429]


# Two app processes sharing one count in a real Redis.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process ended with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A throwaway redis-server (Debian's redis-server package) on 127.0.0.1, stopped after the module."""
    server = shutil.which("redis-server")
    assert server, "redis-server is missing: apt-get install redis-server (make test installs it)"
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        connection = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                connection.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def two_servers(redis_url, database_url, app, tmp_path):
    """Two gunicorn processes of the app (as two servers, or two workers), each counting logins in the one Redis."""
    import redis

    redis.Redis.from_url(redis_url).flushall()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "shared-limits",
        "VAKTAAL_DEMO": "0",
        "VAKTAAL_PUBLIC_URL": "http://127.0.0.1",
        "VAKTAAL_RATELIMIT_STORAGE_URI": redis_url,
        "VAKTAAL_AUDIO_DIR": str(tmp_path / "audio"),
        "VAKTAAL_PHOTO_DIR": str(tmp_path / "photos"),
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for(f"http://127.0.0.1:{port}/api/health", process)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def post_code(base: str, code: str) -> int:
    request = urllib.request.Request(
        base + "/api/auth/code",
        data=f'{{"code": "{code}"}}'.encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_two_app_processes_share_one_limit_through_redis(two_servers, ctx):
    first, second = two_servers
    # Alternating between the two: each process alone has seen only five attempts when the account is full.
    statuses = [post_code(two_servers[i % 2], "ACEF-GHJK") for i in range(10)]
    assert statuses == [422] * 10
    assert post_code(first, "acef-ghjk") == 429
    assert post_code(second, "ACEFGHJK") == 429


def test_migration_0011_rewrites_stored_addresses_to_the_login_form(tmp_path):

    from flask_migrate import upgrade
    from sqlalchemy import text

    from api.extensions import db

    app = create_app(app_config(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision="2e7c5b90d4a1")
        run = db.session.execute
        run(text("INSERT INTO organisations (id, name, signing_key, created_at) VALUES (1, 'A', 'k', :t)"), {"t": NOW})
        stored = {
            1: "ｄｏｃｅｎｔ@vaktaal.nl",  # full-width letters, as lower() kept them
            2: "straße@vaktaal.nl",
            3: "ｃｏａｃｈ@vaktaal.nl",  # its login form belongs to account 4 already: left for an administrator
            4: "coach@vaktaal.nl",
            5: None,
        }
        for user_id, email in stored.items():
            run(
                text(
                    "INSERT INTO users (id, organisation_id, role, name, email, is_editor, active, created_at) "
                    "VALUES (:id, 1, 'teacher', 'X', :email, false, true, :t)"
                ),
                {"id": user_id, "email": email, "t": NOW},
            )
        db.session.commit()
        upgrade(directory=directory, revision="4b1d7e20c9f3")
        after = dict(run(text("SELECT id, email FROM users ORDER BY id")).all())
        db.engine.dispose()
    assert after == {1: "docent@vaktaal.nl", 2: "strasse@vaktaal.nl", 3: stored[3], 4: "coach@vaktaal.nl", 5: None}


NOW = datetime(2026, 12, 1, 9, 0)
