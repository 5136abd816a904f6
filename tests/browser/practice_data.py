"""A participant's practice history, prepared in a test server's database before the browser starts."""

import uuid
from datetime import timedelta

from sqlalchemy import delete, select

from api.extensions import db
from api.models import Assignment, Card, PracticeSession, ReviewEvent, Sector, Term, User, utcnow
from api.resources import resources
from api.services import assignments, reviews, sessions
from api.services.demo import PARTICIPANTS


def participant(name: str) -> User:
    return db.session.scalar(select(User).where(User.name == name))


def _start_afresh(person: User) -> None:
    """No practice history and no assignments, whatever the demo data gave this participant."""
    for model in (ReviewEvent, Card, PracticeSession, Assignment):
        db.session.execute(delete(model).where(model.participant_id == person.id))
    db.session.commit()


def fresh_learner(app, name: str, *, new_per_day: int) -> None:
    """`name` starts from nothing and meets at most `new_per_day` new terms a day (short sessions)."""
    with app.app_context():
        person = participant(name)
        _start_afresh(person)
        person.profile.daily_new_limit = new_per_day
        db.session.commit()


def unlock_production(app, name: str, *, new_per_day: int = 1) -> dict:
    """Give `name` a noun and a phrase whose recognition held over the past days, so that their writing, speaking
    and conversation cards exist and are due; later sessions introduce `new_per_day` new terms a day.

    Returns the two terms as {"noun": (id, "de emmer"), "phrase": (id, "...")}.
    """
    with app.app_context():
        person = participant(name)
        _start_afresh(person)
        teacher = db.session.scalar(select(User).where(User.email == "docent@demo.vaktaal.nl"))
        sector_ids = [s.id for s in person.profile.sectors]
        general = db.session.scalar(select(Sector.id).where(Sector.slug == "algemeen"))
        noun = db.session.scalar(
            select(Term)
            .where(
                Term.sector_id.in_(sector_ids),
                Term.pos == "noun",
                Term.emoji.is_not(None),
                Term.organisation_id.is_(None),
                Term.level == "A1",
            )
            .order_by(Term.frequency.desc())
            .limit(1)
        )
        phrase = db.session.scalar(
            select(Term)
            .where(Term.sector_id == general, Term.pos == "phrase", Term.level == "A1")
            .order_by(Term.frequency.desc(), Term.id)
            .limit(1)
        )
        start = utcnow() - timedelta(days=5)
        assignments.assign_terms(teacher, person, [noun.id, phrase.id], now=start)
        exercises = sessions.build_session(person, 4, now=start, secret_key=resources(app).secret_key)["exercises"]
        events = [
            {
                "id": str(uuid.uuid4()),
                "card_id": e["card_id"],
                "answered_at": start + offset,
                "result": "correct",
                "hint_used": False,
                "duration_ms": 3000,
            }
            for e in exercises
            for offset in (timedelta(0), timedelta(minutes=10), timedelta(days=3))
        ]
        reviews.record_reviews(person, events, now=utcnow())
        person.profile.daily_new_limit = new_per_day
        db.session.commit()
        return {"noun": (noun.id, f"{noun.article} {noun.term}"), "phrase": (phrase.id, phrase.term)}


def answers_of(app, name: str) -> list[ReviewEvent]:
    with app.app_context():
        person = participant(name)
        rows = db.session.scalars(select(ReviewEvent).where(ReviewEvent.participant_id == person.id)).all()
        db.session.expunge_all()
        return rows


def support_languages(app, name: str) -> list[str]:
    with app.app_context():
        return list(participant(name).profile.support_languages)


def index_of(name: str) -> int:
    return next(i for i, p in enumerate(PARTICIPANTS) if p[0] == name)


def log_out_everywhere(app, name: str) -> None:
    """What a teacher does for a lost phone: every login of the participant stops working."""
    from api.services import logins

    with app.app_context():
        logins.revoke_devices(participant(name), now=utcnow())
