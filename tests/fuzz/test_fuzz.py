"""Fuzzing the API from its own spec (schemathesis): every operation of /api/openapi.json, as a coordinator, a
teacher, a coach, a participant and without a token, must answer without a server error and as the spec says
(status, content type, headers, body).

The run is bounded and deterministic: a fixed seed, derandomized generation, a fixed number of examples per
operation (``FUZZ_EXAMPLES``), no example database. It runs on its own throwaway PostgreSQL database in
``make test`` (``scripts/with-postgres.sh``; ``make test-fuzz`` alone): an integer out of range or a NUL character
fails only there, as SQLite stores both. A failure names the operation and the role, and prints the request that
reproduces it as a curl command (its token shown as [Filtered]: log in as that role for one).
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from api import create_app
from api.extensions import db
from api.models import User, utcnow
from api.resources import resources
from api.services import demo
from api.services.logins import issue_token
from api.services.people import ensure_sectors
from api.services.wordlists import import_directory
from tests.conftest import app_config
from vaktaal.roles import Role

SEED = 20261201
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
ROLES = ["coordinator", "teacher", "coach", "participant", "anonymous"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# The largest id the demo data makes is below this: a generated id is folded into it now and then, so the fuzzer
# reaches real participants, terms, workplaces and visits, not only "not found".
REAL_IDS = 1200


def _database_url(folder: Path) -> str:
    return os.environ.get("VAKTAAL_TEST_DATABASE_URL") or f"sqlite:///{folder / 'fuzz.sqlite3'}"


FOLDER = Path(tempfile.mkdtemp(prefix="vaktaal-fuzz-"))
app = create_app(
    app_config(_database_url(FOLDER))
    | {"AUDIO_DIR": str(FOLDER / "audio"), "PHOTO_DIR": str(FOLDER / "photos"), "GTTS_TIMEOUT": 0}
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
schema.config.seed = SEED
schema.config.generation.update(max_examples=EXAMPLES, deterministic=True, database="none")


@schema.hook("map_path_parameters")
def _reach_real_rows(context, path_parameters):
    """Every third generated id becomes a small one that exists in the demo data (deterministic: from the value)."""
    if not path_parameters:
        return path_parameters
    return {name: _fold(value) for name, value in path_parameters.items()}


def _fold(value):
    if isinstance(value, int) and not isinstance(value, bool) and value % 3 == 0:
        return 1 + value % REAL_IDS
    return value


@pytest.fixture(scope="module")
def people():
    """The shipped wordlists and the demo organisation in the fuzz database; one user of each role."""
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        ensure_sectors()
        checker = resources(app).checker
        import_directory(Path(app.config["WORDLISTS_DIR"]), checker=checker, now=utcnow())
        demo.load_demo(checker=checker, secret_key=resources(app).secret_key, now=utcnow())
        chosen = {
            role.value: db.session.scalars(select(User).where(User.role == role).order_by(User.id)).first().id
            for role in (Role.COORDINATOR, Role.TEACHER, Role.COACH, Role.PARTICIPANT)
        }
        db.session.remove()
    yield chosen
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(FOLDER, ignore_errors=True)


@pytest.fixture
def headers(people, role):
    """A fresh login for each operation, so one that logs out or revokes devices leaves the next one logged in."""
    if role == "anonymous":
        return {}
    with app.app_context():
        token, _ = issue_token(db.session.get(User, people[role]), now=utcnow())
        db.session.commit()
        db.session.remove()
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_request_as_its_spec_says(case, role, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)
