"""Managing participants: create (coordinators; teachers in their own groups, coaches into their caseload), edit,
and the lifecycle (active, paused, finished, left) with what it does to logging in."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from api.extensions import db
from api.models import (
    Group,
    Organisation,
    ParticipantProfile,
    Sector,
    User,
    caseload,
    group_participants,
    group_teachers,
)
from api.services import use_case
from vaktaal import lifecycle
from vaktaal.bsn import looks_like_bsn
from vaktaal.errors import Forbidden, Invalid
from vaktaal.roles import ParticipantStatus, Role

BSN_MESSAGE = "Dit lijkt een BSN. Vul je eigen klantnummer in, nooit een BSN."
GROUP_NEEDED = "Kies de groep waar deze deelnemer in komt."
NO_SUCH_GROUP = "Deze groep bestaat niet, of het is niet jouw groep."
COORDINATOR_ONLY = "Alleen een coördinator verandert de status of de einddatum van een deelnemer."
DEADLINE_COORDINATOR_ONLY = "Alleen een coördinator verandert de deadline van de route."
# Profile fields a PATCH may set as they are.
PROFILE_FIELDS = ("support_languages", "route", "start_date", "timezone")


def today(organisation: Organisation, now: datetime) -> date:
    """Today's date in the organisation's time zone."""
    return now.astimezone(ZoneInfo(organisation.timezone or "Europe/Amsterdam")).date()


def ref_problem(ref: str | None) -> str | None:
    """Why a reference cannot be stored (it looks like a BSN), or None."""
    return BSN_MESSAGE if ref and looks_like_bsn(ref) else None


def _field_error(field: str, message: str) -> Invalid:
    return Invalid(message, errors={"json": {field: [message]}})


def group_for(actor: User, group_id: int | None) -> Group | None:
    """The group a new participant joins: a teacher must name one of their own groups, a coordinator may name one of
    the organisation's; NotFound for any other."""
    if group_id is None:
        if actor.role is Role.TEACHER:
            raise _field_error("group_id", GROUP_NEEDED)
        return None
    query = select(Group).where(Group.id == group_id, Group.organisation_id == actor.organisation_id)
    if actor.role is Role.TEACHER:
        query = query.where(
            Group.id.in_(select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == actor.id))
        )
    elif actor.role is not Role.COORDINATOR:
        raise _field_error("group_id", "Een jobcoach zet een deelnemer in de eigen caseload, niet in een groep.")
    group = db.session.scalar(query)
    if group is None:
        raise _field_error("group_id", NO_SUCH_GROUP)
    return group


def sectors_by_slug(slugs: list[str]) -> list[Sector]:
    rows = {s.slug: s for s in db.session.scalars(select(Sector).where(Sector.slug.in_(list(slugs))))}
    unknown = [slug for slug in slugs if slug not in rows]
    if unknown:
        raise _field_error("sectors", f"Onbekende sector: {', '.join(unknown)}.")
    return [rows[slug] for slug in dict.fromkeys(slugs)]


def sector_ids() -> dict[str, int]:
    """Every sector's id by slug."""
    return dict(db.session.execute(select(Sector.slug, Sector.id)).all())


def join_group_and_caseload(actor: User, group: Group | None, participant_ids: list[int], *, day: date) -> None:
    """New participants join the group from ``day``; a coach's join the coach's caseload (bulk inserts)."""
    if group is not None and participant_ids:
        rows = [{"group_id": group.id, "participant_id": pid, "joined_on": day} for pid in participant_ids]
        db.session.execute(insert(group_participants), rows)
    if actor.role is Role.COACH and participant_ids:
        rows = [{"coach_id": actor.id, "participant_id": pid, "started_on": day} for pid in participant_ids]
        db.session.execute(insert(caseload), rows)


@use_case
def create_participant(actor: User, data: dict, *, now: datetime) -> User:
    """A new participant of the actor's organisation, in the named group (a teacher's own; optional for a
    coordinator) or the coach's caseload, from today."""
    problem = ref_problem(data.get("ref"))
    if problem:
        raise _field_error("ref", problem)
    group = group_for(actor, data.get("group_id"))
    day = today(actor.organisation, now)
    user = User(organisation_id=actor.organisation_id, role=Role.PARTICIPANT, name=data["name"].strip())
    user.profile = ParticipantProfile(
        support_languages=list(dict.fromkeys(data.get("support_languages", []))),
        route=data.get("route"),
        start_date=data.get("start_date"),
        timezone=data.get("timezone") or actor.organisation.timezone,
        sectors=sectors_by_slug(data.get("sectors", [])),
        ref=(data.get("ref") or "").strip() or None,
        status=ParticipantStatus.ACTIVE,
        status_since=day,
    )
    db.session.add(user)
    db.session.flush()
    join_group_and_caseload(actor, group, [user.id], day=day)
    return user


@use_case
def update_participant(actor: User, participant: User, changes: dict, *, now: datetime) -> User:
    """Change a participant's name, profile, reference and (coordinators) status, end day or route deadline.

    A new status sets ``status_since``; finished or left sets ``ended_on`` (given, stored, or today); active or
    paused (reactivating) clears it."""
    if ("status" in changes or "ended_on" in changes) and actor.role is not Role.COORDINATOR:
        raise Forbidden(COORDINATOR_ONLY)
    if "deadline" in changes and actor.role is not Role.COORDINATOR:
        raise Forbidden(DEADLINE_COORDINATOR_ONLY)
    if "ref" in changes:
        problem = ref_problem(changes["ref"])
        if problem:
            raise _field_error("ref", problem)
    profile = participant.profile
    if profile is None:
        profile = participant.profile = ParticipantProfile()
    if "name" in changes:
        participant.name = changes["name"].strip()
    for name in PROFILE_FIELDS:
        if name in changes:
            value = changes[name]
            setattr(profile, name, list(dict.fromkeys(value)) if name == "support_languages" else value)
    if "sectors" in changes:
        profile.sectors = sectors_by_slug(changes["sectors"])
    if "ref" in changes:
        profile.ref = (changes["ref"] or "").strip() or None
    if "deadline" in changes:
        profile.deadline = changes["deadline"]
        if profile.deadline and profile.start_date and profile.deadline < profile.start_date:
            raise _field_error("deadline", "De deadline ligt voor de startdatum: kies een latere dag.")
    day = today(participant.organisation, now)
    if "status" in changes and changes["status"] is not profile.status:
        change = lifecycle.change_status(
            changes["status"], ended_on=changes.get("ended_on"), current_ended_on=profile.ended_on, today=day
        )
        profile.status, profile.status_since, profile.ended_on = change.status, change.status_since, change.ended_on
    elif "ended_on" in changes:
        profile.ended_on = changes["ended_on"]
    return participant


def login_refusal(user: User, *, now: datetime) -> str | None:
    """Why this user may not log in or use a token now (a participant who left, or finished past aftercare)."""
    if user.role is not Role.PARTICIPANT or user.profile is None:
        return None
    profile = user.profile
    return lifecycle.login_refusal(profile.status, profile.ended_on, today=today(user.organisation, now))
