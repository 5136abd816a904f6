"""The caseload: the participants in the caller's scope, each with their practice, vocabulary, levels against
targets and attention flags (``GET /api/caseload``).

Cost follows the people shown, not the history: every figure comes from a fixed number of set-based statements
(IN the scope, GROUP BY participant), from the per-day aggregates (``PracticeDay``) and the cards, never from the
answers. The flags are computed for the whole filtered scope (a flag filters and sorts), then the route pages.

A term counts by its best card, as ``vaktaal.practice_days`` counts it: known when any of its cards is known or
mastered, so the totals and the week's changes (``PracticeDay``) tell the same story.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import State
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from api import access, convert
from api.extensions import db
from api.models import (
    Assignment,
    Card,
    Group,
    ParticipantProfile,
    PracticeDay,
    TargetChange,
    Term,
    User,
    group_participants,
    participant_sectors,
)
from api.models.programme import Placement, Workplace
from api.services import levels as level_service
from api.services.cards import zone
from api.services.organisation import thresholds as thresholds_of
from vaktaal import attention, levels, scheduling, visits
from vaktaal.errors import NotFound
from vaktaal.exercises import RECOGNITION, Skill
from vaktaal.levels import SKILLS, Level
from vaktaal.practice_days import last_four_weeks, practised, this_week
from vaktaal.roles import ParticipantStatus

# A card's mastery (vaktaal.scheduling.mastery) as 0 new, 1 learning, 2 known, 3 mastered, in SQL.
MASTERY_RANK = case(
    (or_(Card.reps == 0, Card.stability.is_(None)), 0),
    (Card.stability >= scheduling.MASTERED_STABILITY, 3),
    (Card.stability >= scheduling.KNOWN_STABILITY, 2),
    else_=1,
)
KNOWN, MASTERED = 2, 3
# A card that keeps failing (vaktaal.visits.failing), in SQL.
FAILING = or_(
    Card.lapses >= visits.FAILING_LAPSES,
    and_(Card.reps >= visits.FAILING_REPS, func.coalesce(Card.stability, 0.0) < visits.FAILING_STABILITY),
)
# A recognition card that holds (vaktaal.scheduling.recognition_holds needs both): the term counts as learned.
HOLDS = and_(
    Card.skill.in_(list(RECOGNITION)),
    Card.state == int(State.Review),
    Card.stability >= scheduling.UNLOCK_STABILITY,
)


@dataclass(frozen=True)
class SkillStanding:
    """One skill's current level (the latest assessment) against its target."""

    skill: Skill
    name: str
    current: Level | None
    target: Level | None

    @property
    def current_rank(self) -> int | None:
        return None if self.current is None else self.current.rank

    @property
    def target_rank(self) -> int | None:
        return None if self.target is None else self.target.rank

    @property
    def gap(self) -> int | None:
        """Half steps below the target (None without a level or a target)."""
        if self.current is None or self.target is None:
            return None
        return max(self.target.rank - self.current.rank, 0)


@dataclass(frozen=True)
class TermCounts:
    known: int
    mastered: int
    known_this_week: int
    mastered_this_week: int


@dataclass(frozen=True)
class CaseloadRow:
    participant: User
    status: ParticipantStatus
    last_practice: date | None
    practice_days_this_week: int
    practice_days_four_weeks: int
    terms: TermCounts
    assigned_terms: int
    assigned_learned: int
    safety_not_mastered: int
    deadline: date | None
    levels: list[SkillStanding]
    flags: list[attention.Raised]


@dataclass
class _Figures:
    """What the statements found of one participant (zero where a statement found nothing)."""

    last_practice: date | None = None
    days: dict | None = None  # day -> (known_change, mastered_change), days of the last weeks with answers
    known: int = 0
    mastered: int = 0
    failing: int = 0
    assigned: int = 0
    assigned_learned: int = 0
    safety_not_mastered: int = 0
    safety_behind: int = 0


def scope(
    user: User,
    *,
    today: date,
    group_id: int | None = None,
    workplace_id: int | None = None,
    status: ParticipantStatus | None = None,
) -> Select:
    """The ids of the participants the caseload shows: those ``user`` may change today (a teacher's members of
    today, a coach's caseload of today, a coordinator's organisation), narrowed to a group's members of today, the
    people placed at a workplace today, or a status."""
    ids = access.visible_participant_ids(user, today=today, current=True)
    if group_id is not None:
        gp = group_participants.c
        ids = ids.where(
            User.id.in_(
                select(gp.participant_id).where(gp.group_id == group_id, access.dated(gp.joined_on, gp.left_on, today))
            )
        )
    if workplace_id is not None:
        placed = select(Placement.participant_id).where(
            Placement.workplace_id == workplace_id,
            Placement.start_date <= today,
            or_(Placement.end_date.is_(None), Placement.end_date >= today),
        )
        ids = ids.where(User.id.in_(placed))
    if status is not None:
        ids = ids.where(User.id.in_(select(ParticipantProfile.user_id).where(ParticipantProfile.status == status)))
    return ids


def _check_filters(user: User, group_id: int | None, workplace_id: int | None) -> None:
    """A group or workplace to filter by must be of the caller's organisation (404 otherwise, as for reports): an
    empty list would say it exists."""
    if group_id is not None:
        group = db.session.get(Group, group_id)
        if group is None or group.organisation_id != user.organisation_id:
            raise NotFound("Deze groep bestaat niet.")
    if workplace_id is not None:
        workplace = db.session.get(Workplace, workplace_id)
        if workplace is None or workplace.organisation_id != user.organisation_id:
            raise NotFound("Deze werkplek bestaat niet.")


def per_term(ids: Select):
    """Per participant and term: the best card's mastery rank, whether a card keeps failing, how many recognition
    cards hold, and when the term was introduced (its first card)."""
    return (
        select(
            Card.participant_id.label("participant_id"),
            Card.term_id.label("term_id"),
            func.max(MASTERY_RANK).label("best"),
            func.max(case((FAILING, 1), else_=0)).label("failing"),
            func.sum(case((HOLDS, 1), else_=0)).label("holding"),
            func.min(Card.created_at).label("introduced"),
        )
        .where(Card.participant_id.in_(ids))
        .group_by(Card.participant_id, Card.term_id)
        .subquery()
    )


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _figures(user: User, ids: Select, *, now: datetime, since: date, grace: timedelta) -> dict[int, _Figures]:
    """Five statements, whatever the number of participants and answers."""
    found: dict[int, _Figures] = defaultdict(_Figures)
    for pid, last in db.session.execute(
        select(PracticeDay.participant_id, func.max(PracticeDay.day))
        .where(PracticeDay.participant_id.in_(ids), practised(PracticeDay.answers))
        .group_by(PracticeDay.participant_id)
    ):
        found[pid].last_practice = last
    for pid, day, answers, known, mastered in db.session.execute(
        select(
            PracticeDay.participant_id,
            PracticeDay.day,
            PracticeDay.answers,
            PracticeDay.known_change,
            PracticeDay.mastered_change,
        ).where(PracticeDay.participant_id.in_(ids), PracticeDay.day >= since)
    ):
        figures = found[pid]
        figures.days = figures.days or {}
        figures.days[day] = (answers, known, mastered)
    terms = per_term(ids)
    for pid, known, mastered, failing in db.session.execute(
        select(
            terms.c.participant_id,
            _count(terms.c.best >= KNOWN),
            _count(terms.c.best == MASTERED),
            _count(terms.c.failing == 1),
        ).group_by(terms.c.participant_id)
    ):
        found[pid].known, found[pid].mastered, found[pid].failing = known, mastered, failing
    for pid, assigned, learned in db.session.execute(
        select(Assignment.participant_id, func.count(), _count(terms.c.holding >= len(RECOGNITION)))
        .outerjoin(
            terms, and_(terms.c.participant_id == Assignment.participant_id, terms.c.term_id == Assignment.term_id)
        )
        .where(Assignment.participant_id.in_(ids), Assignment.removed_at.is_(None))
        .group_by(Assignment.participant_id)
    ):
        found[pid].assigned, found[pid].assigned_learned = assigned, learned
    ps = participant_sectors.c
    best = func.coalesce(terms.c.best, 0)
    for pid, not_mastered, behind in db.session.execute(
        select(
            ps.participant_id,
            _count(best < MASTERED),
            _count(and_(terms.c.introduced <= now - grace, best < KNOWN)),
        )
        .join(
            Term,
            and_(Term.sector_id == ps.sector_id, Term.safety.is_(True), access.readable_terms(user.organisation_id)),
        )
        .outerjoin(terms, and_(terms.c.participant_id == ps.participant_id, terms.c.term_id == Term.id))
        .where(ps.participant_id.in_(ids))
        .group_by(ps.participant_id)
    ):
        found[pid].safety_not_mastered, found[pid].safety_behind = not_mastered, behind
    return found


def _standings(people: list[User]) -> dict[int, list[SkillStanding]]:
    """Per participant and skill: the current level and the target (two statements)."""
    ids = [p.id for p in people]
    current: dict[int, list] = defaultdict(list)
    for view in level_service.assessment_views(level_service.assessment_rows(ids)):
        current[view.participant_id].append(view)
    changes: dict[int, list] = defaultdict(list)
    if ids:
        for row in db.session.scalars(
            select(TargetChange).where(TargetChange.participant_id.in_(ids), level_service.in_force())
        ):
            changes[row.participant_id].append(convert.target_change(row))
    out = {}
    for person in people:
        route = person.profile.route if person.profile else None
        mine = current[person.id]
        out[person.id] = [
            SkillStanding(
                skill,
                name,
                getattr(levels.current(a.record() for a in mine if a.skill is skill), "level", None),
                levels.target(route, skill, changes[person.id]).level,
            )
            for skill, name in SKILLS.items()
        ]
    return out


def _row(
    person: User, figures: _Figures, standings: list[SkillStanding], *, now: datetime, rules: attention.Thresholds
) -> CaseloadRow:
    today = now.astimezone(zone(person)).date()
    monday, _ = this_week(today)
    four_weeks, _ = last_four_weeks(today)
    days = figures.days or {}
    week = [v for d, v in days.items() if monday <= d <= today]
    profile = person.profile
    status = profile.status if profile else ParticipantStatus.ACTIVE
    deadline, _ = level_service.deadline(person)
    facts = attention.Facts(
        status=status,
        since=(profile.start_date if profile and profile.start_date else None)
        or person.created_at.astimezone(zone(person)).date(),
        last_practice=figures.last_practice,
        failing_terms=figures.failing,
        safety_behind=figures.safety_behind,
        levels={s.skill: (s.current, s.target) for s in standings},
        deadline=deadline,
    )
    return CaseloadRow(
        participant=person,
        status=status,
        last_practice=figures.last_practice,
        practice_days_this_week=sum(1 for answers, _, _ in week if practised(answers)),
        practice_days_four_weeks=sum(
            1 for d, (answers, _, _) in days.items() if four_weeks <= d <= today and practised(answers)
        ),
        terms=TermCounts(
            figures.known,
            figures.mastered,
            sum(known for _, known, _ in week),
            sum(mastered for _, _, mastered in week),
        ),
        assigned_terms=figures.assigned,
        assigned_learned=figures.assigned_learned,
        safety_not_mastered=figures.safety_not_mastered,
        deadline=deadline,
        levels=standings,
        flags=attention.flags(facts, today=today, thresholds=rules),
    )


def _sort_key(sort: str):
    never = date.min
    return {
        "name": lambda r: (r.participant.name.lower(), r.participant.id),
        "flags": lambda r: (-len(r.flags), r.participant.name.lower(), r.participant.id),
        "last_practice": lambda r: (r.last_practice or never, r.participant.name.lower(), r.participant.id),
        "terms_known": lambda r: (-r.terms.known, r.participant.name.lower(), r.participant.id),
    }[sort]


def caseload(
    user: User,
    *,
    now: datetime,
    group_id: int | None = None,
    workplace_id: int | None = None,
    status: ParticipantStatus | None = None,
    flag: attention.Flag | None = None,
    sort: str = "flags",
) -> list[CaseloadRow]:
    """The caseload of ``user`` (``scope``), each participant with their figures and flags, sorted: ``flags`` (most
    flags first), ``name``, ``last_practice`` (longest ago first, never practised before them all) or
    ``terms_known`` (most first); with ``flag``, only those raising it. A fixed number of statements."""
    today = access.local_today(user, now)
    _check_filters(user, group_id, workplace_id)
    ids = scope(user, today=today, group_id=group_id, workplace_id=workplace_id, status=status)
    people = list(db.session.scalars(select(User).where(User.id.in_(ids)).options(selectinload(User.profile))))
    rules = thresholds_of(user.organisation)
    # Each participant's days are their own local days: two days more cover every time zone.
    since = last_four_weeks(today)[0] - timedelta(days=2)
    figures = _figures(user, ids, now=now, since=since, grace=timedelta(days=rules.safety_grace_days))
    standings = _standings(people)
    rows = [_row(p, figures[p.id], standings[p.id], now=now, rules=rules) for p in people]
    if flag is not None:
        rows = [r for r in rows if any(raised.flag is flag for raised in r.flags)]
    return sorted(rows, key=_sort_key(sort))
