"""Export, erasure and a participant's programme end: what the coordinator sends and is shown."""

from marshmallow import fields, validate

from api import viewer
from api.schemas import Changes, Schema
from api.schemas.fields import Text


class EraseIn(Schema):
    confirm_name = Text(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "the participant's name, typed by the coordinator to confirm"},
    )


class ProgrammeEndIn(Changes):
    ended_on = fields.Date(
        allow_none=True,
        metadata={"description": "the day the programme ended (null: not ended); erased RETENTION_MONTHS later"},
    )


class KindCount(Schema):
    kind = fields.Str(metadata={"description": "the table"})
    label = fields.Str(metadata={"description": "what it is, in Dutch"})
    count = fields.Int()


class MentionOut(Schema):
    kind = fields.Str(metadata={"description": "visit (its notes) or observation (what was heard)"})
    visit_id = fields.Int()
    visit_date = fields.Date()
    employer = fields.Str()
    observation_id = fields.Int(allow_none=True)
    text = fields.Str(metadata={"description": "the text that names the participant, to edit before erasing"})


class PhotoOut(Schema):
    observation_id = fields.Int(attribute="id")
    visit_id = fields.Int()
    visit_date = fields.Function(lambda o: o.visit.date.isoformat(), metadata={"type": "string", "format": "date"})
    term = fields.Function(lambda o: o.term.term, metadata={"type": "string"})
    photo_url = fields.Function(viewer.photo_url, metadata={"type": ["string", "null"]})


class ErasurePreviewOut(Schema):
    counts = fields.List(fields.Nested(KindCount), metadata={"description": "what will be erased, per kind"})
    audit_entries = fields.Int(metadata={"description": "audit entries about them: kept under a pseudonym"})
    mentions = fields.List(fields.Nested(MentionOut))
    photos = fields.List(fields.Nested(PhotoOut), metadata={"description": "photos of words heard for them"})
