"""The service contract (README, "Layout"): routes only parse, call and shape; services hold one transaction per use
case, never commit halfway, and never reach for Flask's request objects; every public link reaches its route; the
OpenAPI spec describes every response body."""

import ast
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from api import links
from api.extensions import db
from api.models import Organisation, Term, TermProposal, utcnow
from api.resources import resources
from api.services import in_transaction, people, proposals, terms, transaction
from tests import factories
from vaktaal.errors import Invalid
from vaktaal.wordlists import ProposalStatus

API = Path(__file__).resolve().parents[2] / "api"


def imported_names(path: Path) -> set[str]:
    """Every module and name a file imports, as "module" and "module.name"."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", sorted((API / "services").glob("*.py")), ids=lambda p: p.name)
def test_services_never_reach_for_the_request_or_the_app(path):
    flask = {name for name in imported_names(path) if name == "flask" or name.startswith("flask.")}
    assert flask == set(), f"{path.name} imports {flask}: pass what it needs as arguments"


@pytest.mark.parametrize("path", sorted((API / "routes").glob("*.py")), ids=lambda p: p.name)
def test_routes_never_query_or_commit(path):
    names = imported_names(path)
    database = {n for n in names if n == "sqlalchemy" or n.startswith("sqlalchemy.") or n == "api.extensions.db"}
    assert database == set(), f"{path.name} imports {database}: a service queries and commits"
    assert ".commit(" not in path.read_text()


@pytest.mark.parametrize("path", sorted((API / "schemas").glob("*.py")), ids=lambda p: p.name)
def test_schemas_never_call_a_service(path):
    services = {name for name in imported_names(path) if name == "api.services" or name.startswith("api.services.")}
    assert services == set(), f"{path.name} imports {services}: the service hands the route what the schema shows"


def test_the_readme_lists_every_setting_the_code_reads_with_its_default():
    """Besides DATABASE_URL and SECRET_KEY, a setting is a VAKTAAL_ variable (``from_prefixed_env``) with a row in
    the README's configuration table: name, default, meaning."""
    read = set()
    for path in [*API.rglob("*.py"), API.parent / "wsgi.py"]:
        read |= set(re.findall(r'config(?:\[|\.get\()"([A-Z0-9_]+)"', path.read_text()))
    assert {"DEMO", "PUBLIC_URL", "RATELIMIT_STORAGE_URI"} <= read
    readme = (API.parent / "README.md").read_text()
    listed = set(re.findall(r"^\| `VAKTAAL_([A-Z0-9_]+)` \| [^|]*\S[^|]* \| [^|]*\S", readme, re.MULTILINE))
    assert read - {"SECRET_KEY", "SQLALCHEMY_DATABASE_URI"} - listed == set()
    assert "from_prefixed_env(PREFIX)" in (API / "config.py").read_text()


def other_connection_count(model) -> int:
    """Rows of ``model`` as another connection sees them (only committed rows)."""
    engine = create_engine(db.engine.url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


def test_a_use_case_inside_another_joins_its_transaction_and_commits_once(ctx):
    with transaction():
        people.create_organisation("Gemeente Een")
        assert in_transaction()
        people.create_organisation("Gemeente Twee")
        assert other_connection_count(Organisation) == 0, "an inner use case committed on its own"
    assert not in_transaction()
    assert other_connection_count(Organisation) == 2


def test_a_failure_anywhere_in_a_use_case_rolls_all_of_it_back(ctx):
    with pytest.raises(Invalid), transaction():
        people.create_organisation("Gemeente Een")
        people.create_organisation("   ")  # Invalid: no name
    assert other_connection_count(Organisation) == 0
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_accepting_a_proposal_changes_the_term_and_the_proposal_together(lists, world):
    world.coordinator.is_editor = True
    db.session.commit()
    term = db.session.scalar(select(Term).where(Term.organisation_id.is_(None)).order_by(Term.id).limit(1))
    checker = resources().checker
    proposal = proposals.propose_change(
        world.teacher, term, {"theme": "nieuw-thema"}, "", checker=checker, now=utcnow()
    )
    old_theme = term.theme
    with pytest.raises(RuntimeError), transaction():
        proposals.decide_proposal(world.coordinator, proposal, accept=True, checker=checker, now=utcnow())
        raise RuntimeError("the process dies before the use case ends")
    db.session.expire_all()
    assert db.session.get(Term, term.id).theme == old_theme
    assert db.session.get(TermProposal, proposal.id).status is ProposalStatus.OPEN
    proposals.decide_proposal(world.coordinator, proposal, accept=True, checker=checker, now=utcnow())
    db.session.expire_all()
    assert db.session.get(Term, term.id).theme == "nieuw-thema"
    assert db.session.get(TermProposal, proposal.id).status is ProposalStatus.ACCEPTED


def test_an_edit_that_breaks_the_rules_changes_nothing(lists, world):
    entry = factories.entry(term="zeemlap")  # a word the shared list of `lists` does not have already
    term = terms.create_term(
        world.teacher, "schoonmaak", entry, shared=False, checker=resources().checker, now=utcnow()
    )
    with pytest.raises(Invalid):
        terms.update_term(
            world.teacher, term, {"example": "Geen voorbeeld met het woord."}, checker=resources().checker, now=utcnow()
        )
    db.session.expire_all()
    assert db.session.get(Term, term.id).example == entry.example


@pytest.mark.parametrize(
    ("link", "endpoint"),
    [
        (links.term_audio(7, "term", "abc", "sig"), "audio.TermAudio"),
        (links.term_audio(7, "example", "abc"), "audio.ExampleAudio"),
        (links.observation_photo(7, "sig"), "visits.ObservationPhoto"),
        (links.privacy_notice_audio("wat", "abc"), "consents.NoticeAudio"),
        (links.login("http://x", "ABCD").removeprefix("http://x"), "frontend.index"),
    ],
)
def test_every_public_link_reaches_its_route(app, link, endpoint):
    path = link.split("?")[0].split("#")[0]
    assert app.url_map.bind("").match(path, method="GET")[0] == endpoint


def untyped_properties(spec: dict) -> list[str]:
    """Response properties a generated client could not read: no type, no $ref, or an object of unknown shape."""
    found = []

    def walk(where: str, schema: dict) -> None:
        if "$ref" in schema or "enum" in schema:
            return
        if "anyOf" in schema or "oneOf" in schema:
            for option in schema.get("anyOf", schema.get("oneOf")):
                walk(where, option)
            return
        kind = schema.get("type")
        kinds = kind if isinstance(kind, list) else [kind]
        if kind is None:
            found.append(where)
        if "object" in kinds:
            extra = schema.get("additionalProperties")
            if not schema.get("properties") and not isinstance(extra, dict):
                found.append(where)
            if isinstance(extra, dict):
                walk(where + "{}", extra)
        if "array" in kinds:
            walk(where + "[]", schema.get("items", {}))
        for name, value in schema.get("properties", {}).items():
            walk(f"{where}.{name}", value)

    for name, schema in spec["components"]["schemas"].items():
        if not name.endswith(("In", "Query", "Changes", "Form", "Error", "PaginationMetadata")):
            walk(name, schema)
    return found


def test_the_openapi_spec_describes_every_response_body(client):
    spec = client.get("/api/openapi.json").json
    assert untyped_properties(spec) == []
    exercise = spec["components"]["schemas"]["ExerciseOut"]["properties"]
    assert {"prompt", "options", "answer", "options_kind"} <= set(exercise)
