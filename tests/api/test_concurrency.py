"""Requests that race, as a phone's retries, a second phone and two staff members at once make them: real threads,
each with its own app context, session and database connection, on SQLite and PostgreSQL alike. No answer is lost
or counted twice, every card's state is the replay of its answers, nothing answers 500, and the request that loses
a race answers as if it came second."""

import threading
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from api import convert
from api.extensions import db
from api.models import Assignment, Card, LoginCode, ReviewEvent, Sector, Term, utcnow, visit_participants
from tests import factories
from vaktaal.scheduling import replay
from vaktaal.sessions import DEFAULT_DAILY_NEW_TERMS

ROUNDS = 6


def at_once(app, *calls):
    """Run each ``call(client)`` in its own thread, all released together; their answers in the order given."""
    db.session.commit()  # the test's own session holds no transaction (and no lock) meanwhile
    start = threading.Barrier(len(calls))
    answers: list = [None] * len(calls)
    failures: list[BaseException] = []

    def run(index, call):
        client = app.test_client()
        try:
            start.wait()
            answers[index] = call(client)
        except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    db.session.expire_all()
    return answers


def post(path, body, headers):
    return lambda client: client.post(path, json=body, headers=headers)


def answer(card_id, when, result="correct"):
    return {
        "id": str(uuid.uuid4()),
        "card_id": card_id,
        "answered_at": when.isoformat(),
        "result": result,
        "hint_used": False,
        "duration_ms": 3000,
    }


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def assert_every_card_is_the_replay_of_its_answers():
    cards = db.session.scalars(select(Card).where(Card.reps > 0)).all()
    assert cards
    for card in cards:
        events = db.session.scalars(select(ReviewEvent).where(ReviewEvent.card_id == card.id))
        expected = convert.state_columns(
            replay(
                [convert.answer_from_event(e) for e in events],
                created_at=card.created_at,
                skill=card.skill,
                safety=card.term.safety,
            )
        )
        stored = {name: getattr(card, name) for name in expected}
        for name in ("stability", "difficulty"):
            expected[name] = pytest.approx(expected[name])
        assert stored == expected, f"card {card.id} ({card.skill.value})"


@pytest.fixture
def learner(lists, world):
    """The world's participant, logged in on a phone."""
    return factories.headers(world.participant)


def first_session(client, headers, size=20):
    response = client.post("/api/me/sessions", json={"size": size}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def one_terms_cards(client, headers) -> list[int]:
    """The listening and reading cards of the first new term of a session."""
    exercises = first_session(client, headers)["exercises"]
    term_id = exercises[0]["term_id"]
    return [e["card_id"] for e in exercises if e["term_id"] == term_id]


def test_two_batches_for_the_same_cards_at_once_end_in_the_replay_of_their_answers(app, client, learner, world):
    """Two phones send their answers to the same cards at the same moment, round after round; their answers
    interleave in time, so whichever batch comes second holds answers older than the card's last review."""
    cards = one_terms_cards(client, learner)
    assert len(cards) == 2
    other_phone = factories.headers(world.participant)
    base = utcnow() - timedelta(days=40)
    for day in range(ROUNDS):
        t = base + timedelta(days=day * 5)
        first = [answer(c, t + timedelta(minutes=m), "correct" if m else "wrong") for c in cards for m in (0, 2)]
        second = [answer(c, t + timedelta(minutes=m)) for c in cards for m in (1, 3)]
        answers = at_once(
            app,
            post("/api/me/reviews", {"events": first}, learner),
            post("/api/me/reviews", {"events": second}, other_phone),
        )
        assert [a.status_code for a in answers] == [200, 200], [a.json for a in answers]
        assert all(r["status"] == "accepted" for a in answers for r in a.json["results"])
    assert count(ReviewEvent) == ROUNDS * 8
    assert_every_card_is_the_replay_of_its_answers()
    assert {c.reps for c in db.session.scalars(select(Card).where(Card.id.in_(cards)))} == {ROUNDS * 4}


def test_the_same_batch_from_ten_threads_is_stored_once(app, client, learner):
    """A phone that resends its outbox while the first sending is still under way, many times over."""
    exercises = first_session(client, learner, size=4)["exercises"]
    now = utcnow()
    batch = [answer(e["card_id"], now - timedelta(minutes=10 - i)) for i, e in enumerate(exercises)]
    answers = at_once(app, *[post("/api/me/reviews", {"events": batch}, learner)] * 10)
    assert [a.status_code for a in answers] == [200] * 10, [a.json for a in answers if a.status_code != 200]
    for index in range(len(batch)):
        statuses = sorted(a.json["results"][index]["status"] for a in answers)
        assert statuses == ["accepted"] + ["duplicate"] * 9
    assert count(ReviewEvent) == len(batch)
    assert_every_card_is_the_replay_of_its_answers()


def test_two_sessions_asked_at_once_for_new_participants_share_their_new_cards(app, lists, world):
    """The phone fetches the next session ahead while the first is still being made: both get a session, no card
    is made twice, and the day's new terms are counted once."""
    people = [
        factories.participant(world.org_a, f"Nieuw {n}", support_languages=["ar"], sectors=["algemeen", "zorg"])
        for n in range(3)
    ]
    phones = [factories.headers(p) for p in people]
    answers = at_once(app, *[post("/api/me/sessions", {"size": 20}, h) for h in phones for _ in range(2)])
    assert [a.status_code for a in answers] == [201] * 6, [a.json for a in answers if a.status_code != 201]
    for n, person in enumerate(people):
        mine = {c.id: c for c in db.session.scalars(select(Card).where(Card.participant_id == person.id))}
        for session in (answers[2 * n].json, answers[2 * n + 1].json):
            assert session["exercises"]
            assert {e["card_id"] for e in session["exercises"]} <= set(mine), "every exercise has a stored card"
        assert len({c.term_id for c in mine.values()}) <= DEFAULT_DAILY_NEW_TERMS


def test_the_same_term_assigned_twice_at_once_is_assigned_once(app, lists, world):
    teacher = factories.headers(world.teacher)
    term_ids = db.session.scalars(select(Term.id).order_by(Term.id).limit(3)).all()
    path = f"/api/participants/{world.participant.id}/terms"
    answers = at_once(app, *[post(path, {"term_ids": term_ids}, teacher)] * 4)
    assert [a.status_code for a in answers] == [200] * 4, [a.json for a in answers if a.status_code != 200]
    assert all(sorted(a["term"]["id"] for a in answer.json) == term_ids for answer in answers)
    assert count(Assignment) == 3


def test_a_term_given_to_a_group_twice_at_once_is_given_once(app, lists, world):
    teacher = factories.headers(world.teacher)
    group_id = client_groups(app, teacher)[0]
    term_id = db.session.scalar(select(Term.id).order_by(Term.id.desc()).limit(1))
    path = f"/api/terms/{term_id}/assignments"
    answers = at_once(app, *[post(path, {"group_id": group_id}, teacher)] * 3)
    assert [a.status_code for a in answers] == [200] * 3, [a.json for a in answers if a.status_code != 200]
    assert answers[0].json == answers[1].json == answers[2].json
    assert count(Assignment, Assignment.term_id == term_id) == 1


def client_groups(app, headers) -> list[int]:
    response = app.test_client().get("/api/groups", headers=headers)
    assert response.status_code == 200
    return [g["id"] for g in response.json]


NEW_TERM = {
    "sector": "schoonmaak",
    "shared": False,
    "term": "werkkast",
    "article": "de",
    "plural": "werkkasten",
    "pos": "noun",
    "level": "A1",
    "theme": "materialen",
    "example": "Zet de emmer in de werkkast.",
    "translations": {"en": {"text": "utility cupboard"}},
}


@pytest.mark.parametrize(
    ("keys", "second"),
    [
        (["werkkast", "werkkast"], (422, "key")),  # the same request twice: the key is taken
        (["werkkast", "werkkast-2"], (409, "term")),  # two teachers, the same word: the lists have it
    ],
)
def test_the_same_new_term_sent_twice_at_once_is_made_once(app, lists, world, keys, second):
    teacher = factories.headers(world.teacher)
    answers = at_once(app, *[post("/api/terms", NEW_TERM | {"key": key}, teacher) for key in keys])
    statuses = sorted(a.status_code for a in answers)
    assert statuses == sorted([201, second[0]]), [a.json for a in answers]
    refused = next(a for a in answers if a.status_code == second[0])
    assert second[1] in refused.json["errors"]["json"]
    assert count(Term, Term.term == "werkkast") == 1


def test_two_new_login_codes_at_once_leave_one_that_works(app, client, world):
    """Two staff members print a new login card for the same participant at the same moment: as one after the
    other, the later code works and the earlier one does not."""
    path = f"/api/participants/{world.participant.id}/login-code"
    teacher, coach = factories.headers(world.teacher), factories.headers(world.coach)
    for _ in range(ROUNDS):
        answers = at_once(app, post(path, {}, teacher), post(path, {}, coach))
        assert [a.status_code for a in answers] == [201, 201], [a.json for a in answers]
        logins = [client.post("/api/auth/code", json={"code": a.json["code"]}).status_code for a in answers]
        assert sorted(logins) == [200, 422], "exactly one of the two codes works"
        assert count(LoginCode, LoginCode.participant_id == world.participant.id, LoginCode.revoked_at.is_(None)) == 1


@pytest.fixture
def workplace(world):
    """A cleaning workplace where the world's participant works."""
    sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
    return factories.place(world.org_a, world.participant, sector.id, "Glans").workplace


def test_a_visits_people_changed_twice_at_once_end_as_one_after_the_other(app, client, world, workplace):
    teacher = factories.headers(world.teacher)
    body = {"workplace_id": workplace.id, "date": date.today().isoformat(), "participant_ids": [], "observations": []}
    visit = client.post("/api/visits", json=body, headers=teacher)
    assert visit.status_code == 201, visit.json
    path, amina = f"/api/visits/{visit.json['id']}", world.participant.id
    for _ in range(ROUNDS):
        for seen in ([amina], []):
            answers = at_once(
                app, *[lambda c, seen=seen: c.patch(path, json={"participant_ids": seen}, headers=teacher)] * 3
            )
            assert [a.status_code for a in answers] == [200] * 3, [a.json for a in answers if a.status_code != 200]
            assert all([p["id"] for p in a.json["participants"]] == seen for a in answers)
            assert count(visit_participants, visit_participants.c.visit_id == visit.json["id"]) == len(seen)


def test_a_suggestion_decided_twice_at_once_is_decided_once(app, client, world, workplace):
    """A teacher approves a coach's suggestion while the coordinator drops it: the one who comes second hears it
    is decided already, and the term is assigned only if it was approved."""
    coach = factories.headers(world.coach)
    teacher, coordinator = factories.headers(world.teacher), factories.headers(world.coordinator)
    for n in range(ROUNDS):
        word = f"sleutelbord{n}"
        body = {
            "workplace_id": workplace.id,
            "date": date.today().isoformat(),
            "observations": [{"term": word, "context": f"Hang de sleutel aan het {word}."}],
        }
        visit = client.post("/api/visits", json=body, headers=coach)
        assert visit.status_code == 201, visit.json
        observation = visit.json["observations"][0]
        path = f"/api/observations/{observation['id']}/decision"
        answers = at_once(app, post(path, {"approve": True}, teacher), post(path, {"approve": False}, coordinator))
        assert sorted(a.status_code for a in answers) == [200, 422], [a.json for a in answers]
        decided = next(a.json for a in answers if a.status_code == 200)
        refused = next(a.json for a in answers if a.status_code == 422)
        assert refused["message"] == "Over deze suggestie is al beslist."
        assigned = count(Assignment, Assignment.term_id == observation["term"]["id"])
        assert (decided["status"], assigned) in {("assigned", 1), ("dropped", 0)}


def test_the_same_spreadsheet_uploaded_twice_at_once_adds_its_words_once(app, lists, world):
    teacher = factories.headers(world.teacher)
    rows = [
        "key,term,article,plural,pos,level,theme,example,emoji,safety,en,ar,ti,fa,uk,tr,checked",
        "werkkast,werkkast,de,werkkasten,noun,A1,materialen,Zet de emmer in de werkkast.,,no,,,,,,,",
        "kalkfilter,kalkfilter,het,,noun,A2,werkplek,Het kalkfilter zit in de machine.,,no,,,,,,,",
    ]
    path = "/api/sectors/schoonmaak/terms.csv?scope=own"

    def upload(client):
        return client.post(path, data="\n".join(rows) + "\n", content_type="text/csv", headers=teacher)

    answers = at_once(app, upload, upload)
    assert [a.status_code for a in answers] == [200, 200], [a.json for a in answers]
    assert sorted(len(a.json["added"]) for a in answers) == [0, 2], "the second finds the words the first added"
    assert count(Term, Term.organisation_id == world.org_a.id) == 2
