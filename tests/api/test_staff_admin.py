"""Staff management by coordinators: list and search, create, edit, deactivate and reactivate, each role."""

import pytest
from sqlalchemy import func, select

from api.extensions import db
from api.models import AccountLink, User
from tests import factories

GOOD = "fietsen langs de grachten"


def as_(user):
    return factories.headers(user)


@pytest.mark.parametrize("caller", ["teacher", "coach", "participant"])
def test_only_coordinators_manage_staff(client, world, caller):
    headers = as_(getattr(world, caller))
    member = world.other_teacher.id
    assert client.get("/api/staff", headers=headers).status_code == 403
    assert client.get(f"/api/staff/{member}", headers=headers).status_code == 403
    body = {"role": "teacher", "name": "X", "email": "x@a.example"}
    assert client.post("/api/staff", json=body, headers=headers).status_code == 403
    assert client.patch(f"/api/staff/{member}", json={"name": "Y"}, headers=headers).status_code == 403
    assert client.post(f"/api/staff/{member}/reset-link", headers=headers).status_code == 403
    assert client.get("/api/staff").status_code == 401
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == "x@a.example")) == 0


def test_another_organisations_staff_and_participants_are_not_found(client, world):
    headers = as_(world.coordinator_b)
    for member in (world.teacher.id, world.coordinator.id, world.participant_b.id, 999999):
        assert client.get(f"/api/staff/{member}", headers=headers).status_code == 404
        assert client.patch(f"/api/staff/{member}", json={"active": False}, headers=headers).status_code == 404
        assert client.post(f"/api/staff/{member}/reset-link", headers=headers).status_code == 404
    assert db.session.get(User, world.teacher.id).active


def test_the_list_is_the_organisations_staff_by_name_searchable_and_paginated(client, world):
    headers = as_(world.coordinator)
    names = [s["name"] for s in client.get("/api/staff", headers=headers).json]
    assert names == ["Coach A", "Coördinator A", "Docent A", "Docent A2"]
    client.post("/api/staff", json={"role": "coach", "name": "Bram", "email": "bram@a.example"}, headers=headers)
    listed = {s["name"]: s for s in client.get("/api/staff", headers=headers).json}
    assert listed["Bram"]["password_set"] is False and listed["Bram"]["pending_link"]["purpose"] == "setup"
    assert listed["Docent A"]["password_set"] is True and listed["Docent A"]["pending_link"] is None
    names.insert(0, "Bram")
    found = client.get("/api/staff", query_string={"q": "docent"}, headers=headers)
    assert [s["name"] for s in found.json] == ["Docent A", "Docent A2"]
    assert client.get("/api/staff", query_string={"q": "%"}, headers=headers).json == []
    page = client.get("/api/staff", query_string={"page_size": 2, "page": 2}, headers=headers)
    assert [s["name"] for s in page.json] == ["Coördinator A", "Docent A"]
    assert '"total": 5' in page.headers["X-Pagination"]


def test_create_staff_refuses_bad_input_and_duplicates(client, world):
    headers = as_(world.coordinator)
    body = {"role": "coach", "name": "Bram", "email": "Bram@A.example"}
    created = client.post("/api/staff", json=body, headers=headers)
    assert created.status_code == 201 and created.json["staff"]["email"] == "bram@a.example"
    assert created.json["staff"]["role"] == "coach" and created.json["staff"]["is_editor"] is False
    again = client.post("/api/staff", json=body, headers=headers)  # a retry makes no second account
    assert again.status_code == 409 and again.json["errors"]["json"]["email"]
    participant = client.post(
        "/api/staff", json=body | {"role": "participant", "email": "p@a.example"}, headers=headers
    )
    assert participant.status_code == 422 and "role" in participant.json["errors"]["json"]
    editor = client.post("/api/staff", json=body | {"email": "e@a.example", "is_editor": True}, headers=headers)
    assert editor.status_code == 422  # the editor right is never given here
    blank = client.post("/api/staff", json=body | {"email": "b@a.example", "name": "   "}, headers=headers)
    assert blank.status_code == 422 and "name" in blank.json["errors"]["json"]
    assert db.session.scalar(select(func.count()).select_from(User).where(User.name == "Bram")) == 1
    assert db.session.scalar(select(func.count()).select_from(AccountLink)) == 1


def test_edit_name_email_and_role(client, world):
    headers = as_(world.coordinator)
    world.teacher.is_editor = True
    db.session.commit()
    url = f"/api/staff/{world.teacher.id}"
    changed = client.patch(url, json={"name": "Docent Anna", "email": "anna@a.example"}, headers=headers)
    assert changed.status_code == 200 and changed.json["name"] == "Docent Anna"
    taken = client.patch(url, json={"email": world.coach.email}, headers=headers)
    assert taken.status_code == 409
    coach = client.patch(url, json={"role": "coach"}, headers=headers)
    assert coach.json["role"] == "coach" and coach.json["is_editor"] is False  # editors are teachers/coordinators
    assert client.patch(url, json={}, headers=headers).status_code == 422
    assert client.patch(url, json={"is_editor": True}, headers=headers).status_code == 422
    assert (
        client.post("/api/auth/login", json={"email": "anna@a.example", "password": factories.PASSWORD}).json["user"][
            "role"
        ]
        == "coach"
    )


def test_deactivated_staff_are_logged_out_and_cannot_log_in_until_reactivated(client, world):
    teacher = world.teacher
    device = as_(teacher)
    assert client.get("/api/me", headers=device).status_code == 200
    url = f"/api/staff/{teacher.id}"
    off = client.patch(url, json={"active": False}, headers=as_(world.coordinator))
    assert off.status_code == 200 and off.json["active"] is False
    assert client.get("/api/me", headers=device).status_code == 401
    login = {"email": teacher.email, "password": factories.PASSWORD}
    assert client.post("/api/auth/login", json=login).status_code == 422
    on = client.patch(url, json={"active": True}, headers=as_(world.coordinator))
    assert on.json["active"] is True
    assert client.get("/api/me", headers=device).status_code == 401  # the old device stays logged out
    assert client.post("/api/auth/login", json=login).status_code == 200


def test_a_deactivated_users_existing_token_stops_working_at_once(client, world):
    """Even a token used just before: the check is made on every request, not at login."""
    coach_device = as_(world.coach)
    world.coach.active = False  # as if deactivated by another server, without the device sessions revoked
    db.session.commit()
    assert client.get("/api/me", headers=coach_device).status_code == 401


def test_a_coordinator_cannot_deactivate_or_demote_themselves(client, world):
    headers = as_(world.coordinator)
    url = f"/api/staff/{world.coordinator.id}"
    off = client.patch(url, json={"active": False}, headers=headers)
    assert off.status_code == 403 and "eigen account" in off.json["message"]
    assert client.patch(url, json={"role": "teacher"}, headers=headers).status_code == 403
    assert client.patch(url, json={"name": "Coördinator Anna"}, headers=headers).status_code == 200
    me = db.session.get(User, world.coordinator.id)
    assert me.active and me.role.value == "coordinator"


def test_a_coordinator_may_deactivate_another_coordinator(client, world):
    other = client.post(
        "/api/staff",
        json={"role": "coordinator", "name": "Tweede", "email": "tweede@a.example"},
        headers=as_(world.coordinator),
    ).json["staff"]
    off = client.patch(f"/api/staff/{other['id']}", json={"active": False}, headers=as_(world.coordinator))
    assert off.status_code == 200 and off.json["active"] is False
