"""Workplace visits: capture, assignment, coach suggestions, photos, preparation and permissions; visits sent from
a phone's outbox (client ids, retries, two at once, a new word that turns out to exist)."""

import io
import threading
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from flask_migrate import upgrade
from PIL import Image
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from api import create_app
from api.extensions import db
from api.models import Assignment, Observation, Sector, Term, User, Visit, Workplace, utcnow
from api.resources import resources
from api.services import terms
from tests import factories
from tests.api.conftest import SHIPPED
from tests.conftest import app_config
from vaktaal.roles import Role


@dataclass
class Floor:
    workplace: Workplace
    dweil: Term
    sector: Sector


@pytest.fixture
def floor(ctx, world):
    """A cleaning workplace where the world's participant works, and the shared term "dweil"."""
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
    return Floor(workplace, dweil, sector)


def visit_body(floor, **extra):
    return {
        "workplace_id": floor.workplace.id,
        "date": date.today().isoformat(),
        "notes": "Kantoorschoonmaak",
        "observations": [],
        **extra,
    }


def post_visit(client, user, body, status=201):
    response = client.post("/api/visits", json=body, headers=factories.headers(user))
    assert response.status_code == status, response.json
    return response.json


def upload_photo(client, user, observation_id, data: bytes):
    boundary, body = encode_multipart(MultiDict({"file": FileStorage(io.BytesIO(data), filename="x.jpg")}))
    return client.post(
        f"/api/observations/{observation_id}/photo",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=factories.headers(user),
    )


@pytest.mark.parametrize("query", ["dweil", "dweilen", "de dwijl", "DE DWEIL", "dwiel"])
def test_search_finds_terms_despite_typos_articles_and_plurals(client, world, floor, query):
    response = client.get(f"/api/terms/search?q={query}", headers=factories.headers(world.teacher))
    assert response.status_code == 200
    assert response.json[0]["id"] == floor.dweil.id


def test_a_visit_assigns_heard_terms_to_the_participants_placed_there(client, world, floor):
    visit = post_visit(
        client,
        world.teacher,
        visit_body(
            floor,
            observations=[
                {"term_id": floor.dweil.id, "context": "Pak de dweil uit de kast."},
                {"term": "zeepdispenser", "context": "De zeepdispenser is leeg.", "safety": False},
            ],
        ),
    )
    assert [p["name"] for p in visit["participants"]] == ["Amina"]
    terms = [o["term"] for o in visit["observations"]]
    assert [t["term"] for t in terms] == ["dweil", "zeepdispenser"]
    new = db.session.get(Term, terms[1]["id"])
    assert new.organisation_id == world.org_a.id and new.workplace_id == floor.workplace.id
    assert new.article == "de", "the article is suggested from the noun list"
    assert any("Engels" in hint for hint in visit["suggestions"][str(visit["observations"][1]["id"])])
    assert all(o["status"] == "assigned" for o in visit["observations"])
    session = client.post("/api/me/sessions", json={"size": 4}, headers=factories.headers(world.participant)).json
    assert {e["term_id"] for e in session["exercises"]} == {t["id"] for t in terms}


def add_heard(client, user, visit_id, body, status=201):
    response = client.post(f"/api/visits/{visit_id}/observations", json=body, headers=factories.headers(user))
    assert response.status_code == status, response.json
    return response.json


@pytest.mark.parametrize(
    ("heard", "pos", "article"),
    [
        ({"term": "ontkalken", "pos": "verb"}, "verb", None),
        ({"term": "straks", "pos": "adverb"}, "adverb", None),
        ({"term": "Doe de deur op slot.", "pos": "phrase"}, "phrase", None),
        ({"term": "kalkfilter", "pos": "noun", "article": "het"}, "noun", "het"),
        ({"term": "kalkfilter", "pos": "noun", "article": "de"}, "noun", "de"),
        ({"term": "fluppie", "pos": "noun"}, "noun", None),
    ],
)
def test_every_word_heard_can_be_added_with_the_checks_as_advice(client, world, floor, heard, pos, article):
    """Verbs, words the dictionary does not know, and a noun whose head takes both articles ("filter") are all
    added; what the noun list or the dictionary would change is advice, and a plural not given stays unknown."""
    visit = post_visit(client, world.teacher, visit_body(floor))
    observation = add_heard(client, world.teacher, visit["id"], {**heard, "context": "Dat hoor je hier vaak."})
    term = observation["term"]
    assert (term["pos"], term["article"], term["plural"]) == (pos, article, None)
    assert observation["status"] == "assigned" and [p["name"] for p in observation["participants"]] == ["Amina"]
    assert any("Engels" in hint for hint in observation["suggestions"])
    if pos == "noun":
        assert any("meervoud" in hint for hint in observation["suggestions"])
    if heard["term"] == "kalkfilter":
        assert any("'de' en 'het'" in hint for hint in observation["suggestions"])


def test_a_refused_word_says_why_by_field_and_changes_nothing(client, world, floor):
    visit = post_visit(client, world.teacher, visit_body(floor))
    empty = add_heard(client, world.teacher, visit["id"], {"term": "   ", "pos": "verb"}, 422)
    assert "Vul de Nederlandse term in" in empty["errors"]["json"]["term"][0]
    level = add_heard(client, world.teacher, visit["id"], {"term": "ontkalken", "level": "C2"}, 422)
    assert "level" in level["errors"]["json"]
    # The same word heard again is the word the lists have: offered, not made twice.
    again = add_heard(client, world.teacher, visit["id"], {"term": "Dweil", "pos": "noun"}, 409)
    assert "'de dweil' staat al in de gedeelde lijst" in again["errors"]["json"]["term"][0]
    in_a_visit = post_visit(client, world.teacher, visit_body(floor, observations=[{"term": "dweil"}]), 409)
    assert "staat al" in in_a_visit["errors"]["json"]["observations"]["0"]["term"][0]
    assert client.get(f"/api/visits/{visit['id']}", headers=factories.headers(world.teacher)).json["observations"] == []
    assert db.session.scalar(select(db.func.count()).select_from(Term)) == 1


def test_a_term_of_another_organisation_is_not_found_in_a_visit_and_nothing_is_saved(client, world, floor):
    theirs = terms.create_term(
        world.coordinator_b,
        "schoonmaak",
        factories.entry(term="zeemlap"),
        shared=False,
        checker=resources().checker,
        now=utcnow(),
    )
    refused = post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": theirs.id}]), 404)
    assert "errors" not in refused
    assert (
        client.get(f"/api/workplaces/{floor.workplace.id}/visits", headers=factories.headers(world.teacher)).json == []
    )


def test_the_demo_visit_uses_the_shared_werkkast_instead_of_a_second_one(client, ctx):
    from api.services import demo, wordlists

    wordlists.import_directory(SHIPPED, checker=resources().checker, now=utcnow(), sectors=["schoonmaak"])
    demo.load_demo(checker=resources().checker, secret_key=resources().secret_key, now=utcnow())
    teacher = db.session.scalar(select(User).where(User.email == "docent@demo.vaktaal.nl"))
    found = client.get("/api/terms/search?q=werkkast", headers=factories.headers(teacher)).json
    assert [(t["term"], t["shared"]) for t in found if t["term"] == "werkkast"] == [("werkkast", True)]
    glans = db.session.scalar(select(Workplace).where(Workplace.employer == "Schoonmaakbedrijf Glans"))
    [visit] = client.get(f"/api/workplaces/{glans.id}/visits", headers=factories.headers(teacher)).json
    heard = [(o["term"]["term"], o["term"]["shared"]) for o in visit["observations"]]
    assert heard == [("dweil", True), ("werkkast", True), ("schrobzuigmachine", False)]


def test_unassigning_removes_the_term_from_next_sessions(client, world, floor):
    post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": floor.dweil.id}]))
    removed = client.delete(
        f"/api/participants/{world.participant.id}/terms/{floor.dweil.id}", headers=factories.headers(world.teacher)
    )
    assert removed.status_code == 204
    assignment = db.session.scalar(select(Assignment).where(Assignment.term_id == floor.dweil.id))
    assert assignment.removed_at is not None
    session = client.post("/api/me/sessions", json={"size": 4}, headers=factories.headers(world.participant)).json
    assert floor.dweil.id not in {e["term_id"] for e in session["exercises"]}


def test_coach_suggestions_wait_for_a_teacher_who_approves_or_drops(client, world, floor):
    visit = post_visit(
        client,
        world.coach,
        visit_body(
            floor,
            observations=[
                {"term": "sleutelbord", "context": "Hang de sleutel aan het sleutelbord."},
                {"term_id": floor.dweil.id},
            ],
        ),
    )
    assert [o["status"] for o in visit["observations"]] == ["suggested", "suggested"]
    assert db.session.scalar(select(Assignment)) is None
    teacher = factories.headers(world.teacher)
    waiting = client.get("/api/suggestions", headers=teacher)
    assert [o["id"] for o in waiting.json] == [o["id"] for o in visit["observations"]]
    assert client.get("/api/suggestions", headers=factories.headers(world.other_teacher)).json == []
    first, second = visit["observations"]
    approved = client.post(
        f"/api/observations/{first['id']}/decision", json={"approve": True, "changes": {"level": "A1"}}, headers=teacher
    )
    assert approved.status_code == 200
    assert approved.json["status"] == "assigned" and approved.json["term"]["level"] == "A1"
    dropped = client.post(f"/api/observations/{second['id']}/decision", json={"approve": False}, headers=teacher)
    assert dropped.json["status"] == "dropped"
    assigned = db.session.scalars(select(Assignment.term_id)).all()
    assert assigned == [first["term"]["id"]]
    other = client.post(
        f"/api/observations/{first['id']}/decision",
        json={"approve": True},
        headers=factories.headers(world.other_teacher),
    )
    assert other.status_code == 404


def jpeg_with_location(size=(3000, 2000)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 22.0, 0.0), 3: "E", 4: (4.0, 53.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_photos_lose_exif_and_location_and_are_resized(client, world, floor):
    visit = post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": floor.dweil.id}]))
    observation_id = visit["observations"][0]["id"]
    original = jpeg_with_location()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)[2] == (52.0, 22.0, 0.0)
    response = upload_photo(client, world.teacher, observation_id, original)
    assert response.status_code == 200, response.json
    url = response.json["photo_url"]
    assert "sig=" in url
    photo = client.get(url)
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    stored = Image.open(io.BytesIO(photo.data))
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info and max(stored.size) == 1280
    assert client.get(url.split("?")[0]).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a photo" * 20, "geen foto"),
        (b"\xff\xd8\xff" + b"0" * (11 * 1024 * 1024), "te groot"),
        (b"", "leeg"),
    ],
)
def test_bad_photos_are_refused(client, world, floor, data, message):
    visit = post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": floor.dweil.id}]))
    response = upload_photo(client, world.teacher, visit["observations"][0]["id"], data)
    assert response.status_code == 422
    assert message in response.json["message"]


def test_who_may_see_and_choose_whom(client, world, floor):
    visit = post_visit(client, world.teacher, visit_body(floor))
    assert client.get(f"/api/visits/{visit['id']}", headers=factories.headers(world.coach)).status_code == 200
    assert client.get(f"/api/visits/{visit['id']}", headers=factories.headers(world.other_teacher)).status_code == 404
    assert client.get(f"/api/visits/{visit['id']}", headers=factories.headers(world.coordinator_b)).status_code == 404
    outside = post_visit(client, world.coach, visit_body(floor, participant_ids=[world.other_participant.id]), 422)
    assert "participant_ids" in outside["errors"]["json"]
    other_org = client.post("/api/visits", json=visit_body(floor), headers=factories.headers(world.coordinator_b))
    assert other_org.status_code == 403  # coordinators do not record visits
    foreign = client.get(f"/api/workplaces/{floor.workplace.id}", headers=factories.headers(world.coordinator_b))
    assert foreign.status_code == 404


def test_preparation_lists_observed_terms_not_yet_known_and_safety(client, world, floor):
    floor.dweil.safety = True
    db.session.commit()
    post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": floor.dweil.id}]))
    response = client.get(f"/api/workplaces/{floor.workplace.id}/prepare", headers=factories.headers(world.teacher))
    assert response.status_code == 200
    [row] = response.json
    assert row["participant"]["name"] == "Amina"
    assert [t["id"] for t in row["not_yet_known"]] == [floor.dweil.id]
    assert floor.dweil.id in [t["id"] for t in row["safety_not_mastered"]]
    assert row["keeps_failing"] == []


def test_wordcards_open_the_term_in_the_app(client, world, floor):
    post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": floor.dweil.id}]))
    response = client.get(f"/api/workplaces/{floor.workplace.id}/wordcards", headers=factories.headers(world.teacher))
    assert response.status_code == 200
    [card] = response.json
    assert card["term"]["term"] == "dweil"
    assert card["open_url"].endswith(f"/#term/{floor.dweil.id}")
    assert card["qr_url"].startswith("data:image/svg+xml")


def test_new_term_suggestions_give_article_and_spelling(client, world):
    response = client.get("/api/terms/check?term=emmer", headers=factories.headers(world.teacher))
    assert response.status_code == 200
    assert response.json["article"] in ("de", None)
    typo = client.get("/api/terms/check?term=dwiel", headers=factories.headers(world.teacher)).json
    # make test installs the OpenTaal dictionary (hunspell-nl), so suggestions are there
    assert typo["spelling"]["correct"] is False and "dweil" in typo["spelling"]["suggestions"]


def test_a_colleagues_recording_becomes_the_organisations_audio_of_the_term(client, world, floor):
    import subprocess

    visit = post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": floor.dweil.id}]))
    observation_id = visit["observations"][0]["id"]
    wav = subprocess.run(["espeak-ng", "-v", "nl", "--stdout", "de dweil"], capture_output=True, check=True).stdout
    boundary, body = encode_multipart(MultiDict({"file": FileStorage(io.BytesIO(wav), filename="opname.webm")}))
    response = client.post(
        f"/api/observations/{observation_id}/recording",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=factories.headers(world.teacher),
    )
    assert response.status_code == 200, response.json
    assert response.json["has_recording"] is True
    term = client.get(f"/api/terms/{floor.dweil.id}", headers=factories.headers(world.participant)).json
    assert "v=r" in term["audio_url"] and "sig=" in term["audio_url"]
    assert client.get(term["audio_url"]).status_code == 200
    other = client.get(f"/api/terms/{floor.dweil.id}", headers=factories.headers(world.participant_b)).json
    assert "v=r" not in other["audio_url"]


# Visits from a phone's outbox: each visit and observation carries the phone's own id (client_id).


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_visit_and_its_words_sent_twice_are_saved_once_and_answered_alike(client, world, floor):
    body = visit_body(floor, client_id=str(uuid.uuid4()))
    first = post_visit(client, world.teacher, body)
    again = post_visit(client, world.teacher, body)
    assert again == first and first["client_id"] == body["client_id"]
    heard = {"client_id": str(uuid.uuid4()), "term": "zeepdispenser", "context": "De zeepdispenser is leeg."}
    word = add_heard(client, world.teacher, first["id"], heard)
    assert any("Engels" in hint for hint in word["suggestions"])
    assert add_heard(client, world.teacher, first["id"], heard) == word, "the same status, the same body, the advice"
    chosen = {"client_id": str(uuid.uuid4()), "term_id": floor.dweil.id}
    assert add_heard(client, world.teacher, first["id"], chosen) == add_heard(
        client, world.teacher, first["id"], chosen
    )
    assert (count(Visit), count(Observation), count(Term)) == (1, 2, 2)
    assert count(Assignment) == 2, "one assignment per term for Amina, not one per sending"
    visit = client.get(f"/api/visits/{first['id']}", headers=factories.headers(world.teacher)).json
    assert [o["client_id"] for o in visit["observations"]] == [heard["client_id"], chosen["client_id"]]
    # Sent again after more words were added: the same visit, as it is now.
    assert post_visit(client, world.teacher, body) == {**visit, "suggestions": {str(word["id"]): word["suggestions"]}}


def test_a_visit_sent_again_with_its_words_inside_is_saved_once(client, world, floor):
    body = visit_body(
        floor,
        client_id=str(uuid.uuid4()),
        observations=[{"client_id": str(uuid.uuid4()), "term": "zeemlap"}, {"term_id": floor.dweil.id}],
    )
    first = post_visit(client, world.teacher, body)
    assert post_visit(client, world.teacher, body) == first
    assert list(first["suggestions"]) == [str(first["observations"][0]["id"])]
    assert (count(Visit), count(Observation), count(Term)) == (1, 2, 2)


def test_a_used_client_id_with_other_content_is_a_conflict_that_changes_nothing(client, world, floor):
    visit_id = str(uuid.uuid4())
    first = post_visit(client, world.teacher, visit_body(floor, client_id=visit_id))
    other = post_visit(client, world.teacher, visit_body(floor, client_id=visit_id, notes="Andere notities"), 409)
    assert other["message"].startswith("Dit bezoek is al eerder verstuurd, met andere gegevens.")
    assert other["errors"]["json"]["client_id"] == [other["message"]]
    # Another teacher of the organisation cannot take the id over either.
    factories.group(world.org_a, [world.other_teacher], [world.participant], "Groep 3")
    post_visit(client, world.other_teacher, visit_body(floor, client_id=visit_id), 409)

    word_id = str(uuid.uuid4())
    add_heard(client, world.teacher, first["id"], {"client_id": word_id, "term_id": floor.dweil.id, "context": "a"})
    changed = add_heard(
        client, world.teacher, first["id"], {"client_id": word_id, "term_id": floor.dweil.id, "context": "b"}, 409
    )
    assert changed["message"].startswith("Dit woord is al eerder verstuurd, met andere gegevens.")
    second = post_visit(client, world.teacher, visit_body(floor, client_id=str(uuid.uuid4())))
    add_heard(
        client, world.teacher, second["id"], {"client_id": word_id, "term_id": floor.dweil.id, "context": "a"}, 409
    )
    assert (count(Visit), count(Observation)) == (2, 1)
    db.session.expire_all()
    assert db.session.get(Visit, first["id"]).notes == "Kantoorschoonmaak"
    assert db.session.get(Observation, 1).context == "a"


def test_client_ids_are_unique_per_organisation(client, world, floor):
    shared_id = str(uuid.uuid4())
    post_visit(client, world.teacher, visit_body(floor, client_id=shared_id))
    teacher_b = factories.staff(world.org_b, Role.TEACHER, "Docent B")
    factories.group(world.org_b, [teacher_b], [world.participant_b], "Groep B")
    theirs = factories.place(world.org_b, world.participant_b, floor.sector.id, "Schoon B").workplace
    visit_b = post_visit(client, teacher_b, {**visit_body(floor, client_id=shared_id), "workplace_id": theirs.id})
    assert visit_b["participants"] == [{"id": world.participant_b.id, "name": "Olena"}]
    assert count(Visit) == 2


def test_a_new_word_typed_offline_that_the_lists_have_is_refused_then_sent_as_the_existing_one(client, world, floor):
    """The phone typed "dweil" as a new word without a connection: sending it is a 409 that changes nothing, the
    check names the existing term, and the same client id then carries the existing term."""
    visit = post_visit(client, world.teacher, visit_body(floor, client_id=str(uuid.uuid4())))
    word_id = str(uuid.uuid4())
    typed = {"client_id": word_id, "term": "dweil", "pos": "noun", "context": "Pak de dweil."}
    refused = add_heard(client, world.teacher, visit["id"], typed, 409)
    assert "'de dweil' staat al in de gedeelde lijst" in refused["errors"]["json"]["term"][0]
    assert count(Observation) == 0
    check = client.get(
        "/api/terms/check?term=dweil&pos=noun&sector=schoonmaak", headers=factories.headers(world.teacher)
    )
    assert [t["id"] for t in check.json["existing"]] == [floor.dweil.id]
    used = add_heard(client, world.teacher, visit["id"], {"client_id": word_id, "term_id": floor.dweil.id})
    assert used["term"]["id"] == floor.dweil.id and used["client_id"] == word_id
    assert count(Observation) == 1 and count(Term) == 1


def test_a_photo_sent_again_is_harmless(client, world, floor, app):
    visit = post_visit(client, world.teacher, visit_body(floor, observations=[{"term_id": floor.dweil.id}]))
    observation_id = visit["observations"][0]["id"]
    original = jpeg_with_location((1600, 1200))
    first = upload_photo(client, world.teacher, observation_id, original)
    again = upload_photo(client, world.teacher, observation_id, original)
    assert first.status_code == again.status_code == 200
    assert again.json == first.json
    key = db.session.get(Observation, observation_id).photo_key
    assert resources(app).photo_store.get(key) is not None
    stored = {p.name for p in Path(app.config["PHOTO_DIR"]).rglob("*") if p.is_file() and key in p.name}
    assert len(stored) == 1


@pytest.mark.parametrize("what", ["visit", "observation"])
def test_two_identical_requests_at_the_same_moment_make_one_row(app, client, world, floor, what):
    """The second request arrives (in its own thread, its own connection) while the first is between looking up
    the client id and inserting: the unique constraint refuses the first's insert, which then answers with the
    second's row. On PostgreSQL and SQLite alike."""
    headers = factories.headers(world.teacher)
    if what == "visit":
        path, body, model = "/api/visits", visit_body(floor, client_id=str(uuid.uuid4())), Visit
    else:
        visit = post_visit(client, world.teacher, visit_body(floor))
        path = f"/api/visits/{visit['id']}/observations"
        body, model = (
            {"client_id": str(uuid.uuid4()), "term_id": floor.dweil.id, "context": "Pak de dweil."},
            Observation,
        )
    answers = []

    def send():
        with app.app_context():
            response = app.test_client().post(path, json=body, headers=headers)
            answers.append((response.status_code, response.json))
            db.session.remove()

    raced = []

    def meanwhile(session, flush_context, instances):
        if not raced and any(isinstance(o, model) for o in session.new):
            raced.append(True)
            other = threading.Thread(target=send)
            other.start()
            other.join()

    event.listen(Session, "before_flush", meanwhile)
    try:
        first = client.post(path, json=body, headers=headers)
    finally:
        event.remove(Session, "before_flush", meanwhile)
    assert raced, "the second request ran between the first's look-up and its insert"
    assert [status for status, _ in answers] == [201]
    assert first.status_code == 201, first.json
    assert first.json == answers[0][1]
    assert count(model) == 1


def test_the_search_index_holds_the_shared_and_own_terms_in_brief(client, world, floor):
    checker = resources().checker
    own = terms.create_term(
        world.teacher, "schoonmaak", factories.entry(term="zeemlap"), shared=False, checker=checker, now=utcnow()
    )
    terms.create_term(
        world.coordinator_b, "schoonmaak", factories.entry(term="spons"), shared=False, checker=checker, now=utcnow()
    )
    gone = terms.create_term(
        world.teacher, "schoonmaak", factories.entry(term="stofdoek"), shared=False, checker=checker, now=utcnow()
    )
    gone.retired = True
    db.session.commit()
    response = client.get("/api/visits/terms", headers=factories.headers(world.coach))
    assert response.status_code == 200
    assert response.json["terms"] == [
        {
            "id": floor.dweil.id,
            "term": "dweil",
            "article": "de",
            "plural": "dweilen",
            "pos": "noun",
            "emoji": floor.dweil.emoji,
            "sector": "schoonmaak",
            "shared": True,
        },
        {
            "id": own.id,
            "term": "zeemlap",
            "article": "de",
            "plural": own.plural,
            "pos": "noun",
            "emoji": own.emoji,
            "sector": "schoonmaak",
            "shared": False,
        },
    ]
    assert client.get("/api/visits/terms", headers=factories.headers(world.participant)).status_code == 403


def test_the_migration_gives_earlier_observations_their_organisation(tmp_path):
    app = create_app(app_config(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    created = datetime(2026, 1, 5, 9, 0)
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision="8c41f0d2a9e6")
        run = db.session.execute
        statements = [
            "INSERT INTO organisations (id, name, signing_key, created_at) VALUES (7, 'A', 'k', :t)",
            "INSERT INTO sectors (id, slug, name, position) VALUES (1, 'schoonmaak', 'Schoonmaak', 1)",
            "INSERT INTO workplaces (id, organisation_id, employer, site, sector_id, created_at) "
            "VALUES (1, 7, 'Glans', '', 1, :t)",
            "INSERT INTO terms (id, sector_id, key, term, pos, level, theme, example, safety, translations, frequency, "
            "origin, position, retired, edited_since_import, created_at, updated_at) VALUES (1, 1, 'dweil', 'dweil', "
            "'noun', 'A1', 'werkplek', 'dweil', false, '{}', 0, 'file', 0, false, false, :t, :t)",
            "INSERT INTO visits (id, organisation_id, workplace_id, date, notes, created_at, updated_at) "
            "VALUES (1, 7, 1, '2026-01-05', '', :t, :t)",
            "INSERT INTO observations (id, visit_id, term_id, context, status, created_at) "
            "VALUES (1, 1, 1, '', 'assigned', :t)",
        ]
        for statement in statements:
            run(text(statement), {"t": created})
        db.session.commit()
        upgrade(directory=directory)
        row = run(text("SELECT organisation_id, client_id, advice FROM observations")).one()
        assert tuple(row) == (7, None, "[]")
        db.session.remove()
        db.engine.dispose()


def test_editing_a_visit_follows_the_dated_rule_for_a_former_member(client, world, floor):
    """A former member on an old visit stays on it when the list is sent again; dropping or adding one is a 403
    with the reason (as any change to a former member is), and changes nothing."""
    from datetime import timedelta

    from sqlalchemy import update

    from api.models import Visit, group_participants, group_teachers

    group_id = db.session.scalar(
        select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == world.teacher.id)
    )
    stays = factories.participant(world.org_a, "Bilal")
    gone = factories.participant(world.org_a, "Hamid")
    for person in (stays, gone):
        row = {"group_id": group_id, "participant_id": person.id, "joined_on": date.today() - timedelta(days=30)}
        db.session.execute(group_participants.insert().values(**row))
    db.session.commit()
    ids = [world.participant.id, stays.id]
    visit = post_visit(client, world.teacher, visit_body(floor, participant_ids=ids))
    member = (group_participants.c.group_id == group_id) & group_participants.c.participant_id.in_(
        [world.participant.id, gone.id]
    )
    db.session.execute(update(group_participants).where(member).values(left_on=date.today() - timedelta(days=1)))
    db.session.commit()
    url, headers = f"/api/visits/{visit['id']}", factories.headers(world.teacher)

    same = client.patch(url, json={"participant_ids": ids, "notes": "Later aangevuld"}, headers=headers)
    assert same.status_code == 200, same.json

    for chosen in ([stays.id], ids + [gone.id]):  # dropping Amina, adding Hamid: both left the group
        refused = client.patch(url, json={"participant_ids": chosen, "notes": "Anders"}, headers=headers)
        assert refused.status_code == 403, refused.json
        assert "alleen nog kijken" in refused.json["message"]
    db.session.expire_all()
    saved = db.session.get(Visit, visit["id"])
    assert {p.id for p in saved.participants} == set(ids) and saved.notes == "Later aangevuld"

    unknown = client.patch(url, json={"participant_ids": [world.other_participant.id]}, headers=headers)
    assert unknown.status_code == 403  # Amina would be dropped; without her the unknown one is a 422:
    unknown = client.patch(url, json={"participant_ids": ids + [world.other_participant.id]}, headers=headers)
    assert unknown.status_code == 422 and "participant_ids" in unknown.json["errors"]["json"]
    # the coordinator may change anything
    allowed = client.patch(url, json={"participant_ids": [stays.id]}, headers=factories.headers(world.coordinator))
    assert allowed.status_code == 200, allowed.json
