"""Sessions, sync that never loses or doubles an answer, assignments, unlocking and progress, via the API."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from api.extensions import db
from api.models import Card, ReviewEvent, Term, utcnow
from tests import factories
from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import Answer, replay


@pytest.fixture
def learner(lists, world, client):
    """The world's participant (sectors algemeen and zorg) with a device login."""
    return factories.headers(world.participant)


def start_session(client, headers, size=20):
    response = client.post("/api/me/sessions", json={"size": size}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def answer(card_id, *, minutes=0, result="correct", at=None, **extra):
    when = at or (utcnow() + timedelta(minutes=minutes))
    return {
        "id": str(uuid.uuid4()),
        "card_id": card_id,
        "answered_at": when.isoformat(),
        "result": result,
        "hint_used": False,
        "duration_ms": 4000,
        **extra,
    }


def send(client, headers, events):
    response = client.post("/api/me/reviews", json={"events": events}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_session_introduces_recognition_cards_of_my_sectors_safety_first(client, learner, world):
    rare_safety = db.session.scalar(
        select(Term).where(Term.sector.has(slug="zorg")).order_by(Term.level.desc(), Term.frequency).limit(1)
    )
    rare_safety.safety = True
    db.session.commit()
    session = start_session(client, learner, size=6)
    exercises = session["exercises"]
    assert len(exercises) == 6
    assert [e["skill"] for e in exercises[:2]] == ["listening", "reading"]
    assert {e["term_id"] for e in exercises[:2]} == {rare_safety.id}, "safety terms of my sectors come first"
    terms = db.session.scalars(select(Term).where(Term.id.in_({e["term_id"] for e in exercises}))).all()
    assert {t.sector.slug for t in terms} <= {"algemeen", "zorg"}
    assert {"card_id", "term_id", "skill", "type", "prompt", "answer"} <= set(exercises[0])
    assert count(Card) == 6


def test_the_daily_limit_holds_across_sessions(client, learner, world):
    settings = client.patch(
        f"/api/participants/{world.participant.id}/settings",
        json={"daily_new_limit": 3},
        headers=factories.headers(world.teacher),
    )
    assert settings.status_code == 200
    assert settings.json["profile"]["daily_new_limit"] == 3
    first = start_session(client, learner, size=4)
    second = start_session(client, learner, size=20)
    new_terms = {e["term_id"] for e in first["exercises"]} | {e["term_id"] for e in second["exercises"]}
    assert len(new_terms) == 3


def test_assigned_terms_lead_the_next_session_and_unassigning_keeps_answers(client, learner, world):
    zorg_terms = db.session.scalars(
        select(Term.id).where(Term.sector.has(slug="zorg"), Term.safety.is_(False)).order_by(Term.id.desc()).limit(2)
    ).all()
    teacher = factories.headers(world.teacher)
    assigned = client.post(
        f"/api/participants/{world.participant.id}/terms", json={"term_ids": zorg_terms}, headers=teacher
    )
    assert assigned.status_code == 200
    assert {a["term"]["id"] for a in assigned.json} == set(zorg_terms)
    session = start_session(client, learner, size=10)
    assert {e["term_id"] for e in session["exercises"][:4]} == set(zorg_terms)
    send(client, learner, [answer(e["card_id"]) for e in session["exercises"][:2]])
    removed = client.delete(f"/api/participants/{world.participant.id}/terms/{zorg_terms[0]}", headers=teacher)
    assert removed.status_code == 204
    listed = client.get(f"/api/participants/{world.participant.id}/terms", headers=teacher).json
    assert [a["term"]["id"] for a in listed] == [zorg_terms[1]]
    assert count(ReviewEvent) == 2


def test_the_same_batch_three_times_counts_once(client, learner):
    session = start_session(client, learner, size=4)
    batch = [answer(e["card_id"], minutes=-5 + i) for i, e in enumerate(session["exercises"])]
    first = send(client, learner, batch)
    assert [r["status"] for r in first["results"]] == ["accepted"] * 4
    states = {c["card_id"]: c for c in first["cards"]}
    for _ in range(2):
        again = send(client, learner, batch)
        assert [r["status"] for r in again["results"]] == ["duplicate"] * 4
    assert count(ReviewEvent) == 4
    db.session.expire_all()
    for card in db.session.scalars(select(Card)):
        assert card.reps == 1
        assert card.due.isoformat() == states[card.id]["due"]


def test_two_phones_interleaved_and_late_end_in_the_replayed_state(client, learner, world):
    session = start_session(client, learner, size=2)
    card_id = session["exercises"][0]["card_id"]
    base = utcnow() - timedelta(days=10)
    events = [
        answer(card_id, at=base + timedelta(days=d), result=r)
        for d, r in [(0, "correct"), (0.01, "wrong"), (3, "correct"), (7, "slip"), (9, "correct")]
    ]
    phone_a, phone_b = factories.headers(world.participant), factories.headers(world.participant)
    send(client, phone_b, [events[2], events[4]])  # the second phone syncs first
    send(client, phone_a, [events[0], events[3]])  # the first phone comes back online later
    send(client, phone_b, [events[1]])
    db.session.expire_all()
    card = db.session.get(Card, card_id)
    expected = replay(
        [Answer(e["id"], datetime_of(e), Result(e["result"]), False, 4000) for e in events],
        created_at=card.created_at,
        skill=Skill(card.skill),
        safety=card.term.safety,
    )
    assert (card.reps, card.stability, card.difficulty, card.due) == (
        expected.reps,
        pytest.approx(expected.stability),
        pytest.approx(expected.difficulty),
        expected.due,
    )


def datetime_of(event):
    from datetime import datetime

    return datetime.fromisoformat(event["answered_at"])


def test_each_bad_answer_is_rejected_alone_with_its_reason(client, learner, world):
    mine = start_session(client, learner, size=2)["exercises"][0]["card_id"]
    # Another participant of the same organisation with a card of their own: an assigned term.
    term_id = db.session.scalar(select(Term.id).where(Term.organisation_id.is_(None)).order_by(Term.id).limit(1))
    assign = client.post(
        f"/api/participants/{world.other_participant.id}/terms",
        json={"term_ids": [term_id]},
        headers=factories.headers(world.other_teacher),
    )
    assert assign.status_code == 200
    theirs = start_session(client, factories.headers(world.other_participant), size=2)["exercises"][0]["card_id"]
    assert db.session.get(Card, theirs).participant_id == world.other_participant.id
    good = answer(mine)
    reused = answer(mine, minutes=-1)
    send(client, learner, [reused])
    changed = dict(reused, result="wrong")
    batch = [
        good,
        answer(999_999),
        answer(mine, minutes=30),
        changed,
        {"id": "not-a-uuid", "card_id": mine},
        answer(theirs),
    ]
    results = send(client, learner, batch)["results"]
    statuses = [(r["status"], r["reason"]) for r in results]
    assert statuses[0] == ("accepted", None)
    assert statuses[1] == ("rejected", "Deze kaart bestaat niet.")
    assert statuses[2][0] == "rejected" and "toekomst" in statuses[2][1]
    assert statuses[3][0] == "rejected" and "andere inhoud" in statuses[3][1]
    assert statuses[4][0] == "rejected" and "Onjuist" in statuses[4][1]
    assert statuses[5] == statuses[1], "another's card is refused as an unknown one (ids cannot be probed)"
    assert count(ReviewEvent) == 2
    assert db.session.scalar(select(func.count()).where(ReviewEvent.card_id == theirs)) == 0


@pytest.mark.parametrize("body", [{}, {"events": []}, {"events": "nope"}, [1, 2]])
def test_a_malformed_envelope_is_a_422(client, learner, body):
    response = client.post("/api/me/reviews", json=body, headers=learner)
    assert response.status_code == 422
    assert response.json["code"] == 422


def test_answers_kept_while_the_login_was_renewed_still_count(client, learner, world):
    session = start_session(client, learner, size=2)
    outbox = [answer(e["card_id"], minutes=-30) for e in session["exercises"]]
    staff = factories.headers(world.teacher)
    assert client.delete(f"/api/participants/{world.participant.id}/devices", headers=staff).status_code == 200
    assert client.post("/api/me/reviews", json={"events": outbox}, headers=learner).status_code == 401
    code = client.post(f"/api/participants/{world.participant.id}/login-code", headers=staff).json["code"]
    fresh = {"Authorization": "Bearer " + client.post("/api/auth/code", json={"code": code}).json["token"]}
    assert [r["status"] for r in send(client, fresh, outbox)["results"]] == ["accepted", "accepted"]


def test_recognition_that_holds_unlocks_production_cards(client, learner):
    session = start_session(client, learner, size=2)
    term_id = session["exercises"][0]["term_id"]
    cards = [e["card_id"] for e in session["exercises"] if e["term_id"] == term_id]
    start = utcnow() - timedelta(days=4)
    events = [
        answer(c, at=start + offset)
        for c in cards
        for offset in (timedelta(0), timedelta(minutes=10), timedelta(days=3))
    ]
    result = send(client, learner, events)
    skills = {c["skill"] for c in result["cards"] if c["term_id"] == term_id}
    assert {"writing", "speaking"} <= skills or {"speaking", "conversation"} <= skills
    next_session = start_session(client, learner, size=20)
    assert any(
        e["term_id"] == term_id and e["skill"] in ("writing", "speaking", "conversation")
        for e in next_session["exercises"]
    )


def test_progress_counts_mastery_assignments_and_the_week(client, learner, world):
    session = start_session(client, learner, size=4)
    send(client, learner, [answer(e["card_id"], minutes=-1) for e in session["exercises"]])
    response = client.get("/api/me/progress", headers=learner)
    assert response.status_code == 200
    body = response.json
    assert sum(body["mastery"]["skills"]["listening"].values()) == 2
    assert body["week"]["days_practised"] == 1 and body["week"]["met"] is False
    assert body["answers_today"] >= 1
    assert body["assigned"] == {"total": 0, "learned": 0}


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1


def counted(fn):
    counter = QueryCounter()
    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return counter.count


def test_no_n_plus_one_in_session_building_or_sync(client, learner, world):
    small = counted(lambda: start_session(client, learner, size=4))
    big = counted(lambda: start_session(client, learner, size=20))
    assert big <= small + 2, (small, big)
    cards = db.session.scalars(select(Card.id)).all()
    five = [answer(c, minutes=-10) for c in cards[:5]]
    twenty = [answer(c, minutes=-5) for c in (cards * 4)[:20]]
    assert counted(lambda: send(client, learner, twenty)) <= counted(lambda: send(client, learner, five)) + 2


def test_my_words_and_support_language(client, learner, world):
    session = start_session(client, learner, size=4)
    term_ids = {e["term_id"] for e in session["exercises"]}
    words = client.get("/api/me/terms", headers=learner)
    assert words.status_code == 200
    assert {w["term"]["id"] for w in words.json} == term_ids
    assert all(set(w["skills"]) == {"listening", "reading"} for w in words.json)
    assert client.get("/api/me/terms?assigned=true", headers=learner).json == []
    changed = client.patch("/api/me", json={"support_languages": ["ti", "en"]}, headers=learner)
    assert changed.status_code == 200
    assert changed.json["profile"]["support_languages"] == ["ti", "en"]
    bad = client.patch("/api/me", json={"support_languages": ["xx"]}, headers=learner)
    assert bad.status_code == 422
    staff = client.patch("/api/me", json={"support_languages": ["en"]}, headers=factories.headers(world.teacher))
    assert staff.status_code == 403


def test_a_session_fetched_ahead_skips_the_cards_in_hand(client, learner):
    first = start_session(client, learner, size=4)
    held = [e["card_id"] for e in first["exercises"]]
    ahead = client.post("/api/me/sessions", json={"size": 20, "exclude_card_ids": held}, headers=learner)
    assert ahead.status_code == 201
    assert not set(held) & {e["card_id"] for e in ahead.json["exercises"]}
    again = start_session(client, learner, size=20)
    assert set(held) <= {e["card_id"] for e in again["exercises"]}, "without the list they are due and come back"


# Meeting a word before being tested on it, honest grades, more practice on demand, the day's outlook


def test_a_session_presents_its_new_terms_and_tells_each_cards_mastery(client, learner, world):
    session = start_session(client, learner, size=4)
    terms = session["terms"]
    assert [t["term_id"] for t in terms] == list(dict.fromkeys(e["term_id"] for e in session["exercises"]))
    assert all(t["new"] for t in terms)
    assert {e["mastery"] for e in session["exercises"]} == {"new"}
    first = db.session.get(Term, terms[0]["term_id"])
    shown = terms[0]
    assert shown["text"] == (f"{first.article} {first.term}" if first.pos == "noun" else first.term)
    assert (shown["emoji"], shown["example"], shown["safety"]) == (first.emoji, first.example, first.safety)
    assert (shown["language"], shown["translation"]) == ("ar", first.translations["ar"]["text"])
    assert shown["audio_url"].startswith(f"/api/terms/{first.id}/audio")
    assert shown["example_audio_url"].startswith(f"/api/terms/{first.id}/example-audio")
    # Answered once, the term is no longer new; a card never answered (the session was dropped) still is.
    listening = next(e for e in session["exercises"] if e["term_id"] == first.id and e["skill"] == "listening")
    send(client, learner, [answer(listening["card_id"], minutes=-20)])
    later = start_session(client, learner, size=20)
    flags = {t["term_id"]: t["new"] for t in later["terms"]}
    assert flags[first.id] is False
    assert flags[terms[1]["term_id"]] is True


def test_a_never_seen_word_answered_in_201_ms_is_not_known(client, learner):
    session = start_session(client, learner, size=2)
    fast = [answer(e["card_id"], minutes=-1, duration_ms=201) for e in session["exercises"]]
    cards = send(client, learner, fast)["cards"]
    assert {c["mastery"] for c in cards} == {"learning"}
    assert all(c["stability"] == pytest.approx(2.3065, abs=1e-4) for c in cards)
    assert count(Card) == 2, "no production skills unlocked"


def test_asking_for_more_new_terms_goes_past_the_daily_limit_up_to_the_higher_cap(client, learner, world):
    teacher = factories.headers(world.teacher)
    url = f"/api/participants/{world.participant.id}/settings"
    settings = client.patch(url, json={"daily_new_limit": 2, "daily_new_max": 5}, headers=teacher)
    assert settings.status_code == 200
    assert (settings.json["profile"]["daily_new_limit"], settings.json["profile"]["daily_new_max"]) == (2, 5)
    first = start_session(client, learner, size=20)
    assert len(first["terms"]) == 2
    assert first["today"]["done_for_now"] is True
    assert (first["today"]["new_left"], first["today"]["more_new"]) == (0, 3)
    send(client, learner, [answer(e["card_id"], minutes=-1) for e in first["exercises"]])
    empty = start_session(client, learner, size=20)
    assert empty["exercises"] == [] and empty["terms"] == []
    more = client.post("/api/me/sessions", json={"size": 20, "more": "new"}, headers=learner)
    assert more.status_code == 201
    assert len(more.json["terms"]) == 3 and all(t["new"] for t in more.json["terms"])
    assert more.json["today"]["more_new"] == 0
    again = client.post("/api/me/sessions", json={"size": 20, "more": "new"}, headers=learner).json
    assert {t["term_id"] for t in again["terms"]} == {t["term_id"] for t in more.json["terms"]}, "no answers yet"
    assert count(Card) == 10, "five terms today, two recognition cards each: the higher cap holds"


def test_practising_ahead_brings_the_cards_that_come_back_soon(client, learner, world):
    client.patch(
        f"/api/participants/{world.participant.id}/settings",
        json={"daily_new_limit": 1},
        headers=factories.headers(world.teacher),
    )
    session = start_session(client, learner, size=20)
    send(client, learner, [answer(e["card_id"], minutes=-1) for e in session["exercises"]])
    today = client.get("/api/me/today", headers=learner)
    assert today.status_code == 200
    body = today.json
    assert (body["due_now"], body["due_soon"], body["done_for_now"]) == (0, 2, True)
    assert body["next_due"] is not None
    assert start_session(client, learner, size=20)["exercises"] == []
    ahead = client.post("/api/me/sessions", json={"size": 20, "more": "soon"}, headers=learner)
    assert ahead.status_code == 201
    assert sorted(e["card_id"] for e in ahead.json["exercises"]) == sorted(e["card_id"] for e in session["exercises"])
    assert ahead.json["terms"][0]["new"] is False
    assert count(Card) == 2, "practising ahead brings no new terms"
    bad = client.post("/api/me/sessions", json={"size": 20, "more": "everything"}, headers=learner)
    assert bad.status_code == 422 and "more" in bad.json["errors"]["json"]


def test_the_day_says_when_new_terms_are_assigned_and_what_tomorrow_brings(client, learner, world):
    client.patch(
        f"/api/participants/{world.participant.id}/settings",
        json={"daily_new_limit": 2},
        headers=factories.headers(world.teacher),
    )
    kept = start_session(client, learner, size=20)
    before = client.get("/api/me/today", headers=learner).json
    assert before["assigned_waiting"] == 0 and before["assigned_latest"] is None
    assert (before["tomorrow_new"], before["new_max"], before["new_limit"]) == (2, 20, 2)
    assert before["tomorrow_due"] == 2, "today's two terms come back by tomorrow"
    term_id = db.session.scalar(select(Term.id).where(Term.sector.has(slug="zorg")).order_by(Term.id.desc()).limit(1))
    assert term_id not in {t["term_id"] for t in kept["terms"]}
    assigned = client.post(
        f"/api/participants/{world.participant.id}/terms",
        json={"term_ids": [term_id]},
        headers=factories.headers(world.teacher),
    )
    assert assigned.status_code == 200
    after = client.get("/api/me/today", headers=learner).json
    assert after["assigned_waiting"] == 1 and after["assigned_latest"] > kept["created_at"]
    assert after["done_for_now"] is False and after["new_left"] == 1
    fresh = start_session(client, learner, size=20)
    assert fresh["terms"][0]["term_id"] == term_id and fresh["terms"][0]["new"] is True
    assert fresh["today"]["assigned_waiting"] == 0


def test_the_day_says_when_a_term_in_practice_was_corrected(client, learner, world):
    """A session kept on the phone from before a teacher fixed a typo would teach the typo once more: the day says
    when a term the participant practises last changed, and an edit of another term does not count."""
    teacher = factories.headers(world.teacher)
    body = {
        "sector": "zorg",
        "key": "ontkalkr",
        "term": "ontkalkr",
        "pos": "noun",
        "article": "de",
        "level": "A2",
        "theme": "werkplek",
        "example": "Zet de ontkalkr in de kast.",
        "translations": {},
    }
    typo = client.post("/api/terms", json=body, headers=teacher)
    assert typo.status_code == 201, typo.json
    other = client.post(
        "/api/terms",
        json={**body, "key": "spoelbak", "term": "spoelbak", "example": "De spoelbak is vol."},
        headers=teacher,
    )
    assert other.status_code == 201, other.json
    other = other.json
    assigned = client.post(
        f"/api/participants/{world.participant.id}/terms", json={"term_ids": [typo.json["id"]]}, headers=teacher
    )
    assert assigned.status_code == 200
    kept = start_session(client, learner, size=20)
    assert typo.json["id"] in {t["term_id"] for t in kept["terms"]}
    assert kept["today"]["terms_changed_latest"] is None, "a session's own outlook does not say"
    before = client.get("/api/me/today", headers=learner).json
    assert before["terms_changed_latest"] is not None and before["terms_changed_latest"] < kept["created_at"]

    untouched = client.patch(f"/api/terms/{other['id']}", json={"example": "De spoelbak is leeg."}, headers=teacher)
    assert untouched.status_code == 200
    assert client.get("/api/me/today", headers=learner).json["terms_changed_latest"] == before["terms_changed_latest"]
    fixed = client.patch(
        f"/api/terms/{typo.json['id']}",
        json={"term": "ontkalker", "example": "Zet de ontkalker in de kast."},
        headers=teacher,
    )
    assert fixed.status_code == 200, fixed.json
    after = client.get("/api/me/today", headers=learner)
    assert after.status_code == 200
    assert after.json["terms_changed_latest"] > kept["created_at"]


def test_the_higher_cap_cannot_be_set_below_the_daily_limit(client, learner, world):
    teacher = factories.headers(world.teacher)
    url = f"/api/participants/{world.participant.id}/settings"
    assert client.patch(url, json={"daily_new_limit": 10}, headers=teacher).status_code == 200
    refused = client.patch(url, json={"daily_new_max": 9}, headers=teacher)
    assert refused.status_code == 422
    assert refused.json["message"].startswith("Het maximum per dag kan niet lager zijn")
    assert "daily_new_max" in refused.json["errors"]["json"]
    both = client.patch(url, json={"daily_new_limit": 4, "daily_new_max": 3}, headers=teacher)
    assert both.status_code == 422
    db.session.expire_all()
    profile = world.participant.profile
    assert (profile.daily_new_limit, profile.daily_new_max) == (10, None), "a refused change changes nothing"
    assert client.patch(url, json={"daily_new_max": 30}, headers=teacher).json["profile"]["daily_new_max"] == 30
    coach = client.patch(url, json={"daily_new_max": 40}, headers=factories.headers(world.coach))
    assert coach.status_code == 403


def old_rules_history(client, learner) -> tuple[Card, list[dict]]:
    """A card answered fast on its first answer, stored as the old rules had it (Easy: 8 days), version 1."""
    from dataclasses import replace as replaced

    from fsrs import Rating

    from vaktaal import scheduling

    session = start_session(client, learner, size=2)
    card_id = session["exercises"][0]["card_id"]
    start = utcnow() - timedelta(days=3)
    events = [answer(card_id, at=start, duration_ms=201), answer(card_id, at=start + timedelta(minutes=5))]
    send(client, learner, events)
    card = db.session.get(Card, card_id)
    old = scheduling.scheduler(safety=card.term.safety).review_card(
        scheduling._fsrs_card(scheduling.new_state(now=card.created_at)), Rating.Easy, start
    )[0]
    state = replaced(
        scheduling.new_state(now=card.created_at),
        due=old.due,
        state=old.state,
        step=old.step,
        stability=old.stability,
        difficulty=old.difficulty,
        last_review=old.last_review,
        reps=2,
    )
    for name, value in convert_columns(state).items():
        setattr(card, name, value)
    card.rules_version = 1
    db.session.commit()
    return card, events


def convert_columns(state):
    from api import convert

    return convert.state_columns(state)


def expected_state(card: Card, events: list[dict]):
    return replay(
        [Answer(e["id"], datetime_of(e), Result(e["result"]), False, e["duration_ms"]) for e in events],
        created_at=card.created_at,
        skill=Skill(card.skill),
        safety=card.term.safety,
    )


def test_cards_from_older_grading_rules_are_replayed_once_in_batches(client, learner, world):
    from api.services import reviews

    card, events = old_rules_history(client, learner)
    assert card.stability == pytest.approx(8.2956, abs=1e-4)
    others = db.session.scalars(select(Card).where(Card.id != card.id)).all()
    for other in others:
        other.rules_version = 1  # never answered: only its version changes
    db.session.commit()
    progress = []
    assert reviews.replay_outdated_cards(batch=1, report=progress.append) == 2
    assert progress == [1, 2]
    db.session.expire_all()
    card = db.session.get(Card, card.id)
    expected = expected_state(card, events)
    assert card.rules_version == scheduling_rules()
    assert (card.stability, card.state, card.due, card.reps) == (
        pytest.approx(expected.stability),
        int(expected.state),
        expected.due,
        2,
    )
    assert card.stability < 7, "no longer known after one fast guess"
    assert reviews.replay_outdated_cards() == 0, "a second run finds nothing to do"


def scheduling_rules() -> int:
    from vaktaal.scheduling import RULES_VERSION

    return RULES_VERSION


def test_flask_setup_replays_outdated_cards(client, learner, world, runner, app, lists):
    card, events = old_rules_history(client, learner)
    app.config["WORDLISTS_DIR"], kept = str(lists), app.config["WORDLISTS_DIR"]
    try:
        result = runner.invoke(args=["setup"])
        again = runner.invoke(args=["setup"])
    finally:
        app.config["WORDLISTS_DIR"] = kept
    assert result.exit_code == 0, result.output
    assert "Cards replayed under the current grading rules: 1." in result.output
    assert again.exit_code == 0 and "replayed" not in again.output
    db.session.expire_all()
    card = db.session.get(Card, card.id)
    assert card.stability == pytest.approx(expected_state(card, events).stability)


def test_a_new_answer_to_a_card_from_older_rules_replays_all_its_answers(client, learner):
    card, events = old_rules_history(client, learner)
    late = answer(card.id, minutes=-1)
    send(client, learner, [late])
    db.session.expire_all()
    card = db.session.get(Card, card.id)
    expected = expected_state(card, [*events, late])
    assert card.rules_version == scheduling_rules()
    assert (card.reps, card.stability, card.due) == (3, pytest.approx(expected.stability), expected.due)
