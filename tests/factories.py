"""Small factories for API tests: organisations, users of each role, groups, caseloads, tokens, entries."""

import re
from datetime import date

from api.extensions import db
from api.models import Group, Organisation, Placement, User, Workplace, caseload, utcnow
from api.services import people
from api.services.logins import hash_password, issue_token
from vaktaal.roles import Role
from vaktaal.wordlists import Entry, Translation

PASSWORD = "correct horse battery"
_HASH: list[str] = []


def password_hash() -> str:
    """Argon2 is slow on purpose: hash the test password once per run."""
    if not _HASH:
        _HASH.append(hash_password(PASSWORD))
    return _HASH[0]


def organisation(name: str = "Gemeente Test") -> Organisation:
    return people.create_organisation(name)


def staff(org: Organisation, role: Role, name: str | None = None, *, editor: bool = False) -> User:
    name = name or f"{role.value.title()} {org.id}"
    email = f"{role.value}.{db.session.query(User).count() + 1}@org{org.id}.test"
    user = User(
        organisation_id=org.id,
        role=role.value,
        name=name,
        email=email,
        password_hash=password_hash(),
        is_editor=editor,
    )
    db.session.add(user)
    db.session.commit()
    return user


def participant(org: Organisation, name: str = "Deelnemer", **profile) -> User:
    return people.create_participant(org, name, **profile)


def group(org: Organisation, teachers: list[User], participants: list[User], name: str = "Groep") -> Group:
    g = Group(organisation_id=org.id, name=name)
    g.teachers.extend(teachers)
    g.participants.extend(participants)
    db.session.add(g)
    db.session.commit()
    return g


def assign_coach(coach: User, participants: list[User]) -> None:
    for p in participants:
        db.session.execute(caseload.insert().values(coach_id=coach.id, participant_id=p.id))
    db.session.commit()


def place(org: Organisation, participant_: User, sector_id: int, employer: str = "Bedrijf") -> Placement:
    workplace = Workplace(organisation_id=org.id, employer=employer, site="", sector_id=sector_id)
    placement = Placement(workplace=workplace, participant=participant_, start_date=date(2026, 1, 1))
    db.session.add(placement)
    db.session.commit()
    return placement


def headers(user: User) -> dict:
    """Authorization headers for a fresh device session of ``user``."""
    token, _ = issue_token(user, now=utcnow())
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def entry(**overrides) -> Entry:
    """A wordlist entry that passes validation: the noun "de dweil" unless overridden.

    The key, plural and example follow an overridden term (the example also its article), so
    ``entry(term="zeemlap", article="de")`` is valid too; a part of speech other than a noun gets no article or
    plural. Only what a test cares about needs passing.
    """
    term = overrides.get("term", "dweil")
    noun = overrides.get("pos", "noun") == "noun"
    article = overrides.get("article", "de" if noun else None)
    defaults = {
        "key": re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-"),
        "term": term,
        "article": article,
        "plural": f"{term}en" if noun else None,
        "pos": "noun",
        "level": "A1",
        "theme": "materialen",
        "example": " ".join(word for word in ("Pak", article, term) if word) + ".",
        "translations": {"en": Translation("mop"), "ar": Translation("ممسحة")},
    }
    return Entry(**(defaults | overrides))
