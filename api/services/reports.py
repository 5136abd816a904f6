"""Reports: aggregates over a period for an organisation, a group, a workplace or a coach's caseload
(``vaktaal.reports``): who may ask for which scope, the participants in it, their figures and the cells.

Who: a coordinator any scope of their organisation; a teacher the groups they teach, or all of them together
(``caseload``: their own participants); a coach their own caseload. Without a scope: the organisation for a
coordinator, their own participants for everyone else. Another scope answers 403; a group or workplace that does not
exist (or is another organisation's) 404.
The cost follows the people in the report, not the history: the figures come from the per-day aggregates
(``practice_days``) and the assessments, never from the answers.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select

from api import access
from api.extensions import db
from api.models import (
    Group,
    ParticipantProfile,
    Placement,
    PracticeDay,
    User,
    Workplace,
    caseload,
    group_participants,
    group_teachers,
)
from api.services.levels import assessment_rows, assessment_views
from vaktaal import csvsafe, reports
from vaktaal.errors import Forbidden, Invalid, NotFound
from vaktaal.levels import SKILLS
from vaktaal.practice_days import last_four_weeks, practised
from vaktaal.reports import Scope
from vaktaal.roles import Role

MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class LevelUp:
    skill: str
    name: str
    cell: reports.Cell


@dataclass(frozen=True)
class Report:
    scope: Scope
    id: int | None
    name: str
    start: date
    end: date
    made_on: date
    cells: list[reports.Cell]
    level_ups: list[LevelUp]  # per skill: the participants whose level rose
    small_cell: int = reports.SMALL_CELL


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, errors={"query": {field: [message]}})


def _overlaps(start_col, end_col, start: date, end: date):
    """Dated rows (a stint, a placement) that overlap the period."""
    return and_(start_col <= end, or_(end_col.is_(None), end_col >= start))


def _subject(user: User, scope: Scope, object_id: int | None) -> tuple[str, object]:
    """What the report is about, checked against ``user``'s rights: its name and the SELECT of participant ids
    factory (a function of the period)."""
    if scope is Scope.ORGANISATION:
        if user.role is not Role.COORDINATOR:
            raise Forbidden("Alleen een coördinator maakt een rapport over de hele organisatie.")
        # Everyone whose programme had not ended before the period (as a group counts its members of the period).
        return (
            user.organisation.name,
            lambda start, end: (
                select(User.id)
                .outerjoin(ParticipantProfile, ParticipantProfile.user_id == User.id)
                .where(
                    User.organisation_id == user.organisation_id,
                    User.role == Role.PARTICIPANT,
                    or_(ParticipantProfile.ended_on.is_(None), ParticipantProfile.ended_on >= start),
                )
            ),
        )
    if scope is Scope.CASELOAD:
        if user.role is Role.COACH:
            cl = caseload.c
            return f"Caseload van {user.name}", lambda start, end: select(cl.participant_id).where(
                cl.coach_id == user.id, _overlaps(cl.started_on, cl.ended_on, start, end)
            )
        if user.role is Role.TEACHER:
            gp = group_participants.c
            taught = select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == user.id)
            return f"Groepen van {user.name}", lambda start, end: select(gp.participant_id).where(
                gp.group_id.in_(taught), _overlaps(gp.joined_on, gp.left_on, start, end)
            )
        raise Forbidden("Een coördinator kiest de organisatie, een groep of een werkplek.")
    if object_id is None:
        raise _invalid("id", "Kies een groep of werkplek (id).")
    if scope is Scope.GROUP:
        group = db.session.get(Group, object_id)
        if group is None or group.organisation_id != user.organisation_id:
            raise NotFound("Deze groep bestaat niet.")
        teaches = db.session.scalar(
            select(group_teachers.c.teacher_id).where(
                group_teachers.c.group_id == group.id, group_teachers.c.teacher_id == user.id
            )
        )
        if user.role is not Role.COORDINATOR and teaches is None:
            raise Forbidden("Een rapport over een groep is voor haar docenten en de coördinator.")
        gp = group_participants.c
        return group.name, lambda start, end: select(gp.participant_id).where(
            gp.group_id == group.id, _overlaps(gp.joined_on, gp.left_on, start, end)
        )
    workplace = db.session.get(Workplace, object_id)
    if workplace is None or workplace.organisation_id != user.organisation_id:
        raise NotFound("Deze werkplek bestaat niet.")
    if user.role is not Role.COORDINATOR:
        raise Forbidden("Alleen een coördinator maakt een rapport over een werkplek.")
    name = f"{workplace.employer} {workplace.site}".strip()
    return name, lambda start, end: select(Placement.participant_id).where(
        Placement.workplace_id == workplace.id, _overlaps(Placement.start_date, Placement.end_date, start, end)
    )


def participant_figures(participant_ids: list[int], *, start: date, end: date) -> dict[int, reports.Figures]:
    """Each participant's figures for the period, in two statements whatever the history's length."""
    if not participant_ids:
        return {}
    sums = {
        row.participant_id: row
        for row in db.session.execute(
            select(
                PracticeDay.participant_id,
                func.count().filter(practised(PracticeDay.answers)).label("days"),
                func.sum(PracticeDay.answers).label("answers"),
                func.sum(PracticeDay.known_change).label("learned"),
                func.sum(PracticeDay.safety_mastered_change).label("safety"),
            )
            .where(PracticeDay.participant_id.in_(participant_ids), PracticeDay.day >= start, PracticeDay.day <= end)
            .group_by(PracticeDay.participant_id)
        )
    }
    records = defaultdict(list)
    for view in assessment_views(assessment_rows(participant_ids)):
        records[view.participant_id].append(view.record())
    out = {}
    for pid in participant_ids:
        row = sums.get(pid)
        out[pid] = reports.Figures(
            practice_days=row.days if row else 0,
            answers=int(row.answers or 0) if row else 0,
            terms_learned=int(row.learned or 0) if row else 0,
            safety_terms_mastered=int(row.safety or 0) if row else 0,
            level_ups=reports.level_ups(records[pid], start=start, end=end),
        )
    return out


def report(
    user: User,
    scope: Scope | None,
    object_id: int | None,
    *,
    start: date | None,
    end: date | None,
    suppress: bool = True,
) -> Report:
    """The report of one scope over a period (default: the last four weeks up to today in the organisation's time
    zone, as the caseload counts them); ``suppress=False`` only for tests that compare the totals with the
    per-participant figures."""
    today = access.local_today(user)
    end = end or today
    start = start or last_four_weeks(end)[0]
    if start > end:
        raise _invalid("from", "De begindatum ligt na de einddatum.")
    if (end - start).days > MAX_DAYS:
        raise _invalid("from", "Kies een periode van hoogstens drie jaar.")
    if scope is None:
        scope = Scope.ORGANISATION if user.role is Role.COORDINATOR else Scope.CASELOAD
    name, members = _subject(user, scope, object_id)
    ids = sorted(set(db.session.scalars(members(start, end))))
    figures = participant_figures(ids, start=start, end=end)
    cells, ups = reports.cells(figures, suppress=suppress)
    level_ups = [LevelUp(skill.value, SKILLS[skill], ups[skill]) for skill in SKILLS]
    return Report(scope, object_id, name, start, end, today, cells, level_ups)


def report_csv(found: Report) -> tuple[str, str]:
    """The report as CSV (every cell neutralised) and its file name."""
    rows = [("Rapport", found.name), ("Van", found.start.isoformat()), ("Tot en met", found.end.isoformat())]
    rows += [(c.label, c.shown) for c in found.cells]
    rows += [(up.cell.label, up.cell.shown) for up in found.level_ups]
    rows.append(("Kleine aantallen", f"Minder dan {found.small_cell} deelnemers staat er als '{reports.SUPPRESSED}'"))
    name = f"vaktaal-rapport-{found.scope.value}-{found.start.isoformat()}-{found.end.isoformat()}.csv"
    return csvsafe.write(("Wat", "Aantal"), rows), name
