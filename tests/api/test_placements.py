"""Workplaces (employer, site, sector, contact person) and placements: a participant changes workplace, the old
placement ends the day before and the history is kept."""

from tests import factories


def create_workplace(client, world, **body):
    body = {
        "employer": "Schoonmaakbedrijf Glans",
        "site": "Stadhuis",
        "contact_name": "Marieke",
        "sector": "schoonmaak",
    } | body
    response = client.post("/api/workplaces", json=body, headers=factories.headers(world.coordinator))
    assert response.status_code == 201, response.json
    return response.json


def test_a_coordinator_creates_changes_and_finds_workplaces(client, world):
    glans = create_workplace(client, world)
    assert glans["contact_name"] == "Marieke" and glans["sector"] == "schoonmaak"
    headers = factories.headers(world.coordinator)
    body = {"employer": "Kwekerij Zon", "site": "Kas 2", "sector": "tuinbouw"}
    assert client.post("/api/workplaces", json=body, headers=headers).status_code == 201
    changed = client.patch(f"/api/workplaces/{glans['id']}", json={"contact_name": "Joost"}, headers=headers)
    assert changed.status_code == 200 and changed.json["contact_name"] == "Joost"
    found = client.get("/api/workplaces", query_string={"q": "KAS"}, headers=headers)
    assert found.status_code == 200 and [w["employer"] for w in found.json] == ["Kwekerij Zon"]


def test_workplace_fields_are_checked(client, world):
    headers = factories.headers(world.coordinator)
    bad = client.post("/api/workplaces", json={"employer": "  ", "sector": "schoonmaak"}, headers=headers)
    assert bad.status_code == 422 and "employer" in bad.json["errors"]["json"], bad.json
    unknown = client.post("/api/workplaces", json={"employer": "X", "sector": "bouw"}, headers=headers)
    assert unknown.status_code == 422 and "sector" in unknown.json["errors"]["json"]
    missing = client.post("/api/workplaces", json={"employer": "X"}, headers=headers)
    assert missing.json["errors"]["json"]["sector"] == ["Kies een sector uit de lijst."]
    assert client.get("/api/workplaces", headers=headers).json == []


def test_teachers_and_coaches_may_not_manage_workplaces(client, world):
    glans = create_workplace(client, world)
    for user in (world.teacher, world.coach):
        headers = factories.headers(user)
        body = {"employer": "Y", "sector": "zorg"}
        assert client.post("/api/workplaces", json=body, headers=headers).status_code == 403
        assert client.patch(f"/api/workplaces/{glans['id']}", json={"site": "Z"}, headers=headers).status_code == 403


def test_a_change_of_workplace_keeps_the_history(client, world):
    glans, zon = create_workplace(client, world), create_workplace(client, world, employer="Kwekerij Zon")
    headers = factories.headers(world.teacher)  # Amina's teacher may place her
    url = f"/api/participants/{world.participant.id}/placements"
    first = client.post(url, json={"workplace_id": glans["id"], "start_date": "2026-02-01"}, headers=headers)
    assert first.status_code == 201 and first.json["end_date"] is None, first.json
    retry = client.post(url, json={"workplace_id": glans["id"], "start_date": "2026-02-01"}, headers=headers)
    assert retry.status_code == 201 and retry.json["id"] == first.json["id"]
    second = client.post(url, json={"workplace_id": zon["id"], "start_date": "2026-06-15"}, headers=headers)
    assert second.status_code == 201 and second.json["workplace"]["id"] == zon["id"]
    history = client.get(url, headers=headers)
    assert history.status_code == 200
    rows = [(p["workplace"]["employer"], p["start_date"], p["end_date"]) for p in history.json]
    assert rows == [("Kwekerij Zon", "2026-06-15", None), ("Schoonmaakbedrijf Glans", "2026-02-01", "2026-06-14")]
    coordinator = factories.headers(world.coordinator)
    assert client.get(f"/api/workplaces/{glans['id']}", headers=coordinator).json["participants"] == []
    placed = client.get(f"/api/workplaces/{zon['id']}", headers=coordinator).json["participants"]
    assert [p["name"] for p in placed] == ["Amina"]


def test_a_placement_before_the_latest_one_is_a_conflict_and_changes_nothing(client, world):
    glans = create_workplace(client, world)
    headers = factories.headers(world.coordinator)
    url = f"/api/participants/{world.participant.id}/placements"
    assert client.post(url, json={"workplace_id": glans["id"], "start_date": "2026-06-01"}, headers=headers)
    earlier = client.post(url, json={"workplace_id": glans["id"], "start_date": "2026-03-01"}, headers=headers)
    assert earlier.status_code == 409 and "start_date" in earlier.json["errors"]["json"]
    backwards = {"workplace_id": glans["id"], "start_date": "2026-09-01", "end_date": "2026-08-01"}
    assert client.post(url, json=backwards, headers=headers).status_code == 422
    rows = client.get(url, headers=headers).json
    assert [(p["start_date"], p["end_date"]) for p in rows] == [("2026-06-01", None)]


def test_a_placement_ends_on_a_day_and_reopens(client, world):
    glans = create_workplace(client, world)
    headers = factories.headers(world.coordinator)
    url = f"/api/participants/{world.participant.id}/placements"
    placement = client.post(url, json={"workplace_id": glans["id"], "start_date": "2026-06-01"}, headers=headers).json
    ended = client.patch(f"/api/placements/{placement['id']}", json={"end_date": "2026-10-31"}, headers=headers)
    assert ended.status_code == 200 and ended.json["end_date"] == "2026-10-31"
    too_early = client.patch(f"/api/placements/{placement['id']}", json={"end_date": "2026-05-01"}, headers=headers)
    assert too_early.status_code == 422 and "end_date" in too_early.json["errors"]["json"]
    reopened = client.patch(f"/api/placements/{placement['id']}", json={"end_date": None}, headers=headers)
    assert reopened.status_code == 200 and reopened.json["end_date"] is None


def test_placements_outside_the_scope_are_not_found(client, world):
    glans = create_workplace(client, world)
    headers = factories.headers(world.coordinator)
    url = f"/api/participants/{world.other_participant.id}/placements"
    placement = client.post(url, json={"workplace_id": glans["id"], "start_date": "2026-06-01"}, headers=headers).json
    teacher = factories.headers(world.teacher)  # Yonas is not in her group
    assert client.get(url, headers=teacher).status_code == 404
    response = client.patch(f"/api/placements/{placement['id']}", json={"end_date": "2026-07-01"}, headers=teacher)
    assert response.status_code == 404
    other = factories.headers(world.coordinator_b)
    assert client.patch(f"/api/placements/{placement['id']}", json={"end_date": None}, headers=other).status_code == 404
    body = {"workplace_id": glans["id"], "start_date": "2026-06-01"}
    own = f"/api/participants/{world.participant_b.id}/placements"
    assert client.post(own, json=body, headers=other).status_code == 422  # not their workplace
