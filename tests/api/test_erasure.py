"""Erasing a participant: no row in any table keeps their id (found from the schema), the audit keeps a pseudonym,
a wrong name changes nothing, twice is a 404; the preview, the programme end and removing a photo."""

import re

import pytest
from sqlalchemy import func, select, text

from api.extensions import db
from api.models import AuditEntry, Observation, User, Visit
from api.resources import resources
from api.services import erasure, transaction
from api.services.exports import STAFF_COLUMNS
from tests import factories
from tests.api.test_export import fill_every_table
from vaktaal.privacy import AuditAction


def rows_holding(user_id: int) -> dict[str, int]:
    """Every column with a foreign key to users.id (staff columns too), from the models' metadata: the rows that
    still hold this id."""
    found = {}
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                count = db.session.scalar(select(func.count()).select_from(table).where(column == user_id))
                if count:
                    found[f"{table.name}.{column.name}"] = count
    return found


def erase(client, coordinator, person_id, name):
    return client.delete(
        f"/api/participants/{person_id}", json={"confirm_name": name}, headers=factories.headers(coordinator)
    )


def test_erasure_leaves_no_row_that_references_the_participant(client, lists, world):
    full = fill_every_table(client, world)
    person_id = full.person.id
    before = rows_holding(person_id)
    # Every kind of row is there to be erased (the export test fills every table that can reference them).
    referencing = {
        f"{t.name}.{c.name}"
        for t in db.metadata.sorted_tables
        for c in t.columns
        if any(fk.column.table.name == "users" for fk in c.foreign_keys)
    } - STAFF_COLUMNS
    assert referencing - {"audit_entries.actor_id"} <= set(before), referencing - set(before)
    audit_before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    phone = factories.headers(full.person)

    response = erase(client, world.coordinator, person_id, "  amina ")
    assert response.status_code == 204, response.json
    db.session.expire_all()
    assert rows_holding(person_id) == {}
    assert db.session.get(User, person_id) is None
    # What is not theirs stays: the visit, the observation, the other participant.
    assert db.session.get(Visit, full.visit_id) is not None
    assert db.session.get(Observation, full.observation_id) is not None
    assert db.session.get(User, world.other_participant.id) is not None

    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.participant_pseudonym.is_not(None))).all()
    pseudonyms = {e.participant_pseudonym for e in entries}
    assert len(pseudonyms) == 1 and re.fullmatch(r"verwijderd-[0-9a-f]{6}", pseudonyms.pop())
    assert all(e.participant_id is None for e in entries)
    erased = [e for e in entries if e.action is AuditAction.ERASE]
    assert len(erased) == 1 and erased[0].actor_id == world.coordinator.id
    assert any(e.action is AuditAction.VIEW for e in entries)  # the coach's look, kept under the pseudonym
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) >= audit_before + 1
    # The erased person's phone is logged out: its token no longer exists.
    assert client.get("/api/me", headers=phone).status_code == 401

    again = erase(client, world.coordinator, person_id, "Amina")
    assert again.status_code == 404
    assert again.json["code"] == 404


def test_a_wrong_name_changes_nothing(client, lists, world):
    full = fill_every_table(client, world)
    before = rows_holding(full.person.id)
    response = erase(client, world.coordinator, full.person.id, "Yonas")
    assert response.status_code == 422
    assert "confirm_name" in response.json["errors"]["json"]
    assert "naam" in response.json["message"]
    db.session.expire_all()
    assert rows_holding(full.person.id) == before
    assert not db.session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.ERASE)).all()
    missing = client.delete(
        f"/api/participants/{full.person.id}", json={}, headers=factories.headers(world.coordinator)
    )
    assert missing.status_code == 422


@pytest.mark.parametrize(("who", "status"), [("coordinator_b", 404), ("teacher", 403), ("coach", 403)])
def test_only_their_coordinator_erases_a_participant(client, world, who, status):
    response = erase(client, getattr(world, who), world.participant.id, "Amina")
    assert response.status_code == status
    preview = client.get(
        f"/api/participants/{world.participant.id}/erasure", headers=factories.headers(getattr(world, who))
    )
    assert preview.status_code == status
    db.session.expire_all()
    assert db.session.get(User, world.participant.id) is not None


def test_the_preview_counts_and_shows_notes_that_name_them_and_photos(client, lists, world):
    full = fill_every_table(client, world, notes="Amina werkte goed mee met de dweil.")
    response = client.get(f"/api/participants/{full.person.id}/erasure", headers=factories.headers(world.coordinator))
    assert response.status_code == 200, response.json
    body = response.json
    counts = {c["kind"]: c["count"] for c in body["counts"]}
    assert counts["cards"] >= 1 and counts["review_events"] >= 1 and counts["visit_participants"] == 1
    labels = {c["kind"]: c["label"] for c in body["counts"]}
    assert labels["participant_profiles"] == "profiel" and labels["visit_participants"] == "bezoek (koppeling)"
    assert labels["review_events"] == ("antwoord" if counts["review_events"] == 1 else "antwoorden")
    assert body["audit_entries"] >= 1
    assert [(m["kind"], m["visit_id"]) for m in body["mentions"]] == [("visit", full.visit_id)]
    assert "Amina" in body["mentions"][0]["text"]
    assert [p["observation_id"] for p in body["photos"]] == [full.observation_id]
    assert "sig=" in body["photos"][0]["photo_url"]
    assert not db.session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.ERASE)).all()


def test_a_coordinator_removes_a_photo_and_its_file(client, lists, world):
    full = fill_every_table(client, world)
    key = db.session.get(Observation, full.observation_id).photo_key
    assert resources().photo_store.exists(key)
    teacher = client.delete(f"/api/observations/{full.observation_id}/photo", headers=factories.headers(world.teacher))
    assert teacher.status_code == 403
    response = client.delete(
        f"/api/observations/{full.observation_id}/photo", headers=factories.headers(world.coordinator)
    )
    assert response.status_code == 200, response.json
    assert response.json["photo_url"] is None
    assert not resources().photo_store.exists(key)
    again = client.delete(
        f"/api/observations/{full.observation_id}/photo", headers=factories.headers(world.coordinator)
    )
    assert again.status_code == 200


def test_a_photo_taken_off_in_a_change_that_fails_keeps_its_file(client, lists, world):
    """The file goes only once the change is committed: a use case that fails after taking the photo off leaves
    both the row and the file as they were."""
    full = fill_every_table(client, world)
    observation = db.session.get(Observation, full.observation_id)
    key = observation.photo_key
    with pytest.raises(RuntimeError), transaction():
        erasure.remove_photo(resources(), observation)
        raise RuntimeError("the commit never comes")
    db.session.expire_all()
    assert db.session.get(Observation, full.observation_id).photo_key == key
    assert resources().photo_store.exists(key)
    erasure.remove_photo(resources(), db.session.get(Observation, full.observation_id))
    assert not resources().photo_store.exists(key)


def test_a_coordinator_marks_and_clears_the_programme_end(client, world):
    url = f"/api/participants/{world.participant.id}"
    response = client.patch(url, json={"ended_on": "2026-03-31"}, headers=factories.headers(world.coordinator))
    assert response.status_code == 200, response.json
    assert response.json["profile"]["ended_on"] == "2026-03-31"
    cleared = client.patch(url, json={"ended_on": None}, headers=factories.headers(world.coordinator))
    assert cleared.status_code == 200 and cleared.json["profile"]["ended_on"] is None
    assert (
        client.patch(url, json={"ended_on": "2026-03-31"}, headers=factories.headers(world.teacher)).status_code == 403
    )
    assert client.patch(url, json={}, headers=factories.headers(world.coordinator)).status_code == 422
    db.session.expire_all()
    assert (
        db.session.scalar(
            text("SELECT ended_on FROM participant_profiles WHERE user_id = :id"), {"id": world.participant.id}
        )
        is None
    )


def test_the_preview_counts_groups_and_coaches_not_stints(client, world):
    """Two stints in one group (left and came back) are one group; two periods with one coach are one coach."""
    from datetime import date, timedelta

    from api.models import caseload, group_participants

    person = factories.participant(world.org_a, "Rahel")
    group = factories.group(world.org_a, [world.teacher], [], "Groep R")
    today = date.today()
    for start, end in ((today - timedelta(days=60), today - timedelta(days=30)), (today - timedelta(days=10), None)):
        db.session.execute(
            group_participants.insert().values(
                group_id=group.id, participant_id=person.id, joined_on=start, left_on=end
            )
        )
        db.session.execute(
            caseload.insert().values(coach_id=world.coach.id, participant_id=person.id, started_on=start, ended_on=end)
        )
    db.session.commit()
    response = client.get(f"/api/participants/{person.id}/erasure", headers=factories.headers(world.coordinator))
    assert response.status_code == 200, response.json
    counts = {c["kind"]: (c["count"], c["label"]) for c in response.json["counts"]}
    assert counts["group_participants"] == (1, "groep")
    assert counts["caseload"] == (1, "jobcoach")
