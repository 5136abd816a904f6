from pathlib import Path

import pytest

from api.models import utcnow
from api.services import wordlists
from tests import factories

SHIPPED = Path(__file__).resolve().parents[2] / "wordlists"


@pytest.fixture
def world(ctx):
    """Two organisations: A with staff of every role and two participants, B with a coordinator and one."""
    from vaktaal.roles import Role

    a = factories.organisation("Gemeente A")
    b = factories.organisation("Gemeente B")
    w = type("World", (), {})()
    w.org_a, w.org_b = a, b
    w.coordinator = factories.staff(a, Role.COORDINATOR, "Coördinator A")
    w.teacher = factories.staff(a, Role.TEACHER, "Docent A")
    w.other_teacher = factories.staff(a, Role.TEACHER, "Docent A2")
    w.coach = factories.staff(a, Role.COACH, "Coach A")
    w.participant = factories.participant(a, "Amina", support_languages=["ar"], sectors=["algemeen", "zorg"])
    w.other_participant = factories.participant(a, "Yonas", support_languages=["ti"])
    w.coordinator_b = factories.staff(b, Role.COORDINATOR, "Coördinator B")
    w.participant_b = factories.participant(b, "Olena")
    factories.group(a, [w.teacher], [w.participant], "Groep 1")
    factories.group(a, [w.other_teacher], [w.other_participant], "Groep 2")
    factories.assign_coach(w.coach, [w.participant])
    return w


@pytest.fixture
def lists(tmp_path, ctx):
    """A copy of the shipped lists cut to their first 12 entries each (plus the overrides), imported."""
    for path in SHIPPED.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / path.name).write_text("".join(lines[:13]) if path.stem != "article-overrides" else "".join(lines))
    wordlists.import_directory(tmp_path, now=utcnow())
    return tmp_path
