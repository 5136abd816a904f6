"""Recording levels: one assessment (or a correction of one), a group's round from the grid, and the same from a test
provider's spreadsheet. A round and a file are stored whole or not at all, each bad cell or row named; the same
content sent again (a retry, a file uploaded twice) stores nothing new and answers with the records made first."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from api import access
from api.extensions import db
from api.models import Assessment, Group, User, group_teachers
from api.services import locks, use_case
from api.services.levels import AssessmentView, assessment_views, members_today
from api.services.terms import problems_as_errors
from vaktaal import csvsafe
from vaktaal.errors import Forbidden, Invalid
from vaktaal.exercises import Skill
from vaktaal.levels import SKILLS, AssessmentSource, Level, parse_level
from vaktaal.roles import Role
from vaktaal.text import MESSAGES, text_problem
from vaktaal.wordlists import Problem

FUTURE = "Deze datum ligt in de toekomst: een meting heeft al plaatsgevonden."
NOT_A_MEMBER = "Deze deelnemer zit vandaag niet in deze groep."
TEACHERS_OF_THE_GROUP = "Alleen de docenten van deze groep (of een coördinator) leggen een ronde vast."
MAX_CSV_BYTES = 1024 * 1024
MAX_ROWS = 1000


@dataclass(frozen=True)
class NewAssessment:
    """What one record says, as compared for a retry: the same content twice is one record."""

    participant_id: int
    skill: Skill
    level: Level
    date: date
    source: AssessmentSource
    test_name: str | None
    note: str | None
    corrects_id: int | None = None


@dataclass(frozen=True)
class Stored:
    created: int
    assessments: list[AssessmentView]


def _field_error(field: str, message: str) -> Invalid:
    return Invalid(message, errors={"json": {field: [message]}})


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _content(row: Assessment) -> NewAssessment:
    return NewAssessment(
        row.participant_id,
        row.skill,
        row.level,
        row.assessed_on,
        row.source,
        row.test_name,
        row.note,
        row.corrects_id,
    )


def _store(actor: User, records: list[NewAssessment], *, now: datetime) -> Stored:
    """Store the records that are not there yet, in one go, with the participants locked (two sendings of the same
    round at once: the second finds the first's records); the answer in the order given."""
    ids = sorted({r.participant_id for r in records})
    locks.lock(User, *ids)
    existing: dict[NewAssessment, Assessment] = {}
    rows = db.session.scalars(
        select(Assessment)
        .where(Assessment.participant_id.in_(ids), Assessment.assessed_on.in_({r.date for r in records}))
        .order_by(Assessment.recorded_at, Assessment.id)
    )
    for row in rows:
        existing.setdefault(_content(row), row)
    made = []
    for record in dict.fromkeys(records):
        if record not in existing:
            row = Assessment(
                participant_id=record.participant_id,
                skill=record.skill,
                level=record.level,
                assessed_on=record.date,
                source=record.source,
                test_name=record.test_name,
                note=record.note,
                corrects_id=record.corrects_id,
                recorded_at=now,
                recorded_by_id=actor.id,
            )
            existing[record] = row
            made.append(row)
    db.session.add_all(made)
    db.session.flush()
    ordered = [existing[r] for r in records]
    corrections = db.session.scalars(
        select(Assessment).where(Assessment.corrects_id.in_([row.id for row in ordered]))
    ).all()
    views = {v.id: v for v in assessment_views([*ordered, *corrections])}
    return Stored(len(made), [views[row.id] for row in ordered])


def _check_correction(participant: User, skill: Skill, corrects_id: int) -> None:
    """A correction names a record of the same participant and skill that no other record corrects yet."""
    corrected = db.session.get(Assessment, corrects_id)
    if corrected is None or corrected.participant_id != participant.id:
        raise _field_error("corrects_id", "Deze meting bestaat niet bij deze deelnemer.")
    if corrected.skill is not skill:
        raise _field_error(
            "corrects_id", f"Een correctie hoort bij dezelfde vaardigheid: die meting is van {SKILLS[corrected.skill]}."
        )
    later = db.session.scalar(select(Assessment.id).where(Assessment.corrects_id == corrects_id).limit(1))
    if later is not None:
        raise _field_error("corrects_id", "Deze meting is al gecorrigeerd: corrigeer de nieuwste meting.")


@use_case
def record_assessment(actor: User, participant: User, data: dict, *, now: datetime) -> AssessmentView:
    """Record one skill's level (``level`` as typed: "a2", "A1-A2"), or correct an earlier record (``corrects_id``,
    same participant and skill; the corrected one stays as history). The same content again stores nothing and
    answers with the record made first."""
    try:
        level = parse_level(data["level"])
    except ValueError as error:
        raise _field_error("level", str(error)) from None
    if data["date"] > access.local_today(actor, now):
        raise _field_error("date", FUTURE)
    record = NewAssessment(
        participant.id,
        data["skill"],
        level,
        data["date"],
        data["source"],
        _text(data.get("test_name")),
        _text(data.get("note")),
        data.get("corrects_id"),
    )
    locks.lock(User, participant.id)
    if record.corrects_id is not None and not _recorded(record):
        _check_correction(participant, record.skill, record.corrects_id)
    return _store(actor, [record], now=now).assessments[0]


def _same_content(record: NewAssessment) -> list:
    def equal(column, value):
        return column.is_(None) if value is None else column == value

    return [
        Assessment.participant_id == record.participant_id,
        Assessment.skill == record.skill,
        Assessment.level == record.level,
        Assessment.assessed_on == record.date,
        Assessment.source == record.source,
        equal(Assessment.test_name, record.test_name),
        equal(Assessment.note, record.note),
        equal(Assessment.corrects_id, record.corrects_id),
    ]


def _recorded(record: NewAssessment) -> bool:
    return db.session.scalar(select(Assessment.id).where(*_same_content(record)).limit(1)) is not None


def _check_teaches(actor: User, group: Group) -> None:
    if actor.role is Role.COORDINATOR:
        return
    teaches = select(group_teachers.c.group_id).where(
        group_teachers.c.group_id == group.id, group_teachers.c.teacher_id == actor.id
    )
    if db.session.scalar(teaches) is None:
        raise Forbidden(TEACHERS_OF_THE_GROUP)


def _count(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


@use_case
def record_round(actor: User, group: Group, data: dict, *, now: datetime) -> Stored:
    """A round of assessments for a group (the grid): one date, source and test name, a level per cell. Every cell
    valid, or nothing is stored: each bad cell is named by its index (``cells.<i>.level``, ``.participant_id``)."""
    _check_teaches(actor, group)
    today = access.local_today(actor, now)
    members = {p.id for p in members_today(group, today=today)}
    errors: dict = {}
    if data["date"] > today:
        errors["date"] = [FUTURE]
    cell_errors: dict[str, dict[str, list[str]]] = {}
    records, seen = [], set()
    for index, cell in enumerate(data["cells"]):
        problems: dict[str, list[str]] = {}
        if cell["participant_id"] not in members:
            problems["participant_id"] = [NOT_A_MEMBER]
        try:
            level = parse_level(cell["level"])
        except ValueError as error:
            problems["level"] = [str(error)]
        key = (cell["participant_id"], cell["skill"])
        if key in seen:
            problems["skill"] = ["Deze deelnemer heeft in deze ronde al een cel voor deze vaardigheid."]
        seen.add(key)
        if problems:
            cell_errors[str(index)] = problems
            continue
        records.append(
            NewAssessment(
                cell["participant_id"],
                cell["skill"],
                level,
                data["date"],
                data["source"],
                _text(data.get("test_name")),
                _text(cell.get("note")),
            )
        )
    if cell_errors:
        errors["cells"] = cell_errors
    if errors:
        wrong = _count(len(cell_errors), "cel klopt", "cellen kloppen") if cell_errors else "De datum klopt"
        raise Invalid(f"{wrong} niet; er is niets opgeslagen.", errors={"json": errors})
    return _store(actor, records, now=now)


# A test provider's spreadsheet

COLUMNS = ("participant", "skill", "level", "date", "source", "test_name")
REQUIRED = ("participant", "skill", "level", "date", "source")
ALIASES = {
    "deelnemer": "participant",
    "klantnummer": "participant",
    "ref": "participant",
    "id": "participant",
    "vaardigheid": "skill",
    "niveau": "level",
    "datum": "date",
    "bron": "source",
    "toets": "test_name",
    "test": "test_name",
    "naam_toets": "test_name",
}
SKILL_NAMES = {name: skill for skill, name in SKILLS.items()} | {skill.value: skill for skill in SKILLS}
SOURCE_NAMES = {source.value: source for source in AssessmentSource} | {
    "toets": AssessmentSource.TEST,
    "examen": AssessmentSource.EXAM,
    "observatie": AssessmentSource.OBSERVATION,
}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class ImportResult:
    created: int
    dry_run: bool
    rows: int
    assessments: list[AssessmentView]


def _members_by_key(members: list[User]) -> tuple[dict[str, User], dict[str, User]]:
    """The group's members by their client number and by their vaktaal id."""
    refs = {_key(p.profile.ref): p for p in members if p.profile and p.profile.ref}
    ids = {str(p.id): p for p in members}
    return refs, ids


def _read_row(line: int, cells: dict[str, str], members, today: date, problems: list[Problem]):
    before = len(problems)

    def problem(field: str, message: str) -> None:
        problems.append(Problem(field, message, line=line))

    for field, value in cells.items():
        issue = text_problem(value)
        if issue:
            problem(field, MESSAGES[issue])
    if len(problems) > before:
        return None
    for field in REQUIRED:
        if not cells.get(field, "").strip():
            problem(field, "Vul dit in.")
    if len(problems) > before:
        return None
    refs, ids = members
    who = cells["participant"].strip()
    person = refs.get(_key(who)) or ids.get(who)
    if person is None:
        problem("participant", f"Geen deelnemer van deze groep met klantnummer of nummer '{who}'.")
    skill = SKILL_NAMES.get(_key(cells["skill"]))
    if skill is None:
        problem("skill", f"Onbekende vaardigheid '{cells['skill'].strip()}': kies uit {', '.join(SKILLS.values())}.")
    level = None
    try:
        level = parse_level(cells["level"])
    except ValueError as error:
        problem("level", str(error))
    on = _date(cells["date"].strip())
    if on is None:
        problem("date", "Schrijf de datum als 2026-03-01 of 01-03-2026.")
    elif on > today:
        problem("date", FUTURE)
    source = SOURCE_NAMES.get(_key(cells["source"]))
    if source is None:
        choices = ", ".join(s.value for s in AssessmentSource)
        problem("source", f"Onbekende bron '{cells['source'].strip()}': kies uit {choices}.")
    test_name = _text(cells.get("test_name"))
    if test_name and len(test_name) > 120:
        problem("test_name", "Een toetsnaam heeft hoogstens 120 tekens.")
    if len(problems) > before:
        return None
    return NewAssessment(person.id, skill, level, on, source, test_name, None)


def parse_results(text: str, members: list[User], *, today: date) -> tuple[list[NewAssessment], list[Problem]]:
    """The rows of a results spreadsheet (``;`` or ``,`` separated), and the problems by line (the header is line
    1). A participant is found by the client number (``ref``) or the vaktaal id of a member of the group today, never
    by name."""
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text.split("\n", 1)[0]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        return [], [Problem("header", "Het bestand is leeg of onleesbaar.", line=1)]
    names = [ALIASES.get(_key(h).replace(" ", "_"), _key(h).replace(" ", "_")) for h in header]
    problems = [
        Problem("header", f"Onbekende kolom '{raw.strip()}': gebruik {', '.join(COLUMNS)}.", line=1)
        for raw, name in zip(header, names, strict=True)
        if name not in COLUMNS
    ]
    problems += [
        Problem("header", f"De kolom '{name}' ontbreekt in de eerste regel.", line=1)
        for name in REQUIRED
        if name not in names
    ]
    if problems:
        return [], problems
    keys = _members_by_key(members)
    records: list[NewAssessment] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(Problem("row", "Deze regel is onleesbaar.", line=reader.line_num))
            break
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            problems.append(
                Problem("row", f"Deze regel heeft {len(cells)} cellen; de eerste regel {len(names)}.", line=line)
            )
            continue
        values = {name: csvsafe.restore(cell) for name, cell in zip(names, cells, strict=False)}
        record = _read_row(line, values, keys, today, problems)
        if record is not None:
            records.append(record)
        if len(records) + len(problems) > MAX_ROWS:
            return [], [Problem("row", f"Hoogstens {MAX_ROWS} regels in een bestand.", line=line)]
    if not records and not problems:
        problems.append(Problem("row", "Er staan geen uitslagen in het bestand.", line=2))
    return records, problems


@use_case
def import_results(actor: User, group: Group, raw: bytes, *, now: datetime, dry_run: bool = False) -> ImportResult:
    """A round from a spreadsheet (columns participant, skill, level, date, source, test_name): every row valid, or
    nothing is stored (each bad row reported with its line and column). ``dry_run``: check only; ``created`` then
    says how many records the file would add (a row already recorded adds none)."""
    _check_teaches(actor, group)
    text = csvsafe.uploaded_text(raw, MAX_CSV_BYTES)
    today = access.local_today(actor, now)
    records, problems = parse_results(text, members_today(group, today=today), today=today)
    if problems:
        raise Invalid(
            f"{_count(len(problems), 'probleem', 'problemen')} in het bestand; er is niets opgeslagen.",
            errors=problems_as_errors(sorted(problems, key=lambda p: p.line), "rows"),
        )
    if dry_run:
        new = [r for r in dict.fromkeys(records) if not _recorded(r)]
        return ImportResult(len(new), True, len(records), [])
    stored = _store(actor, records, now=now)
    return ImportResult(stored.created, False, len(records), stored.assessments)
