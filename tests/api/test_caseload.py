"""The caseload and one participant's progress through the API: figures against a hand-computed fixture (answers on
known days across a week boundary, in two time zones), each attention flag at its threshold, none while paused,
who sees whom, and statements that do not grow with the participants or the answers."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import insert, select, update

from api.extensions import db
from api.models import (
    Assessment,
    Assignment,
    Card,
    Group,
    PracticeDay,
    ReviewEvent,
    Sector,
    Term,
    User,
    caseload,
    group_participants,
    utcnow,
)
from tests import factories
from tests.api.test_practice import answer, counted, send, start_session
from vaktaal.exercises import Result, Skill
from vaktaal.levels import AssessmentSource, Level
from vaktaal.roles import ParticipantStatus, Route


def wednesday_two_weeks_ago() -> datetime:
    """ "Now" for the caseload: the Wednesday (12:00 UTC) of the week before last, so every answer lies in the past."""
    today = utcnow().date()
    monday = today - timedelta(days=today.weekday(), weeks=2)
    return datetime.combine(monday + timedelta(days=2), time(12), tzinfo=UTC)


NOW = wednesday_two_weeks_ago()
MONDAY = (NOW - timedelta(days=2)).date()  # this week's Monday (week W)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


@dataclass
class Fixture:
    amina: User
    yonas: User
    t1: int  # known on Monday of week W (Amsterdam), Sunday in UTC; assigned, learned
    t2: int  # safety, answered once on Sunday of week W-1 (Amsterdam)
    t3: int  # safety, keeps failing (four wrong answers on Tuesday)
    x: int  # safety, of Amina's sectors, never practised; assigned


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setattr("api.routes.caseload.utcnow", lambda: NOW)
    return NOW


@pytest.fixture
def fx(client, lists, world, fixed_now) -> Fixture:
    """Amina (Europe/Amsterdam, sectors algemeen and zorg; the teacher's group, the coach's caseload) and Yonas
    (Asia/Tokyo, the other teacher's group), with answers sent through the API on known days."""
    amina, yonas = world.participant, world.other_participant
    # Groups and caseloads began long before "now".
    long_ago = NOW.date() - timedelta(days=60)
    db.session.execute(update(group_participants).values(joined_on=long_ago))
    db.session.execute(update(caseload).values(started_on=long_ago))
    yonas.profile.timezone = "Asia/Tokyo"
    yonas.profile.sectors = [db.session.scalar(select(Sector).where(Sector.slug == "zorg"))]
    db.session.commit()
    learner = factories.headers(amina)
    cards: dict[int, dict[str, int]] = {}
    for e in start_session(client, learner, size=6)["exercises"]:
        cards.setdefault(e["term_id"], {})[e["skill"]] = e["card_id"]
    t1, t2, t3 = list(cards)[:3]
    mine = [s.id for s in amina.profile.sectors]
    x = db.session.scalar(
        select(Term.id).where(Term.sector_id.in_(mine), Term.id.not_in(list(cards))).order_by(Term.id).limit(1)
    )
    db.session.execute(update(Term).values(safety=False))
    db.session.execute(update(Term).where(Term.id.in_([t2, t3, x])).values(safety=True))
    # Introduced twenty days before "now": long enough ago for the safety rule.
    db.session.execute(update(Card).where(Card.participant_id == amina.id).values(created_at=NOW - timedelta(days=20)))
    db.session.commit()

    both = [cards[t1]["listening"], cards[t1]["reading"]]
    first = MONDAY - timedelta(weeks=2)  # Monday of week W-2
    send(client, learner, [answer(c, at=at(first, 12)) for c in both])
    send(client, learner, [answer(c, at=at(first, 12, 15)) for c in both])
    sunday = MONDAY - timedelta(days=1)
    send(client, learner, [answer(cards[t2]["reading"], at=at(sunday, 21, 30))])  # Sunday 22:30 in Amsterdam
    send(client, learner, [answer(c, at=at(sunday, 23, 30)) for c in both])  # Monday 00:30 in Amsterdam
    tuesday = MONDAY + timedelta(days=1)
    send(client, learner, [answer(cards[t3]["reading"], at=at(tuesday, 10, i), result="wrong") for i in range(4)])

    teacher = factories.headers(world.teacher)
    assigned = client.post(f"/api/participants/{amina.id}/terms", json={"term_ids": [t1, x]}, headers=teacher)
    assert assigned.status_code == 200, assigned.json
    level = {"skill": "reading", "level": "A2", "date": (NOW - timedelta(days=30)).date().isoformat(), "source": "test"}
    recorded = client.post(f"/api/participants/{amina.id}/assessments", json=level, headers=teacher)
    assert recorded.status_code == 201, recorded.json
    amina.profile.route = Route.B1
    amina.profile.deadline = NOW.date() + timedelta(days=150)  # under six months away
    db.session.commit()

    other = factories.headers(yonas)
    session = start_session(client, other, size=2)
    send(client, other, [answer(session["exercises"][0]["card_id"], at=at(sunday, 16))])  # Monday 01:00 in Tokyo
    return Fixture(amina, yonas, t1, t2, t3, x)


def rows(client, user, query: str = "") -> dict[str, dict]:
    response = client.get(f"/api/caseload{query}", headers=factories.headers(user))
    assert response.status_code == 200, response.json
    return {row["participant"]["name"]: row for row in response.json}


def flags_of(row: dict) -> list[str]:
    return [f["flag"] for f in row["flags"]]


def test_the_figures_of_each_participant_against_the_hand_computed_fixture(client, world, fx):
    shown = rows(client, world.coordinator)
    assert set(shown) == {"Amina", "Yonas"}
    amina = shown["Amina"]
    assert amina["status"] == "active"
    assert amina["last_practice"] == (MONDAY + timedelta(days=1)).isoformat()
    # Monday (the answer at 23:30 UTC on Sunday is Monday in Amsterdam) and Tuesday; Sunday is last week's.
    assert amina["practice_days_this_week"] == 2
    assert amina["practice_days_four_weeks"] == 4  # Monday W-2, Sunday W-1, Monday and Tuesday
    assert amina["terms"] == {"known": 1, "mastered": 0, "known_this_week": 1, "mastered_this_week": 0}
    assert (amina["assigned_terms"], amina["assigned_learned"]) == (2, 1)
    assert amina["safety_not_mastered"] == 3
    reading = next(s for s in amina["levels"] if s["skill"] == "reading")
    assert (reading["current"], reading["target"], reading["gap"]) == ("A2", "B1", 2)
    assert (reading["current_rank"], reading["target_rank"]) == (Level.A2.rank, Level.B1.rank)
    writing = next(s for s in amina["levels"] if s["skill"] == "writing")
    assert (writing["current"], writing["target"], writing["gap"]) == (None, "B1", None)
    assert amina["deadline"] == (NOW.date() + timedelta(days=150)).isoformat()
    # Defaults: 1 quiet day, 1 failing term, 2 safety terms behind; reading two half steps below B1, < 6 months left.
    deadline = f"{NOW.date() + timedelta(days=150):%d-%m-%Y}"
    assert amina["flags"] == [
        {"flag": "far_from_target", "reason": f"Ver van het doel bij lezen, einddatum {deadline}"}
    ]
    yonas = shown["Yonas"]
    # 16:00 UTC on Sunday is Monday 01:00 in Tokyo: this week for Yonas.
    assert yonas["last_practice"] == MONDAY.isoformat()
    assert (yonas["practice_days_this_week"], yonas["practice_days_four_weeks"]) == (1, 1)
    assert yonas["terms"]["known"] == 0 and yonas["flags"] == []


def test_the_known_terms_agree_with_the_cards_and_the_days(client, world, fx):
    """The SQL's mastery per term is vaktaal's: the best card counts, and the days' changes sum to the total."""
    from api import convert
    from vaktaal import scheduling
    from vaktaal.practice_days import best

    by_term: dict[int, list] = {}
    for card in db.session.scalars(select(Card).where(Card.participant_id == fx.amina.id)):
        by_term.setdefault(card.term_id, []).append(scheduling.mastery(convert.card_state(card)))
    known = sum(1 for m in by_term.values() if best(m) in (scheduling.Mastery.KNOWN, scheduling.Mastery.MASTERED))
    days = db.session.scalars(select(PracticeDay.known_change).where(PracticeDay.participant_id == fx.amina.id))
    assert rows(client, world.coordinator)["Amina"]["terms"]["known"] == known == sum(days) == 1


def test_filters_and_sorting(client, world, fx):
    coordinator = world.coordinator
    assert list(rows(client, coordinator, "?sort=name")) == ["Amina", "Yonas"]
    assert list(rows(client, coordinator, "?sort=flags")) == ["Amina", "Yonas"]
    # Yonas practised on Monday (Tokyo), Amina on Tuesday: longest ago first.
    assert list(rows(client, coordinator, "?sort=last_practice")) == ["Yonas", "Amina"]
    assert list(rows(client, coordinator, "?sort=terms_known")) == ["Amina", "Yonas"]
    assert list(rows(client, coordinator, "?flag=far_from_target")) == ["Amina"]
    assert list(rows(client, coordinator, "?flag=inactive")) == []
    groups = {g.name: g.id for g in db.session.scalars(select(Group))}
    assert list(rows(client, coordinator, f"?group={groups['Groep 2']}")) == ["Yonas"]
    fx.yonas.profile.status = ParticipantStatus.PAUSED
    db.session.commit()
    assert list(rows(client, coordinator, "?status=paused")) == ["Yonas"]
    assert list(rows(client, coordinator, "?status=active")) == ["Amina"]
    bad = client.get("/api/caseload?sort=age", headers=factories.headers(coordinator))
    assert bad.status_code == 422 and "sort" in bad.json["errors"]["query"]
    paged = client.get("/api/caseload?page_size=1&sort=name", headers=factories.headers(coordinator))
    assert paged.status_code == 200 and [r["participant"]["name"] for r in paged.json] == ["Amina"]
    assert '"total": 2' in paged.headers["X-Pagination"]


def test_a_workplace_filter_shows_those_placed_there_today(client, world, fx):
    zorg = db.session.scalar(select(Sector.id).where(Sector.slug == "zorg"))
    workplace = factories.place(world.org_a, fx.amina, zorg, "Zorghuis").workplace
    assert list(rows(client, world.coordinator, f"?workplace={workplace.id}")) == ["Amina"]
    assert rows(client, world.coach, f"?workplace={workplace.id}&status=paused") == {}


def test_another_organisations_group_or_workplace_is_not_found(client, world, fx):
    zorg = db.session.scalar(select(Sector.id).where(Sector.slug == "zorg"))
    theirs = factories.place(world.org_b, world.participant_b, zorg, "Elders").workplace
    group_b = factories.group(world.org_b, [], [world.participant_b], "Groep B")
    for query in (f"?group={group_b.id}", f"?workplace={theirs.id}", "?group=999999"):
        response = client.get(f"/api/caseload{query}", headers=factories.headers(world.coordinator))
        assert response.status_code == 404 and response.json["code"] == 404, query
    # Their own coordinator filters by it.
    assert list(rows(client, world.coordinator_b, f"?workplace={theirs.id}")) == ["Olena"]


# Each flag at its threshold (raised) and one above it (not raised), set through PATCH /api/organisation.
THRESHOLDS = [
    ("inactive_days", 1, 2, "inactive", "1 dagen niet geoefend"),
    ("failing_terms", 1, 2, "failing_terms", "1 woorden lukken steeds niet"),
    ("safety_behind", 1, 2, "safety_behind", "2 veiligheidswoorden na 14 dagen nog niet gekend"),
    ("target_gap_steps", 2, 3, "far_from_target", "Ver van het doel bij lezen"),
]


def test_each_flag_at_its_threshold_and_one_above_it(client, world, fx):
    coordinator = factories.headers(world.coordinator)
    for setting, raised, quiet, flag, reason in THRESHOLDS:
        assert client.patch("/api/organisation", json={setting: raised}, headers=coordinator).status_code == 200
        found = {f["flag"]: f["reason"] for f in rows(client, world.coach)["Amina"]["flags"]}
        assert found.get(flag, "").startswith(reason), (setting, found)
        assert client.patch("/api/organisation", json={setting: quiet}, headers=coordinator).status_code == 200
        assert flag not in flags_of(rows(client, world.coach)["Amina"]), setting
    # Less than 4 months left is not yet: the deadline is about five months away.
    body = {"target_gap_steps": None, "target_months_left": 4}
    assert client.patch("/api/organisation", json=body, headers=coordinator).status_code == 200
    assert "far_from_target" not in flags_of(rows(client, world.coach)["Amina"])
    # A longer grace period: the safety terms introduced 20 days ago are not yet behind.
    body = {"safety_behind": 1, "safety_grace_days": 21}
    assert client.patch("/api/organisation", json=body, headers=coordinator).status_code == 200
    assert "safety_behind" not in flags_of(rows(client, world.coach)["Amina"])


def test_never_practised_for_seven_days_raises_inactive_by_default(client, world, fx):
    newcomer = factories.participant(world.org_a, "Zara", start_date=NOW.date() - timedelta(days=7))
    later = factories.participant(world.org_a, "Zeno", start_date=NOW.date() - timedelta(days=6))
    db.session.commit()
    shown = rows(client, world.coordinator)
    assert shown["Zara"]["flags"] == [{"flag": "inactive", "reason": "Nog nooit geoefend"}]
    assert shown["Zeno"]["flags"] == []
    assert (newcomer.profile.start_date, later.profile.start_date) == (
        NOW.date() - timedelta(days=7),
        NOW.date() - timedelta(days=6),
    )


def test_a_paused_participant_raises_no_flags(client, world, fx):
    coordinator = factories.headers(world.coordinator)
    lowest = {"inactive_days": 1, "failing_terms": 1, "safety_behind": 0}
    assert client.patch("/api/organisation", json=lowest, headers=coordinator).status_code == 200
    assert len(flags_of(rows(client, world.coach)["Amina"])) == 4
    paused = client.patch(f"/api/participants/{fx.amina.id}", json={"status": "paused"}, headers=coordinator)
    assert paused.status_code == 200, paused.json
    amina = rows(client, world.coach)["Amina"]
    assert (amina["status"], amina["flags"]) == ("paused", [])
    assert amina["terms"]["known"] == 1  # the figures stay


def test_each_role_sees_its_own_scope(client, world, fx):
    assert set(rows(client, world.coach)) == {"Amina"}
    assert set(rows(client, world.teacher)) == {"Amina"}
    assert set(rows(client, world.other_teacher)) == {"Yonas"}
    assert set(rows(client, world.coordinator)) == {"Amina", "Yonas"}
    assert set(rows(client, world.coordinator_b)) == {"Olena"}
    assert client.get("/api/caseload", headers=factories.headers(world.participant)).status_code == 403
    assert client.get("/api/caseload").status_code == 401
    for user, participant in [
        (world.coordinator_b, fx.amina),
        (world.coach, fx.yonas),
        (world.teacher, fx.yonas),
        (world.coordinator, world.participant_b),
    ]:
        response = client.get(f"/api/participants/{participant.id}/progress", headers=factories.headers(user))
        assert response.status_code == 404, (user.name, participant.name)


def test_one_participants_progress(client, world, fx):
    teacher = factories.headers(world.teacher)
    zorg = db.session.scalar(select(Sector.id).where(Sector.slug == "zorg"))
    workplace = factories.place(world.org_a, fx.amina, zorg, "Zorghuis").workplace
    body = {
        "workplace_id": workplace.id,
        "date": NOW.date().isoformat(),
        "participant_ids": [fx.amina.id],
        "observations": [{"term_id": fx.t3}, {"term_id": fx.t1}],
    }
    visit = client.post("/api/visits", json=body, headers=teacher)
    assert visit.status_code == 201, visit.json
    response = client.get(f"/api/participants/{fx.amina.id}/progress", headers=factories.headers(world.coach))
    assert response.status_code == 200, response.json
    body = response.json
    assert body["participant"] == {"id": fx.amina.id, "name": "Amina"}
    # Weeks W-2, W-1 and W: the vocabulary at each week's end, the days practised, the answers.
    assert [(w["week"], w["known"], w["mastered"], w["practice_days"], w["answers"]) for w in body["weeks"]] == [
        ((MONDAY - timedelta(weeks=2)).isoformat(), 0, 0, 1, 4),
        ((MONDAY - timedelta(weeks=1)).isoformat(), 0, 0, 1, 1),
        (MONDAY.isoformat(), 1, 0, 2, 6),
    ]
    [failing] = body["failing"]
    assert failing["id"] == fx.t3 and failing["audio_url"].startswith("/api/terms/")
    assert [(o["term"]["id"], o["state"], o["workplace"]) for o in body["observed"]] == [
        (fx.t1, "known", "Zorghuis"),
        (fx.t3, "learning", "Zorghuis"),  # its best skill: reading
    ]
    assert [(v["id"], v["workplace"]["employer"]) for v in body["visits"]] == [(visit.json["id"], "Zorghuis")]
    reading = next(s for s in body["levels"]["skills"] if s["skill"] == "reading")
    assert reading["current"]["level"] == "A2"
    assert body["levels"]["read_only"] is True  # a coach reads levels only


def _people(world, count: int) -> list[User]:
    """``count`` participants in the coach's caseload, each with cards, days, an assessment and an assigned term,
    written straight to the tables (the statements are what is counted, not how the rows came)."""
    terms = db.session.scalars(select(Term.id).order_by(Term.id).limit(3)).all()
    people = [factories.participant(world.org_a, f"P{i:02d}", sectors=["zorg"]) for i in range(count)]
    db.session.commit()
    factories.assign_coach(world.coach, people)
    now = utcnow()
    for person in people:
        db.session.add_all(
            Card(participant_id=person.id, term_id=t, skill=Skill.READING, due=now, reps=3, stability=s, lapses=i)
            for i, (t, s) in enumerate(zip(terms, [40.0, 8.0, 0.5], strict=True))
        )
        db.session.add_all(
            PracticeDay(participant_id=person.id, day=now.date() - timedelta(days=d), answers=3, known_change=1)
            for d in (1, 9)
        )
        db.session.add(
            Assessment(
                participant_id=person.id,
                skill=Skill.READING,
                level=Level.A2,
                assessed_on=now.date(),
                source=AssessmentSource.TEST,
                recorded_by_id=world.teacher.id,
            )
        )
        db.session.add(Assignment(participant_id=person.id, term_id=terms[0], assigned_at=now))
    db.session.commit()
    return people


def _answers(people: list[User], count: int) -> None:
    """``count`` more answers for each of these people, on their cards."""
    now = utcnow()
    for person in people:
        cards = db.session.scalars(select(Card.id).where(Card.participant_id == person.id)).all()
        db.session.execute(
            insert(ReviewEvent),
            [
                {
                    "id": str(uuid.uuid4()),
                    "participant_id": person.id,
                    "card_id": cards[n % len(cards)],
                    "answered_at": now - timedelta(minutes=n),
                    "result": Result.CORRECT,
                    "received_at": now,
                }
                for n in range(count)
            ],
        )
    db.session.commit()


def test_the_statements_do_not_grow_with_the_participants_or_the_answers(client, lists, world):
    coach = factories.headers(world.coach)

    def caseload():
        response = client.get("/api/caseload", headers=coach)
        assert response.status_code == 200
        return response.json

    first = _people(world, 3)
    _answers(first, 5)
    three = counted(caseload)
    more = _people(world, 9)
    _answers(more, 5)
    twelve = counted(caseload)
    _answers(first + more, 500)
    many_answers = counted(caseload)
    shown = caseload()
    assert len(shown) == 13  # Amina and the twelve
    assert all(
        r["terms"]["known"] == 2 and r["assigned_terms"] == 1 for r in shown if r["participant"]["name"] != "Amina"
    )
    assert three == twelve == many_answers, (three, twelve, many_answers)


def test_weeks_run_from_the_start_with_earlier_days_in_the_first_and_empty_weeks_kept():
    from api.services.participant_progress import MAX_WEEKS, weeks

    monday = date(2026, 11, 2)
    days = {
        monday - timedelta(days=1): (5, 2, 0),  # practice before the start: its week is shown too
        monday + timedelta(days=2): (3, 1, 1),
        monday + timedelta(days=16): (4, -1, 0),  # a term fell back in the third week
    }
    found = weeks(days, start=monday + timedelta(days=1), today=monday + timedelta(days=17))
    assert [(w.week, w.known, w.mastered, w.practice_days, w.answers) for w in found] == [
        (monday - timedelta(weeks=1), 2, 0, 1, 5),
        (monday, 3, 1, 1, 3),
        (monday + timedelta(weeks=1), 3, 1, 0, 0),
        (monday + timedelta(weeks=2), 2, 1, 1, 4),
    ]
    long = weeks({date(2010, 1, 4): (1, 1, 0)}, start=date(2010, 1, 4), today=monday)
    assert len(long) == MAX_WEEKS and long[0].known == 1  # older days still count into the first week shown
