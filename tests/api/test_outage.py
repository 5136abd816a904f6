"""The database goes away and comes back: every request in between answers 503 in the error shape with
Retry-After (the phone keeps its outbox and tries later), each logged once as one line, and nothing is lost.

On the PostgreSQL run a throwaway server of its own is really stopped and started again (as
``scripts/with-postgres.sh`` starts one); on the SQLite run another connection holds the database's exclusive lock,
so the app can neither read nor write.
"""

import glob
import logging
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from api import create_app
from api.errors import RETRY_AFTER_SECONDS
from api.extensions import db
from api.models import ReviewEvent, utcnow
from api.resources import resources
from api.services import wordlists
from api.services.people import ensure_sectors
from tests import factories
from tests.api.conftest import SHIPPED
from tests.conftest import app_config


class Postgres:
    """A PostgreSQL server of the test's own in a temporary directory, run as user postgres when we are root."""

    def __init__(self, root: Path):
        self.bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
        self.dir = root
        self.data = root / "data"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.root = os.getuid() == 0
        if self.root:
            shutil.chown(root, "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd="/")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def close(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop()


class LockedSqlite:
    """A SQLite database that another connection can lock for reading and writing (BEGIN EXCLUSIVE)."""

    def __init__(self, root: Path):
        self.path = root / "outage.sqlite3"
        self.url = f"sqlite:///{self.path}"
        self.holder: sqlite3.Connection | None = None

    def start(self) -> None:
        if self.holder is not None:
            self.holder.rollback()
            self.holder.close()
            self.holder = None

    def stop(self) -> None:
        self.holder = sqlite3.connect(self.path, isolation_level=None)
        self.holder.execute("BEGIN EXCLUSIVE")

    def close(self) -> None:
        self.start()


@pytest.fixture
def server(database_url) -> Iterator[Postgres | LockedSqlite]:
    """A database of the kind under test that the test may take away."""
    root = Path(tempfile.mkdtemp(prefix="vaktaal-outage-"))
    server = Postgres(root) if database_url.startswith("postgresql") else LockedSqlite(root)
    server.start()
    try:
        yield server
    finally:
        server.close()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def outage_app(server, tmp_path):
    """An app on that database, migrated, with the shipped lists cut short (as the ``lists`` fixture)."""
    config = app_config(server.url) | {
        "AUDIO_DIR": str(tmp_path / "audio"),
        "PHOTO_DIR": str(tmp_path / "photos"),
        # SQLite waits this long for a lock before it gives up (the default is 5 s).
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True}
        | ({"connect_args": {"timeout": 0.2}} if server.url.startswith("sqlite") else {}),
    }
    app = create_app(config)
    lists = tmp_path / "lists"
    lists.mkdir()
    for path in SHIPPED.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (lists / path.name).write_text("".join(lines[:13]) if path.stem != "article-overrides" else "".join(lines))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        ensure_sectors()
        wordlists.import_directory(lists, checker=resources(app).checker, now=utcnow())
        yield app
        db.session.remove()
        db.engine.dispose()


def answers_for(session: dict) -> list[dict]:
    now = utcnow()
    return [
        {
            "id": str(uuid.uuid4()),
            "card_id": e["card_id"],
            "answered_at": (now - timedelta(minutes=5 - i)).isoformat(),
            "result": "correct",
            "hint_used": False,
            "duration_ms": 2500,
        }
        for i, e in enumerate(session["exercises"])
    ]


def test_requests_while_the_database_is_away_answer_503_and_nothing_is_lost(outage_app, server, caplog):
    org = factories.organisation("Gemeente Storing")
    participant = factories.participant(org, "Amina", support_languages=["ar"], sectors=["algemeen"])
    phone = factories.headers(participant)
    db.session.commit()
    client = outage_app.test_client()
    session = client.post("/api/me/sessions", json={"size": 4}, headers=phone)
    assert session.status_code == 201, session.json
    batch = answers_for(session.json)

    db.session.remove()  # the test holds no connection of its own while the database is away
    server.stop()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        away = [
            client.post("/api/me/reviews", json={"events": batch}, headers=phone),
            client.post("/api/me/sessions", json={"size": 4}, headers=phone),
            client.get("/api/me", headers=phone),
        ]
    for response in away:
        assert response.status_code == 503, response.get_data(as_text=True)
        assert response.json["code"] == 503
        assert response.json["status"] == "Service Unavailable"
        assert (
            response.json["message"] == "We kunnen nu even niet bij de gegevens. Probeer het over een minuut opnieuw."
        )
        assert set(response.json) == {"code", "status", "message"}
        assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage().split(":")[0] for r in logged] == ["Database unavailable, answered 503"] * len(away)
    for record in logged:  # the kind of error, not the driver's words (they can quote a row, an address, a port)
        assert re.fullmatch(r"Database unavailable, answered 503: \w+ \([\w.]+(, [\w ]+)?\)", record.getMessage())
        assert str(getattr(server, "port", "no port")) not in record.getMessage()
    assert all(r.exc_info is None for r in logged), "one line each, no traceback"

    server.start()
    again = client.post("/api/me/reviews", json={"events": batch}, headers=phone)
    assert again.status_code == 200, again.json
    assert [r["status"] for r in again.json["results"]] == ["accepted"] * len(batch)
    assert db.session.scalar(select(func.count()).select_from(ReviewEvent)) == len(batch)
    once_more = client.post("/api/me/reviews", json={"events": batch}, headers=phone)
    assert [r["status"] for r in once_more.json["results"]] == ["duplicate"] * len(batch)
