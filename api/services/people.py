"""People: organisations, staff and participants, who a participant can turn to, and their settings."""

import secrets
import unicodedata
from datetime import date

from sqlalchemy import Engine, Select, event, func, select

from api.access import dated, local_today, visible_participant_ids
from api.access import participants_query as participants_in_scope_query
from api.extensions import db
from api.models import Organisation, ParticipantProfile, Sector, User, caseload, group_participants, group_teachers
from api.services import use_case
from api.services.logins import hash_password
from vaktaal.accounts import normalize_email
from vaktaal.errors import Conflict, Invalid, NotFound
from vaktaal.roles import DEFAULT_TIMEZONE, SECTORS, SUPPORT_LANGUAGES, Role, Route
from vaktaal.sessions import DEFAULT_DAILY_NEW_TERMS


@use_case
def ensure_sectors() -> None:
    """Create the fixed sectors when missing (idempotent)."""
    existing = {s.slug: s for s in db.session.scalars(select(Sector))}
    for position, (slug, name) in enumerate(SECTORS.items()):
        sector = existing.get(slug)
        if sector is None:
            db.session.add(Sector(slug=slug, name=name, position=position))
        else:
            sector.name, sector.position = name, position


@use_case
def create_organisation(name: str) -> Organisation:
    name = name.strip()
    if not name:
        raise Invalid("Geef de organisatie een naam.")
    if db.session.scalar(select(Organisation).where(Organisation.name == name)):
        raise Conflict(f"De organisatie '{name}' bestaat al.")
    organisation = Organisation(name=name)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def has_organisations() -> bool:
    return db.session.scalar(select(Organisation.id).limit(1)) is not None


def organisation_by_name(name: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        raise NotFound(f"Er is geen organisatie '{name}'.")
    return organisation


@use_case
def rotate_signing_key(name: str) -> Organisation:
    """A new signing key retires every signed media URL of the organisation (its audio, recordings, photos)."""
    organisation = organisation_by_name(name)
    organisation.signing_key = secrets.token_hex(16)
    return organisation


@use_case
def create_staff(organisation: Organisation, role: Role, name: str, email: str, password: str) -> User:
    """A staff member of an organisation. Content rights (editor) are not an organisation's to give: see
    ``grant_right``."""
    if not role.is_staff:
        raise Invalid("Medewerkers zijn docent, coach of coördinator.")
    email = normalize_email(email)
    if "@" not in email:
        raise Invalid("Geef een geldig e-mailadres.")
    if len(password) < 10:
        raise Invalid("Een wachtwoord heeft minstens 10 tekens.")
    if db.session.scalar(select(User).where(User.email == email)):
        raise Conflict(f"Er is al een account met {email}.")
    user = User(
        organisation=organisation,
        role=role,
        name=name.strip(),
        email=email,
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    return user


# The content team: installation-level rights, granted and revoked by the installation's administrators (the CLI)

# Right -> the user's flag that holds it (a translator's right comes here too).
CONTENT_RIGHTS = {"editor": "is_editor"}
# The routes that use the rights (editing terms, deciding proposals) are for teachers and coordinators.
CONTENT_ROLES = (Role.TEACHER, Role.COORDINATOR)


def _staff_by_email(email: str) -> User:
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None:
        raise NotFound(f"Er is geen account met {email.strip()}.")
    return user


@use_case
def grant_right(email: str, right: str) -> User:
    """Give the staff member with this e-mail a content right (``editor``: the shared wordlists and the proposals
    of every organisation). Granting it again changes nothing.

    Raises:
        NotFound: If no account has this e-mail.
        Invalid: If the right is unknown, or the account is not a teacher's or a coordinator's.
    """
    if right not in CONTENT_RIGHTS:
        raise Invalid(f"Onbekend recht: {right}. Bekend: {', '.join(CONTENT_RIGHTS)}.")
    user = _staff_by_email(email)
    if user.role not in CONTENT_ROLES:
        raise Invalid("Alleen docenten en coördinatoren kunnen redacteur zijn.")
    setattr(user, CONTENT_RIGHTS[right], True)
    return user


@use_case
def revoke_right(email: str, right: str) -> User:
    """Take a content right away from the staff member with this e-mail (again is harmless)."""
    if right not in CONTENT_RIGHTS:
        raise Invalid(f"Onbekend recht: {right}. Bekend: {', '.join(CONTENT_RIGHTS)}.")
    user = _staff_by_email(email)
    setattr(user, CONTENT_RIGHTS[right], False)
    return user


@use_case
def create_participant(
    organisation: Organisation,
    name: str,
    *,
    support_languages: list[str] = (),
    sectors: list[str] = (),
    route: Route | None = None,
    start_date: date | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> User:
    unknown = [code for code in support_languages if code not in SUPPORT_LANGUAGES]
    if unknown:
        raise Invalid(f"Onbekende taal: {', '.join(unknown)}.")
    sector_rows = list(db.session.scalars(select(Sector).where(Sector.slug.in_(list(sectors)))))
    if len(sector_rows) != len(set(sectors)):
        raise Invalid("Onbekende sector.")
    user = User(organisation=organisation, role=Role.PARTICIPANT, name=name.strip())
    user.profile = ParticipantProfile(
        support_languages=list(support_languages),
        route=route,
        start_date=start_date,
        timezone=timezone,
        sectors=sector_rows,
    )
    db.session.add(user)
    db.session.flush()
    return user


# A participant's contacts and settings


def contacts(participant: User, *, today: date | None = None) -> dict[str, list[User]]:
    """A participant's teachers and coaches of today: the people they can turn to."""
    today = today or local_today(participant)
    gp, cl = group_participants.c, caseload.c
    teachers = db.session.scalars(
        select(User)
        .join(group_teachers, group_teachers.c.teacher_id == User.id)
        .join(group_participants, gp.group_id == group_teachers.c.group_id)
        .where(gp.participant_id == participant.id, dated(gp.joined_on, gp.left_on, today))
        .distinct()
        .order_by(User.name)
    )
    coaches = db.session.scalars(
        select(User)
        .join(caseload, cl.coach_id == User.id)
        .where(cl.participant_id == participant.id, dated(cl.started_on, cl.ended_on, today))
        .distinct()
        .order_by(User.name)
    )
    return {"teachers": list(teachers), "coaches": list(coaches)}


def _fold_pairs() -> list[tuple[str, str]]:
    """Each accented Latin letter (both cases) and its plain lowercase letter: é e, É e, ç c, ş s, ı i, ø o."""
    pairs = []
    for char in [chr(code) for code in range(0xC0, 0x180)] + ["ı"]:
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        plain = {"ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d"}.get(char, plain)
        if len(plain) == 1 and plain.isascii() and plain.isalpha() and plain != char:
            pairs.append((char, plain.lower()))
    return pairs


_FOLD = dict(_fold_pairs())
_FOLD_FROM, _FOLD_TO = "".join(_FOLD), "".join(_FOLD.values())


def fold_text(text: str) -> str:
    """Lowercase without accents, as ``folded`` does in the database: "Élodie Çelik" -> "elodie celik"."""
    return "".join(_FOLD.get(c, c) for c in text).lower()


def folded(column):
    """The SQL of ``fold_text``: PostgreSQL's lower(translate()); SQLite has no translate(), and its lower() knows
    only ASCII, so there ``fold_text`` itself runs, as a function every SQLite connection gets."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.lower(func.translate(column, _FOLD_FROM, _FOLD_TO))
    return func.vaktaal_fold(column)


@event.listens_for(Engine, "connect")
def _sqlite_fold(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__ == "sqlite3":
        dbapi_connection.create_function("vaktaal_fold", 1, _fold_or_null, deterministic=True)


def _fold_or_null(text: str | None) -> str | None:
    return None if text is None else fold_text(text)


def participants_query(user: User, q: str | None = None) -> Select:
    """The participants ``user`` may see, by name; with ``q`` those whose name holds each of its words, in any
    case and with or without accents ("elodie" finds "Élodie")."""
    statement = participants_in_scope_query(user)
    for word in fold_text(q or "").split():
        statement = statement.where(folded(User.name).contains(word, autoescape=True))
    return statement


def participant_count(user: User) -> int:
    """How many participants a staff member may see."""
    return db.session.scalar(select(func.count()).select_from(visible_participant_ids(user).subquery()))


@use_case
def change_own_settings(participant: User, changes: dict) -> User:
    """A participant's own settings: the support languages translations and hints are shown in, first first."""
    if "support_languages" in changes:
        participant.profile.support_languages = list(dict.fromkeys(changes["support_languages"]))
    return participant


@use_case
def change_participant_settings(participant: User, changes: dict) -> User:
    """Settings a teacher sets for a participant: new terms a day, and the higher cap a learner who asks for more
    may reach (None: the defaults).

    Raises:
        Invalid: If the higher cap would be below the day's limit (nothing changes).
    """
    profile = participant.profile
    limit = changes.get("daily_new_limit", profile.daily_new_limit)
    maximum = changes.get("daily_new_max", profile.daily_new_max)
    if maximum is not None and maximum < (DEFAULT_DAILY_NEW_TERMS if limit is None else limit):
        raise Invalid(
            "Het maximum per dag kan niet lager zijn dan het aantal nieuwe woorden per dag.",
            errors={"json": {"daily_new_max": ["Minstens het aantal nieuwe woorden per dag."]}},
        )
    profile.daily_new_limit, profile.daily_new_max = limit, maximum
    return participant
