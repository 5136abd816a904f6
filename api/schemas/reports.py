"""Schemas of reports: aggregates only, small cells suppressed."""

from marshmallow import fields, validate

from api.schemas import Schema
from api.schemas.fields import Id
from vaktaal.reports import Scope


class ReportQuery(Schema):
    scope = fields.Enum(
        Scope,
        by_value=True,
        metadata={"description": "what it is about (default: a coordinator's organisation, other staff's own people)"},
    )
    id = Id(metadata={"description": "the group or workplace (scope group or workplace)"})
    start = fields.Date(data_key="from", metadata={"description": "the first day (default: 27 days before `to`)"})
    end = fields.Date(data_key="to", metadata={"description": "the last day, included (default: today)"})
    format = fields.Str(
        load_default="json", validate=validate.OneOf(["json", "csv"]), metadata={"description": "json or csv"}
    )


class ReportCellOut(Schema):
    key = fields.Str()
    label = fields.Str(metadata={"description": "what it counts, in Dutch"})
    value = fields.Int(allow_none=True, metadata={"description": "null when suppressed (fewer than 5 participants)"})
    shown = fields.Str(metadata={"description": "the value as shown: a number, or '< 5'"})


class LevelUpOut(Schema):
    skill = fields.Str()
    name = fields.Str()
    cell = fields.Nested(ReportCellOut)


class ReportOut(Schema):
    scope = fields.Enum(Scope, by_value=True)
    id = fields.Int(allow_none=True)
    name = fields.Str()
    start = fields.Date(data_key="from")
    end = fields.Date(data_key="to")
    made_on = fields.Date(metadata={"description": "the day the report was made"})
    small_cell = fields.Int(metadata={"description": "a cell made up by fewer participants than this is suppressed"})
    cells = fields.Nested(ReportCellOut, many=True)
    level_ups = fields.Nested(
        LevelUpOut, many=True, metadata={"description": "per skill: participants whose level rose"}
    )
