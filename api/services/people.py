"""Creating organisations and users (until administration screens exist, the CLI and demo use these)."""

from datetime import date

from sqlalchemy import select

from api.extensions import db
from api.models import Organisation, ParticipantProfile, Sector, User
from api.services.logins import hash_password
from vaktaal.errors import Conflict, Invalid
from vaktaal.roles import DEFAULT_TIMEZONE, SECTORS, SUPPORT_LANGUAGES, Role, Route


def ensure_sectors() -> None:
    """Create the fixed sectors when missing (idempotent)."""
    existing = {s.slug: s for s in db.session.scalars(select(Sector))}
    for position, (slug, name) in enumerate(SECTORS.items()):
        sector = existing.get(slug)
        if sector is None:
            db.session.add(Sector(slug=slug, name=name, position=position))
        else:
            sector.name, sector.position = name, position
    db.session.commit()


def create_organisation(name: str) -> Organisation:
    name = name.strip()
    if not name:
        raise Invalid("Geef de organisatie een naam.")
    if db.session.scalar(select(Organisation).where(Organisation.name == name)):
        raise Conflict(f"De organisatie '{name}' bestaat al.")
    organisation = Organisation(name=name)
    db.session.add(organisation)
    db.session.commit()
    return organisation


def create_staff(
    organisation: Organisation, role: Role, name: str, email: str, password: str, *, is_editor: bool = False
) -> User:
    if not role.is_staff:
        raise Invalid("Medewerkers zijn docent, coach of coördinator.")
    if is_editor and role is Role.COACH:
        raise Invalid("Alleen docenten en coördinatoren kunnen redacteur zijn.")
    email = email.strip().lower()
    if "@" not in email:
        raise Invalid("Geef een geldig e-mailadres.")
    if len(password) < 10:
        raise Invalid("Een wachtwoord heeft minstens 10 tekens.")
    if db.session.scalar(select(User).where(User.email == email)):
        raise Conflict(f"Er is al een account met {email}.")
    user = User(
        organisation=organisation,
        role=role.value,
        name=name.strip(),
        email=email,
        password_hash=hash_password(password),
        is_editor=is_editor,
    )
    db.session.add(user)
    db.session.commit()
    return user


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
    user = User(organisation=organisation, role=Role.PARTICIPANT.value, name=name.strip())
    user.profile = ParticipantProfile(
        support_languages=list(support_languages),
        route=route.value if route else None,
        start_date=start_date,
        timezone=timezone,
        sectors=sector_rows,
    )
    db.session.add(user)
    db.session.commit()
    return user
