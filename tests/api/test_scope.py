"""Nobody sees or changes a participant outside their scope through an object in it: a visit recorded by a teacher
of two groups, a coach's suggestion for two caseloads. Every list of participants in an answer is cut to the
caller's scope, and every write touches only the participants in it (issue 12, "scope")."""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from api.extensions import db
from api.models import (
    Assignment,
    Observation,
    Placement,
    Sector,
    Term,
    User,
    Visit,
    Workplace,
    group_teachers,
    utcnow,
)
from api.resources import resources
from api.services import terms
from tests import factories
from vaktaal.roles import Role


@dataclass
class Crowd:
    """Amina (the world's teacher's group, the world's coach's caseload) and Yonas (the other teacher's group)
    both work at Glans; a teacher of both groups and a coach of both caseloads went there."""

    workplace: Workplace
    dweil: Term
    both_teacher: User
    both_coach: User


@pytest.fixture
def crowd(ctx, world) -> Crowd:
    sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
    world.coordinator.is_editor = True
    db.session.commit()
    dweil = terms.create_term(
        world.coordinator,
        "schoonmaak",
        factories.entry(term="dweil", plural="dweilen"),
        shared=True,
        checker=resources().checker,
        now=utcnow(),
    )
    workplace = factories.place(world.org_a, world.participant, sector.id, "Glans").workplace
    db.session.add(Placement(workplace=workplace, participant=world.other_participant, start_date=date(2026, 1, 1)))
    both_teacher = factories.staff(world.org_a, Role.TEACHER, "Docent van beide groepen")
    factories.group(world.org_a, [both_teacher], [world.participant, world.other_participant], "Beide")
    both_coach = factories.staff(world.org_a, Role.COACH, "Coach van beide")
    factories.assign_coach(both_coach, [world.participant, world.other_participant])
    return Crowd(workplace, dweil, both_teacher, both_coach)


def send(client, user, method, url, status=200, **kwargs):
    response = client.open(url, method=method, headers=factories.headers(user), **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.json


def names(people: list[dict]) -> list[str]:
    return [p["name"] for p in people]


def visit_of_both(client, world, crowd, **extra) -> dict:
    body = {
        "workplace_id": crowd.workplace.id,
        "date": date.today().isoformat(),
        "participant_ids": [world.participant.id, world.other_participant.id],
        "observations": [{"term_id": crowd.dweil.id}],
    } | extra
    return send(client, crowd.both_teacher, "POST", "/api/visits", 201, json=body)


def stored_participants(model, object_id: int) -> list[str]:
    db.session.expire_all()
    return sorted(p.name for p in db.session.get(model, object_id).participants)


def test_a_visit_shows_each_caller_only_the_participants_they_may_see(client, world, crowd):
    visit = visit_of_both(client, world, crowd)
    assert names(visit["participants"]) == ["Amina", "Yonas"]  # its recorder taught both then
    urls = [
        f"/api/visits/{visit['id']}",
        f"/api/workplaces/{crowd.workplace.id}/visits",
        f"/api/participants/{world.participant.id}/visits",
    ]
    for url in urls:
        for caller, seen in [
            (world.coach, ["Amina"]),
            (world.teacher, ["Amina"]),
            (world.coordinator, ["Amina", "Yonas"]),
        ]:
            body = send(client, caller, "GET", url)
            [shown] = body if isinstance(body, list) else [body]
            assert names(shown["participants"]) == seen, (url, caller.name)
            assert [names(o["participants"]) for o in shown["observations"]] == [seen], (url, caller.name)
    for url in urls[:2]:  # Yonas's own teacher reaches the visit through him, and sees only him
        body = send(client, world.other_teacher, "GET", url)
        [shown] = body if isinstance(body, list) else [body]
        assert names(shown["participants"]) == ["Yonas"]


def test_a_word_heard_only_for_someone_elses_participant_is_not_shown(client, world, crowd):
    visit = visit_of_both(
        client,
        world,
        crowd,
        observations=[
            {"term_id": crowd.dweil.id, "participant_ids": [world.participant.id]},
            {"term": "werkkar", "article": "de", "participant_ids": [world.other_participant.id]},
        ],
    )
    url = f"/api/visits/{visit['id']}"
    assert [o["term"]["term"] for o in send(client, world.coach, "GET", url)["observations"]] == ["dweil"]
    assert [o["term"]["term"] for o in send(client, world.other_teacher, "GET", url)["observations"]] == ["werkkar"]
    for everything in (crowd.both_teacher, world.coordinator):
        assert len(send(client, everything, "GET", url)["observations"]) == 2
    # Named in a URL, the hidden word is not found; the other one is, and is refused for what it is.
    dweil, werkkar = (o["id"] for o in visit["observations"])
    decide = {"approve": True}
    assert send(client, world.teacher, "POST", f"/api/observations/{werkkar}/decision", 404, json=decide)
    assert send(client, world.teacher, "POST", f"/api/observations/{dweil}/decision", 422, json=decide)


def test_changing_a_visits_participants_keeps_those_the_caller_cannot_see(client, world, crowd):
    visit = visit_of_both(client, world, crowd)
    url = f"/api/visits/{visit['id']}"
    # The recorder no longer teaches Yonas: the visit shows them Amina only, and their changes leave Yonas be.
    db.session.execute(group_teachers.delete().where(group_teachers.c.teacher_id == crowd.both_teacher.id))
    factories.group(world.org_a, [crowd.both_teacher], [world.participant], "Alleen Amina")
    changed = send(client, crowd.both_teacher, "PATCH", url, json={"participant_ids": [world.participant.id]})
    assert names(changed["participants"]) == ["Amina"]
    assert stored_participants(Visit, visit["id"]) == ["Amina", "Yonas"]
    emptied = send(client, crowd.both_teacher, "PATCH", url, json={"participant_ids": []})
    assert emptied["participants"] == []
    assert stored_participants(Visit, visit["id"]) == ["Yonas"]
    refused = send(
        client, crowd.both_teacher, "PATCH", url, 422, json={"participant_ids": [world.other_participant.id]}
    )
    assert "participant_ids" in refused["errors"]["json"]
    assert stored_participants(Visit, visit["id"]) == ["Yonas"]
    # A coordinator sees everyone, so their list is the whole list.
    send(client, world.coordinator, "PATCH", url, json={"participant_ids": [world.participant.id]})
    assert stored_participants(Visit, visit["id"]) == ["Amina"]


def test_a_word_added_without_naming_participants_goes_only_to_those_the_visitor_may_see(client, world, crowd):
    visit = send(
        client,
        world.teacher,
        "POST",
        "/api/visits",
        201,
        json={"workplace_id": crowd.workplace.id, "date": date.today().isoformat()},
    )
    assert names(visit["participants"]) == ["Amina"]  # those placed there whom the teacher may see
    # A coordinator adds Yonas to the teacher's visit; the teacher's next word still goes to Amina only.
    url = f"/api/visits/{visit['id']}"
    both = [world.participant.id, world.other_participant.id]
    send(client, world.coordinator, "PATCH", url, json={"participant_ids": both})
    heard = send(client, world.teacher, "POST", url + "/observations", 201, json={"term_id": crowd.dweil.id})
    assert names(heard["participants"]) == ["Amina"]
    assert stored_participants(Observation, heard["id"]) == ["Amina"]
    assigned = db.session.scalars(select(Assignment.participant_id).where(Assignment.term_id == crowd.dweil.id))
    assert list(assigned) == [world.participant.id]


def test_deciding_a_suggestion_touches_only_the_deciders_participants(client, world, crowd):
    suggested = send(
        client,
        crowd.both_coach,
        "POST",
        "/api/visits",
        201,
        json={
            "workplace_id": crowd.workplace.id,
            "date": date.today().isoformat(),
            "participant_ids": [world.participant.id, world.other_participant.id],
            "observations": [{"term": "werkkar", "article": "de", "context": "Zet de werkkar in de lift."}],
        },
    )["observations"][0]
    assert suggested["status"] == "suggested"
    [waiting] = send(client, world.teacher, "GET", "/api/suggestions")
    assert waiting["id"] == suggested["id"] and names(waiting["participants"]) == ["Amina"]

    approved = send(
        client, world.teacher, "POST", f"/api/observations/{suggested['id']}/decision", json={"approve": True}
    )
    assert approved["status"] == "assigned" and names(approved["participants"]) == ["Amina"]
    term_id = suggested["term"]["id"]
    assigned = db.session.scalars(select(Assignment.participant_id).where(Assignment.term_id == term_id))
    assert list(assigned) == [world.participant.id], "approved for Amina only"

    # For Yonas it still waits, for his own teacher, who drops it: Amina keeps hers.
    [left] = send(client, world.other_teacher, "GET", "/api/suggestions")
    assert left["id"] != suggested["id"] and names(left["participants"]) == ["Yonas"]
    assert left["term"]["id"] == term_id and left["context"] == "Zet de werkkar in de lift."
    assert send(client, world.teacher, "GET", "/api/suggestions") == []
    dropped = send(
        client, world.other_teacher, "POST", f"/api/observations/{left['id']}/decision", json={"approve": False}
    )
    assert dropped["status"] == "dropped" and names(dropped["participants"]) == ["Yonas"]
    assert send(client, world.other_teacher, "GET", "/api/suggestions") == []
    assert stored_participants(Observation, suggested["id"]) == ["Amina"]
    assert db.session.get(Observation, suggested["id"]).status.value == "assigned"
    assigned = db.session.scalars(select(Assignment.participant_id).where(Assignment.term_id == term_id))
    assert list(assigned) == [world.participant.id]

    # Deciding again is refused and changes nothing (a retried request never splits twice).
    again = client.post(
        f"/api/observations/{suggested['id']}/decision",
        json={"approve": False},
        headers=factories.headers(world.teacher),
    )
    assert again.status_code == 422
    count = db.session.scalar(select(func.count()).select_from(Observation))
    assert count == 2


def test_a_coordinator_decides_a_suggestion_for_everyone_at_once(client, world, crowd):
    suggested = send(
        client,
        crowd.both_coach,
        "POST",
        "/api/visits",
        201,
        json={
            "workplace_id": crowd.workplace.id,
            "date": date.today().isoformat(),
            "participant_ids": [world.participant.id, world.other_participant.id],
            "observations": [{"term_id": crowd.dweil.id}],
        },
    )["observations"][0]
    approved = send(
        client, world.coordinator, "POST", f"/api/observations/{suggested['id']}/decision", json={"approve": True}
    )
    assert names(approved["participants"]) == ["Amina", "Yonas"]
    assert db.session.scalar(select(func.count()).select_from(Observation)) == 1
    assigned = db.session.scalars(select(Assignment.participant_id).where(Assignment.term_id == crowd.dweil.id))
    assert sorted(assigned) == sorted([world.participant.id, world.other_participant.id])
