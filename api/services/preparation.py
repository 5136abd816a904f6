"""Before and after a visit: what to practise with each participant placed there, and word cards for the wall."""

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from api import access, convert, links
from api.extensions import db
from api.models import Assignment, Card, Observation, Term, User, Visit, Workplace, observation_participants
from api.qr import qr_data_url
from api.services.audio import signing_keys
from api.services.groups import placed_participants
from api.services.photos import photo_url
from vaktaal import visits as rules
from vaktaal.visits import ObservationStatus


def prepare(user: User, workplace: Workplace, *, today: date) -> list[dict]:
    """Per participant placed at the workplace: observed terms not yet known, terms that keep failing, and
    safety terms of the workplace's sector not yet mastered."""
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
                Observation.status == ObservationStatus.ASSIGNED,
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
    safety = set(
        db.session.scalars(
            select(Term.id).where(
                Term.sector_id == workplace.sector_id,
                Term.safety.is_(True),
                access.readable_terms(workplace.organisation_id),
            )
        )
    )
    involved_terms = {t for _, t in observed} | {t for _, t in cards} | safety
    info = {
        t.id: t
        for t in db.session.scalars(select(Term).where(Term.id.in_(involved_terms)).options(selectinload(Term.sector)))
    }
    out = []
    for person in people:
        term_ids = {t for p, t in observed if p == person.id} | {t for p, t in cards if p == person.id} | safety
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


def wordcards(workplace: Workplace, *, base_url: str, secret_key: str) -> list[dict]:
    """The workplace's terms for a printed wall (observed there, or the organisation's terms first heard there),
    each with its photo and a QR code that opens it in the app."""
    observed = (
        select(Observation.term_id)
        .join(Visit)
        .where(Visit.workplace_id == workplace.id, Observation.status == ObservationStatus.ASSIGNED)
    )
    terms = db.session.scalars(
        select(Term)
        .where(Term.retired.is_(False), or_(Term.id.in_(observed), Term.workplace_id == workplace.id))
        .options(selectinload(Term.sector))
        .order_by(Term.theme, Term.term)
    ).all()
    key = signing_keys([workplace.organisation_id])[workplace.organisation_id]
    photos = {}
    for observation in db.session.scalars(
        select(Observation).join(Visit).where(Visit.workplace_id == workplace.id, Observation.photo_key.is_not(None))
    ):
        photos[observation.term_id] = photo_url(observation, secret_key=secret_key, signing_key=key)
    cards = []
    for term in terms:
        url = links.open_term(base_url, term.id)
        cards.append(
            {
                "term": term,
                "photo_url": photos.get(term.id),
                "open_url": url,
                "qr_url": qr_data_url(url, scale=4, border=1),
            }
        )
    return cards
