"""Demo data: one organisation with staff of every role, participants, workplaces and groups."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from api.extensions import db
from api.models import (
    Group,
    Organisation,
    Placement,
    Sector,
    Term,
    User,
    Workplace,
    caseload,
    group_participants,
)
from api.services import logins, people, use_case, visits
from api.services.wordlists import import_entries
from vaktaal.login_codes import ALPHABET, LENGTH
from vaktaal.roles import Role, Route
from vaktaal.wordlists import Checker, Entry, Translation

ORGANISATION = "Regio Demo"
PASSWORD = "vaktaal-demo"

STAFF = [
    # role, name, e-mail, editor right
    (Role.COORDINATOR, "Ingrid Smit", "coordinator@demo.vaktaal.nl", True),
    (Role.TEACHER, "Marieke Jansen", "docent@demo.vaktaal.nl", False),
    (Role.TEACHER, "Joost Bakker", "docent2@demo.vaktaal.nl", True),
    (Role.COACH, "Sanne de Boer", "coach@demo.vaktaal.nl", False),
    (Role.COACH, "Karim Benali", "coach2@demo.vaktaal.nl", False),
]

WORKPLACES = [
    ("Schoonmaakbedrijf Glans", "Kantoren Stadhuis", "schoonmaak", "Marieke de Vries"),
    ("Kwekerij De Groene Kas", "Kas 3, Westland", "tuinbouw", "Joost Bakker"),
    ("Distributiecentrum Noordpoort", "Magazijn B", "logistiek", "Sanne Visser"),
]

# name, support languages, workplace index, route
PARTICIPANTS = [
    ("Amina Yusuf", ["ar", "en"], 0, Route.B1),
    ("Yonas Tesfay", ["ti"], 0, Route.Z),
    ("Rahel Gebremedhin", ["ti", "en"], 0, Route.B1),
    ("Omar Haddad", ["ar"], 0, Route.Z),
    ("Olena Kovalenko", ["uk", "en"], 1, Route.ONDERWIJS),
    ("Hamid Rahimi", ["fa"], 1, Route.B1),
    ("Zahra Ahmadi", ["fa"], 1, Route.Z),
    ("Mehmet Yilmaz", ["tr"], 1, Route.B1),
    ("Dawit Berhane", ["ti"], 2, Route.B1),
    ("Nour Al-Khatib", ["ar", "en"], 2, Route.ONDERWIJS),
    ("Samira Osman", ["ar"], 2, Route.Z),
    ("Aziz Karimi", ["fa", "en"], 2, Route.B1),
]


# The demo organisation's own terms: words of its workplaces that no shared list has.
OWN_TERMS = {
    "schoonmaak": [
        Entry(
            key="sleutelkluis",
            term="sleutelkluis",
            article="de",
            plural="sleutelkluizen",
            pos="noun",
            level="A2",
            theme="werkplek",
            example="De sleutels van het stadhuis liggen in de sleutelkluis.",
            emoji="🔑",
            translations={"en": Translation("key safe"), "ar": Translation("خزنة المفاتيح")},
        ),
        Entry(
            key="raadzaal",
            term="raadzaal",
            article="de",
            plural="raadzalen",
            pos="noun",
            level="B1",
            theme="werkplek",
            example="Op maandag doen we eerst de raadzaal.",
            translations={"en": Translation("council chamber"), "ar": Translation("قاعة المجلس")},
        ),
    ],
    "tuinbouw": [
        Entry(
            key="kas-drie",
            term="Kas 3 is dicht.",
            pos="phrase",
            level="A1",
            theme="werk",
            example="Kas 3 is dicht. Er is net gespoten.",
            emoji="🚫",
            safety=True,
            translations={"en": Translation("Greenhouse 3 is closed."), "ar": Translation("الدفيئة 3 مغلقة.")},
        ),
    ],
}


def demo_codes() -> list[str]:
    """The demo participants' login codes: fixed, so the README can list them."""
    rng = random.Random(20261123)
    return ["".join(rng.choice(ALPHABET) for _ in range(LENGTH)) for _ in PARTICIPANTS]


@dataclass
class DemoParticipant:
    name: str
    code: str
    workplace: str


@use_case
def load_demo(*, checker: Checker, secret_key: str, now: datetime, today: date | None = None) -> list[DemoParticipant]:
    """Create the demo organisation (once, in one transaction); returns the participants with their login codes
    (stored keyed with ``secret_key``, the app's)."""
    today = today or date.today()
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == ORGANISATION))
    codes = demo_codes()
    if organisation is not None:
        participants = db.session.scalars(
            select(User).where(User.organisation_id == organisation.id, User.role == Role.PARTICIPANT).order_by(User.id)
        )
        return [DemoParticipant(p.name, c, "") for p, c in zip(participants, codes, strict=False)]
    people.ensure_sectors()
    organisation = people.create_organisation(ORGANISATION)
    staff = {email: people.create_staff(organisation, role, name, email, PASSWORD) for role, name, email, _ in STAFF}
    for _, _, email, editor in STAFF:
        if editor:  # the content team's right, granted as the installation's administrators grant it
            people.grant_right(email, "editor")
    sectors = {s.slug: s for s in db.session.scalars(select(Sector))}
    workplaces = [
        Workplace(
            organisation_id=organisation.id, employer=employer, site=site, contact_name=contact, sector=sectors[slug]
        )
        for employer, site, slug, contact in WORKPLACES
    ]
    db.session.add_all(workplaces)
    # The cohorts began with the programme (start_date below); membership and caseloads are dated from then.
    began = date(today.year, 1, 1) if today.month > 2 else date(today.year - 1, 9, 1)
    morning = Group(organisation_id=organisation.id, name="Ochtendgroep schoonmaak", start_date=began)
    afternoon = Group(organisation_id=organisation.id, name="Middaggroep tuinbouw en logistiek", start_date=began)
    morning.teachers.append(staff["docent@demo.vaktaal.nl"])
    afternoon.teachers.append(staff["docent2@demo.vaktaal.nl"])
    # The first teacher also teaches the afternoon group once a week.
    afternoon.teachers.append(staff["docent@demo.vaktaal.nl"])
    db.session.add_all([morning, afternoon])
    for slug, entries in OWN_TERMS.items():
        import_entries(sectors[slug], entries, organisation_id=organisation.id, from_files=False, now=now)
    result = []
    for index, ((name, languages, wp, route), code) in enumerate(zip(PARTICIPANTS, codes, strict=True)):
        workplace = workplaces[wp]
        participant = people.create_participant(
            organisation,
            name,
            support_languages=languages,
            sectors=["algemeen", workplace.sector.slug],
            route=route,
            start_date=began,
        )
        group = morning if wp == 0 else afternoon
        db.session.flush()
        db.session.execute(
            group_participants.insert().values(group_id=group.id, participant_id=participant.id, joined_on=began)
        )
        db.session.add(
            Placement(workplace=workplace, participant=participant, start_date=participant.profile.start_date)
        )
        coach = staff["coach@demo.vaktaal.nl"] if index < 6 else staff["coach2@demo.vaktaal.nl"]
        db.session.execute(caseload.insert().values(coach_id=coach.id, participant_id=participant.id, started_on=began))
        logins.issue_login_code(
            participant, issued_by=staff["coordinator@demo.vaktaal.nl"], secret_key=secret_key, now=now, code=code
        )
        result.append(DemoParticipant(name, code, workplace.employer))
    _demo_visit(staff["docent@demo.vaktaal.nl"], workplaces[0], checker=checker, today=today, now=now)
    return result


def _demo_visit(teacher: User, workplace: Workplace, *, checker: Checker, today: date, now: datetime) -> None:
    """Last week's visit to the cleaning company: three terms heard there, one of them new (the others are in the
    shared list already, and a visit uses those rather than making a second one)."""
    shared = {
        t.key: t
        for t in db.session.scalars(
            select(Term)
            .join(Sector)
            .where(Sector.slug == "schoonmaak", Term.key.in_(["dweil", "werkkast"]), Term.organisation_id.is_(None))
        )
    }
    if len(shared) < 2:  # the shipped wordlists are not imported (flask demo on a bare database)
        return
    visits.create_visit(
        teacher,
        {
            "workplace_id": workplace.id,
            "date": today - timedelta(days=7),
            "notes": "Kantoren op de tweede verdieping. Veel gebruik van de schrobzuigmachine.",
            "observations": [
                {"term_id": shared["dweil"].id, "context": "Pak de dweil uit de werkkast."},
                {"term_id": shared["werkkast"].id, "context": "De schoonmaakmiddelen staan in de werkkast."},
                {
                    "term": "schrobzuigmachine",
                    "pos": "noun",
                    "article": "de",
                    "plural": "schrobzuigmachines",
                    "level": "B1",
                    "theme": "materialen",
                    "context": "Laad de schrobzuigmachine op na het werk.",
                },
            ],
        },
        checker=checker,
        now=now,
    )
