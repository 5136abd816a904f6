"""Reports: aggregates of a period for the caller's scope, small cells suppressed, totals equal to the
per-participant figures, level rises per skill, CSV, and who may ask for which scope."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

from api.extensions import db
from api.models import Assessment, PracticeDay, group_participants
from api.services import reports
from tests import factories
from tests.api.test_caseload import _answers, _people
from tests.api.test_practice import counted
from vaktaal.exercises import Skill
from vaktaal.levels import AssessmentSource, Level
from vaktaal.reports import Scope

END = date(2026, 11, 30)
START = date(2026, 11, 3)
PERIOD = {"from": START.isoformat(), "to": END.isoformat()}


def days(participant, *rows) -> None:
    """Practice days: (day, answers, correct, known_change, safety_mastered_change)."""
    for day, answers, correct, known, safety in rows:
        db.session.add(
            PracticeDay(
                participant_id=participant.id,
                day=day,
                answers=answers,
                correct=correct,
                known_change=known,
                mastered_change=0,
                safety_mastered_change=safety,
            )
        )
    db.session.commit()


def assess(participant, skill: Skill, level: str, on: date) -> None:
    db.session.add(
        Assessment(
            participant_id=participant.id,
            skill=skill,
            level=Level(level),
            assessed_on=on,
            source=AssessmentSource.TEST,
            recorded_at=datetime.now(UTC),
        )
    )
    db.session.commit()


def group_of(world, people, name: str, org=None):
    """A group of the teacher whose members joined long before the period."""
    made = factories.group(org or world.org_a, [world.teacher] if org is None else [], people, name)
    db.session.execute(
        group_participants.update()
        .where(group_participants.c.group_id == made.id)
        .values(joined_on=START - timedelta(days=90))
    )
    db.session.commit()
    return made


def get(client, user, **query):
    return client.get("/api/reports", query_string=query, headers=factories.headers(user))


def test_totals_are_the_per_participant_sums_and_small_cells_are_hidden(client, world):
    people = [factories.participant(world.org_a, f"Persoon {i}") for i in range(6)]
    group = group_of(world, people, "Groep Rapport")
    for i, person in enumerate(people):
        days(person, (START, 10, 8, 2, 1), (START + timedelta(days=7 + i), 5, 5, 1, 0))
    days(people[0], (START - timedelta(days=1), 99, 99, 9, 9), (END + timedelta(days=1), 99, 99, 9, 9))  # outside
    assess(people[0], Skill.SPEAKING, "A1", START - timedelta(days=30))
    assess(people[0], Skill.SPEAKING, "A1/A2", START + timedelta(days=3))  # a rise in the period
    assess(people[1], Skill.SPEAKING, "A2", START + timedelta(days=3))  # a first measurement: no change
    assess(people[2], Skill.WRITING, "A2", START - timedelta(days=60))
    assess(people[2], Skill.WRITING, "A1/A2", START + timedelta(days=1))  # lower: no rise

    found = reports.report(world.teacher, Scope.GROUP, group.id, start=START, end=END, suppress=False)
    values = {c.key: c.value for c in found.cells}
    assert values == {
        "participants": 6,
        "active_participants": 6,
        "practice_days": 12,
        "answers": 6 * 15,
        "terms_learned": 6 * 3,
        "safety_terms_mastered": 6,
    }
    per_person = reports.participant_figures([p.id for p in people], start=START, end=END)
    assert values["practice_days"] == sum(f.practice_days for f in per_person.values())
    assert values["terms_learned"] == sum(f.terms_learned for f in per_person.values())
    ups = {up.skill: up.cell.value for up in found.level_ups}
    assert ups == {"reading": 0, "listening": 0, "speaking": 1, "conversation": 0, "writing": 0}

    response = get(client, world.teacher, scope="group", id=group.id, **PERIOD)
    assert response.status_code == 200, response.json
    shown = {c["key"]: c["shown"] for c in response.json["cells"]}
    assert shown["practice_days"] == "12" and shown["safety_terms_mastered"] == "6"
    speaking = next(u for u in response.json["level_ups"] if u["skill"] == "speaking")
    assert speaking["cell"] == {
        "key": "level_ups_speaking",
        "label": "Niveau omhoog bij spreken",
        "value": None,
        "shown": "< 5",
    }
    assert "Persoon" not in response.get_data(as_text=True)  # no row per person


def test_a_small_group_shows_no_numbers_that_point_at_people(client, world):
    people = [factories.participant(world.org_a, f"Klein {i}") for i in range(3)]
    group = group_of(world, people, "Kleine groep")
    days(people[0], (START, 4, 4, 1, 0))
    response = get(client, world.teacher, scope="group", id=group.id, **PERIOD)
    cells = {c["key"]: c for c in response.json["cells"]}
    assert cells["participants"]["shown"] == "< 5" and cells["participants"]["value"] is None
    assert cells["answers"]["shown"] == "< 5"
    empty = group_of(world, [], "Lege groep")
    nothing = {c["key"]: c["shown"] for c in get(client, world.teacher, scope="group", id=empty.id).json["cells"]}
    assert nothing["participants"] == "0"  # none is not a small cell


def test_the_csv_says_the_same_and_explains_the_small_cells(client, world):
    people = [factories.participant(world.org_a, f"Csv {i}") for i in range(5)]
    group = group_of(world, people, "=Groep")
    for person in people:
        days(person, (START, 2, 1, 1, 0))
    response = get(client, world.teacher, scope="group", id=group.id, format="csv", **PERIOD)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Wat", "Aantal"]
    assert rows[1] == ["Rapport", "'=Groep"]  # a name that starts like a formula is neutralised
    table = dict(rows[1:])
    assert table["Deelnemers"] == "5" and table["Dagen geoefend (alle deelnemers samen)"] == "5"
    assert table["Niveau omhoog bij lezen"] == "0"
    assert "< 5" in table["Kleine aantallen"]


def test_who_may_ask_for_which_scope(client, world):
    group_a = group_of(world, [world.participant], "Groep Rechten")
    group_b = group_of(world, [world.participant_b], "Groep B", org=world.org_b)
    assert get(client, world.coordinator, scope="organisation").status_code == 200
    assert get(client, world.coordinator, scope="group", id=group_a.id).status_code == 200
    assert get(client, world.teacher, scope="group", id=group_a.id).status_code == 200
    assert get(client, world.other_teacher, scope="group", id=group_a.id).status_code == 403
    assert get(client, world.teacher, scope="organisation").status_code == 403
    assert get(client, world.coach, scope="caseload").status_code == 200
    assert get(client, world.coach, scope="group", id=group_a.id).status_code == 403
    assert get(client, world.teacher, scope="caseload").status_code == 200  # all the teacher's groups
    assert get(client, world.teacher).json["name"] == "Groepen van Docent A"
    assert get(client, world.coordinator, scope="caseload").status_code == 403
    assert get(client, world.coordinator, scope="group", id=group_b.id).status_code == 404
    assert get(client, world.participant, scope="caseload").status_code == 403
    missing = get(client, world.coordinator, scope="group")
    assert missing.status_code == 422 and "id" in missing.json["errors"]["query"]
    backwards = get(client, world.coordinator, scope="organisation", **{"from": "2026-11-30", "to": "2026-11-01"})
    assert backwards.status_code == 422 and "from" in backwards.json["errors"]["query"]


def test_the_statements_do_not_grow_with_the_participants_or_the_answers(client, lists, world):
    def organisation():
        response = get(client, world.coordinator, scope="organisation")
        assert response.status_code == 200, response.json
        return {c["key"]: c["value"] for c in response.json["cells"]}

    first = _people(world, 3)
    _answers(first, 5)
    three = counted(organisation)
    more = _people(world, 9)
    _answers(more, 5)
    twelve = counted(organisation)
    _answers(first + more, 500)
    many_answers = counted(organisation)
    # Amina, Yonas and the twelve, each of whom practised on yesterday and nine days ago.
    assert organisation()["participants"] == 14 and organisation()["practice_days"] == 24
    assert three == twelve == many_answers, (three, twelve, many_answers)


def test_the_organisation_counts_those_whose_programme_had_not_ended_before_the_period(client, world):
    left = factories.participant(world.org_a, "Vertrokken")
    ended = factories.participant(world.org_a, "Klaar in de periode")
    left.profile.ended_on = START - timedelta(days=1)
    ended.profile.ended_on = START
    db.session.commit()
    found = reports.report(world.coordinator, Scope.ORGANISATION, None, start=START, end=END, suppress=False)
    # Amina, Yonas and the one who finished on the first day; not the one who left the day before.
    assert {c.key: c.value for c in found.cells}["participants"] == 3
