"""The dated scope rule: a teacher sees the members of today of their groups, a coach the caseload of today; a former
member stays visible read-only for FORMER_MEMBER_DAYS after leaving (reading works, every change answers 403 with the
reason), then not at all (404); someone who joins tomorrow is not in scope yet. "Today" is the organisation's."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from api import access
from api.extensions import db
from api.models import Group, Sector, caseload, group_participants
from tests import factories
from vaktaal.roles import FORMER_MEMBER_DAYS, Role

# name -> (days from today it began, days from today it ended or None)
STINTS = {
    "Member": (-10, None),
    "Tomorrow": (1, None),
    "Yesterday": (-100, -1),
    "Ninety": (-200, -FORMER_MEMBER_DAYS),
    "NinetyOne": (-200, -FORMER_MEMBER_DAYS - 1),
}
VISIBLE = {"Member", "Yesterday", "Ninety"}
READ_ONLY = {"Yesterday", "Ninety"}


@pytest.fixture(params=["teacher", "coach"])
def dated_scene(request, ctx, world):
    """The world's teacher (or coach) with five participants whose stints in her group (or caseload) are dated by
    STINTS; the world's Amina is left out of it (she is in a group and caseload of her own)."""
    staff = world.teacher if request.param == "teacher" else world.coach
    today = access.local_today(staff)
    group = db.session.scalar(select(Group).where(Group.name == "Groep 1"))
    people = {}
    for name, (began, ended) in STINTS.items():
        person = factories.participant(world.org_a, name)
        start, end = today + timedelta(days=began), None if ended is None else today + timedelta(days=ended)
        if staff.role is Role.TEACHER:
            row = {"group_id": group.id, "participant_id": person.id, "joined_on": start, "left_on": end}
            db.session.execute(group_participants.insert().values(**row))
        else:
            row = {"coach_id": staff.id, "participant_id": person.id, "started_on": start, "ended_on": end}
            db.session.execute(caseload.insert().values(**row))
        people[name] = person
    db.session.commit()
    return staff, people


def test_the_list_holds_members_of_today_and_former_members_of_the_last_90_days(client, dated_scene):
    staff, people = dated_scene
    response = client.get("/api/participants", headers=factories.headers(staff))
    assert response.status_code == 200
    assert {p["name"] for p in response.json} - {"Amina"} == VISIBLE


@pytest.mark.parametrize("name", list(STINTS))
def test_reading_one_participant_follows_the_dates(client, dated_scene, name):
    staff, people = dated_scene
    response = client.get(f"/api/participants/{people[name].id}", headers=factories.headers(staff))
    assert response.status_code == (200 if name in VISIBLE else 404), response.json


@pytest.mark.parametrize("name", list(STINTS))
def test_a_former_member_is_read_only(client, dated_scene, name):
    staff, people = dated_scene
    response = client.post(f"/api/participants/{people[name].id}/login-code", headers=factories.headers(staff))
    if name in READ_ONLY:
        assert response.status_code == 403, response.json
        assert "alleen nog kijken" in response.json["message"]
    else:
        assert response.status_code == (201 if name in VISIBLE else 404), response.json


def test_a_former_member_cannot_be_placed_or_chosen_for_a_visit(client, dated_scene):
    staff, people = dated_scene
    headers = factories.headers(staff)
    sector_id = db.session.scalar(select(Sector.id).where(Sector.slug == "schoonmaak"))
    workplace = factories.place(staff.organisation, people["Member"], sector_id, "Glans").workplace
    body = {"workplace_id": workplace.id, "start_date": date.today().isoformat()}
    placed = client.post(f"/api/participants/{people['Yesterday'].id}/placements", json=body, headers=headers)
    assert placed.status_code == 403, placed.json
    visit = {"workplace_id": workplace.id, "date": date.today().isoformat(), "notes": "Bezoek."}
    chosen = client.post("/api/visits", json=visit | {"participant_ids": [people["Yesterday"].id]}, headers=headers)
    assert chosen.status_code == 403, chosen.json
    assert "alleen nog kijken" in chosen.json["message"]
    unknown = client.post("/api/visits", json=visit | {"participant_ids": [10**6]}, headers=headers)
    assert unknown.status_code == 422, unknown.json
    assert "participant_ids" in unknown.json["errors"]["json"]
    ok = client.post("/api/visits", json=visit | {"participant_ids": [people["Member"].id]}, headers=headers)
    assert ok.status_code == 201, ok.json


def test_a_former_member_leaves_the_scope_the_day_after_90_days(ctx, dated_scene):
    """The rule's edge, counted from the organisation's today: 90 days after leaving visible, the 91st not."""
    staff, people = dated_scene
    today = access.local_today(staff)
    later = today + timedelta(days=1)
    ids = set(db.session.scalars(access.visible_participant_ids(staff, today=later)))
    assert people["Ninety"].id not in ids and people["Yesterday"].id in ids and people["Tomorrow"].id in ids
    current = set(db.session.scalars(access.visible_participant_ids(staff, today=today, current=True)))
    assert current & {p.id for p in people.values()} == {people["Member"].id}


def test_today_is_the_organisations_date(ctx, world):
    """At 23:30 UTC on 31 December it is already 1 January in Amsterdam."""
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert access.local_today(world.teacher, moment) == date(2027, 1, 1)
    world.org_a.timezone = "America/New_York"
    db.session.commit()
    assert access.local_today(world.teacher, moment) == date(2026, 12, 31)


def test_a_groups_members_show_the_stints_the_caller_may_see(client, dated_scene):
    """The teacher sees today's members and the former ones of the last 90 days, each marked; the coach only the
    group's members who are in her caseload (Amina)."""
    staff, _ = dated_scene
    group_id = db.session.scalar(select(Group.id).where(Group.name == "Groep 1"))
    response = client.get(f"/api/groups/{group_id}/members", headers=factories.headers(staff))
    assert response.status_code == 200, response.json
    shown = {m["participant"]["name"]: m["current"] for m in response.json}
    if staff.role is Role.TEACHER:
        assert shown == {"Amina": True, "Member": True, "Yesterday": False, "Ninety": False}
    else:
        assert shown == {"Amina": True}
