"""Coaches' suggestions: terms a coach heard on the floor wait until a teacher of the participants approves them."""

from datetime import datetime

from sqlalchemy import Select, select

from api import access
from api.extensions import db
from api.models import Observation, User, Visit, observation_participants
from api.services import use_case
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


@use_case
def decide(
    user: User, observation: Observation, *, approve: bool, changes: dict, checker: Checker, now: datetime
) -> Observation:
    """Approve a suggestion (with edits to the term, in the same transaction) and assign it to the participants in
    the user's scope, or drop it."""
    if observation.status is not ObservationStatus.SUGGESTED:
        raise Invalid("Over deze suggestie is al beslist.")
    visible = set(db.session.scalars(access.visible_participant_ids(user)))
    people = [p for p in observation.participants if p.id in visible]
    if not people:
        raise NotFound("Deze waarneming bestaat niet.")
    observation.decided_by_id = user.id
    if not approve:
        observation.status = ObservationStatus.DROPPED
        return observation
    if changes:
        update_term(user, observation.term, changes, checker=checker, now=now)
    observation.status = ObservationStatus.ASSIGNED
    for participant in people:  # only the participants this teacher may see: the others' teachers decide theirs
        assign_terms(user, participant, [observation.term_id], now=now)
    return observation
