"""Levels through the API: the current level with corrections and same-day records, targets per route and lowered
ones with their history, the evidence from practice from hand-made cards, a group's round all or nothing, the same
content again storing nothing (also two at once), who may read and record, and the participant's own picture."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from api import access
from api.extensions import db
from api.models import (
    Assessment,
    AuditEntry,
    Card,
    Group,
    ReviewEvent,
    Sector,
    TargetChange,
    Term,
    group_participants,
    utcnow,
)
from api.services import assignments
from tests import factories
from tests.api.test_concurrency import at_once, post
from vaktaal.levels import TargetStatus
from vaktaal.roles import Role
from vaktaal.scheduling import KNOWN_STABILITY, MASTERED_STABILITY


def today(world):
    return access.local_today(world.coordinator)


def ago(world, days: int) -> str:
    return (today(world) - timedelta(days=days)).isoformat()


def url(world, tail: str = "levels", participant=None) -> str:
    return f"/api/participants/{(participant or world.participant).id}/{tail}"


def person_url(world) -> str:
    return f"/api/participants/{world.participant.id}"


def record(client, world, headers=None, participant=None, **body):
    body = {"skill": "speaking", "level": "A1", "date": ago(world, 10), "source": "test"} | body
    headers = headers or factories.headers(world.teacher)
    return client.post(url(world, "assessments", participant), json=body, headers=headers)


def levels_of(client, world, user=None, participant=None) -> dict:
    response = client.get(url(world, participant=participant), headers=factories.headers(user or world.teacher))
    assert response.status_code == 200, response.json
    return response.json


def skill_of(view: dict, skill: str) -> dict:
    return next(s for s in view["skills"] if s["skill"] == skill)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def group_one(world) -> Group:
    return db.session.scalar(select(Group).where(Group.name == "Groep 1"))


# The current level


def test_the_current_level_is_the_latest_by_date_and_on_one_day_the_latest_recorded(client, world):
    intake = record(client, world, level="A1", date=ago(world, 60), source="intake")
    test = record(client, world, level="A2", date=ago(world, 20), source="test", test_name="Bureau ICE")
    same_day = record(client, world, level="a1-a2", date=ago(world, 20), source="observation")
    older = record(client, world, level="B1", date=ago(world, 40), source="exam")
    assert {r.status_code for r in (intake, test, same_day, older)} == {201}
    assert same_day.json["level"] == "A1/A2" and same_day.json["level_dutch"] == "tussen A1 en A2"
    assert same_day.json["level_rank"] == 2 and same_day.json["recorded_by"]["name"] == "Docent A"

    speaking = skill_of(levels_of(client, world), "speaking")
    assert speaking["current"]["id"] == same_day.json["id"]  # same date as the test, recorded after it
    assert speaking["start"]["id"] == intake.json["id"]
    assert [h["level"] for h in speaking["history"]] == ["A1", "B1", "A2", "A1/A2"]
    assert skill_of(levels_of(client, world), "reading")["current"] is None


def test_a_correction_replaces_the_record_it_names_and_both_stay_as_history(client, world):
    first = record(client, world, level="A2", date=ago(world, 5)).json
    later_date = record(client, world, level="A1", date=ago(world, 30)).json
    correction = record(client, world, level="A2/B1", date=ago(world, 5), corrects_id=first["id"])
    assert correction.status_code == 201, correction.json
    assert correction.json["corrects_id"] == first["id"]

    speaking = skill_of(levels_of(client, world), "speaking")
    assert speaking["current"]["id"] == correction.json["id"]
    history = {h["assessment"]["id"]: h["assessment"] for h in speaking["history"]}
    assert history[first["id"]]["corrected_by_id"] == correction.json["id"]
    assert history[later_date["id"]]["corrected_by_id"] is None

    # Correcting the newest record of an older date leaves the latest date current.
    fix = record(client, world, level="A1/A2", date=ago(world, 30), corrects_id=later_date["id"])
    assert fix.status_code == 201
    assert skill_of(levels_of(client, world), "speaking")["current"]["id"] == correction.json["id"]
    listed = client.get(url(world, "assessments"), headers=factories.headers(world.coach))
    assert listed.status_code == 200
    assert [a["id"] for a in listed.json] == [later_date["id"], fix.json["id"], first["id"], correction.json["id"]]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"level": "C1"}, "level", "Onbekend niveau"),
        ({"level": "A1-B1"}, "level", "geen halve stap"),
        ({"date": "tomorrow"}, "date", "toekomst"),
        ({"corrects_id": "other participant"}, "corrects_id", "bestaat niet"),
        ({"corrects_id": "other skill"}, "corrects_id", "dezelfde vaardigheid"),
        ({"corrects_id": 999999}, "corrects_id", "bestaat niet"),
        ({"corrects_id": "corrected already"}, "corrects_id", "al gecorrigeerd"),
    ],
)
def test_a_bad_record_is_a_422_naming_its_field_and_stores_nothing(client, world, change, field, words):
    mine = record(client, world, level="A1").json
    yonas = record(client, world, factories.headers(world.coordinator), world.other_participant).json
    reading = record(client, world, skill="reading").json
    record(client, world, level="A2", corrects_id=mine["id"])
    values = {
        "tomorrow": (today(world) + timedelta(days=1)).isoformat(),
        "other participant": yonas["id"],
        "other skill": reading["id"],
        "corrected already": mine["id"],
    }
    body = {key: values.get(value, value) for key, value in change.items()}
    before = count(Assessment)
    response = record(client, world, **({"level": "A2/B1"} | body))
    assert response.status_code == 422, response.json
    assert words in response.json["errors"]["json"][field][0]
    assert count(Assessment) == before


def test_the_same_record_again_stores_nothing_and_answers_with_the_first(client, world):
    body = {"level": "a2", "note": "Vertelt over haar werk", "test_name": "Bureau ICE"}
    first = record(client, world, **body)
    again = record(client, world, **body)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert count(Assessment) == 1
    other_note = record(client, world, **(body | {"note": "Iets anders"}))
    assert other_note.status_code == 201 and other_note.json["id"] != first.json["id"]
    assert count(Assessment) == 2


def test_two_identical_records_at_once_store_one(app, client, world):
    headers = factories.headers(world.teacher)
    body = {"skill": "reading", "level": "A2", "date": ago(world, 3), "source": "test"}
    answers = at_once(app, *[post(url(world, "assessments"), body, headers)] * 3)
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert len({a.json["id"] for a in answers}) == 1
    assert count(Assessment) == 1


# Targets and the route's deadline


@pytest.mark.parametrize(("route", "level"), [("b1", "B1"), ("onderwijs", "B1"), ("z", "A1"), (None, None)])
def test_the_route_sets_the_default_target_of_every_skill(client, world, route, level):
    patch = client.patch(person_url(world), json={"route": route}, headers=factories.headers(world.coordinator))
    assert patch.status_code == 200, patch.json
    view = levels_of(client, world)
    assert view["route"] == route
    targets = [s["target"] for s in view["skills"]]
    assert [t["level"] for t in targets] == [level] * 5
    assert all(t["default"] and t["reason"] is None for t in targets)


def test_a_lowered_target_is_in_force_with_its_reason_and_kept_in_the_history(client, world):
    coordinator = factories.headers(world.coordinator)
    client.patch(person_url(world), json={"route": "b1"}, headers=coordinator)
    target_url = url(world, "targets/writing")
    lowered = client.put(
        target_url, json={"level": "A2", "reason": "Besluit gemeente", "date": ago(world, 30)}, headers=coordinator
    )
    assert lowered.status_code == 200, lowered.json
    assert lowered.json | {"proposal": None} == {
        "level": "A2",
        "level_rank": 3,
        "level_dutch": "A2",
        "default": False,
        "reason": "Besluit gemeente",
        "changed_on": ago(world, 30),
        "proposal": None,
    }
    again = client.put(target_url, json={"level": "A2", "reason": "Besluit gemeente"}, headers=coordinator)
    assert again.status_code == 200 and again.json["changed_on"] == ago(world, 30)
    assert count(TargetChange) == 1  # the same target and reason: nothing new
    raised = client.put(target_url, json={"level": "a2/b1", "reason": "Gaat sneller dan gedacht"}, headers=coordinator)
    assert raised.status_code == 200 and raised.json["level"] == "A2/B1"

    writing = skill_of(levels_of(client, world), "writing")
    assert writing["target"]["level"] == "A2/B1" and writing["target"]["reason"] == "Gaat sneller dan gedacht"
    assert [(h["kind"], h["level"], h["reason"]) for h in writing["history"]] == [
        ("target", "A2", "Besluit gemeente"),
        ("target", "A2/B1", "Gaat sneller dan gedacht"),
    ]
    assert skill_of(levels_of(client, world), "reading")["target"] == {
        "level": "B1",
        "level_rank": 5,
        "level_dutch": "B1",
        "default": True,
        "reason": None,
        "changed_on": None,
        "proposal": None,
    }
    future = client.put(
        target_url, json={"level": "A2", "reason": "Later", "date": ago(world, -1)}, headers=coordinator
    )
    assert future.status_code == 422 and "date" in future.json["errors"]["json"]


def test_a_teachers_proposal_waits_for_the_coordinator(client, world):
    teacher, coordinator = factories.headers(world.teacher), factories.headers(world.coordinator)
    client.patch(person_url(world), json={"route": "b1"}, headers=coordinator)
    proposals = url(world, "target-proposals")
    body = {"skill": "speaking", "level": "A2", "reason": "Spreken gaat langzaam"}
    first = client.post(proposals, json=body, headers=teacher)
    assert first.status_code == 201 and first.json["status"] == "proposed"
    assert client.post(proposals, json=body, headers=teacher).json["id"] == first.json["id"]
    other = client.post(proposals, json=body | {"level": "A1/A2"}, headers=teacher).json

    speaking = skill_of(levels_of(client, world), "speaking")["target"]
    assert speaking["level"] == "B1" and speaking["default"] is True  # a proposal is not in force
    assert speaking["proposal"]["id"] == other["id"]  # the newest
    assert speaking["proposal"]["proposed_by"]["name"] == "Docent A"

    put = client.put(url(world, "targets/speaking"), json={"level": "A2", "reason": "Akkoord"}, headers=coordinator)
    assert put.status_code == 200 and put.json["level"] == "A2"
    assert put.json["proposal"]["id"] == other["id"]  # the A1/A2 proposal stays open
    db.session.expire_all()
    assert db.session.get(TargetChange, first.json["id"]).status is TargetStatus.IN_FORCE
    assert db.session.get(TargetChange, first.json["id"]).decided_by_id == world.coordinator.id
    speaking = skill_of(levels_of(client, world), "speaking")
    assert [(h["level"], h["reason"]) for h in speaking["history"]] == [("A2", "Akkoord")]

    decline = f"{proposals}/{other['id']}/decline"
    declined = client.post(decline, headers=coordinator)
    assert declined.status_code == 200 and declined.json["status"] == "declined"
    assert client.post(decline, headers=coordinator).json["status"] == "declined"
    assert client.post(decline, headers=teacher).status_code == 403
    assert client.post(f"{proposals}/{first.json['id']}/decline", headers=coordinator).status_code == 409
    assert skill_of(levels_of(client, world), "speaking")["target"]["proposal"] is None


def test_the_coordinator_sets_the_deadline_and_null_brings_back_the_default(client, world):
    coordinator, teacher = factories.headers(world.coordinator), factories.headers(world.teacher)
    participant = person_url(world)
    assert client.patch(participant, json={"start_date": "2024-02-29"}, headers=coordinator).status_code == 200
    view = levels_of(client, world)
    assert (view["deadline"], view["deadline_is_default"]) == ("2027-02-28", True)
    changed = client.patch(participant, json={"deadline": "2027-09-01"}, headers=coordinator)
    assert changed.status_code == 200
    assert changed.json["profile"]["deadline"] == "2027-09-01" and not changed.json["profile"]["deadline_is_default"]
    assert levels_of(client, world)["deadline"] == "2027-09-01"
    assert client.patch(participant, json={"deadline": "2020-01-01"}, headers=coordinator).status_code == 422
    refused = client.patch(participant, json={"deadline": "2028-01-01"}, headers=teacher)
    assert refused.status_code == 403
    back = client.patch(participant, json={"deadline": None}, headers=coordinator)
    assert back.json["profile"]["deadline"] == "2027-02-28" and back.json["profile"]["deadline_is_default"]


# Evidence from practice, from hand-made cards


def sector(slug: str) -> int:
    return db.session.scalar(select(Sector.id).where(Sector.slug == slug))


def make_term(slug: str, key: str, level: str, pos: str = "noun", **extra) -> Term:
    term = Term(
        sector_id=sector(slug),
        key=key,
        term=key,
        pos=pos,
        level=level,
        theme="werk",
        example=f"Zeg {key}.",
        **extra,
    )
    db.session.add(term)
    db.session.flush()
    return term


def card(participant, term: Term, skill: str, stability: float | None) -> Card:
    """A card with the memory state that gives its mastery: None is never answered (new)."""
    made = Card(
        participant_id=participant.id,
        term_id=term.id,
        skill=skill,
        due=utcnow(),
        state=1 if stability is None else 2,
        stability=stability,
        difficulty=5.0 if stability else None,
        reps=0 if stability is None else 3,
    )
    db.session.add(made)
    db.session.flush()
    return made


LEARNING, KNOWN, MASTERED = 1.0, KNOWN_STABILITY, MASTERED_STABILITY


def test_the_evidence_counts_known_terms_per_band_and_skill_and_recent_answers(client, world):
    amina = world.participant  # sectors: algemeen and zorg
    n1, n2 = make_term("algemeen", "n1", "A1"), make_term("algemeen", "n2", "A1")
    p1 = make_term("algemeen", "p1", "A1", "phrase")
    n3 = make_term("algemeen", "n3", "A2")
    make_term("algemeen", "n4", "B1")  # no card in any skill: counts, never known
    n5, p2 = make_term("zorg", "n5", "A1"), make_term("zorg", "p2", "A2", "phrase")
    make_term("schoonmaak", "x1", "A1")  # not her sector, not assigned
    x2 = make_term("schoonmaak", "x2", "A2")  # assigned: counts
    x3 = make_term("schoonmaak", "x3", "A1")  # assigned, then taken back: does not count
    make_term("algemeen", "oud", "A1", retired=True)
    make_term("zorg", "van-b", "A1", organisation_id=world.org_b.id)  # another organisation's own term
    db.session.commit()
    assignments.assign_terms(world.teacher, amina, [x2.id, x3.id], now=utcnow())
    assignments.unassign_term(amina, x3, now=utcnow())

    for term, stability in [(n1, KNOWN), (n2, MASTERED), (p1, LEARNING), (n3, KNOWN), (p2, KNOWN), (x2, KNOWN)]:
        card(amina, term, "reading", stability)
    for term in (n1, n2, p1, n5, n3, p2):
        card(amina, term, "listening", KNOWN)
    card(amina, x2, "listening", None)
    card(amina, p1, "conversation", MASTERED)
    card(amina, x3, "reading", MASTERED)  # taken back: not in the evidence, whatever its card says
    reading = db.session.scalar(select(Card).where(Card.term_id == n1.id, Card.skill == "reading"))
    now = utcnow()
    for days, result in [(1, "correct"), (2, "slip"), (29, "wrong"), (31, "correct")]:
        db.session.add(
            ReviewEvent(
                id=str(uuid.uuid4()),
                participant_id=amina.id,
                card_id=reading.id,
                answered_at=now - timedelta(days=days),
                result=result,
            )
        )
    db.session.commit()

    view = levels_of(client, world)

    def bands(skill):
        return [(b["band"], b["known"], b["total"]) for b in skill_of(view, skill)["evidence"]["bands"]]

    assert bands("reading") == [("A1", 2, 4), ("A2", 3, 3), ("B1", 0, 1)]
    assert bands("listening") == [("A1", 4, 4), ("A2", 2, 3), ("B1", 0, 1)]
    assert bands("conversation") == [("A1", 1, 1), ("A2", 0, 1), ("B1", 0, 0)]  # phrases only
    assert bands("writing") == [("A1", 0, 3), ("A2", 0, 2), ("B1", 0, 1)]  # words only; no card yet: not known
    reading_evidence = skill_of(view, "reading")["evidence"]
    assert reading_evidence["bands"][0]["share"] == pytest.approx(0.5)
    assert reading_evidence["bands"][1]["share"] == pytest.approx(1.0)
    assert (reading_evidence["answers"], reading_evidence["right"]) == (3, 2)
    assert reading_evidence["accuracy"] == pytest.approx(2 / 3)
    assert reading_evidence["summary_band"] is None  # A1 is only half known: A2 does not count above it
    assert skill_of(view, "listening")["evidence"]["summary"] == "woordenschat A1 grotendeels bekend"
    assert skill_of(view, "conversation")["evidence"]["summary_band"] == "A1"
    assert skill_of(view, "writing")["evidence"]["bands"][0]["share"] == 0.0
    assert skill_of(view, "speaking")["evidence"]["self_assessed"] is True
    assert skill_of(view, "listening")["evidence"]["self_assessed"] is False
    assert skill_of(view, "listening")["evidence"]["accuracy"] is None
    # Evidence is never a level: nothing the practice did shows as a current level.
    assert all(s["current"] is None for s in view["skills"])


# A group's round


def add_member(world, name: str, ref: str | None = None):
    person = factories.participant(world.org_a, name)
    person.profile.ref = ref
    db.session.execute(
        group_participants.insert().values(
            group_id=group_one(world).id, participant_id=person.id, joined_on=today(world)
        )
    )
    db.session.commit()
    return person


def round_url(world, tail: str = "assessments") -> str:
    return f"/api/groups/{group_one(world).id}/{tail}"


def test_a_round_with_one_bad_cell_stores_nothing_and_names_each_bad_cell(client, world):
    bram = add_member(world, "Bram")
    teacher = factories.headers(world.teacher)
    cells = [
        {"participant_id": world.participant.id, "skill": "reading", "level": "a2"},
        {"participant_id": bram.id, "skill": "reading", "level": "A1/A2", "note": "Leest hardop"},
        {"participant_id": bram.id, "skill": "speaking", "level": "C1"},
        {"participant_id": world.other_participant.id, "skill": "reading", "level": "A2"},
        {"participant_id": bram.id, "skill": "reading", "level": "A2"},
    ]
    body = {"date": ago(world, 1), "source": "test", "test_name": "Bureau ICE", "cells": cells}
    bad = client.post(round_url(world), json=body, headers=teacher)
    assert bad.status_code == 422
    assert bad.json["message"] == "3 cellen kloppen niet; er is niets opgeslagen."
    errors = bad.json["errors"]["json"]["cells"]
    assert set(errors) == {"2", "3", "4"}
    assert list(errors["2"]) == ["level"] and "Onbekend niveau 'C1'" in errors["2"]["level"][0]
    assert errors["3"] == {"participant_id": ["Deze deelnemer zit vandaag niet in deze groep."]}
    assert list(errors["4"]) == ["skill"]
    assert count(Assessment) == 0

    future = client.post(round_url(world), json=body | {"cells": cells[:2], "date": ago(world, -1)}, headers=teacher)
    assert future.status_code == 422 and list(future.json["errors"]["json"]) == ["date"]
    assert count(Assessment) == 0

    good = client.post(round_url(world), json=body | {"cells": cells[:2]}, headers=teacher)
    assert good.status_code == 201, good.json
    assert good.json["created"] == 2
    assert [(a["participant_id"], a["level"], a["note"]) for a in good.json["assessments"]] == [
        (world.participant.id, "A2", None),
        (bram.id, "A1/A2", "Leest hardop"),
    ]
    again = client.post(round_url(world), json=body | {"cells": cells[:2]}, headers=teacher)
    assert again.status_code == 201 and again.json["created"] == 0
    assert [a["id"] for a in again.json["assessments"]] == [a["id"] for a in good.json["assessments"]]
    assert count(Assessment) == 2

    grid = client.get(round_url(world, "levels"), headers=teacher)
    assert grid.status_code == 200
    rows = {row["participant"]["name"]: row for row in grid.json}
    assert list(rows) == ["Amina", "Bram"]
    assert rows["Bram"]["skills"]["reading"] == {
        "level": "A1/A2",
        "level_rank": 2,
        "date": ago(world, 1),
        "source": "test",
    }
    assert rows["Bram"]["skills"]["speaking"] is None and rows["Amina"]["read_only"] is False
    coach_grid = client.get(round_url(world, "levels"), headers=factories.headers(world.coach))
    assert coach_grid.status_code == 200
    assert [(r["participant"]["name"], r["read_only"]) for r in coach_grid.json] == [("Amina", True)]


def test_a_round_is_for_the_groups_own_teachers(client, world):
    body = {
        "date": ago(world, 1),
        "source": "observation",
        "cells": [{"participant_id": world.participant.id, "skill": "reading", "level": "A2"}],
    }
    other = client.post(round_url(world), json=body, headers=factories.headers(world.other_teacher))
    assert other.status_code == 404  # not her group: she cannot see it
    # A teacher who sees the group through a participant of hers in it, without teaching it: 403.
    db.session.execute(
        group_participants.insert().values(
            group_id=group_one(world).id, participant_id=world.other_participant.id, joined_on=today(world)
        )
    )
    db.session.commit()
    seen = client.post(round_url(world), json=body, headers=factories.headers(world.other_teacher))
    assert seen.status_code == 403
    assert client.post(round_url(world), json=body, headers=factories.headers(world.coach)).status_code == 403
    assert count(Assessment) == 0
    assert client.post(round_url(world), json=body, headers=factories.headers(world.coordinator)).status_code == 201


# A test provider's spreadsheet


def upload(client, world, text: str, headers=None, **query):
    return client.post(
        round_url(world, "assessments/import"),
        data=text.encode(),
        content_type="text/csv",
        query_string=query,
        headers=headers or factories.headers(world.teacher),
    )


def test_a_results_file_with_bad_rows_stores_nothing_and_names_each_row(client, world):
    bram = add_member(world, "Bram", ref="KN-2")
    yonas = world.other_participant
    day, tomorrow = ago(world, 7), ago(world, -1)
    text = (
        "deelnemer;vaardigheid;niveau;datum;bron;toets\n"
        f"KN-2;lezen;A2;{day};toets;Bureau ICE\n"
        f"{world.participant.id};gesprekken voeren;a1-a2;{day};test;Bureau ICE\n"
        f"KN-99;lezen;A2;{day};toets;\n"
        f"{yonas.id};lezen;A2;{day};toets;\n"
        f"Amina;lezen;A2;{day};toets;\n"
        f"KN-2;spreken;C1;{day};toets;\n"
        f"KN-2;schrijven;A2;{tomorrow};toets;\n"
        f"KN-2;zwemmen;A2;{day};gok;\n"
    )
    bad = upload(client, world, text)
    assert bad.status_code == 422
    rows = bad.json["errors"]["rows"]
    assert set(rows) == {"line 4", "line 5", "line 6", "line 7", "line 8", "line 9"}
    assert rows["line 4"] == ["participant: Geen deelnemer van deze groep met klantnummer of nummer 'KN-99'."]
    assert rows["line 5"][0].startswith("participant:")  # Yonas is not in this group
    assert rows["line 6"][0].startswith("participant:")  # never a guess by name
    assert rows["line 7"][0].startswith("level:")
    assert rows["line 8"][0].startswith("date:") and "toekomst" in rows["line 8"][0]
    assert [m.split(":")[0] for m in rows["line 9"]] == ["skill", "source"]
    assert count(Assessment) == 0

    good = "\n".join(text.splitlines()[:3]) + "\n"
    check = upload(client, world, good, dry_run=1)
    assert check.status_code == 201 and (check.json["created"], check.json["dry_run"], check.json["rows"]) == (
        2,
        True,
        2,
    )
    assert check.json["assessments"] == [] and count(Assessment) == 0
    stored = upload(client, world, good)
    assert stored.status_code == 201 and stored.json["created"] == 2
    assert [(a["participant_id"], a["skill"], a["level"], a["test_name"]) for a in stored.json["assessments"]] == [
        (bram.id, "reading", "A2", "Bureau ICE"),
        (world.participant.id, "conversation", "A1/A2", "Bureau ICE"),
    ]
    again = upload(client, world, good)
    assert again.status_code == 201 and again.json["created"] == 0
    assert count(Assessment) == 2
    assert upload(client, world, good, dry_run=1).json["created"] == 0


# Who may read and record


def test_who_may_read_and_record_levels(client, world):
    other_coach = factories.staff(world.org_a, Role.COACH, "Coach B")
    body = {"skill": "reading", "level": "A2", "date": ago(world, 1), "source": "observation"}
    target = {"level": "A2", "reason": "Besluit gemeente"}
    cases = [
        (world.other_teacher, "GET", "levels", None, 404),  # a teacher outside her group
        (other_coach, "GET", "levels", None, 404),  # a coach outside his caseload
        (world.coordinator_b, "GET", "levels", None, 404),  # another organisation
        (world.coordinator_b, "POST", "assessments", body, 404),
        (world.participant, "POST", "assessments", body, 403),  # a participant writing
        (world.participant, "GET", "levels", None, 403),  # their own: /api/me/levels
        (world.teacher, "PUT", "targets/reading", target, 403),  # a teacher setting a target
        (world.coach, "POST", "assessments", body, 403),  # a coach recording
        (world.coach, "GET", "levels", None, 200),
        (world.coach, "GET", "assessments", None, 200),
    ]
    for user, method, tail, json, status in cases:
        response = client.open(url(world, tail), method=method, json=json, headers=factories.headers(user))
        assert response.status_code == status, (user.name, method, tail, response.json)
        assert response.is_json
    assert count(Assessment) == 0 and count(TargetChange) == 0
    assert skill_of(levels_of(client, world, world.coach), "reading")["current"] is None
    assert levels_of(client, world, world.coach)["read_only"] is True
    assert levels_of(client, world, world.teacher)["read_only"] is False


def test_recording_is_audited_as_a_change_of_the_participants_levels(client, world):
    assert record(client, world).status_code == 201
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.object_kind == "level")).all()
    assert [(e.action.value, e.participant_id, e.actor_id) for e in entries] == [
        ("create", world.participant.id, world.teacher.id)
    ]


def test_my_levels_show_level_date_and_source_on_the_way_to_the_target_and_no_notes(client, world):
    coordinator = factories.headers(world.coordinator)
    client.patch(person_url(world), json={"route": "z", "start_date": "2026-01-05"}, headers=coordinator)
    record(client, world, level="A0", date=ago(world, 50), source="intake", note="Geheime aantekening")
    record(client, world, level="A1", date=ago(world, 5), test_name="Bureau ICE", note="Nog een")
    client.put(url(world, "targets/speaking"), json={"level": "A2", "reason": "Kan meer"}, headers=coordinator)

    mine = client.get("/api/me/levels", headers=factories.headers(world.participant))
    assert mine.status_code == 200
    assert (mine.json["route"], mine.json["deadline"]) == ("z", "2029-01-05")
    speaking = skill_of(mine.json, "speaking")
    assert speaking == {
        "skill": "speaking",
        "name": "spreken",
        "start": {
            "level": "A0",
            "level_rank": 0,
            "level_dutch": "A0",
            "date": ago(world, 50),
            "source": "intake",
            "test_name": None,
        },
        "current": {
            "level": "A1",
            "level_rank": 1,
            "level_dutch": "A1",
            "date": ago(world, 5),
            "source": "test",
            "test_name": "Bureau ICE",
        },
        "target": {"level": "A2", "level_rank": 3, "level_dutch": "A2"},
    }
    assert skill_of(mine.json, "reading")["target"]["level"] == "A1"  # the Z-route's default
    body = mine.get_data(as_text=True)
    assert "aantekening" not in body and "Nog een" not in body and "Docent A" not in body
    assert "note" not in body and "reason" not in body and "evidence" not in body
    # Reading their own levels is not audited.
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.actor_id == world.participant.id)
        )
        == 0
    )
    assert client.get("/api/me/levels", headers=factories.headers(world.teacher)).status_code == 403
