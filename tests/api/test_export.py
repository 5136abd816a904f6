"""A participant's export: every table that references them (found from the schema), their photos, a README."""

import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from api.extensions import db
from api.models import AuditEntry, Consent, Observation, Sector, User, utcnow
from api.resources import resources
from api.services import assignments, audit, logins
from api.services.exports import DESCRIPTIONS, STAFF_COLUMNS, person_columns
from tests import factories
from vaktaal.privacy import AuditAction, ConsentPurpose, ConsentSource


@dataclass
class Full:
    """A participant with a row in every table that can reference them."""

    person: User
    visit_id: int
    observation_id: int
    photo: bytes


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


def upload_photo(client, user, observation_id, data: bytes):
    boundary, body = encode_multipart(MultiDict({"file": FileStorage(io.BytesIO(data), filename="x.jpg")}))
    return client.post(
        f"/api/observations/{observation_id}/photo",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=factories.headers(user),
    )


def fill_every_table(client, world, notes: str = "Kantoorschoonmaak") -> Full:
    """Amina (``world.participant``) with practice, an assignment, codes, devices, a consent, audit entries, a
    placement, and a visit with an observation (and its photo) for her."""
    person = world.participant
    sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
    workplace = factories.place(world.org_a, person, sector.id, "Glans").workplace
    logins.issue_login_code(person, issued_by=world.teacher, secret_key=resources().secret_key, now=utcnow())
    headers = factories.headers(person)
    session = client.post("/api/me/sessions", json={"size": 4}, headers=headers)
    assert session.status_code == 201, session.json
    events = [
        {"id": str(uuid.uuid4()), "card_id": e["card_id"], "answered_at": utcnow().isoformat(), "result": "correct"}
        for e in session.json["exercises"]
    ]
    assert client.post("/api/me/reviews", json={"events": events}, headers=headers).status_code == 200
    assignments.assign_terms(world.teacher, person, [session.json["exercises"][0]["term_id"]], now=utcnow())
    db.session.add(
        Consent(
            participant_id=person.id,
            purpose=ConsentPurpose.EMPLOYER_SUMMARY,
            given=True,
            source=ConsentSource.APP,
            recorded_by_id=person.id,
            recorded_at=utcnow(),
        )
    )
    audit.record(world.coach, AuditAction.VIEW, now=utcnow(), participant_id=person.id, object_kind="participant")
    db.session.commit()
    term_id = session.json["exercises"][-1]["term_id"]
    body = {
        "workplace_id": workplace.id,
        "date": date.today().isoformat(),
        "notes": notes,
        "participant_ids": [person.id],
        "observations": [{"term_id": term_id, "context": "Pak de dweil"}],
    }
    visit = client.post("/api/visits", json=body, headers=factories.headers(world.teacher))
    assert visit.status_code == 201, visit.json
    observation_id = visit.json["observations"][0]["id"]
    photo = upload_photo(client, world.teacher, observation_id, jpeg())
    assert photo.status_code == 200, photo.json
    stored = resources().photo_store.get(db.session.get(Observation, observation_id).photo_key)
    record_levels(client, world)
    return Full(person, visit.json["id"], observation_id, stored)


def record_levels(client, world) -> None:
    """Amina's levels: an intake and a correction of it by her teacher, a lowered target and a teacher's proposal."""
    url = f"/api/participants/{world.participant.id}"
    teacher, coordinator = factories.headers(world.teacher), factories.headers(world.coordinator)
    day = (date.today() - timedelta(days=1)).isoformat()
    body = {"skill": "speaking", "level": "A1", "date": day, "source": "intake", "note": "Spreekt in korte zinnen"}
    intake = client.post(f"{url}/assessments", json=body, headers=teacher)
    assert intake.status_code == 201, intake.json
    correction = client.post(
        f"{url}/assessments", json=body | {"level": "A1/A2", "corrects_id": intake.json["id"]}, headers=teacher
    )
    assert correction.status_code == 201, correction.json
    target = {"level": "A2", "reason": "Besluit gemeente"}
    assert client.put(f"{url}/targets/writing", json=target, headers=coordinator).status_code == 200
    proposal = {"skill": "speaking", "level": "A2", "reason": "Spreken gaat langzaam"}
    assert client.post(f"{url}/target-proposals", json=proposal, headers=teacher).status_code == 201


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_holds_every_table_that_references_the_participant(client, lists, world):
    full = fill_every_table(client, world)
    response = client.get(f"/api/participants/{full.person.id}/export", headers=factories.headers(world.coordinator))
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    files = read_zip(response.data)

    # Found from the schema: every column with a foreign key to users.id, less those that only point at staff.
    referencing = {
        table.name
        for table in db.metadata.sorted_tables
        for column in table.columns
        if any(fk.column.table.name == "users" for fk in column.foreign_keys)
        and f"{table.name}.{column.name}" not in STAFF_COLUMNS
    }
    assert referencing <= {table.name for table in person_columns()}
    for name in referencing | {"participant_sectors", "users"}:
        rows = json.loads(files[f"{name}.json"])
        assert rows, f"{name}.json is empty: give fill_every_table a row in {name}"
        assert name in DESCRIPTIONS, f"README.txt has no line for {name}.json"
    readme = files["README.txt"].decode()
    assert "cards.json" in readme and "bestanden/" in readme

    # The files themselves, never a signed URL; never a hash of a code or token.
    assert files[f"bestanden/foto-waarneming-{full.observation_id}.jpg"] == full.photo
    everything = b"".join(files.values())
    assert b"sig=" not in everything
    assert b"code_hash" not in everything and b"token_hash" not in everything
    observation = json.loads(files["observation_participants.json"])[0]
    assert observation["term"] and observation["context"] == "Pak de dweil"
    assert json.loads(files["users.json"])[0]["name"] == "Amina"
    assert json.loads(files["caseload.json"])[0]["coach"] == "Coach A"
    assert {r["term"] for r in json.loads(files["review_events.json"])}
    levels = json.loads(files["assessments.json"])
    assert [(r["level"], r["note"]) for r in levels] == [
        ("A1", "Spreekt in korte zinnen"),
        ("A1/A2", levels[1]["note"]),
    ]
    assert levels[1]["corrects_id"] == levels[0]["id"]
    assert {(r["level"], r["reason"], r["status"]) for r in json.loads(files["target_changes.json"])} == {
        ("A2", "Besluit gemeente", "in_force"),
        ("A2", "Spreken gaat langzaam", "proposed"),
    }


def test_the_export_is_audited_once(client, lists, world):
    full = fill_every_table(client, world)
    before = db.session.scalars(select(AuditEntry.id).where(AuditEntry.action == AuditAction.EXPORT)).all()
    response = client.get(f"/api/participants/{full.person.id}/export", headers=factories.headers(world.coordinator))
    assert response.status_code == 200
    db.session.expire_all()
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all()
    assert len(entries) == len(before) + 1
    entry = entries[-1]
    assert (entry.actor_id, entry.participant_id) == (world.coordinator.id, full.person.id)
    # The export's own entry is in the export's log.
    log = json.loads(read_zip(response.data)["audit_entries.json"])
    assert any(row["action"] == "export" for row in log)


def test_a_participant_downloads_their_own_data(client, lists, world):
    full = fill_every_table(client, world)
    response = client.get("/api/me/export", headers=factories.headers(full.person))
    assert response.status_code == 200 and response.mimetype == "application/zip"
    files = read_zip(response.data)
    assert json.loads(files["users.json"])[0]["id"] == full.person.id
    assert f"bestanden/foto-waarneming-{full.observation_id}.jpg" in files
    staff = client.get("/api/me/export", headers=factories.headers(world.coordinator))
    assert staff.status_code == 403


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator_b", 404), ("teacher", 403), ("coach", 403), ("participant", 403), ("other_participant", 403)],
)
def test_only_the_coordinator_of_their_organisation_exports_a_participant(client, world, who, status):
    response = client.get(
        f"/api/participants/{world.participant.id}/export", headers=factories.headers(getattr(world, who))
    )
    assert response.status_code == status
    assert response.json["code"] == status
    assert not db.session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all()
