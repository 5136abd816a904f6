"""Migration 0008: the "-" a visit saved for a plural nobody gave becomes unknown; a plural anyone chose stays."""

from datetime import datetime

from flask_migrate import upgrade
from sqlalchemy import text

from api import create_app
from api.extensions import db
from tests.conftest import app_config

BEFORE = "5b8e2d41c7a3"
# Stored as SQLite stores UTC datetimes (api.models.types.UTCDateTime): naive, in UTC.
CREATED = datetime(2026, 1, 5, 9, 0)
EDITED = datetime(2026, 1, 6, 9, 0)


def test_a_visit_nouns_dash_plural_becomes_unknown_unless_someone_chose_it(tmp_path):
    app = create_app(app_config(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision=BEFORE)
        run = db.session.execute
        run(
            text("INSERT INTO organisations (id, name, signing_key, created_at) VALUES (1, 'A', 'k', :t)"),
            {"t": CREATED},
        )
        run(text("INSERT INTO sectors (id, slug, name, position) VALUES (1, 'schoonmaak', 'Schoonmaak', 1)"))
        run(
            text(
                "INSERT INTO workplaces (id, organisation_id, employer, site, sector_id, created_at) "
                "VALUES (1, 1, 'Glans', '', 1, :t)"
            ),
            {"t": CREATED},
        )
        rows = [
            # key, organisation, workplace, pos, plural, updated_at
            ("heard", 1, 1, "noun", "-", CREATED),  # saved by a visit without a plural: the claim goes
            ("edited", 1, 1, "noun", "-", EDITED),  # a teacher edited it since: their "-" stays
            ("shared", None, None, "noun", "-", CREATED),  # the shared lists say "-" on purpose
            ("form", 1, None, "noun", "-", CREATED),  # made with the term form, where "-" was typed
            ("known", 1, 1, "noun", "sponzen", CREATED),
        ]
        for key, organisation, workplace, pos, plural, updated in rows:
            run(
                text(
                    "INSERT INTO terms (sector_id, organisation_id, workplace_id, key, term, article, plural, pos, "
                    "level, theme, example, safety, translations, frequency, origin, position, retired, "
                    "edited_since_import, created_at, updated_at) VALUES (1, :o, :w, :k, :k, 'de', :p, :pos, 'A2', "
                    "'werkplek', :k, false, '{}', 0, 'app', 0, false, false, :c, :u)"
                ),
                {"o": organisation, "w": workplace, "k": key, "p": plural, "pos": pos, "c": CREATED, "u": updated},
            )
        db.session.commit()
        upgrade(directory=directory)
        plurals = dict(run(text("SELECT key, plural FROM terms")).all())
        assert plurals == {"heard": None, "edited": "-", "shared": "-", "form": "-", "known": "sponzen"}
        db.session.remove()
        db.engine.dispose()
