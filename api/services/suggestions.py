"""Coaches' suggestions: terms a coach heard on the floor wait until a teacher of the participants approves them."""

from datetime import datetime

from sqlalchemy import Select, select

from api import access
from api.extensions import db
from api.models import Observation, User, Visit, observation_participants
from api.services import locks, use_case
from api.services.assignments import assign_terms
from api.services.terms import update_term
from vaktaal.errors import Invalid, NotFound
from vaktaal.visits import ObservationStatus
from vaktaal.wordlists import Checker


def suggestions(user: User) -> Select:
    """Suggestions for participants in the user's scope, oldest first."""
    mine = select(observation_participants.c.observation_id).where(
        observation_participants.c.participant_id.in_(access.visible_participant_ids(user))
    )
    return (
        select(Observation)
        .join(Visit)
        .where(
            Visit.organisation_id == user.organisation_id,
            Observation.status == ObservationStatus.SUGGESTED,
            Observation.id.in_(mine),
        )
        .order_by(Observation.created_at)
    )


def _split_off(observation: Observation, others: list[User]) -> Observation:
    """The same suggestion for the participants the deciding teacher may not see, left waiting for their own
    teachers: a decision touches only the participants in the decider's scope."""
    waiting = Observation(
        organisation_id=observation.organisation_id,
        term_id=observation.term_id,
        context=observation.context,
        photo_key=observation.photo_key,
        recording_id=observation.recording_id,
        status=ObservationStatus.SUGGESTED,
        created_by_id=observation.created_by_id,
        created_at=observation.created_at,
        advice=list(observation.advice or []),
    )
    waiting.participants = others
    observation.visit.observations.append(waiting)
    return waiting


@use_case
def decide(
    user: User, observation: Observation, *, approve: bool, changes: dict, checker: Checker, now: datetime
) -> Observation:
    """Approve a suggestion (with edits to the term, in the same transaction) and assign it to the participants in
    the user's scope, or drop it for them. For the suggestion's other participants it stays a suggestion (split off
    as an observation of its own), so their teachers decide theirs."""
    # Two teachers deciding at once: the second waits for the first, then finds the suggestion decided (a row lock
    # on PostgreSQL; SQLite ignores FOR UPDATE, so there the database's write lock, taken before reading).
    locks.lock(Observation, observation.id)
    db.session.refresh(observation)
    if observation.status is not ObservationStatus.SUGGESTED:
        raise Invalid("Over deze suggestie is al beslist.")
    visible = set(db.session.scalars(access.visible_participant_ids(user)))
    people = [p for p in observation.participants if p.id in visible]
    if not people:
        raise NotFound("Deze waarneming bestaat niet.")
    others = [p for p in observation.participants if p.id not in visible]
    if others:
        _split_off(observation, others)
        observation.participants = people
    observation.decided_by_id = user.id
    if not approve:
        observation.status = ObservationStatus.DROPPED
        return observation
    if changes:
        update_term(user, observation.term, changes, checker=checker, now=now)
    observation.status = ObservationStatus.ASSIGNED
    for participant in people:
        assign_terms(user, participant, [observation.term_id], now=now)
    return observation
