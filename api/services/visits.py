"""Workplace visits: capturing terms heard on the work floor and linking them to the participants there."""

import hashlib
import re
import unicodedata
from datetime import date, datetime

import segno
from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from api import access, convert
from api.audio import signing
from api.extensions import db
from api.models import (
    Assignment,
    Card,
    Observation,
    Organisation,
    Placement,
    Term,
    User,
    Visit,
    Workplace,
    observation_participants,
    visit_participants,
)
from api.photos import clean_photo
from api.services import audio, practice, wordlists
from api.services.audio import photo_store
from vaktaal import visits as rules
from vaktaal.errors import Forbidden, Invalid, NotFound
from vaktaal.frequency import zipf
from vaktaal.roles import Role
from vaktaal.search import Searchable, search
from vaktaal.wordlists import Entry

# Problems a floor capture may have for now: the teacher adds translations or fixes the example later.
SOFT_FIELDS = {"en", "ar", "example", "translations"}


def placed_participants(user: User, workplace: Workplace, today: date) -> list[User]:
    """The participants placed at the workplace today whom ``user`` may see."""
    placements = db.session.scalars(
        select(Placement)
        .where(
            Placement.workplace_id == workplace.id, Placement.participant_id.in_(access.visible_participant_ids(user))
        )
        .options(selectinload(Placement.participant))
    )
    people = {p.participant.id: p.participant for p in placements if p.is_current(today)}
    return sorted(people.values(), key=lambda u: (u.name, u.id))


def _participants(user: User, ids: list[int]) -> list[User]:
    found = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_(ids), User.id.in_(access.visible_participant_ids(user)))
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise Invalid(
            "Je kunt alleen je eigen deelnemers kiezen.",
            errors={"json": {"participant_ids": [f"Onbekende deelnemer: {i}" for i in missing]}},
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "-".join(re.findall(r"[a-z0-9]+", text))[:60] or "term"


def _new_term(user: User, workplace: Workplace, data: dict, now: datetime) -> tuple[Term, list[str]]:
    """A term heard on the floor, in the organisation's list of the workplace's sector. Returns the term and the
    suggestions (missing translations, article, spelling) that do not block the capture."""
    text = data["term"].strip()
    pos = data.get("pos") or ("noun" if data.get("article") else "phrase" if len(text.split()) > 2 else "noun")
    checker = wordlists.checker()
    article = data.get("article") or (checker.suggest_article(text) if pos == "noun" else None)
    context = (data.get("context") or "").strip()
    entry = Entry(
        key=f"{_slug(text)}-{hashlib.sha1(f'{user.organisation_id}{text}{now}'.encode()).hexdigest()[:6]}",
        term=text,
        pos=pos,
        level=data.get("level") or "A2",
        theme=data.get("theme") or "werkplek",
        example=context or text,
        article=article if pos == "noun" else None,
        plural=(data.get("plural") or "-") if pos == "noun" else None,
        safety=bool(data.get("safety")),
    )
    problems = checker.entry_problems(entry)
    hard = [p for p in problems if p.field not in SOFT_FIELDS]
    if hard:
        raise Invalid(
            "De nieuwe term is niet compleet.",
            errors={"json": {"observations": {p.field: [p.message] for p in hard}}},
        )
    term = Term(
        sector_id=workplace.sector_id,
        organisation_id=user.organisation_id,
        workplace_id=workplace.id,
        key=entry.key,
        origin="app",
        created_at=now,
        updated_at=now,
    )
    convert.apply_entry(term, entry, zipf(entry.term))
    db.session.add(term)
    db.session.flush()
    return term, [p.message for p in problems if p.field in SOFT_FIELDS]


def add_observation(user: User, visit: Visit, data: dict, *, now: datetime) -> tuple[Observation, list[str]]:
    notes: list[str] = []
    if data.get("term_id"):
        term = access.get_term(user, data["term_id"])
    elif data.get("term"):
        term, notes = _new_term(user, visit.workplace, data, now)
    else:
        raise Invalid("Kies een term of typ een nieuwe.", errors={"json": {"observations": ["term_id of term"]}})
    people = _participants(user, data["participant_ids"]) if data.get("participant_ids") else list(visit.participants)
    suggested = user.role_enum is Role.COACH
    observation = Observation(
        term_id=term.id,
        context=(data.get("context") or "").strip(),
        status="suggested" if suggested else "assigned",
        created_by_id=user.id,
        created_at=now,
    )
    observation.participants = people
    visit.observations.append(observation)
    db.session.flush()
    if not suggested and people:
        for participant in people:
            practice.assign_terms(user, participant, [term.id], now=now, commit=False)
    return observation, notes


def create_visit(user: User, data: dict, *, now: datetime) -> tuple[Visit, dict[int, list[str]]]:
    workplace = access.get_workplace(user, data["workplace_id"])
    if data.get("participant_ids"):
        people = _participants(user, data["participant_ids"])
    else:
        people = placed_participants(user, workplace, data["date"])
    visit = Visit(
        organisation_id=user.organisation_id,
        workplace=workplace,
        recorded_by_id=user.id,
        date=data["date"],
        notes=(data.get("notes") or "").strip(),
        created_at=now,
        updated_at=now,
    )
    visit.participants = people
    db.session.add(visit)
    db.session.flush()
    notes = {}
    for item in data.get("observations", []):
        observation, messages = add_observation(user, visit, item, now=now)
        notes[observation.id] = messages
    db.session.commit()
    return visit, notes


def update_visit(user: User, visit: Visit, changes: dict, *, now: datetime) -> Visit:
    if visit.recorded_by_id != user.id and user.role_enum is not Role.COORDINATOR:
        raise Forbidden("Alleen wie het bezoek vastlegde, of een coördinator, kan het wijzigen.")
    if "date" in changes:
        visit.date = changes["date"]
    if "notes" in changes:
        visit.notes = (changes["notes"] or "").strip()
    if "participant_ids" in changes:
        visit.participants = _participants(user, changes["participant_ids"])
    visit.updated_at = now
    db.session.commit()
    return visit


def visits_query(user: User, *, workplace_id: int | None = None, participant_id: int | None = None):
    statement = select(Visit).where(Visit.organisation_id == user.organisation_id)
    if workplace_id is not None:
        statement = statement.where(Visit.workplace_id == workplace_id)
    if participant_id is not None:
        statement = statement.where(
            Visit.id.in_(
                select(visit_participants.c.visit_id).where(visit_participants.c.participant_id == participant_id)
            )
        )
    if user.role_enum is not Role.COORDINATOR:
        mine = select(visit_participants.c.visit_id).where(
            visit_participants.c.participant_id.in_(access.visible_participant_ids(user))
        )
        statement = statement.where(or_(Visit.recorded_by_id == user.id, Visit.id.in_(mine)))
    return statement.order_by(Visit.date.desc(), Visit.id.desc())


# Photos


def _photo_version(observation: Observation) -> str:
    return f"photo-{observation.id}-{observation.photo_key}"


def photo_url(observation: Observation) -> str | None:
    """A signed URL (an <img> sends no token): the organisation's audio key signs its photos too."""
    if not observation.photo_key:
        return None
    organisation = db.session.get(Organisation, observation.visit.organisation_id)
    version = _photo_version(observation)
    signature = signing.sign(current_app.config["SECRET_KEY"], organisation.audio_key, observation.term_id, version)
    return f"/api/observations/{observation.id}/photo?sig={signature}"


def add_photo(user: User, observation: Observation, data: bytes) -> Observation:
    jpeg = clean_photo(data)
    key = "photo-" + hashlib.sha256(jpeg).hexdigest()[:40]
    photo_store().put(key, jpeg)
    observation.photo_key = key
    db.session.commit()
    return observation


def photo(observation_id: int, signature: str | None) -> tuple[bytes, str]:
    observation = db.session.get(Observation, observation_id)
    if observation is None or not observation.photo_key:
        raise NotFound("Deze foto bestaat niet.")
    organisation = db.session.get(Organisation, observation.visit.organisation_id)
    if not signing.verify(
        current_app.config["SECRET_KEY"],
        organisation.audio_key,
        observation.term_id,
        _photo_version(observation),
        signature,
    ):
        raise NotFound("Deze foto bestaat niet.")
    data = photo_store().get(observation.photo_key)
    if data is None:
        raise NotFound("Deze foto bestaat niet.")
    return data, observation.photo_key


def add_recording(user: User, observation: Observation, data: bytes) -> Observation:
    """A colleague saying the term on the work floor: the organisation's recording of the term from now on."""
    observation.recording = audio.upload_recording(user, observation.term, "term", data)
    db.session.commit()
    return observation


# Coach suggestions


def suggestions(user: User):
    mine = select(observation_participants.c.observation_id).where(
        observation_participants.c.participant_id.in_(access.visible_participant_ids(user))
    )
    return (
        select(Observation)
        .join(Visit)
        .where(
            Visit.organisation_id == user.organisation_id, Observation.status == "suggested", Observation.id.in_(mine)
        )
        .order_by(Observation.created_at)
    )


def decide(user: User, observation: Observation, *, approve: bool, changes: dict, now: datetime) -> Observation:
    if observation.status != "suggested":
        raise Invalid("Over deze suggestie is al beslist.")
    visible = set(db.session.scalars(access.visible_participant_ids(user)))
    people = [p for p in observation.participants if p.id in visible]
    if not people:
        raise NotFound("Deze waarneming bestaat niet.")
    observation.decided_by_id = user.id
    if not approve:
        observation.status = "dropped"
        db.session.commit()
        return observation
    if changes:
        wordlists.update_term(user, observation.term, changes, now=now)
    observation.status = "assigned"
    for participant in observation.participants:
        practice.assign_terms(user, participant, [observation.term_id], now=now, commit=False)
    db.session.commit()
    return observation


# Search and checks


def search_terms(user: User, query: str, *, limit: int = 20) -> list[Term]:
    rows = db.session.execute(
        select(Term.id, Term.term, Term.plural).where(access.readable_terms(user.organisation_id))
    ).all()
    ids = search(query, (Searchable(i, t, p) for i, t, p in rows), limit=limit)
    terms = {
        t.id: t for t in db.session.scalars(select(Term).where(Term.id.in_(ids)).options(selectinload(Term.sector)))
    }
    return [terms[i] for i in ids]


def check_new_term(text: str, pos: str | None) -> dict:
    from api import spelling

    article = (
        wordlists.checker().suggest_article(text) if (pos or "noun") == "noun" and len(text.split()) == 1 else None
    )
    return {"article": article, "spelling": spelling.check(text)}


# Preparing the next visit


def prepare(user: User, workplace: Workplace, *, today: date) -> list[dict]:
    people = placed_participants(user, workplace, today)
    ids = [p.id for p in people]
    observed = {
        (participant_id, term_id)
        for participant_id, term_id in db.session.execute(
            select(observation_participants.c.participant_id, Observation.term_id)
            .join(Observation, Observation.id == observation_participants.c.observation_id)
            .join(Visit, Visit.id == Observation.visit_id)
            .where(
                Visit.workplace_id == workplace.id,
                Observation.status == "assigned",
                observation_participants.c.participant_id.in_(ids),
            )
        )
    }
    assigned = {
        (a, t)
        for a, t in db.session.execute(
            select(Assignment.participant_id, Assignment.term_id).where(
                Assignment.participant_id.in_(ids), Assignment.removed_at.is_(None)
            )
        )
    }
    cards: dict[tuple[int, int], list] = {}
    for card in db.session.scalars(select(Card).where(Card.participant_id.in_(ids))):
        cards.setdefault((card.participant_id, card.term_id), []).append(convert.card_state(card))
    safety_terms = db.session.execute(
        select(Term.id, Term.level).where(
            Term.sector_id == workplace.sector_id,
            Term.safety.is_(True),
            access.readable_terms(workplace.organisation_id),
        )
    ).all()
    safety = {term_id: level for term_id, level in safety_terms}
    involved_terms = {t for _, t in observed} | {t for _, t in cards} | set(safety)
    info = {
        t.id: t
        for t in db.session.scalars(select(Term).where(Term.id.in_(involved_terms)).options(selectinload(Term.sector)))
    }
    out = []
    for person in people:
        term_ids = {t for p, t in observed if p == person.id} | {t for p, t in cards if p == person.id} | set(safety)
        states = [
            rules.TermState(
                term_id=t,
                safety=info[t].safety,
                level=info[t].level,
                observed=(person.id, t) in observed
                or ((person.id, t) in assigned and info[t].workplace_id == workplace.id),
                cards=tuple(cards.get((person.id, t), ())),
            )
            for t in sorted(term_ids)
            if t in info
        ]
        lists = rules.prepare(states)
        out.append({"participant": person, **{name: [info[t] for t in ids_] for name, ids_ in lists.items()}})
    return out


def wordcards(user: User, workplace: Workplace, *, base_url: str) -> list[dict]:
    """The workplace's terms for a printed wall: observed there, or the organisation's terms of that workplace."""
    observed = (
        select(Observation.term_id)
        .join(Visit)
        .where(Visit.workplace_id == workplace.id, Observation.status == "assigned")
    )
    terms = db.session.scalars(
        select(Term)
        .where(Term.retired.is_(False), or_(Term.id.in_(observed), Term.workplace_id == workplace.id))
        .options(selectinload(Term.sector))
        .order_by(Term.theme, Term.term)
    ).all()
    photos = {}
    for observation in db.session.scalars(
        select(Observation).join(Visit).where(Visit.workplace_id == workplace.id, Observation.photo_key.is_not(None))
    ):
        photos[observation.term_id] = photo_url(observation)
    base = base_url.rstrip("/")
    cards = []
    for term in terms:
        url = f"{base}/#term/{term.id}"
        cards.append(
            {
                "term": term,
                "photo_url": photos.get(term.id),
                "open_url": url,
                "qr_url": segno.make(url, error="m").svg_data_uri(scale=4, border=1),
            }
        )
    return cards
