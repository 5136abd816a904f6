"""Creating and editing participants: who may, into which group or caseload, and the reference that is never a BSN."""

from datetime import date, timedelta

from sqlalchemy import select, update

from api.extensions import db
from api.models import User, caseload, group_participants, group_teachers
from tests import factories

BSN = "111222333"  # passes the elfproef


def teachers_group(world) -> int:
    return db.session.scalar(select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == world.teacher.id))


def test_a_coordinator_creates_a_participant_in_a_group_from_today(client, world):
    body = {"name": "Samira", "support_languages": ["ar"], "sectors": ["zorg"], "route": "b1", "ref": "KN-0042"}
    body["group_id"] = teachers_group(world)
    response = client.post("/api/participants", json=body, headers=factories.headers(world.coordinator))
    assert response.status_code == 201, response.json
    assert response.json["profile"]["ref"] == "KN-0042"
    assert response.json["profile"]["status"] == "active"
    assert response.json["profile"]["sectors"] == ["zorg"]
    row = db.session.execute(
        select(group_participants).where(group_participants.c.participant_id == response.json["id"])
    ).one()
    assert row.group_id == body["group_id"] and row.left_on is None
    # the teacher of that group sees her now
    seen = client.get("/api/participants", headers=factories.headers(world.teacher)).json
    assert "Samira" in [p["name"] for p in seen]


def test_a_teacher_must_name_one_of_their_own_groups(client, world):
    headers = factories.headers(world.teacher)
    missing = client.post("/api/participants", json={"name": "Samira"}, headers=headers)
    assert missing.status_code == 422 and "group_id" in missing.json["errors"]["json"]
    other = db.session.scalar(
        select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == world.other_teacher.id)
    )
    refused = client.post("/api/participants", json={"name": "Samira", "group_id": other}, headers=headers)
    assert refused.status_code == 422 and "group_id" in refused.json["errors"]["json"]
    assert db.session.scalar(select(User).where(User.name == "Samira")) is None


def test_a_coach_adds_a_participant_to_their_caseload(client, world):
    response = client.post("/api/participants", json={"name": "Samira"}, headers=factories.headers(world.coach))
    assert response.status_code == 201, response.json
    coach = db.session.scalar(select(caseload.c.coach_id).where(caseload.c.participant_id == response.json["id"]))
    assert coach == world.coach.id


def test_a_participant_may_not_create_participants(client, world):
    response = client.post("/api/participants", json={"name": "X"}, headers=factories.headers(world.participant))
    assert response.status_code == 403


def test_a_bsn_is_refused_as_a_reference_with_a_plain_message(client, world):
    headers = factories.headers(world.coordinator)
    for ref in (BSN, "111.222.333", "12345672"):  # 8 digits: read with a leading zero
        response = client.post("/api/participants", json={"name": "Samira", "ref": ref}, headers=headers)
        assert response.status_code == 422, ref
        assert response.json["errors"]["json"]["ref"] == [
            "Dit lijkt een BSN. Vul je eigen klantnummer in, nooit een BSN."
        ]
    url = f"/api/participants/{world.participant.id}"
    assert client.patch(url, json={"ref": BSN}, headers=headers).status_code == 422
    assert world.participant.profile.ref is None
    assert client.patch(url, json={"ref": "111222334"}, headers=headers).status_code == 200  # fails the elfproef


def test_staff_edit_the_profile_and_only_a_coordinator_the_status(client, world):
    url = f"/api/participants/{world.participant.id}"
    body = {
        "name": "Amina B.",
        "support_languages": ["ar", "en"],
        "sectors": ["schoonmaak"],
        "timezone": "Europe/Brussels",
    }
    response = client.patch(url, json=body, headers=factories.headers(world.teacher))
    assert response.status_code == 200, response.json
    assert response.json["name"] == "Amina B."
    assert response.json["profile"]["support_languages"] == ["ar", "en"]
    assert response.json["profile"]["timezone"] == "Europe/Brussels"
    refused = client.patch(url, json={"status": "left"}, headers=factories.headers(world.teacher))
    assert refused.status_code == 403
    assert (
        client.patch(url, json={"timezone": "Mars/Olympus"}, headers=factories.headers(world.teacher)).status_code
        == 422
    )
    assert client.patch(url, json={}, headers=factories.headers(world.teacher)).status_code == 422


def test_another_organisations_participant_is_not_found(client, world):
    url = f"/api/participants/{world.participant_b.id}"
    assert client.patch(url, json={"name": "X"}, headers=factories.headers(world.coordinator)).status_code == 404


def test_a_teacher_cannot_edit_a_former_member_of_their_group(client, world):
    group_id = teachers_group(world)
    member = (group_participants.c.group_id == group_id) & (group_participants.c.participant_id == world.participant.id)
    assert (
        db.session.execute(
            update(group_participants).where(member).values(left_on=date.today() - timedelta(days=10))
        ).rowcount
        == 1
    )
    db.session.commit()
    url = f"/api/participants/{world.participant.id}"
    assert client.get(url, headers=factories.headers(world.teacher)).status_code == 200  # still visible
    refused = client.patch(url, json={"name": "Amina B."}, headers=factories.headers(world.teacher))
    assert refused.status_code == 403, refused.json
    assert "alleen nog kijken" in refused.json["message"]
    db.session.refresh(world.participant)
    assert world.participant.name != "Amina B."
    allowed = client.patch(url, json={"name": "Amina B."}, headers=factories.headers(world.coordinator))
    assert allowed.status_code == 200, allowed.json


def test_the_list_is_searched_by_name_in_any_case_with_or_without_accents(client, world):
    for name in ("\u00c9lodie \u00c7elik", "Elodie Smit", "\u015e\u00fckr\u00fc Y\u0131lmaz", "50%_Jan"):
        factories.participant(world.org_a, name)
    headers = factories.headers(world.coordinator)

    def found(q: str) -> set[str]:
        response = client.get("/api/participants", query_string={"q": q}, headers=headers)
        assert response.status_code == 200, response.json
        return {p["name"] for p in response.json}

    assert found("elodie") == {"\u00c9lodie \u00c7elik", "Elodie Smit"}
    assert found("\u00c9LODIE \u00e7el") == {"\u00c9lodie \u00c7elik"}  # each word, in any order of case and accent
    assert found("sukru yilmaz") == {"\u015e\u00fckr\u00fc Y\u0131lmaz"}
    assert found("%_") == {"50%_Jan"}  # LIKE's wildcards are plain letters here
    assert found("nobody") == set()
    assert len(found("")) == len(client.get("/api/participants", headers=headers).json)
    # the search stays inside the caller's scope: the teacher does not find the coordinator's new participants
    assert client.get("/api/participants?q=elodie", headers=factories.headers(world.teacher)).json == []
    too_long = client.get("/api/participants", query_string={"q": "x" * 101}, headers=headers)
    assert too_long.status_code == 422 and "q" in too_long.json["errors"]["query"]


def test_a_former_member_is_marked_read_only_for_that_teacher_only(client, world):
    group_id = teachers_group(world)
    member = (group_participants.c.group_id == group_id) & (group_participants.c.participant_id == world.participant.id)
    db.session.execute(update(group_participants).where(member).values(left_on=date.today() - timedelta(days=10)))
    db.session.commit()
    listed = {p["id"]: p for p in client.get("/api/participants", headers=factories.headers(world.teacher)).json}
    former = listed[world.participant.id]
    assert former["read_only"] is True
    assert former["read_only_reason"] == "Niet meer in je groep: alleen kijken."
    assert all(p["read_only"] is False for i, p in listed.items() if i != world.participant.id)
    one = client.get(f"/api/participants/{world.participant.id}", headers=factories.headers(world.teacher)).json
    assert one["read_only"] is True
    coordinator = client.get(f"/api/participants/{world.participant.id}", headers=factories.headers(world.coordinator))
    assert coordinator.json["read_only"] is False and coordinator.json["read_only_reason"] is None
    own = client.get(f"/api/participants/{world.participant.id}", headers=factories.headers(world.participant))
    assert own.json["read_only"] is False
