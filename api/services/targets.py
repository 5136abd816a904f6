"""Targets per skill: the route's default, lowered (or raised) by a coordinator with a reason and a date, proposed by
a teacher until a coordinator puts it in force or declines it. Every change stays as history."""

from datetime import datetime

from sqlalchemy import select

from api import access
from api.extensions import db
from api.models import TargetChange, User
from api.services import locks, use_case
from api.services.levels import ProposalView, TargetView, current_target, proposal_view
from vaktaal.errors import Conflict, Invalid, NotFound
from vaktaal.exercises import Skill
from vaktaal.levels import Level, TargetStatus, parse_level


def _level(text: str) -> Level:
    try:
        return parse_level(text)
    except ValueError as error:
        message = str(error)
        raise Invalid(message, errors={"json": {"level": [message]}}) from None


@use_case
def set_target(actor: User, participant: User, skill: Skill, data: dict, *, now: datetime) -> TargetView:
    """A coordinator sets one skill's target (e.g. the municipality lowers B1 to A2) with a reason, from a date
    (default today). The same level and reason as the change in force records nothing new. Open proposals of the
    skill with this level are put in force with it (``decided_at``); the others stay open."""
    level, reason = _level(data["level"]), data["reason"].strip()
    if not reason:
        raise Invalid("Schrijf waarom het doel verandert.", errors={"json": {"reason": ["Vul een reden in."]}})
    today = access.local_today(actor, now)
    changed_on = data.get("date") or today
    if changed_on > today:
        message = "Kies vandaag of een dag in het verleden."
        raise Invalid(message, errors={"json": {"date": [message]}})
    locks.lock(User, participant.id)
    now_in_force = current_target(participant, skill)
    if now_in_force.default or now_in_force.level is not level or now_in_force.reason != reason:
        db.session.add(
            TargetChange(
                participant_id=participant.id,
                skill=skill,
                level=level,
                reason=reason,
                changed_on=changed_on,
                recorded_at=now,
                recorded_by_id=actor.id,
                status=TargetStatus.IN_FORCE,
            )
        )
    accepted = db.session.scalars(
        select(TargetChange).where(
            TargetChange.participant_id == participant.id,
            TargetChange.skill == skill,
            TargetChange.level == level,
            TargetChange.status == TargetStatus.PROPOSED,
        )
    )
    for proposal in accepted:
        proposal.status, proposal.decided_by_id, proposal.decided_at = TargetStatus.IN_FORCE, actor.id, now
    db.session.flush()
    return current_target(participant, skill)


@use_case
def propose_target(actor: User, participant: User, data: dict, *, now: datetime) -> ProposalView:
    """A teacher proposes another target for one skill, with a reason; a coordinator decides. The same proposal
    while it is open records nothing new."""
    level, reason = _level(data["level"]), data["reason"].strip()
    if not reason:
        raise Invalid("Schrijf waarom het doel moet veranderen.", errors={"json": {"reason": ["Vul een reden in."]}})
    locks.lock(User, participant.id)
    same = db.session.scalar(
        select(TargetChange).where(
            TargetChange.participant_id == participant.id,
            TargetChange.skill == data["skill"],
            TargetChange.level == level,
            TargetChange.reason == reason,
            TargetChange.status == TargetStatus.PROPOSED,
        )
    )
    if same is None:
        same = TargetChange(
            participant_id=participant.id,
            skill=data["skill"],
            level=level,
            reason=reason,
            changed_on=access.local_today(actor, now),
            recorded_at=now,
            recorded_by_id=actor.id,
            status=TargetStatus.PROPOSED,
        )
        db.session.add(same)
        db.session.flush()
    return proposal_view(same)


@use_case
def decline_proposal(actor: User, participant: User, proposal_id: int, *, now: datetime) -> ProposalView:
    """A coordinator declines a teacher's proposal (it stays as history); declining again changes nothing."""
    locks.lock(User, participant.id)
    proposal = db.session.scalar(
        select(TargetChange).where(TargetChange.id == proposal_id, TargetChange.participant_id == participant.id)
    )
    if proposal is None or (proposal.status is TargetStatus.IN_FORCE and proposal.decided_at is None):
        raise NotFound("Dit voorstel bestaat niet.")  # a coordinator's own change is no proposal
    if proposal.status is TargetStatus.IN_FORCE:
        raise Conflict("Dit voorstel is al doorgevoerd: verander het doel zelf als het anders moet.")
    if proposal.status is TargetStatus.PROPOSED:
        proposal.status, proposal.decided_by_id, proposal.decided_at = TargetStatus.DECLINED, actor.id, now
        db.session.flush()
    return proposal_view(proposal)
