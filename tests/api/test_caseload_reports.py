"""The caseload and the reports tell the same story: with the small-cell suppression off, a report's totals over a
period equal the sums of the per-participant figures the caseload shows for the same people and the same days
(this week, the last four weeks, everything up to today). Answers go through POST /api/me/reviews on known days,
across a week boundary and in two time zones (``tests/api/test_caseload.py``'s fixture, and one more participant
who practised three and five weeks ago)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from api.extensions import db
from api.models import Card, User, group_participants
from api.services import reports
from tests import factories
from tests.api import test_caseload
from tests.api.test_caseload import MONDAY, NOW, Fixture, at
from tests.api.test_practice import answer, send, start_session
from vaktaal.practice_days import last_four_weeks, this_week
from vaktaal.reports import Scope

# test_caseload's fixtures: "now" fixed, Amina's and Yonas's answers on known days.
fixed_now, fx = test_caseload.fixed_now, test_caseload.fx
TODAY = NOW.date()  # the same date in Amsterdam and Tokyo at 12:00 UTC


@pytest.fixture
def zara(client, world, fx: Fixture) -> User:
    """Zara (Europe/Amsterdam): a term that became known three weeks ago (inside the four weeks, before this
    week), after two rounds five weeks ago (outside them)."""
    person = factories.participant(world.org_a, "Zara", sectors=["algemeen"])
    db.session.commit()
    learner = factories.headers(person)
    cards: dict[int, list[int]] = {}
    for e in start_session(client, learner, size=2)["exercises"]:
        cards.setdefault(e["term_id"], []).append(e["card_id"])
    db.session.execute(update(Card).where(Card.participant_id == person.id).values(created_at=NOW - timedelta(days=40)))
    db.session.commit()
    both = next(ids for ids in cards.values() if len(ids) == 2)
    five_weeks_ago, three_weeks_ago = MONDAY - timedelta(weeks=5), MONDAY - timedelta(weeks=3)
    send(client, learner, [answer(c, at=at(five_weeks_ago, 9)) for c in both])
    send(client, learner, [answer(c, at=at(five_weeks_ago, 9, 15)) for c in both])
    send(client, learner, [answer(c, at=at(three_weeks_ago, 9)) for c in both])
    return person


def caseload(client, user, query: str = "") -> list[dict]:
    response = client.get(f"/api/caseload{query}", headers=factories.headers(user))
    assert response.status_code == 200, response.json
    return response.json


def totals(user, scope: Scope, object_id: int | None, period: tuple[date, date]) -> dict[str, int]:
    start, end = period
    found = reports.report(user, scope, object_id, start=start, end=end, suppress=False)
    return {c.key: c.value for c in found.cells}


def test_a_groups_report_totals_are_the_sums_of_its_caseload_figures(client, world, fx, zara):
    group = factories.group(world.org_a, [world.teacher], [fx.amina, fx.yonas, zara], "Samen")
    # Members since long before the period, as they are in the caseload of "now".
    long_ago = TODAY - timedelta(days=400)
    gp = group_participants.c
    db.session.execute(update(group_participants).where(gp.group_id == group.id).values(joined_on=long_ago))
    db.session.commit()
    rows = caseload(client, world.coordinator, f"?group={group.id}")
    assert sorted(r["participant"]["name"] for r in rows) == ["Amina", "Yonas", "Zara"]
    by_name = {r["participant"]["name"]: r for r in rows}
    # The figures are not all zero: Zara's term became known three weeks ago, Amina's this week.
    assert (by_name["Zara"]["practice_days_four_weeks"], by_name["Zara"]["practice_days_this_week"]) == (1, 0)
    assert (by_name["Zara"]["terms"]["known"], by_name["Zara"]["terms"]["known_this_week"]) == (1, 0)

    week = totals(world.teacher, Scope.GROUP, group.id, this_week(TODAY))
    assert week["participants"] == len(rows)
    assert week["practice_days"] == sum(r["practice_days_this_week"] for r in rows) == 3
    assert week["terms_learned"] == sum(r["terms"]["known_this_week"] for r in rows) == 1
    assert week["active_participants"] == sum(1 for r in rows if r["practice_days_this_week"]) == 2

    four = totals(world.teacher, Scope.GROUP, group.id, last_four_weeks(TODAY))
    assert four["practice_days"] == sum(r["practice_days_four_weeks"] for r in rows) == 6
    assert four["active_participants"] == sum(1 for r in rows if r["practice_days_four_weeks"]) == 3
    assert four["terms_learned"] == 2  # Amina's this week and Zara's three weeks ago

    # From before anyone's first answer up to today, the terms learned are the terms known now.
    ever = totals(world.teacher, Scope.GROUP, group.id, (long_ago, TODAY))
    assert ever["terms_learned"] == sum(r["terms"]["known"] for r in rows) == 2


def test_the_organisations_report_adds_up_to_the_coordinators_caseload(client, world, fx, zara):
    rows = caseload(client, world.coordinator)
    assert len(rows) == 3
    four = totals(world.coordinator, Scope.ORGANISATION, None, last_four_weeks(TODAY))
    assert four["participants"] == len(rows)
    assert four["practice_days"] == sum(r["practice_days_four_weeks"] for r in rows) == 6
    week = totals(world.coordinator, Scope.ORGANISATION, None, this_week(TODAY))
    assert week["terms_learned"] == sum(r["terms"]["known_this_week"] for r in rows) == 1


def test_a_report_without_a_period_covers_the_caseloads_four_weeks(app, world, fx):
    found = reports.report(world.coordinator, None, None, start=None, end=None, suppress=False)
    assert (found.start, found.end) == last_four_weeks(found.made_on)
    assert (found.end - found.start).days == 27
