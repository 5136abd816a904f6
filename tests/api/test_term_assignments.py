"""Assigning one term from its own screen: to a participant, a group or everyone placed at a workplace, only ever
within the caller's scope; listing who has it; un-assigning. Retrying changes nothing."""

import pytest
from sqlalchemy import func, select

from api.extensions import db
from api.models import Assignment, Sector, utcnow
from api.resources import resources
from api.services import terms
from tests import factories


@pytest.fixture
def term(world):
    """An own cleaning term of organisation A."""
    return terms.create_term(
        world.teacher,
        "schoonmaak",
        factories.entry(term="zeemlap"),
        shared=False,
        checker=resources().checker,
        now=utcnow(),
    )


def assignments_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Assignment).where(Assignment.removed_at.is_(None)))


def names(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [a["participant"]["name"] for a in response.json]


def test_a_teacher_assigns_a_term_to_a_group_lists_who_has_it_and_unassigns(client, world, term):
    late = factories.participant(world.org_a, "Bilal")
    group = factories.group(world.org_a, [world.teacher], [world.participant, late], "Ochtend")
    headers = factories.headers(world.teacher)
    url = f"/api/terms/{term.id}/assignments"
    assert names(client.get(url, headers=headers)) == []

    assigned = client.post(url, json={"group_id": group.id}, headers=headers)
    assert names(assigned) == ["Amina", "Bilal"]
    assert assigned.json[0]["assigned_by"]["name"] == "Docent A"
    again = client.post(url, json={"group_id": group.id, "participant_ids": [late.id]}, headers=headers)
    assert names(again) == ["Amina", "Bilal"] and assignments_count() == 2, "a retry duplicates nothing"
    # Amina's coach sees who has it; the other teacher sees none of them.
    assert names(client.get(url, headers=factories.headers(world.coach))) == ["Amina"]
    assert names(client.get(url, headers=factories.headers(world.other_teacher))) == []

    removed = client.delete(f"{url}/{late.id}", headers=headers)
    assert removed.status_code == 204
    assert client.delete(f"{url}/{late.id}", headers=headers).status_code == 204, "un-assigning again is harmless"
    assert names(client.get(url, headers=headers)) == ["Amina"]
    # Back in her list of words from work, and out of Bilal's.
    mine = client.get(f"/api/participants/{world.participant.id}/terms", headers=headers).json
    assert [t["term"]["id"] for t in mine] == [term.id]
    assert client.get(f"/api/participants/{late.id}/terms", headers=headers).json == []


def test_everyone_placed_at_a_workplace_in_the_callers_scope(client, world, term):
    sector = db.session.scalar(select(Sector.id).where(Sector.slug == "schoonmaak"))
    workplace = factories.place(world.org_a, world.participant, sector, "Glans").workplace
    db.session.add(
        factories.Placement(workplace=workplace, participant=world.other_participant, start_date=utcnow().date())
    )
    db.session.commit()
    url = f"/api/terms/{term.id}/assignments"
    mine = client.post(url, json={"workplace_id": workplace.id}, headers=factories.headers(world.teacher))
    assert names(mine) == ["Amina"], "Yonas works there too, but he is the other teacher's"
    everyone = client.post(url, json={"workplace_id": workplace.id}, headers=factories.headers(world.coordinator))
    assert names(everyone) == ["Amina", "Yonas"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "participant_ids"),
        ({"participant_ids": ["other_participant"]}, "participant_ids"),
        ({"group_id": "other_group"}, "group_id"),
        ({"group_id": 999999}, "group_id"),
        ({"workplace_id": "foreign_workplace"}, "workplace_id"),
        ({"workplace_id": "empty_workplace"}, "workplace_id"),
    ],
)
def test_assigning_outside_the_scope_is_refused_by_field_and_changes_nothing(client, world, term, body, field):
    sector = db.session.scalar(select(Sector.id).where(Sector.slug == "schoonmaak"))
    objects = {
        "other_participant": world.other_participant.id,
        "other_group": factories.group(world.org_a, [world.other_teacher], [world.other_participant], "Middag").id,
        "foreign_workplace": factories.place(world.org_b, world.participant_b, sector, "Elders").workplace.id,
        "empty_workplace": factories.place(world.org_a, world.other_participant, sector, "Kas").workplace.id,
    }
    body = {k: [objects[i] for i in v] if isinstance(v, list) else objects.get(v, v) for k, v in body.items()}
    response = client.post(f"/api/terms/{term.id}/assignments", json=body, headers=factories.headers(world.teacher))
    assert response.status_code == 422, response.json
    assert response.json["errors"]["json"][field][0]
    assert assignments_count() == 0


def test_my_groups_hold_only_the_participants_i_may_see(client, world):
    mixed = factories.group(world.org_a, [world.other_teacher], [world.participant, world.other_participant], "Mix")
    own = factories.group(world.org_a, [world.teacher], [world.participant], "Eigen")

    def groups(user):
        response = client.get("/api/groups", headers=factories.headers(user))
        assert response.status_code == 200
        return {g["name"]: [p["name"] for p in g["participants"]] for g in response.json}

    # (the world fixture's own groups: "Groep 1" Amina with the teacher, "Groep 2" Yonas with the other teacher)
    assert groups(world.teacher) == {"Eigen": ["Amina"], "Groep 1": ["Amina"], "Mix": ["Amina"]}
    assert groups(world.coach) == {"Eigen": ["Amina"], "Groep 1": ["Amina"], "Mix": ["Amina"]}
    assert groups(world.coordinator)[mixed.name] == ["Amina", "Yonas"] and own.name in groups(world.coordinator)
    assert groups(world.coordinator_b) == {}
