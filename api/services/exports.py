"""A participant's data, all of it, as one zip: the right of access (AVG art. 15) and of portability (art. 20).

The export is complete by construction: it walks the schema (``person_columns``) and writes every row of every
table that references the person, so a table added later is exported without anyone remembering to. Secrets (the
hashes of login codes and tokens) are left out; files (photos of the words heard for them) go in as files, never as
signed URLs, which would keep granting access after the export has been handed over.
"""

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from sqlalchemy import Column, Table, or_, select

from api.extensions import db
from api.models import (
    Card,
    Group,
    Observation,
    Organisation,
    Sector,
    Term,
    User,
    Visit,
    Workplace,
    observation_participants,
)
from api.resources import Resources
from api.services import audit, use_case
from vaktaal.privacy import AuditAction

# Columns to users.id that only ever hold a staff member's id (who issued, assigned, recorded, decided, uploaded;
# the other side of a group or a caseload; a staff member's own recovery codes). A participant's id is never in
# them, so a participant's export and erasure need not look there. Every other column to users.id is a person
# column: a new one is exported and erased without further ado (tests/api/test_export.py and test_erasure.py).
STAFF_COLUMNS = frozenset(
    {
        "login_codes.issued_by_id",
        "assignments.assigned_by_id",
        "visits.recorded_by_id",
        "observations.created_by_id",
        "observations.decided_by_id",
        "term_proposals.proposed_by_id",
        "term_proposals.decided_by_id",
        # Recordings are uploaded by staff only; a participant's own speaking practice never leaves the phone.
        "audio_recordings.uploaded_by_id",
        "group_teachers.teacher_id",
        "caseload.coach_id",
        "recovery_codes.user_id",  # staff's second factor
        "account_links.user_id",  # staff's one-time password links
        "account_links.issued_by_id",
        # Levels: who recorded an assessment, who set, proposed or decided a target (teachers, coordinators).
        "assessments.recorded_by_id",
        "target_changes.recorded_by_id",
        "target_changes.decided_by_id",
    }
)

# Never exported: secrets that would help someone log in as the person, and bookkeeping of the phone's retries.
SECRET_COLUMNS = frozenset(
    {"code_hash", "token_hash", "keyed", "password_hash", "totp_secret", "totp_last_step", "client_digest"}
)

# What each file holds, in plain Dutch, for README.txt. A table without a line here is still exported (the test
# asks for a line, so the README stays complete).
DESCRIPTIONS = {
    "users": "Wie je bent in Vaktaal: je naam, je organisatie, sinds wanneer je account bestaat.",
    "participant_profiles": "Je profiel: je talen, je leerroute, je startdatum, je tijdzone, hoeveel nieuwe "
    "woorden per dag, en wanneer je traject eindigde.",
    "participant_sectors": "De sectoren (soorten werk) waarvan je de woorden leert.",
    "group_participants": "De groepen (klassen) waarin je zit.",
    "caseload": "Je jobcoach(es).",
    "placements": "De werkplekken waar je werkt of werkte, met de data.",
    "cards": "Wat je van elk woord weet, per vaardigheid (luisteren, lezen, schrijven, spreken): de planning van "
    "het oefenen.",
    "review_events": "Al je antwoorden bij het oefenen: wanneer, welk woord, goed of fout.",
    "practice_sessions": "Wanneer je oefende en hoeveel oefeningen je kreeg.",
    "practice_days": "Per dag dat je oefende: hoeveel antwoorden, hoeveel goed, en hoeveel woorden je die dag leerde.",
    "assignments": "De woorden die je docent voor jou koos.",
    "visit_participants": "De werkplekbezoeken van je docent of coach waarbij jij was.",
    "observation_participants": "De woorden die je docent op je werk hoorde, voor jou. Foto's staan in de map "
    "bestanden.",
    "login_codes": "Je inlogcodes: wanneer ze gemaakt en ingetrokken zijn (niet de codes zelf).",
    "device_sessions": "De telefoons en computers waarop je bent ingelogd, met de data (niet de sleutels).",
    "assessments": "Je niveaus per vaardigheid (lezen, luisteren, spreken, gesprekken voeren, schrijven): wanneer "
    "een toets, examen of docent ze vaststelde, en de aantekening van je docent.",
    "target_changes": "Je doelen per vaardigheid als ze anders zijn dan die van je route: welk niveau, waarom en "
    "sinds wanneer, en voorstellen daarvoor.",
    "consents": "Je toestemmingen: waarvoor, gegeven of ingetrokken, wanneer en hoe.",
    "audit_entries": "Wie jouw gegevens bekeek of veranderde, en wanneer (het logboek).",
}

README_HEAD = """Jouw gegevens in Vaktaal
========================

Dit zijn alle gegevens die Vaktaal over jou bewaart, op {day}.
De bestanden zijn JSON: tekst die een computer kan lezen. Je kunt ze openen met een teksteditor.
Heb je vragen? Vraag het je docent, je coach of de coordinator van je organisatie.

De bestanden:
"""

README_FILES = """
bestanden/  De foto's van de woorden die je docent op je werk hoorde, voor jou.

Opnames van jouw stem bij het oefenen blijven op je telefoon. Die staan niet in Vaktaal.
"""


def _key(column: Column) -> str:
    return f"{column.table.name}.{column.name}"


def person_columns() -> dict[Table, list[Column]]:
    """Every table with a column that holds a participant's id, and those columns, found from the schema: a
    foreign key to ``users.id``, or to a table keyed by one (``participant_sectors`` -> ``participant_profiles``),
    except the columns that only ever point at staff (``STAFF_COLUMNS``). In dependency order (parents first)."""
    keys = {db.metadata.tables["users"].c.id}
    found: dict[Table, list[Column]] = {}
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if _key(column) in STAFF_COLUMNS:
                continue
            if any(fk.column in keys for fk in column.foreign_keys):
                found.setdefault(table, []).append(column)
                if list(table.primary_key.columns) == [column]:
                    keys.add(column)  # a table keyed by the person: what references it is theirs too
    return found


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(table: Table, columns: list[Column], person_id: int) -> list[dict]:
    order = list(table.primary_key.columns)
    query = select(table).where(or_(*(column == person_id for column in columns))).order_by(*order)
    return [
        {name: _plain(value) for name, value in row._mapping.items() if name not in SECRET_COLUMNS}
        for row in db.session.execute(query)
    ]


def _names(model, ids: set, *columns) -> dict:
    if not ids:
        return {}
    return {row[0]: row[1:] for row in db.session.execute(select(model.id, *columns).where(model.id.in_(ids)))}


def _add_context(table: str, rows: list[dict]) -> None:
    """Words next to the ids, so the person can read the files: the term, the group, the coach, the workplace."""
    if table in ("cards", "assignments"):
        terms = _names(Term, {r["term_id"] for r in rows}, Term.term)
        for r in rows:
            r["term"] = terms[r["term_id"]][0]
    elif table == "review_events":
        cards = {
            row.id: (row.term, row.skill.value)
            for row in db.session.execute(
                select(Card.id, Term.term, Card.skill)
                .join(Term, Term.id == Card.term_id)
                .where(Card.id.in_({r["card_id"] for r in rows}))
            )
        }
        for r in rows:
            r["term"], r["skill"] = cards[r["card_id"]]
    elif table == "group_participants":
        groups = _names(Group, {r["group_id"] for r in rows}, Group.name)
        for r in rows:
            r["group"] = groups[r["group_id"]][0]
    elif table == "caseload":
        coaches = _names(User, {r["coach_id"] for r in rows}, User.name)
        for r in rows:
            r["coach"] = coaches[r["coach_id"]][0]
    elif table == "placements":
        places = _names(Workplace, {r["workplace_id"] for r in rows}, Workplace.employer, Workplace.site)
        for r in rows:
            r["employer"], r["site"] = places[r["workplace_id"]]
    elif table == "participant_sectors":
        sectors = _names(Sector, {r["sector_id"] for r in rows}, Sector.slug)
        for r in rows:
            r["sector"] = sectors[r["sector_id"]][0]
    elif table == "visit_participants":
        visits = {
            row.id: (row.date.isoformat(), row.employer)
            for row in db.session.execute(
                select(Visit.id, Visit.date, Workplace.employer)
                .join(Workplace, Workplace.id == Visit.workplace_id)
                .where(Visit.id.in_({r["visit_id"] for r in rows}))
            )
        }
        for r in rows:
            r["date"], r["employer"] = visits[r["visit_id"]]
    elif table == "users":
        organisations = _names(Organisation, {r["organisation_id"] for r in rows}, Organisation.name)
        for r in rows:
            r["organisation"] = organisations[r["organisation_id"]][0]


def _observations(person_id: int) -> list[Observation]:
    """The observations heard for the person, oldest first."""
    linked = select(observation_participants.c.observation_id).where(
        observation_participants.c.participant_id == person_id
    )
    return list(db.session.scalars(select(Observation).where(Observation.id.in_(linked)).order_by(Observation.id)))


def photo_name(observation: Observation) -> str:
    return f"bestanden/foto-waarneming-{observation.id}.jpg"


@dataclass(frozen=True)
class Export:
    filename: str
    data: bytes


def _files(person: User, resources: Resources) -> Iterator[tuple[str, bytes]]:
    users = db.metadata.tables["users"]
    yield "users.json", _json(_with_context("users", _rows(users, [users.c.id], person.id)))
    for table, columns in person_columns().items():
        rows = _rows(table, columns, person.id)
        if table.name == "observation_participants":
            details = {o.id: o for o in _observations(person.id)}
            for r in rows:
                observation = details[r["observation_id"]]
                r.update(
                    term=observation.term.term,
                    context=observation.context,
                    visit_date=observation.visit.date.isoformat(),
                    employer=observation.visit.workplace.employer,
                    created_at=_plain(observation.created_at),
                    photo=photo_name(observation) if observation.photo_key else None,
                )
        else:
            _add_context(table.name, rows)
        yield f"{table.name}.json", _json(rows)
    for observation in _observations(person.id):
        if observation.photo_key:
            data = resources.photo_store.get(observation.photo_key)
            if data is not None:
                yield photo_name(observation), data


def _with_context(table: str, rows: list[dict]) -> list[dict]:
    _add_context(table, rows)
    return rows


def _json(rows: list[dict]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8")


def _readme(names: list[str], *, today: date) -> bytes:
    lines = [README_HEAD.format(day=today.isoformat())]
    for name in names:
        if name.endswith(".json"):
            lines.append(f"{name}\n    {DESCRIPTIONS.get(name.removesuffix('.json'), 'Gegevens over jou.')}\n")
    lines.append(README_FILES)
    return "".join(lines).encode("utf-8")


@use_case
def export_participant(actor: User, person: User, *, resources: Resources, now: datetime) -> Export:
    """Everything Vaktaal keeps about a participant, as a zip of JSON files, the photos and a README in Dutch.
    Audited as an ``export`` (one entry, with the export written by ``actor``: a coordinator or the person)."""
    audit.record(
        actor,
        AuditAction.EXPORT,
        now=now,
        participant_id=person.id,
        object_kind="participant",
        object_id=person.id,
        organisation_id=person.organisation_id,
    )
    db.session.flush()  # the export's own entry is in the export's log
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        names = []
        for name, data in _files(person, resources):
            archive.writestr(name, data)
            names.append(name)
        archive.writestr("README.txt", _readme(names, today=now.date()))
    return Export(f"vaktaal-gegevens-{person.id}-{now.date().isoformat()}.zip", buffer.getvalue())
