"""API fixtures: two organisations and their people (``world``), and the shipped wordlists cut short (``lists``)."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from api.models import Organisation, User, utcnow
from api.resources import resources
from api.services import wordlists
from tests import factories
from vaktaal.roles import Role

SHIPPED = Path(__file__).resolve().parents[2] / "wordlists"


@dataclass
class World:
    """The people of the ``world`` fixture."""

    org_a: Organisation
    org_b: Organisation
    coordinator: User
    teacher: User
    other_teacher: User  # teaches Yonas, not Amina
    coach: User  # Amina's coach
    participant: User  # Amina, in the teacher's group
    other_participant: User  # Yonas, in the other teacher's group
    coordinator_b: User
    participant_b: User


@pytest.fixture
def world(ctx) -> World:
    """Two organisations: A with staff of every role and two participants, B with a coordinator and one."""
    a = factories.organisation("Gemeente A")
    b = factories.organisation("Gemeente B")
    w = World(
        org_a=a,
        org_b=b,
        coordinator=factories.staff(a, Role.COORDINATOR, "Coördinator A"),
        teacher=factories.staff(a, Role.TEACHER, "Docent A"),
        other_teacher=factories.staff(a, Role.TEACHER, "Docent A2"),
        coach=factories.staff(a, Role.COACH, "Coach A"),
        participant=factories.participant(a, "Amina", support_languages=["ar"], sectors=["algemeen", "zorg"]),
        other_participant=factories.participant(a, "Yonas", support_languages=["ti"]),
        coordinator_b=factories.staff(b, Role.COORDINATOR, "Coördinator B"),
        participant_b=factories.participant(b, "Olena"),
    )
    factories.group(a, [w.teacher], [w.participant], "Groep 1")
    factories.group(a, [w.other_teacher], [w.other_participant], "Groep 2")
    factories.assign_coach(w.coach, [w.participant])
    return w


@pytest.fixture
def lists(tmp_path, app, ctx):
    """A copy of the shipped lists cut to their first 12 entries each (plus the overrides), imported."""
    for path in SHIPPED.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / path.name).write_text("".join(lines[:13]) if path.stem != "article-overrides" else "".join(lines))
    wordlists.import_directory(tmp_path, checker=resources(app).checker, now=utcnow())
    return tmp_path
