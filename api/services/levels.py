"""Levels per skill, read: a participant's assessments, start, current level, target and history, with the evidence
from practice beside them (``vaktaal.levels``); a group's grid; and the participant's own picture, without notes.

A level is only ever what a person measured or judged (an assessment); the evidence is computed from practice and is
never called, shown or exported as a level.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from api import access, convert
from api.extensions import db
from api.models import (
    Assessment,
    Assignment,
    Card,
    Group,
    ReviewEvent,
    Sector,
    TargetChange,
    Term,
    User,
    group_participants,
    participant_sectors,
)
from vaktaal import levels, scheduling
from vaktaal.errors import NotFound
from vaktaal.exercises import GENERAL_SECTOR, Skill
from vaktaal.levels import SKILLS, AssessmentSource, Level, TargetStatus
from vaktaal.roles import Role, Route

GP = group_participants.c


def skill_named(name: str) -> Skill:
    """The skill a URL names (``reading``); NotFound for any other."""
    try:
        return Skill(name)
    except ValueError:
        raise NotFound("Deze vaardigheid bestaat niet.") from None


# What the answers show


@dataclass(frozen=True)
class AssessmentView:
    """One assessment with the record that corrects it, if any (a chart skips corrected ones)."""

    id: int
    participant_id: int
    skill: Skill
    level: Level
    date: date
    source: AssessmentSource
    test_name: str | None
    note: str | None
    corrects_id: int | None
    corrected_by_id: int | None
    recorded_at: datetime
    recorded_by: User | None

    @property
    def level_rank(self) -> int:
        return self.level.rank

    @property
    def level_dutch(self) -> str:
        return self.level.dutch

    def record(self) -> levels.Assessment:
        """As ``vaktaal.levels`` reads it."""
        return levels.Assessment(
            self.id, self.skill, self.level, self.date, self.source, self.recorded_at, self.corrects_id
        )


@dataclass(frozen=True)
class ProposalView:
    """A teacher's proposal to change a skill's target (or one decided)."""

    id: int
    skill: Skill
    level: Level
    reason: str
    status: TargetStatus
    proposed_by: User | None
    recorded_at: datetime

    @property
    def level_rank(self) -> int:
        return self.level.rank

    @property
    def level_dutch(self) -> str:
        return self.level.dutch


@dataclass(frozen=True)
class TargetView:
    """A skill's target: the latest change in force, else the route's default (``default``); and the newest open
    proposal, for staff."""

    level: Level | None
    default: bool
    reason: str | None
    changed_on: date | None
    proposal: ProposalView | None = None

    @property
    def level_rank(self) -> int | None:
        return None if self.level is None else self.level.rank

    @property
    def level_dutch(self) -> str | None:
        return None if self.level is None else self.level.dutch


@dataclass(frozen=True)
class HistoryItem:
    kind: str  # "assessment" or "target"
    date: date
    level: Level
    assessment: AssessmentView | None
    reason: str | None
    recorded_at: datetime

    @property
    def level_rank(self) -> int:
        return self.level.rank


@dataclass(frozen=True)
class SkillLevels:
    skill: Skill
    name: str
    start: AssessmentView | None
    current: AssessmentView | None
    target: TargetView | None
    evidence: levels.SkillEvidence | None
    history: list[HistoryItem]


@dataclass(frozen=True)
class LevelsView:
    participant_id: int
    route: Route | None
    start_date: date | None
    deadline: date | None
    deadline_is_default: bool
    read_only: bool
    skills: list[SkillLevels]


@dataclass(frozen=True)
class GridCell:
    level: Level
    date: date
    source: AssessmentSource

    @property
    def level_rank(self) -> int:
        return self.level.rank


@dataclass(frozen=True)
class GridRow:
    participant: User
    read_only: bool
    skills: dict[str, GridCell | None]


# Reading rows


def assessment_rows(participant_ids: list[int]) -> list[Assessment]:
    """Every assessment of these participants, by date, then by when it was recorded."""
    if not participant_ids:
        return []
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.participant_id.in_(participant_ids))
            .options(selectinload(Assessment.recorded_by))
            .order_by(Assessment.assessed_on, Assessment.recorded_at, Assessment.id)
        )
    )


def assessment_views(rows: list[Assessment]) -> list[AssessmentView]:
    """The rows as the answers show them, each with the newest record that corrects it."""
    corrected_by: dict[int, int] = {}
    for row in sorted(rows, key=lambda r: (r.recorded_at, r.id)):
        if row.corrects_id is not None:
            corrected_by[row.corrects_id] = row.id
    return [
        AssessmentView(
            id=row.id,
            participant_id=row.participant_id,
            skill=row.skill,
            level=row.level,
            date=row.assessed_on,
            source=row.source,
            test_name=row.test_name,
            note=row.note,
            corrects_id=row.corrects_id,
            corrected_by_id=corrected_by.get(row.id),
            recorded_at=row.recorded_at,
            recorded_by=row.recorded_by,
        )
        for row in rows
    ]


def assessments(participant: User) -> list[AssessmentView]:
    """A participant's assessments, all of them (corrected ones too), by date and when they were recorded."""
    return assessment_views(assessment_rows([participant.id]))


def in_force():
    """A WHERE clause for the target changes in force: a coordinator's. A teacher's proposal the coordinator put in
    force stays as the record of the proposal (``decided_at`` set); the change itself is the coordinator's row."""
    return (TargetChange.status == TargetStatus.IN_FORCE) & TargetChange.decided_at.is_(None)


def target_changes(participant_id: int) -> list[TargetChange]:
    """The participant's target changes in force, in date order."""
    return list(
        db.session.scalars(
            select(TargetChange)
            .where(TargetChange.participant_id == participant_id, in_force())
            .order_by(TargetChange.changed_on, TargetChange.recorded_at, TargetChange.id)
        )
    )


def open_proposals(participant_id: int) -> list[TargetChange]:
    """The proposals waiting for a coordinator, newest first."""
    return list(
        db.session.scalars(
            select(TargetChange)
            .where(TargetChange.participant_id == participant_id, TargetChange.status == TargetStatus.PROPOSED)
            .options(selectinload(TargetChange.recorded_by))
            .order_by(TargetChange.recorded_at.desc(), TargetChange.id.desc())
        )
    )


def proposal_view(row: TargetChange) -> ProposalView:
    return ProposalView(row.id, row.skill, row.level, row.reason, row.status, row.recorded_by, row.recorded_at)


def _route(participant: User) -> Route | None:
    return participant.profile.route if participant.profile else None


def target_view(
    route: Route | None, skill: Skill, changes: list[TargetChange], proposals: list[TargetChange]
) -> TargetView:
    """One skill's target from the changes in force (``target_changes``) and the open proposals (newest first)."""
    rows = {row.id: row for row in changes}
    found = levels.target(route, skill, [convert.target_change(row) for row in changes])
    proposal = next((proposal_view(p) for p in proposals if p.skill is skill), None)
    if found.change is None:
        return TargetView(found.level, True, None, None, proposal)
    row = rows[found.change.id]
    return TargetView(found.level, False, row.reason, row.changed_on, proposal)


def current_target(participant: User, skill: Skill) -> TargetView:
    return target_view(_route(participant), skill, target_changes(participant.id), open_proposals(participant.id))


def deadline(participant: User) -> tuple[date | None, bool]:
    """The route's deadline (the coordinator's, else the default from the start date) and whether it is the
    default."""
    profile = participant.profile
    if profile is None:
        return None, True
    if profile.deadline is not None:
        return profile.deadline, False
    return levels.default_deadline(profile.start_date), True


def may_record(actor: User, participant: User) -> bool:
    """Whether ``actor`` may record assessments for ``participant`` today: a coordinator, or a teacher with the
    participant in one of their groups today (a coach reads only)."""
    if actor.role is Role.COORDINATOR:
        return True
    if actor.role is not Role.TEACHER:
        return False
    today = access.visible_participant_ids(actor, current=True).where(User.id == participant.id)
    return db.session.scalar(today) is not None


# Evidence from practice


def evidence(participant: User, *, now: datetime) -> dict[Skill, levels.SkillEvidence]:
    """The evidence from practice per skill, as ``vaktaal.levels.evidence`` computes it from: the readable terms of
    the participant's sectors and ``algemeen`` plus their assigned terms (not un-assigned ones), the mastery of
    their cards, and their answers of the last ACCURACY_DAYS days."""
    mine = select(participant_sectors.c.sector_id).where(participant_sectors.c.participant_id == participant.id)
    general = select(Sector.id).where(Sector.slug == GENERAL_SECTOR)
    assigned = select(Assignment.term_id).where(
        Assignment.participant_id == participant.id, Assignment.removed_at.is_(None)
    )
    terms = [
        levels.EvidenceTerm(term_id, band, pos)
        for term_id, band, pos in db.session.execute(
            select(Term.id, Term.level, Term.pos).where(
                access.readable_terms(participant.organisation_id),
                or_(Term.sector_id.in_(mine), Term.sector_id.in_(general), Term.id.in_(assigned)),
            )
        )
    ]
    mastery = {
        (card.term_id, card.skill): scheduling.mastery(convert.card_state(card))
        for card in db.session.scalars(select(Card).where(Card.participant_id == participant.id))
    }
    since = now - timedelta(days=levels.ACCURACY_DAYS)
    answers = db.session.execute(
        select(Card.skill, ReviewEvent.result)
        .join(Card, Card.id == ReviewEvent.card_id)
        .where(ReviewEvent.participant_id == participant.id, ReviewEvent.answered_at >= since)
    ).all()
    return levels.evidence(terms, mastery, [(skill, result) for skill, result in answers])


# The views


def _history(mine: list[AssessmentView], changes: list[TargetChange]) -> list[HistoryItem]:
    items = [HistoryItem("assessment", a.date, a.level, a, None, a.recorded_at) for a in mine]
    items += [HistoryItem("target", c.changed_on, c.level, None, c.reason, c.recorded_at) for c in changes]
    return sorted(items, key=lambda item: (item.date, item.recorded_at))


def _by_skill(views: list[AssessmentView]) -> dict[Skill, list[AssessmentView]]:
    out: dict[Skill, list[AssessmentView]] = defaultdict(list)
    for view in views:
        out[view.skill].append(view)
    return out


def _start_and_current(mine: list[AssessmentView]) -> tuple[AssessmentView | None, AssessmentView | None]:
    """The start and the current level of one skill (``vaktaal.levels.start`` and ``current``)."""
    by_id = {a.id: a for a in mine}
    records = [a.record() for a in mine]
    first, latest = levels.start(records), levels.current(records)
    return (by_id[first.id] if first else None), (by_id[latest.id] if latest else None)


def levels_view(actor: User, participant: User, *, now: datetime) -> LevelsView:
    """Per skill: start, current level, target, the evidence from practice and the history for a chart; with the
    route and its deadline, and whether ``actor`` may only look (``read_only``)."""
    by_skill = _by_skill(assessments(participant))
    changes = target_changes(participant.id)
    proposals = open_proposals(participant.id)
    route = _route(participant)
    found = evidence(participant, now=now)
    skills = []
    for skill, name in SKILLS.items():
        mine = by_skill.get(skill, [])
        first, latest = _start_and_current(mine)
        skill_changes = [c for c in changes if c.skill is skill]
        skills.append(
            SkillLevels(
                skill=skill,
                name=name,
                start=first,
                current=latest,
                target=target_view(route, skill, skill_changes, proposals),
                evidence=found[skill],
                history=_history(mine, skill_changes),
            )
        )
    until, is_default = deadline(participant)
    profile = participant.profile
    return LevelsView(
        participant_id=participant.id,
        route=route,
        start_date=profile.start_date if profile else None,
        deadline=until,
        deadline_is_default=is_default,
        read_only=not may_record(actor, participant),
        skills=skills,
    )


def my_levels(participant: User) -> LevelsView:
    """The participant's own picture: per skill where they started, where they are and where they are going (no
    notes, no evidence, no proposals; the schema shows only level, date and source)."""
    by_skill = _by_skill(assessments(participant))
    changes = target_changes(participant.id)
    route = _route(participant)
    skills = []
    for skill, name in SKILLS.items():
        first, latest = _start_and_current(by_skill.get(skill, []))
        target = target_view(route, skill, [c for c in changes if c.skill is skill], [])
        skills.append(SkillLevels(skill, name, first, latest, target if target.level else None, None, []))
    until, is_default = deadline(participant)
    profile = participant.profile
    start_date = profile.start_date if profile else None
    return LevelsView(participant.id, route, start_date, until, is_default, True, skills)


def members_today(group: Group, *, today: date, visible_to: User | None = None) -> list[User]:
    """The group's members today, by name (only those ``visible_to`` may see, when given)."""
    statement = (
        select(User)
        .join(group_participants, GP.participant_id == User.id)
        .where(GP.group_id == group.id, access.dated(GP.joined_on, GP.left_on, today))
        .order_by(User.name, User.id)
        .distinct()
    )
    if visible_to is not None:
        statement = statement.where(User.id.in_(access.visible_participant_ids(visible_to, today=today)))
    return list(db.session.scalars(statement))


def group_grid(actor: User, group: Group, *, today: date) -> list[GridRow]:
    """The group's members of today whom ``actor`` may see, each with their current level per skill, for the grid
    of a round of assessments; ``read_only`` where ``actor`` may not record for them."""
    people = members_today(group, today=today, visible_to=actor)
    ids = [p.id for p in people]
    if actor.role is Role.TEACHER and ids:
        current_scope = access.visible_participant_ids(actor, today=today, current=True).where(User.id.in_(ids))
        recordable = set(db.session.scalars(current_scope))
    else:
        recordable = set(ids) if actor.role is Role.COORDINATOR else set()
    by_person: dict[int, list[AssessmentView]] = defaultdict(list)
    for view in assessment_views(assessment_rows(ids)):
        by_person[view.participant_id].append(view)
    rows = []
    for person in people:
        by_skill = _by_skill(by_person[person.id])
        cells: dict[str, GridCell | None] = {}
        for skill in SKILLS:
            _, latest = _start_and_current(by_skill.get(skill, []))
            cells[skill.value] = GridCell(latest.level, latest.date, latest.source) if latest else None
        rows.append(GridRow(person, person.id not in recordable, cells))
    return rows
