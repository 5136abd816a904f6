"""Starting a group from CSV (all rows or nothing, errors by line and field, 500 in one request) and login cards."""

import io

from sqlalchemy import func, select

from api.extensions import db
from api.models import LoginCode, Placement, Sector, User, group_participants, group_teachers
from tests import factories

HEADER = "name,ref,support_languages,sectors,workplace,route,start_date\n"


def teachers_group(world) -> int:
    return db.session.scalar(select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == world.teacher.id))


def upload(client, world, text: str, *, user=None):
    return client.post(
        f"/api/participants/import?group_id={teachers_group(world)}",
        data={"file": (io.BytesIO(text.encode()), "groep.csv")},
        content_type="multipart/form-data",
        headers=factories.headers(user or world.coordinator),
    )


def participants() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.role == "participant"))


def a_workplace(world, employer: str = "Glans Schoonmaak") -> None:
    sector_id = db.session.scalar(select(Sector.id).where(Sector.slug == "schoonmaak"))
    factories.place(world.org_a, world.other_participant, sector_id, employer)


def test_a_good_file_creates_participants_with_group_placement_and_a_card_each(client, world):
    a_workplace(world)
    text = HEADER + (
        "Samira Haddad,KN-1,ar;en,schoonmaak,Glans Schoonmaak,b1,2026-09-01\n"
        "Tesfay Kidane,KN-2,ti,schoonmaak zorg,,z,01-09-2026\n"
        "Olena,,uk,,,,\n"
    )
    response = upload(client, world, text)
    assert response.status_code == 201, response.json
    assert response.json["created"] == 3
    cards = {card["participant"]["name"]: card for card in response.json["cards"]}
    assert cards["Samira Haddad"]["language"] == "ar" and cards["Samira Haddad"]["rtl"] is True
    assert cards["Tesfay Kidane"]["language"] == "ti" and cards["Tesfay Kidane"]["draft"] is True
    assert cards["Olena"]["qr_url"].startswith("data:image/svg+xml")
    samira = db.session.get(User, cards["Samira Haddad"]["participant"]["id"])
    assert samira.profile.ref == "KN-1" and samira.profile.support_languages == ["ar", "en"]
    assert db.session.scalar(select(Placement).where(Placement.participant_id == samira.id)).workplace.employer == (
        "Glans Schoonmaak"
    )
    members = db.session.scalars(
        select(group_participants.c.participant_id).where(group_participants.c.group_id == teachers_group(world))
    ).all()
    assert samira.id in members
    # the printed code logs in
    login = client.post("/api/auth/code", json={"code": cards["Olena"]["code"]})
    assert login.status_code == 200 and login.json["user"]["name"] == "Olena"


def test_a_file_with_bad_rows_changes_nothing_and_names_each_line_and_field(client, world):
    before = participants()
    text = HEADER + (
        "Samira,KN-1,ar,schoonmaak,,b1,2026-09-01\n,KN-2,ti,,,,\nTesfay,111222333,xx,bakkerij,Onbekend BV,c1,morgen\n"
    )
    response = upload(client, world, text)
    assert response.status_code == 422
    rows = response.json["errors"]["rows"]
    assert set(rows) == {"line 3", "line 4"}
    assert rows["line 3"] == ["name: Vul de naam in."]
    fields = [message.split(":")[0] for message in rows["line 4"]]
    assert fields == ["ref", "support_languages", "sectors", "workplace", "route", "start_date"]
    assert "BSN" in rows["line 4"][0]
    assert participants() == before
    assert db.session.scalar(select(func.count()).select_from(LoginCode)) == 0


def test_the_same_file_twice_adds_nobody_twice(client, world):
    text = HEADER + "Samira,,ar,,,,\n"
    assert upload(client, world, text).status_code == 201
    before = participants()
    again = upload(client, world, text)
    assert again.status_code == 422 and "line 2" in again.json["errors"]["rows"]
    assert participants() == before


def test_five_hundred_participants_import_in_one_request(client, world):
    a_workplace(world)
    text = HEADER + "".join(f"Deelnemer {i},KN-{i},ar,schoonmaak,Glans Schoonmaak,b1,2026-09-01\n" for i in range(500))
    before = participants()
    response = upload(client, world, text)
    assert response.status_code == 201, response.json
    assert len(response.json["cards"]) == 500 and participants() == before + 500
    assert len({card["code"] for card in response.json["cards"]}) == 500


def test_only_a_coordinator_imports(client, world):
    assert upload(client, world, HEADER + "Samira,,,,,,\n", user=world.teacher).status_code == 403


def test_reissuing_a_card_revokes_only_that_participants_code(client, world):
    response = upload(client, world, HEADER + "Samira,,ar,,,,\nTesfay,,ti,,,,\n")
    cards = {card["participant"]["name"]: card for card in response.json["cards"]}
    samira = cards["Samira"]["participant"]["id"]
    again = client.post(
        "/api/participants/login-cards", json={"participant_ids": [samira]}, headers=factories.headers(world.teacher)
    )
    assert again.status_code == 201, again.json
    assert [card["participant"]["id"] for card in again.json["cards"]] == [samira]
    assert client.post("/api/auth/code", json={"code": cards["Samira"]["code"]}).status_code == 422
    assert client.post("/api/auth/code", json={"code": again.json["cards"][0]["code"]}).status_code == 200
    assert client.post("/api/auth/code", json={"code": cards["Tesfay"]["code"]}).status_code == 200


def test_cards_only_for_participants_in_scope(client, world):
    body = {"participant_ids": [world.other_participant.id]}
    response = client.post("/api/participants/login-cards", json=body, headers=factories.headers(world.teacher))
    assert response.status_code == 422


def test_a_name_counts_as_in_the_group_by_the_dated_rule(client, world):
    """Already in the group means a member today: one leaving tomorrow is (refused); one who left yesterday, or
    joins tomorrow, is not (a new participant of that name is added)."""
    from datetime import date, timedelta

    group_id = teachers_group(world)
    today = date.today()
    stints = {
        "Leaves Tomorrow": (today - timedelta(days=30), today + timedelta(days=1)),
        "Left Yesterday": (today - timedelta(days=30), today - timedelta(days=1)),
        "Joins Tomorrow": (today + timedelta(days=1), None),
    }
    for name, (joined, left) in stints.items():
        person = factories.participant(world.org_a, name)
        row = {"group_id": group_id, "participant_id": person.id, "joined_on": joined, "left_on": left}
        db.session.execute(group_participants.insert().values(**row))
    db.session.commit()
    before = participants()
    refused = upload(client, world, HEADER + "Leaves Tomorrow,,,,,,\n")
    assert refused.status_code == 422, refused.json
    assert "Leaves Tomorrow staat al in deze groep." in str(refused.json["errors"]["rows"]["line 2"])
    assert participants() == before
    added = upload(client, world, HEADER + "Left Yesterday,,,,,,\nJoins Tomorrow,,,,,,\n")
    assert added.status_code == 201, added.json
    assert participants() == before + 2
