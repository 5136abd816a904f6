"""A coordinator runs groups and caseloads: groups with dates and teachers, members joining and leaving on dates
(history kept, rejoining is a new stint), coaches' caseloads the same way. Teachers read their own groups."""

from datetime import timedelta

from api import access
from tests import factories


def create_group(client, world, **body):
    body = {"name": "Groep Maandag", "start_date": "2026-09-07", "teacher_ids": [world.teacher.id]} | body
    response = client.post("/api/groups", json=body, headers=factories.headers(world.coordinator))
    assert response.status_code == 201, response.json
    return response.json


def test_a_coordinator_creates_and_changes_a_group(client, world):
    group = create_group(client, world)
    assert group["name"] == "Groep Maandag" and group["start_date"] == "2026-09-07"
    assert [t["name"] for t in group["teachers"]] == ["Docent A"] and group["participants"] == []
    changes = {"end_date": "2027-07-02", "teacher_ids": [world.other_teacher.id, world.teacher.id]}
    response = client.patch(f"/api/groups/{group['id']}", json=changes, headers=factories.headers(world.coordinator))
    assert response.status_code == 200, response.json
    assert response.json["end_date"] == "2027-07-02"
    assert [t["name"] for t in response.json["teachers"]] == ["Docent A", "Docent A2"]


def test_group_fields_are_checked_and_nothing_changes_on_a_bad_request(client, world):
    headers = factories.headers(world.coordinator)
    bad = client.post(
        "/api/groups", json={"name": "Groep X", "start_date": "2026-09-07", "end_date": "2026-01-01"}, headers=headers
    )
    assert bad.status_code == 422 and "end_date" in bad.json["errors"]["json"], bad.json
    not_a_teacher = client.post(
        "/api/groups", json={"name": "Groep X", "teacher_ids": [world.coach.id]}, headers=headers
    )
    assert not_a_teacher.status_code == 422 and "teacher_ids" in not_a_teacher.json["errors"]["json"]
    listed = client.get("/api/groups", query_string={"q": "groep x"}, headers=headers)
    assert listed.status_code == 200 and listed.json == []


def test_groups_are_searchable_and_paginated(client, world):
    for name in ("Avondgroep", "Ochtendgroep", "Middaggroep"):
        create_group(client, world, name=name)
    headers = factories.headers(world.coordinator)
    found = client.get("/api/groups", query_string={"q": "DAG"}, headers=headers)
    assert [g["name"] for g in found.json] == ["Middaggroep"]
    page = client.get("/api/groups", query_string={"page_size": 2, "page": 2}, headers=headers)
    assert page.status_code == 200 and "X-Pagination" in page.headers
    assert len(page.json) == 2  # five groups: Avond, Groep 1, Groep 2, Middag, Ochtend


def test_members_join_and_leave_on_dates_and_the_history_is_kept(client, world):
    group = create_group(client, world)
    headers = factories.headers(world.coordinator)
    today = access.local_today(world.coordinator)
    members = f"/api/groups/{group['id']}/members"
    yonas = world.other_participant.id
    joined = client.post(members, json={"participant_id": yonas, "joined_on": "2026-01-05"}, headers=headers)
    assert joined.status_code == 201 and joined.json["current"] is True, joined.json
    again = client.post(members, json={"participant_id": yonas, "joined_on": "2026-01-05"}, headers=headers)
    assert again.status_code == 201  # a retry changes nothing
    twice = client.post(members, json={"participant_id": yonas, "joined_on": "2026-02-01"}, headers=headers)
    assert twice.status_code == 409 and "joined_on" in twice.json["errors"]["json"]
    too_early = client.post(f"{members}/{yonas}/leave", json={"left_on": "2025-12-31"}, headers=headers)
    assert too_early.status_code == 422 and "left_on" in too_early.json["errors"]["json"]
    left_on = (today - timedelta(days=30)).isoformat()
    left = client.post(f"{members}/{yonas}/leave", json={"left_on": left_on}, headers=headers)
    assert left.status_code == 200 and left.json["left_on"] == left_on and left.json["current"] is False
    rejoined = client.post(members, json={"participant_id": yonas}, headers=headers)
    assert rejoined.status_code == 201 and rejoined.json["joined_on"] == today.isoformat()
    history = client.get(members, headers=headers)
    assert history.status_code == 200
    stints = [(m["participant"]["name"], m["joined_on"], m["left_on"], m["current"]) for m in history.json]
    assert stints == [("Yonas", today.isoformat(), None, True), ("Yonas", "2026-01-05", left_on, False)]


def test_leaving_a_group_one_is_not_in_is_a_conflict(client, world):
    group = create_group(client, world)
    url = f"/api/groups/{group['id']}/members/{world.participant.id}/leave"
    response = client.post(url, json={}, headers=factories.headers(world.coordinator))
    assert response.status_code == 409 and "Amina" in response.json["message"]


def test_a_teacher_reads_her_own_groups_only_and_may_not_manage_them(client, world):
    own = create_group(client, world)
    other = create_group(client, world, name="Groep Dinsdag", teacher_ids=[world.other_teacher.id])
    headers = factories.headers(world.teacher)
    listed = client.get("/api/groups", headers=headers)
    assert [g["name"] for g in listed.json] == ["Groep 1", "Groep Maandag"]
    assert client.get(f"/api/groups/{own['id']}", headers=headers).status_code == 200
    assert client.get(f"/api/groups/{other['id']}", headers=headers).status_code == 404
    assert client.patch(f"/api/groups/{own['id']}", json={"name": "Mijn groep"}, headers=headers).status_code == 403
    body = {"participant_id": world.participant.id}
    assert client.post(f"/api/groups/{own['id']}/members", json=body, headers=headers).status_code == 403


def test_a_group_of_another_organisation_is_not_found(client, world):
    group = create_group(client, world)
    response = client.get(f"/api/groups/{group['id']}", headers=factories.headers(world.coordinator_b))
    assert response.status_code == 404


def test_a_member_of_another_organisation_cannot_join(client, world):
    group = create_group(client, world)
    body = {"participant_id": world.participant_b.id}
    response = client.post(
        f"/api/groups/{group['id']}/members", json=body, headers=factories.headers(world.coordinator)
    )
    assert response.status_code == 404


def test_the_teacher_of_a_new_member_sees_them_from_the_day_they_join(client, world):
    group = create_group(client, world, teacher_ids=[world.other_teacher.id])
    tomorrow = (access.local_today(world.coordinator) + timedelta(days=1)).isoformat()
    body = {"participant_id": world.participant.id, "joined_on": tomorrow}
    url = f"/api/groups/{group['id']}/members"
    assert client.post(url, json=body, headers=factories.headers(world.coordinator)).status_code == 201
    teacher = factories.headers(world.other_teacher)
    assert client.get(f"/api/participants/{world.participant.id}", headers=teacher).status_code == 404
    assert client.get(url, headers=teacher).json == []  # not yet a member: not shown either


# Caseloads


def test_a_coordinator_starts_and_ends_a_caseload_with_dates(client, world):
    headers = factories.headers(world.coordinator)
    body = {"coach_id": world.coach.id, "participant_id": world.other_participant.id, "started_on": "2026-02-01"}
    started = client.post("/api/caseloads", json=body, headers=headers)
    assert started.status_code == 201 and started.json["current"] is True, started.json
    assert client.post("/api/caseloads", json=body, headers=headers).status_code == 201  # a retry
    coach = factories.headers(world.coach)
    assert client.get(f"/api/participants/{world.other_participant.id}", headers=coach).status_code == 200
    today = access.local_today(world.coordinator)
    ended_on = (today - timedelta(days=1)).isoformat()
    end = {"coach_id": world.coach.id, "participant_id": world.other_participant.id, "ended_on": ended_on}
    ended = client.post("/api/caseloads/end", json=end, headers=headers)
    assert ended.status_code == 200 and ended.json["current"] is False, ended.json
    listed = client.get("/api/caseloads", query_string={"coach_id": world.coach.id}, headers=headers)
    rows = [(r["participant"]["name"], r["started_on"], r["ended_on"]) for r in listed.json]
    assert rows[1] == ("Yonas", "2026-02-01", ended_on) and rows[0][0] == "Amina"
    searched = client.get("/api/caseloads", query_string={"q": "yon"}, headers=headers)
    assert [r["participant"]["name"] for r in searched.json] == ["Yonas"]
    # Read-only for the coach now: reading works, issuing a code does not.
    assert client.get(f"/api/participants/{world.other_participant.id}", headers=coach).status_code == 200
    code = client.post(f"/api/participants/{world.other_participant.id}/login-code", headers=coach)
    assert code.status_code == 403 and "caseload" in code.json["message"]


def test_a_caseload_names_a_coach_and_a_participant_of_the_organisation(client, world):
    headers = factories.headers(world.coordinator)
    not_a_coach = {"coach_id": world.teacher.id, "participant_id": world.participant.id}
    response = client.post("/api/caseloads", json=not_a_coach, headers=headers)
    assert response.status_code == 422 and "coach_id" in response.json["errors"]["json"]
    elsewhere = {"coach_id": world.coach.id, "participant_id": world.participant_b.id}
    response = client.post("/api/caseloads", json=elsewhere, headers=headers)
    assert response.status_code == 422 and "participant_id" in response.json["errors"]["json"]
    twice = {"coach_id": world.coach.id, "participant_id": world.participant.id, "started_on": "2026-06-01"}
    assert client.post("/api/caseloads", json=twice, headers=headers).status_code == 409
