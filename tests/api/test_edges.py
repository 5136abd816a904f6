"""The fuzzer's findings (issue 12): numbers, ids and text the database cannot hold are refused at the edge.

Each test sends what the tester sent. On PostgreSQL (``make test`` runs this file there too) these requests failed
with "integer out of range", "A string literal cannot contain NUL characters" or a RecursionError: a 500, a lost
batch of answers, or an outbox retrying for ever. Now an unknown id is a 404 (URL) or rejected alone (an answer), a
page past the end is empty, and a text with a NUL or a lone surrogate is a 422 that names its field.
"""

import json
import re
import uuid

import pytest
from flask_smorest.fields import Upload
from marshmallow import fields, validate
from sqlalchemy import func, select

from api.extensions import db
from api.models import Card, ReviewEvent, Sector, Term, Visit, Workplace
from api.schemas import Schema
from api.schemas.fields import MAX_ID, Email, Id, Text
from api.validation import MAX_JSON_DEPTH, NOT_JSON, TOO_DEEP, json_too_deep
from tests import factories
from tests.api.test_practice import answer, send, start_session
from vaktaal.roles import Role

BEYOND = [MAX_ID + 1, 9_999_999_999, 10**20]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def assert_error(response, code: int) -> dict:
    assert response.status_code == code, response.get_data(as_text=True)
    assert response.is_json and response.json["code"] == code and response.json["message"]
    return response.json


@pytest.fixture
def learner(lists, world):
    return factories.headers(world.participant)


@pytest.fixture
def teacher(world):
    return factories.headers(world.teacher)


@pytest.fixture
def workplace(world) -> Workplace:
    sector_id = db.session.scalar(select(Sector.id).where(Sector.slug == "schoonmaak"))
    return factories.place(world.org_a, world.participant, sector_id, "Glans").workplace


# Numbers and ids


@pytest.mark.parametrize("number", [*BEYOND, 0])
@pytest.mark.parametrize(
    "path", ["/api/terms/{}/audio", "/api/terms/{}/example-audio", "/api/observations/{}/photo?sig=x"]
)
def test_an_id_beyond_the_database_in_a_public_url_is_not_found(client, ctx, path, number):
    assert_error(client.get(path.format(number)), 404)


@pytest.mark.parametrize("number", BEYOND)
@pytest.mark.parametrize(
    "path", ["/api/terms/{}", "/api/participants/{}", "/api/visits/{}", "/api/workplaces/{}/prepare"]
)
def test_an_id_beyond_the_database_in_a_url_is_not_found(client, world, path, number):
    assert_error(client.get(path.format(number), headers=factories.headers(world.coordinator)), 404)


def test_a_page_past_the_end_is_an_empty_page(client, world):
    headers = factories.headers(world.coordinator)
    for page in ("3", "9999999999999999999", str(10**40)):
        response = client.get(f"/api/participants?page={page}", headers=headers)
        assert response.status_code == 200 and response.json == []
        counts = json.loads(response.headers["X-Pagination"])
        assert counts["total"] == 2 and counts["last_page"] == 1 and "page" not in counts
    first = client.get("/api/participants?page=1", headers=headers)
    assert [p["name"] for p in first.json] == ["Amina", "Yonas"]


@pytest.mark.parametrize("query", ["page_size=0", "page_size=101", "page_size=99999999999999999999", "page=0"])
def test_a_page_size_out_of_range_is_refused(client, world, query):
    body = assert_error(client.get(f"/api/participants?{query}", headers=factories.headers(world.coordinator)), 422)
    assert query.split("=")[0] in body["errors"]["query"]


@pytest.mark.parametrize("number", BEYOND)
def test_ids_beyond_the_database_in_a_body_are_refused_by_field_and_change_nothing(client, world, lists, number):
    teacher = factories.headers(world.teacher)
    term_id = db.session.scalar(select(Term.id).limit(1))
    participant = world.participant.id
    cases = [
        (f"/api/participants/{participant}/terms", {"term_ids": [term_id, number]}, "term_ids"),
        (f"/api/terms/{term_id}/assignments", {"participant_ids": [number]}, "participant_ids"),
        (f"/api/terms/{term_id}/assignments", {"group_id": number}, "group_id"),
        (f"/api/terms/{term_id}/assignments", {"workplace_id": number}, "workplace_id"),
        ("/api/visits", {"workplace_id": number, "date": "2026-03-02"}, "workplace_id"),
    ]
    for url, body, field in cases:
        refused = assert_error(client.post(url, json=body, headers=teacher), 422)
        assert field in refused["errors"]["json"], refused
    assigned = client.get(f"/api/participants/{participant}/terms", headers=teacher)
    assert assigned.status_code == 200 and assigned.json == []
    world.coordinator.is_editor = True
    db.session.commit()
    adopt = client.post(
        f"/api/terms/{term_id}/audio/adopt",
        json={"recording_id": number},
        headers=factories.headers(world.coordinator),
    )
    assert assert_error(adopt, 422)["errors"]["json"]["recording_id"] == ["Dit nummer bestaat niet."]
    session = client.post(
        "/api/me/sessions", json={"exclude_card_ids": [number]}, headers=factories.headers(world.participant)
    )
    assert "exclude_card_ids" in assert_error(session, 422)["errors"]["json"]
    assert count(Visit) == 0 and count(Card) == 0


def test_an_answer_for_a_card_beyond_the_database_is_rejected_alone_and_the_batch_kept(client, learner):
    card = start_session(client, learner, size=2)["exercises"][0]["card_id"]
    batch = [answer(card), answer(MAX_ID + 1, minutes=1), answer(10**20, minutes=2), answer(card, minutes=3)]
    results = send(client, learner, batch)["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected", "rejected", "accepted"]
    assert [r["id"] for r in results] == [e["id"] for e in batch]
    assert "card_id" in results[1]["reason"] and "card_id" in results[2]["reason"]
    assert count(ReviewEvent) == 2
    again = send(client, learner, batch)["results"]  # the outbox sends it again: nothing new, nothing lost
    assert [r["status"] for r in again] == ["duplicate", "rejected", "rejected", "duplicate"]
    assert count(ReviewEvent) == 2


def test_another_participants_card_is_refused_with_the_reason_of_an_unknown_one(client, learner, world):
    term_id = db.session.scalar(select(Term.id).limit(1))
    other = factories.headers(world.other_participant)
    assigned = client.post(
        f"/api/participants/{world.other_participant.id}/terms",
        json={"term_ids": [term_id]},
        headers=factories.headers(world.other_teacher),
    )
    assert assigned.status_code == 200
    theirs = start_session(client, other, size=2)["exercises"][0]["card_id"]
    assert db.session.get(Card, theirs).participant_id == world.other_participant.id
    unknown = max(theirs, db.session.scalar(select(func.max(Card.id)))) + 1000
    results = send(client, learner, [answer(theirs), answer(unknown)])["results"]
    assert results[0]["status"] == results[1]["status"] == "rejected"
    assert results[0]["reason"] == results[1]["reason"] == "Deze kaart bestaat niet."
    assert count(ReviewEvent) == 0


def test_answers_with_text_the_database_cannot_hold_are_rejected_alone(client, learner):
    card = start_session(client, learner, size=2)["exercises"][0]["card_id"]
    bad = [
        answer(card, result="correct\x00"),
        answer(card, answered_at="2026-03\x00-02T10:00:00Z"),
        {**answer(card), "id": "\x00" + str(uuid.uuid4())},
        {**answer(card), "id": "\ud800"},
        {**answer(card), "id": ["not", "an", "id"]},
    ]
    results = send(client, learner, [answer(card), *bad])["results"]
    assert [r["status"] for r in results] == ["accepted"] + ["rejected"] * len(bad)
    assert [r["id"] for r in results[3:]] == [None, None, None]  # ids echoed only when they could be ids
    assert count(ReviewEvent) == 1


@pytest.mark.parametrize("number", ["Infinity", "1e400", "-Infinity", "NaN"])
def test_numbers_json_cannot_hold_are_refused_in_dutch(client, learner, number):
    response = client.post(
        "/api/me/sessions", data=f'{{"size": {number}}}', content_type="application/json", headers=learner
    )
    message = assert_error(response, 422)["errors"]["json"]["size"][0]
    assert message in ("Dit getal is te groot.", "Dit moet een heel getal zijn.")


def test_a_number_too_long_to_read_is_not_json(client, learner):
    response = client.post(
        "/api/me/sessions", data='{"size": ' + "9" * 5000 + "}", content_type="application/json", headers=learner
    )
    assert assert_error(response, 400)["message"] == NOT_JSON


# Text


def term_body(**changes) -> dict:
    body = {
        "key": "spons",
        "sector": "schoonmaak",
        "term": "spons",
        "article": "de",
        "plural": "sponzen",
        "pos": "noun",
        "level": "A1",
        "theme": "materialen",
        "example": "Pak de spons.",
        "translations": {"en": {"text": "sponge"}, "ar": {"text": "إسفنجة"}},
    }
    return body | changes


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"term": "spo\x00ns"}, "term"),
        ({"term": "spo\ud800ns"}, "term"),
        ({"example": "Pak de\x00 spons."}, "example"),
        ({"translations": {"en": {"text": "spo\x00nge"}}}, "translations"),
        ({"translations": {"e\x00": {"text": "sponge"}}}, "translations"),
        ({"theme": "mate\x1brialen"}, "theme"),
        ({"term": "spons\n"}, "term"),
        ({"sector": "schoon\x00maak"}, "sector"),
    ],
)
def test_a_term_with_text_the_database_cannot_hold_is_refused_and_not_stored(client, world, changes, field):
    response = client.post("/api/terms", json=term_body(**changes), headers=factories.headers(world.teacher))
    assert field in assert_error(response, 422)["errors"]["json"]
    assert count(Term) == 0


def test_the_messages_say_what_to_do(client, world):
    headers = factories.headers(world.teacher)
    nul = client.post("/api/terms", json=term_body(term="a\x00"), headers=headers).json["errors"]["json"]["term"]
    line = client.post("/api/terms", json=term_body(term="a\tb"), headers=headers).json["errors"]["json"]["term"]
    broken = client.post("/api/terms", json=term_body(term="\ud800"), headers=headers).json["errors"]["json"]["term"]
    assert nul == ["Deze tekst bevat een onzichtbaar teken dat niet kan. Typ de tekst opnieuw."]
    assert line == ["Gebruik hier geen nieuwe regel of tab."]
    assert broken == ["Deze tekst bevat een ongeldig teken. Typ de tekst opnieuw."]


def test_notes_and_examples_keep_their_newlines_and_tabs(client, world, workplace):
    headers = factories.headers(world.teacher)
    notes = "Kantine:\n\tvloer dweilen\r\nMagazijn: vegen"
    visit = client.post(
        "/api/visits",
        json={"workplace_id": workplace.id, "date": "2026-03-02", "notes": notes, "observations": []},
        headers=headers,
    )
    assert visit.status_code == 201 and visit.json["notes"] == notes
    term = client.post("/api/terms", json=term_body(example="Pak de spons.\nSop de bak uit."), headers=headers)
    assert term.status_code == 201 and term.json["example"] == "Pak de spons.\nSop de bak uit."
    refused = client.patch(f"/api/visits/{visit.json['id']}", json={"notes": "vloer\x00"}, headers=headers)
    assert "notes" in assert_error(refused, 422)["errors"]["json"]
    kept = client.get(f"/api/visits/{visit.json['id']}", headers=headers)
    assert kept.json["notes"] == notes


def test_visit_notes_observation_context_and_proposal_notes_refuse_a_nul(client, world, lists, workplace):
    headers = factories.headers(world.teacher)
    term_id = db.session.scalar(select(Term.id).where(Term.organisation_id.is_(None)).limit(1))
    day = {"workplace_id": workplace.id, "date": "2026-03-02"}
    cases = [
        ("/api/visits", {**day, "notes": "a\x00"}, "notes"),
        ("/api/visits", {**day, "observations": [{"term_id": term_id, "context": "a\x00"}]}, "observations"),
        (f"/api/terms/{term_id}/proposals", {"level": "B1", "note": "a\x00"}, "note"),
    ]
    for url, body, field in cases:
        assert field in assert_error(client.post(url, json=body, headers=headers), 422)["errors"]["json"]
    visit = client.post("/api/visits", json=day, headers=headers).json
    heard = client.post(
        f"/api/visits/{visit['id']}/observations", json={"term": "trekker", "context": "de\x00"}, headers=headers
    )
    assert "context" in assert_error(heard, 422)["errors"]["json"]
    assert count(Visit) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/sectors/schoonmaak/terms?q=a%00b",
        "/api/sectors/schoonmaak/terms?theme=a%00b",
        "/api/terms/check?term=a%00b",
        "/api/terms/check?term=dweil&sector=a%00b",
        "/api/terms/search?q=a%00b",
        "/api/terms/search?q=a%1Bb",
    ],
)
def test_a_query_with_a_nul_is_refused_by_name(client, world, lists, url):
    body = assert_error(client.get(url, headers=factories.headers(world.teacher)), 422)
    name = url.split("?")[1].split("&")[-1].split("=")[0]
    assert name in body["errors"]["query"]


@pytest.mark.parametrize("slug", ["%00", "school%00maak", "a%0Ab", "%C2%85"])
def test_a_sector_slug_with_control_characters_is_not_found(client, world, slug):
    headers = factories.headers(world.teacher)
    for path in ("/api/sectors/{}", "/api/sectors/{}/terms", "/api/sectors/{}/terms.csv"):
        assert_error(client.get(path.format(slug), headers=headers), 404)


def test_a_login_with_control_characters_is_refused_by_field(client, world):
    refused = client.post("/api/auth/login", json={"email": world.teacher.email + "\x00", "password": "x"})
    assert "email" in assert_error(refused, 422)["errors"]["json"]
    code = client.post("/api/auth/code", json={"code": "ABCD\x00EFGH"})
    assert "code" in assert_error(code, 422)["errors"]["json"]


# JSON nesting


def test_json_nested_too_deep_is_refused_before_anything_reads_it(client, world, learner):
    for body in ("[" * 50_000, '{"a":' * 2_000 + "1" + "}" * 2_000, "[" * (MAX_JSON_DEPTH + 1) + "]" * 33):
        for url, headers in (("/api/me/sessions", learner), ("/api/auth/login", {}), ("/api/auth/code", {})):
            response = client.post(url, data=body, content_type="application/json", headers=headers)
            assert assert_error(response, 400)["message"] == TOO_DEEP
    assert count(Card) == 0


def test_json_depth_counts_brackets_outside_strings_only():
    assert not json_too_deep(json.dumps({"notes": "[" * 100 + "{" * 100}).encode())
    assert not json_too_deep(json.dumps({"notes": '\\"' + "[" * 100}).encode())
    assert not json_too_deep(json.dumps([[[{"a": [1]}]]]).encode())
    assert json_too_deep(b"[" * (MAX_JSON_DEPTH + 1))
    assert not json_too_deep(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH)
    assert json_too_deep(b'{"a": "x", "b": ' + b"[" * 40 + b"]" * 40 + b"}")


def test_the_deepest_body_the_app_sends_is_read(client, world, lists, workplace):
    term_id = db.session.scalar(select(Term.id).where(Term.organisation_id.is_(None)).limit(1))
    body = {
        "workplace_id": workplace.id,
        "date": "2026-03-02",
        "participant_ids": [world.participant.id],
        "observations": [{"term_id": term_id, "participant_ids": [world.participant.id], "context": '[{("x")}]'}],
    }
    response = client.post("/api/visits", json=body, headers=factories.headers(world.teacher))
    assert response.status_code == 201, response.json


def test_invalid_json_is_a_400_in_dutch(client, ctx):
    for body in ("{not json", '{"a": "\\ud800', b"\xff\xfe"):
        response = client.post("/api/auth/login", data=body, content_type="application/json")
        assert assert_error(response, 400)["message"] == NOT_JSON


# PATCH


def test_an_empty_patch_is_refused_by_name(client, world):
    term = client.post("/api/terms", json=term_body(), headers=factories.headers(world.teacher)).json
    response = client.patch(f"/api/terms/{term['id']}", json={}, headers=factories.headers(world.teacher))
    body = assert_error(response, 422)
    assert body["message"] == "Er is niets te wijzigen."
    assert body["errors"] == {"json": {"_schema": ["Er is niets te wijzigen."]}}
    changed = client.patch(f"/api/terms/{term['id']}", json={"level": "A2"}, headers=factories.headers(world.teacher))
    assert changed.status_code == 200 and changed.json["level"] == "A2"


# Messages

ENGLISH = re.compile(r"\b(Not|Invalid|Must|Number|Length|Shorter|Longer|Special|cannot)\b")


def test_every_message_an_input_field_can_give_is_dutch():
    inputs = [
        Text(),
        Email(),
        Id(),
        Upload(),
        fields.Int(),
        fields.Bool(),
        fields.Date(),
        fields.AwareDateTime(),
        fields.UUID(),
        fields.Enum(Role),
        fields.Dict(),
        fields.List(fields.Int()),
        fields.Nested(Schema),
    ]
    messages = [message for field in inputs for message in field.error_messages.values()]
    for rule in (validate.Length, validate.Range):
        messages += [rule.message_min, rule.message_max, rule.message_all]
    messages += [validate.Length.message_equal, validate.OneOf.default_message, validate.Email.default_message]
    messages += list(Schema.error_messages.values())
    assert len(messages) > 40
    assert [message for message in messages if ENGLISH.search(message)] == []
