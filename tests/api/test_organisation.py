"""The organisation's settings: staff read them, coordinators change them; retention follows them."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from api.extensions import db
from api.models import AuditEntry, Organisation, User, utcnow
from api.services import retention
from tests import factories
from vaktaal.privacy import AuditAction


@pytest.mark.parametrize("caller", ["teacher", "coach", "coordinator"])
def test_staff_read_their_organisation(client, world, caller):
    response = client.get("/api/organisation", headers=factories.headers(getattr(world, caller)))
    assert response.status_code == 200
    assert response.json["name"] == "Gemeente A" and response.json["timezone"] == "Europe/Amsterdam"
    assert response.json["retention_months"] is None and response.json["default_retention_months"] == 24


def test_participants_and_strangers_do_not(client, world):
    assert client.get("/api/organisation", headers=factories.headers(world.participant)).status_code == 403
    assert client.get("/api/organisation").status_code == 401


@pytest.mark.parametrize("caller", ["teacher", "coach", "participant"])
def test_only_coordinators_change_it(client, world, caller):
    headers = factories.headers(getattr(world, caller))
    assert client.patch("/api/organisation", json={"name": "Anders"}, headers=headers).status_code == 403
    assert db.session.get(Organisation, world.org_a.id).name == "Gemeente A"


def test_a_coordinator_changes_name_timezone_and_retention_of_their_own_organisation(client, world):
    headers = factories.headers(world.coordinator)
    body = {"name": "Gemeente Aa", "timezone": "Europe/Brussels", "retention_months": 12}
    response = client.patch("/api/organisation", json=body, headers=headers)
    assert response.status_code == 200 and response.json | body == response.json
    assert db.session.get(Organisation, world.org_b.id).name == "Gemeente B"
    back = client.patch("/api/organisation", json={"retention_months": None}, headers=headers)
    assert back.json["retention_months"] is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.object_kind == "organisation"))
    assert entry.action is AuditAction.CHANGE and entry.object_id == world.org_a.id and entry.participant_id is None


def test_a_coordinator_sets_the_thresholds_of_the_attention_flags_and_null_gives_the_default_back(client, world):
    headers = factories.headers(world.coordinator)
    read = client.get("/api/organisation", headers=headers)
    assert read.status_code == 200
    assert read.json["inactive_days"] is None and read.json["target_months_left"] is None
    assert read.json["default_thresholds"] == {
        "inactive_days": 7,
        "failing_terms": 3,
        "safety_behind": 5,
        "safety_grace_days": 14,
        "target_gap_steps": 2,
        "target_months_left": 6,
    }
    changed = client.patch("/api/organisation", json={"inactive_days": 3, "safety_behind": 0}, headers=headers)
    assert changed.status_code == 200
    assert (changed.json["inactive_days"], changed.json["safety_behind"], changed.json["failing_terms"]) == (3, 0, None)
    org = db.session.get(Organisation, world.org_a.id)
    assert (org.inactive_days, org.safety_behind) == (3, 0)
    back = client.patch("/api/organisation", json={"inactive_days": None}, headers=headers)
    assert back.status_code == 200 and back.json["inactive_days"] is None
    teacher = client.patch("/api/organisation", json={"inactive_days": 3}, headers=factories.headers(world.teacher))
    assert teacher.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"timezone": "Europe/Amsterdamm"}, "timezone"),
        ({"timezone": "../etc/passwd"}, "timezone"),
        ({"retention_months": 0}, "retention_months"),
        ({"retention_months": 121}, "retention_months"),
        ({"name": "   "}, "name"),
        ({"inactive_days": 0}, "inactive_days"),
        ({"failing_terms": 51}, "failing_terms"),
        ({"safety_behind": -1}, "safety_behind"),
        ({"target_gap_steps": 8}, "target_gap_steps"),
        ({}, None),
    ],
)
def test_bad_settings_are_refused_next_to_their_field_and_change_nothing(client, world, body, field):
    response = client.patch("/api/organisation", json=body, headers=factories.headers(world.coordinator))
    assert response.status_code == 422
    if field:
        assert field in response.json["errors"]["json"], response.json
    org = db.session.get(Organisation, world.org_a.id)
    assert (org.name, org.timezone, org.retention_months) == ("Gemeente A", "Europe/Amsterdam", None)


def test_another_organisations_name_is_taken(client, world):
    response = client.patch(
        "/api/organisation", json={"name": "Gemeente B"}, headers=factories.headers(world.coordinator)
    )
    assert response.status_code == 409 and "name" in response.json["errors"]["json"]


def test_retention_uses_the_organisations_own_period(world):
    now = utcnow()
    ended = now.date() - timedelta(days=400)  # about 13 months ago
    for person in (world.participant, world.participant_b):
        db.session.get(User, person.id).profile.ended_on = ended
    world.org_a.retention_months = 12
    db.session.commit()
    assert retention.participants_past_retention(now=now, months=24) == [world.participant.id]
    world.org_a.retention_months = None
    world.org_b.retention_months = 6
    db.session.commit()
    assert retention.participants_past_retention(now=now, months=24) == [world.participant_b.id]
    assert retention.participants_past_retention(now=now, months=1) == sorted(
        [world.participant.id, world.participant_b.id]
    )
    assert ended < date.today()
