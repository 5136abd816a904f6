"""Shared fixtures: a real database (SQLite by default, PostgreSQL when VAKTAAL_TEST_DATABASE_URL is set)."""

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from api import create_app
from api.extensions import db, limiter
from api.services.people import ensure_sectors

KEEP_TABLES = {"sectors", "alembic_version"}


def app_config(database_url: str) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test",
        "DEMO": False,
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return os.environ.get("VAKTAAL_TEST_DATABASE_URL") or (
        "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    )


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """One app for the session, its schema built by the real migrations."""
    media = {"AUDIO_DIR": str(tmp_path_factory.mktemp("audio")), "PHOTO_DIR": str(tmp_path_factory.mktemp("photos"))}
    app = create_app(app_config(database_url) | media)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        ensure_sectors()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def make_app(database_url):
    """``make_app(config)``: an app of the test's own on the test database, with the given settings on top. Its
    pooled connections are closed when the test ends: one left to the garbage collector warns (psycopg) in
    whichever later test happens to collect it, and fails that test."""
    made = []

    def make(config: dict | None = None):
        new = create_app(app_config(database_url) | (config or {}))
        made.append(new)
        return new

    yield make
    for each in made:
        with each.app_context():
            db.session.remove()
            db.engine.dispose()


def clean_database() -> None:
    """Remove every row except the fixed reference data, in an order the foreign keys accept."""
    db.session.rollback()
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("TRUNCATE " + ", ".join(t.name for t in tables) + " RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def ctx(app):
    """An app context with a clean database, for tests that set up data through the models."""
    with app.app_context():
        clean_database()
        limiter.reset()
        yield
        db.session.remove()


@pytest.fixture
def client(app, ctx):
    return app.test_client()


@pytest.fixture
def runner(app, ctx):
    return app.test_cli_runner()
