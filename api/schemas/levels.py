"""Levels per skill: assessments, targets and proposals, the evidence from practice, a group's grid, my levels."""

from marshmallow import fields, validate

from api.schemas import PersonRef, Schema
from api.schemas.fields import Id, Text
from vaktaal.exercises import Skill
from vaktaal.levels import BANDS, LEVEL_CHOICES, AssessmentSource, Level, TargetStatus
from vaktaal.roles import Route

NOTE_HELP = "geen medische of persoonlijke gegevens"


def _level_in(**kwargs) -> Text:
    return Text(
        required=True,
        validate=validate.Length(min=1, max=40, error="Een niveau heeft 1 tot 40 tekens."),
        metadata={"description": f"as a teacher types it: a2, A1/A2, A1-A2, halverwege A1 en A2 ({LEVEL_CHOICES})"},
        **kwargs,
    )


def _skill(**kwargs) -> fields.Enum:
    return fields.Enum(Skill, by_value=True, **kwargs)


def _source(**kwargs) -> fields.Enum:
    return fields.Enum(AssessmentSource, by_value=True, **kwargs)


def _test_name() -> Text:
    return Text(
        allow_none=True,
        validate=validate.Length(max=120, error="Een toetsnaam heeft hoogstens 120 tekens."),
        metadata={"description": "e.g. Bureau ICE, Staatsexamen NT2"},
    )


def _note() -> Text:
    return Text(
        multiline=True,
        allow_none=True,
        validate=validate.Length(max=500, error="Een notitie heeft hoogstens 500 tekens."),
        metadata={"description": f"the staff's note, never shown to the participant: {NOTE_HELP}"},
    )


def _level_out(**kwargs):
    return fields.Enum(Level, by_value=True, **kwargs)


def _rank(**kwargs):
    return fields.Int(metadata={"description": "0 (A0) to 7 (B2), one per half step"}, **kwargs)


# In


class AssessmentIn(Schema):
    skill = _skill(required=True)
    level = _level_in()
    date = fields.Date(required=True, metadata={"description": "the day it was measured; not in the future"})
    source = _source(required=True)
    test_name = _test_name()
    note = _note()
    corrects_id = Id(
        allow_none=True,
        metadata={"description": "the record this one corrects (same participant and skill); it stays as history"},
    )


class CellIn(Schema):
    participant_id = Id(required=True)
    skill = _skill(required=True)
    level = _level_in()
    note = _note()


class RoundIn(Schema):
    date = fields.Date(required=True, metadata={"description": "the day of the round; not in the future"})
    source = _source(required=True)
    test_name = _test_name()
    cells = fields.List(
        fields.Nested(CellIn),
        required=True,
        validate=validate.Length(min=1, max=500, error="Stuur 1 tot 500 cellen."),
    )


class AssessmentsImportQuery(Schema):
    dry_run = fields.Bool(load_default=False, metadata={"description": "check the file only, store nothing"})


class TargetIn(Schema):
    level = _level_in()
    reason = Text(
        required=True,
        validate=validate.Length(min=1, max=300, error="Een reden heeft 1 tot 300 tekens."),
        metadata={"description": "why, e.g. the municipality's decision"},
    )
    date = fields.Date(load_default=None, metadata={"description": "the day it applies from (default today)"})


class TargetProposalIn(Schema):
    skill = _skill(required=True)
    level = _level_in()
    reason = Text(
        required=True,
        validate=validate.Length(min=1, max=300, error="Een reden heeft 1 tot 300 tekens."),
    )


# Out


class AssessmentOut(Schema):
    id = fields.Int()
    participant_id = fields.Int()
    skill = _skill()
    level = _level_out()
    level_rank = _rank()
    level_dutch = fields.Str(metadata={"description": "as the interface says it: A2, tussen A1 en A2"})
    date = fields.Date()
    source = _source()
    test_name = fields.Str(allow_none=True)
    note = fields.Str(allow_none=True, metadata={"description": NOTE_HELP})
    corrects_id = fields.Int(allow_none=True)
    corrected_by_id = fields.Int(allow_none=True, metadata={"description": "the record that corrects this one"})
    recorded_at = fields.DateTime()
    recorded_by = fields.Nested(PersonRef, allow_none=True)


class TargetProposalOut(Schema):
    id = fields.Int()
    skill = _skill()
    level = _level_out()
    level_rank = _rank()
    level_dutch = fields.Str()
    reason = fields.Str()
    status = fields.Enum(TargetStatus, by_value=True)
    proposed_by = fields.Nested(PersonRef, allow_none=True)
    recorded_at = fields.DateTime()


class TargetOut(Schema):
    level = _level_out(allow_none=True, metadata={"description": "null: no route and no change"})
    level_rank = _rank(allow_none=True)
    level_dutch = fields.Str(allow_none=True)
    default = fields.Bool(metadata={"description": "the route's default: no change in force"})
    reason = fields.Str(allow_none=True)
    changed_on = fields.Date(allow_none=True)
    proposal = fields.Nested(
        TargetProposalOut, allow_none=True, metadata={"description": "the newest open proposal of a teacher"}
    )


class BandOut(Schema):
    band = fields.Str(validate=validate.OneOf(BANDS), metadata={"enum": list(BANDS)})
    known = fields.Int(metadata={"description": "terms of the band whose card in the skill is known or mastered"})
    total = fields.Int(metadata={"description": "terms of the band practised in the skill"})
    share = fields.Float(allow_none=True, metadata={"description": "known / total; null without terms"})


class EvidenceOut(Schema):
    bands = fields.List(fields.Nested(BandOut))
    answers = fields.Int(metadata={"description": "answers in the skill in the last 30 days"})
    right = fields.Int(metadata={"description": "of which right (a slip counts as right)"})
    accuracy = fields.Float(allow_none=True)
    self_assessed = fields.Bool(metadata={"description": "speaking: the learner grades their own answers"})
    summary_band = fields.Str(allow_none=True, metadata={"description": "never a level: see summary"})
    summary = fields.Str(metadata={"description": "woordenschat A2 grotendeels bekend"})


class HistoryOut(Schema):
    kind = fields.Str(validate=validate.OneOf(["assessment", "target"]), metadata={"enum": ["assessment", "target"]})
    date = fields.Date()
    level = _level_out()
    level_rank = _rank()
    assessment = fields.Nested(AssessmentOut, allow_none=True)
    reason = fields.Str(allow_none=True)


class SkillLevelsOut(Schema):
    skill = _skill()
    name = fields.Str(metadata={"description": "in Dutch: lezen, luisteren, spreken, gesprekken voeren, schrijven"})
    start = fields.Nested(AssessmentOut, allow_none=True, metadata={"description": "the intake, else the first"})
    current = fields.Nested(AssessmentOut, allow_none=True)
    target = fields.Nested(TargetOut)
    evidence = fields.Nested(EvidenceOut)
    history = fields.List(fields.Nested(HistoryOut), metadata={"description": "in date order, corrected ones too"})


class LevelsOut(Schema):
    participant_id = fields.Int()
    route = fields.Enum(Route, by_value=True, allow_none=True)
    start_date = fields.Date(allow_none=True)
    deadline = fields.Date(allow_none=True)
    deadline_is_default = fields.Bool(metadata={"description": "start date + 3 years: the coordinator set none"})
    read_only = fields.Bool(metadata={"description": "the caller may not record assessments for them"})
    skills = fields.List(fields.Nested(SkillLevelsOut))


class RoundOut(Schema):
    created = fields.Int(metadata={"description": "records stored now (a retry stores none)"})
    assessments = fields.List(fields.Nested(AssessmentOut), metadata={"description": "in the order of the cells"})


class AssessmentsImportOut(RoundOut):
    dry_run = fields.Bool()
    rows = fields.Int(metadata={"description": "the rows of the file"})


class GridCellOut(Schema):
    level = _level_out()
    level_rank = _rank()
    date = fields.Date()
    source = _source()


class GridSkillsOut(Schema):
    reading = fields.Nested(GridCellOut, allow_none=True)
    listening = fields.Nested(GridCellOut, allow_none=True)
    speaking = fields.Nested(GridCellOut, allow_none=True)
    conversation = fields.Nested(GridCellOut, allow_none=True)
    writing = fields.Nested(GridCellOut, allow_none=True)


class GridRowOut(Schema):
    participant = fields.Nested(PersonRef)
    read_only = fields.Bool()
    skills = fields.Nested(GridSkillsOut, metadata={"description": "the current level per skill, null: none yet"})


class MyLevelOut(Schema):
    level = _level_out()
    level_rank = _rank()
    level_dutch = fields.Str()
    date = fields.Date()
    source = _source()
    test_name = fields.Str(allow_none=True)


class MyTargetOut(Schema):
    level = _level_out()
    level_rank = _rank()
    level_dutch = fields.Str()


class MySkillOut(Schema):
    skill = _skill()
    name = fields.Str()
    start = fields.Nested(MyLevelOut, allow_none=True)
    current = fields.Nested(MyLevelOut, allow_none=True)
    target = fields.Nested(MyTargetOut, allow_none=True)


class MyLevelsOut(Schema):
    route = fields.Enum(Route, by_value=True, allow_none=True)
    deadline = fields.Date(allow_none=True)
    skills = fields.List(fields.Nested(MySkillOut))
