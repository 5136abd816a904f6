"""Workplace visits: capture, assignment, coach suggestions, photos, preparation and permissions."""

import io
from dataclasses import dataclass
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from api.extensions import db
from api.models import Assignment, Sector, Term, User, Workplace, utcnow
from api.resources import resources
from api.services import terms
from tests import factories
from tests.api.conftest import SHIPPED


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
    demo.load_demo(checker=resources().checker, now=utcnow())
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
