"""The caseload and one participant's progress, as staff see them."""

from marshmallow import fields, validate

from api.schemas import PersonRef, Schema
from api.schemas.fields import Id
from api.schemas.levels import LevelsOut
from api.schemas.terms import TermOut
from api.schemas.visits import WorkplaceOut
from vaktaal.attention import Flag
from vaktaal.exercises import Skill
from vaktaal.levels import Level
from vaktaal.roles import ParticipantStatus
from vaktaal.scheduling import Mastery

RANK = "0 (A0) to 7 (B2), one per half step"
SORTS = ("flags", "name", "last_practice", "terms_known")  # api.services.caseload.caseload's orders


class CaseloadFilter(Schema):
    group = Id(metadata={"description": "only the group's members of today"})
    workplace = Id(metadata={"description": "only those placed at the workplace today"})
    flag = fields.Enum(Flag, by_value=True, metadata={"description": "only those raising this flag"})
    status = fields.Enum(ParticipantStatus, by_value=True)
    sort = fields.Str(
        load_default="flags",
        validate=validate.OneOf(SORTS, error=f"Sorteer op {', '.join(SORTS)}."),
        metadata={
            "description": "flags (most first, the default), name, last_practice (longest ago first) or terms_known "
            "(most first)"
        },
    )


class FlagOut(Schema):
    flag = fields.Enum(
        Flag, by_value=True, metadata={"description": "inactive, failing_terms, safety_behind or far_from_target"}
    )
    reason = fields.Str(metadata={"description": "why, in Dutch"})


class SkillStandingOut(Schema):
    skill = fields.Enum(Skill, by_value=True)
    name = fields.Str(metadata={"description": "the skill in Dutch"})
    current = fields.Enum(Level, by_value=True, allow_none=True, metadata={"description": "the latest assessment"})
    current_rank = fields.Int(allow_none=True, metadata={"description": RANK})
    target = fields.Enum(Level, by_value=True, allow_none=True)
    target_rank = fields.Int(allow_none=True, metadata={"description": RANK})
    gap = fields.Int(allow_none=True, metadata={"description": "half steps below the target"})


class TermCountsOut(Schema):
    known = fields.Int(metadata={"description": "terms known or mastered (a term counts by its best skill)"})
    mastered = fields.Int()
    known_this_week = fields.Int(metadata={"description": "became known since Monday, minus those that fell back"})
    mastered_this_week = fields.Int()


class CaseloadEntryOut(Schema):
    participant = fields.Nested(PersonRef)
    status = fields.Enum(ParticipantStatus, by_value=True)
    last_practice = fields.Date(allow_none=True, metadata={"description": "their local day"})
    practice_days_this_week = fields.Int(metadata={"description": "days with answers since Monday"})
    practice_days_four_weeks = fields.Int(metadata={"description": "days with answers in the last 28 days"})
    terms = fields.Nested(TermCountsOut)
    assigned_terms = fields.Int(metadata={"description": "terms assigned to them"})
    assigned_learned = fields.Int(metadata={"description": "of those, learned (their recognition holds)"})
    safety_not_mastered = fields.Int(metadata={"description": "safety terms of their sectors not yet mastered"})
    deadline = fields.Date(allow_none=True, metadata={"description": "the route's deadline"})
    levels = fields.List(fields.Nested(SkillStandingOut))
    flags = fields.List(fields.Nested(FlagOut))


class ProgressWeekOut(Schema):
    week = fields.Date(metadata={"description": "the Monday of the ISO week"})
    known = fields.Int(metadata={"description": "terms known or mastered at the week's end"})
    mastered = fields.Int(metadata={"description": "terms mastered at the week's end"})
    practice_days = fields.Int()
    answers = fields.Int()


class ObservedTermOut(Schema):
    term = fields.Nested(TermOut)
    state = fields.Enum(
        Mastery, by_value=True, metadata={"description": "its best skill's mastery (as terms are counted)"}
    )
    workplace = fields.Str(metadata={"description": "the employer where it was heard last"})
    heard_on = fields.Date()


class RecentVisitOut(Schema):
    id = fields.Int()
    date = fields.Date()
    workplace = fields.Nested(WorkplaceOut)
    recorded_by = fields.Nested(PersonRef, allow_none=True)


class ParticipantProgressOut(Schema):
    participant = fields.Nested(PersonRef)
    weeks = fields.List(
        fields.Nested(ProgressWeekOut), metadata={"description": "from the week of the start to this one"}
    )
    failing = fields.List(
        fields.Nested(TermOut), metadata={"description": "terms that keep failing: to practise on the floor"}
    )
    observed = fields.List(fields.Nested(ObservedTermOut), metadata={"description": "heard on visits, newest first"})
    visits = fields.List(fields.Nested(RecentVisitOut), metadata={"description": "the latest visits, newest first"})
    levels = fields.Nested(LevelsOut)
