"""Erasing a participant (AVG art. 17): everything that is theirs goes, in one transaction; the audit stays, with a
pseudonym in place of the person.

Like the export, erasure walks the schema (``exports.person_columns``): every row of every table that holds the
person's id is deleted, whatever "history is kept" rule a table has otherwise (answers, assignments). Visits and
observations belong to the visit and stay (only the person's link to them goes); free-text notes that name the
person and photos of the words heard for them are shown first (``erasure_preview``), for the coordinator to edit
or remove before erasing.
"""

import calendar
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, or_, select, update

from api.extensions import db
from api.models import AuditEntry, Observation, ParticipantProfile, User, Visit
from api.resources import Resources
from api.services import after_commit, audit, use_case
from api.services.exports import _observations, person_columns
from vaktaal.errors import Invalid
from vaktaal.privacy import AuditAction

# What the coordinator is told will go, per table (the erase screen): one, more; a table without a line shows its
# own name.
KIND_LABELS = {
    "participant_profiles": ("profiel", "profielen"),
    "participant_sectors": ("sector", "sectoren"),
    "group_participants": ("groep", "groepen"),
    "caseload": ("jobcoach", "jobcoaches"),
    "placements": ("werkplek", "werkplekken"),
    "cards": ("woordkaart", "woordkaarten"),
    "review_events": ("antwoord", "antwoorden"),
    "practice_sessions": ("oefensessie", "oefensessies"),
    "assignments": ("gekozen woord", "gekozen woorden"),
    "visit_participants": ("bezoek (koppeling)", "bezoeken (koppeling)"),
    "observation_participants": ("waarneming (koppeling)", "waarnemingen (koppeling)"),
    "login_codes": ("inlogcode", "inlogcodes"),
    "device_sessions": ("ingelogd apparaat", "ingelogde apparaten"),
    "consents": ("toestemming", "toestemmingen"),
    "assessments": ("niveaumeting", "niveaumetingen"),
    "target_changes": ("doelwijziging", "doelwijzigingen"),
}


# Tables with one row per stint, counted by this column.
DISTINCT_COLUMNS = {"group_participants": "group_id", "caseload": "coach_id"}


def kind_label(table: str, count: int) -> str:
    one, more = KIND_LABELS.get(table, (table, table))
    return one if count == 1 else more


# Name parts too common to search notes for (Dutch surname prefixes).
_PREFIXES = {"van", "de", "der", "den", "het", "ter", "ten", "el", "al", "bin", "ben"}


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def name_parts(name: str) -> list[str]:
    """The full name and each part of it that a note might use alone (``Amina Yusuf``: also ``Amina``, ``Yusuf``)."""
    words = [w for w in name.split() if len(w) >= 3 and w.casefold() not in _PREFIXES]
    return list(dict.fromkeys([name.strip(), *words]))


@dataclass(frozen=True)
class Mention:
    kind: str  # "visit": its notes; "observation": its context (what was heard)
    visit_id: int
    visit_date: date
    employer: str
    observation_id: int | None
    text: str


@dataclass(frozen=True)
class Preview:
    counts: list[dict]
    audit_entries: int
    mentions: list[Mention]
    photos: list[Observation]


def _counts(person_id: int) -> list[dict]:
    counts = []
    for table, columns in person_columns().items():
        if table.name == "audit_entries":
            continue
        # Membership and caseloads keep one row per stint: count the groups and coaches, not the stints.
        distinct = DISTINCT_COLUMNS.get(table.name)
        counted = func.count(func.distinct(table.c[distinct])) if distinct else func.count()
        query = select(counted).select_from(table).where(or_(*(c == person_id for c in columns)))
        count = db.session.scalar(query)
        if count:
            counts.append({"kind": table.name, "label": kind_label(table.name, count), "count": count})
    return counts


def _mentions(person: User) -> list[Mention]:
    parts = [p.casefold() for p in name_parts(person.name)]

    def naming(column):
        return or_(*(func.lower(column).contains(p, autoescape=True) for p in parts))

    found = []
    visits = db.session.scalars(
        select(Visit).where(Visit.organisation_id == person.organisation_id, naming(Visit.notes)).order_by(Visit.date)
    )
    # The database's lower() may fold other letters than Python does: check again here.
    for visit in visits:
        if any(p in visit.notes.casefold() for p in parts):
            found.append(Mention("visit", visit.id, visit.date, visit.workplace.employer, None, visit.notes))
    observations = db.session.scalars(
        select(Observation)
        .where(Observation.organisation_id == person.organisation_id, naming(Observation.context))
        .order_by(Observation.id)
    )
    for o in observations:
        if any(p in o.context.casefold() for p in parts):
            found.append(Mention("observation", o.visit_id, o.visit.date, o.visit.workplace.employer, o.id, o.context))
    return found


def erasure_preview(person: User) -> Preview:
    """What erasing ``person`` will do: the rows per kind that go, the audit entries that stay under a pseudonym,
    the notes and contexts that name them (to edit first), and the photos of words heard for them (to remove
    first if they show the person)."""
    audit_count = db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.participant_id == person.id)
    )
    photos = [o for o in _observations(person.id) if o.photo_key]
    return Preview(_counts(person.id), audit_count, _mentions(person), photos)


def new_pseudonym() -> str:
    return "verwijderd-" + secrets.token_hex(3)


def _check_confirmation(person: User, confirm_name: str) -> None:
    if _fold(confirm_name) != _fold(person.name):
        raise Invalid(
            "De naam klopt niet. Typ de naam van de deelnemer precies zoals hij in Vaktaal staat.",
            errors={"json": {"confirm_name": ["Dit is niet de naam van deze deelnemer."]}},
        )


@use_case
def erase_participant(actor: User | None, person: User, *, confirm_name: str | None, now: datetime) -> str:
    """Erase ``person`` and everything that is theirs, in one transaction; return the pseudonym their audit entries
    now carry. ``confirm_name`` must be their name (the coordinator typed it); the retention job, which has no one
    to type, passes None.

    Raises:
        Invalid: If ``confirm_name`` is not the person's name (nothing changes).
    """
    if confirm_name is not None:
        _check_confirmation(person, confirm_name)
    person_id, organisation_id = person.id, person.organisation_id
    pseudonym = new_pseudonym()
    audit.record(
        actor,
        AuditAction.ERASE,
        now=now,
        participant_id=person_id,
        object_kind="participant",
        organisation_id=organisation_id,
    )
    db.session.flush()
    mine = AuditEntry.participant_id == person_id
    # An entry about them by object id only (``participant`` 7) would name them still.
    db.session.execute(
        update(AuditEntry)
        .where(mine, AuditEntry.object_kind == "participant", AuditEntry.object_id == person_id)
        .values(object_id=None)
    )
    db.session.execute(update(AuditEntry).where(mine).values(participant_id=None, participant_pseudonym=pseudonym))
    db.session.execute(update(AuditEntry).where(AuditEntry.actor_id == person_id).values(actor_id=None))
    # Children before parents (answers before cards, sectors before the profile), whatever the foreign keys do.
    for table, columns in reversed(list(person_columns().items())):
        if table.name != "audit_entries":
            db.session.execute(delete(table).where(or_(*(c == person_id for c in columns))))
    db.session.execute(delete(User).where(User.id == person_id))
    db.session.expunge(person)
    return pseudonym


def programme_cutoff(today: date, months: int) -> date:
    """The day ``months`` months before ``today`` (the 31st becomes the month's last day)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


@use_case
def mark_programme_ended(person: User, ended_on: date | None) -> User:
    """The day a participant's programme ended (None: not ended); the retention job erases them
    ``RETENTION_MONTHS`` after it."""
    profile = person.profile
    if profile is None:
        profile = person.profile = ParticipantProfile()
    profile.ended_on = ended_on
    return person


@use_case
def remove_photo(resources: Resources, observation: Observation) -> Observation:
    """Take the photo off an observation (it may show a person). The file goes too when no other observation uses
    it (a photo sent twice is stored once), once the change is committed."""
    key = observation.photo_key
    observation.photo_key = None
    db.session.flush()
    if key and db.session.scalar(select(Observation.id).where(Observation.photo_key == key).limit(1)) is None:
        store = resources.photo_store
        after_commit(lambda: store.delete(key))
    return observation
