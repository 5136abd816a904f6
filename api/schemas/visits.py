"""Schemas of workplaces, visits, observations, coaches' suggestions, the preparation list and word cards."""

from collections.abc import Callable, Iterable

from marshmallow import fields, validate

from api import access, viewer
from api.schemas import Changes, PersonRef, Schema
from api.schemas.fields import Id, Text, Upload, ids
from api.schemas.terms import TermChanges, TermOut
from vaktaal.visits import ObservationStatus
from vaktaal.wordlists import LEVELS, PARTS_OF_SPEECH


class Shown(fields.List):
    """A list cut to what the caller may see (``shown``, from ``api.access``): a visit or an observation in the
    caller's scope may name participants of other groups or caseloads too."""

    def __init__(self, inner: fields.Field, shown: Callable[[Iterable], list], **kwargs):
        super().__init__(inner, **kwargs)
        self.shown = shown

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(None if value is None else self.shown(value), attr, obj, **kwargs)


def participants_shown() -> Shown:
    return Shown(
        fields.Nested(PersonRef), access.shown_participants, metadata={"description": "those the caller may see"}
    )


class WorkplaceOut(Schema):
    id = fields.Int()
    employer = fields.Str()
    site = fields.Str()
    sector = fields.Str(attribute="sector.slug")
    contact_name = fields.Str(metadata={"description": "the employer's contact person on the floor"})


class WorkplaceDetail(WorkplaceOut):
    participants = fields.List(fields.Nested(PersonRef), metadata={"description": "placed there today"})


CLIENT_ID = {
    "description": "the phone's own id (a UUID) for this object: sending it again returns what the first sending "
    "made; other content under the same id is a 409"
}


class ObservationIn(Schema):
    client_id = fields.UUID(metadata=CLIENT_ID)
    term_id = Id(metadata={"description": "an existing term; or give `term` for a new one"})
    term = Text(validate=validate.Length(min=1, max=200))
    article = Text(allow_none=True, validate=validate.OneOf(["de", "het"]))
    plural = Text(allow_none=True, validate=validate.Length(max=200))
    pos = Text(allow_none=True, validate=validate.OneOf(PARTS_OF_SPEECH))
    level = Text(allow_none=True, validate=validate.OneOf(LEVELS))
    theme = Text(allow_none=True, validate=validate.Length(max=80))
    safety = fields.Bool(load_default=False)
    context = Text(
        load_default="", multiline=True, validate=validate.Length(max=500), metadata={"description": "as heard"}
    )
    participant_ids = ids(max_items=500, metadata={"description": "default: the visit's participants"})


class VisitIn(Schema):
    client_id = fields.UUID(metadata=CLIENT_ID)
    workplace_id = Id(required=True)
    date = fields.Date(required=True)
    participant_ids = ids(max_items=500, metadata={"description": "default: those placed at the workplace"})
    notes = Text(load_default="", multiline=True, validate=validate.Length(max=4000))
    observations = fields.List(fields.Nested(ObservationIn), load_default=list, validate=validate.Length(max=100))


class VisitChanges(Changes):
    date = fields.Date()
    participant_ids = ids(max_items=500)
    notes = Text(multiline=True, validate=validate.Length(max=4000))


class ObservationOut(Schema):
    id = fields.Int()
    client_id = fields.Str(allow_none=True, metadata={"description": "the phone's own id, when it sent one"})
    visit_id = fields.Int()
    term = fields.Nested(TermOut)
    context = fields.Str()
    status = fields.Enum(
        ObservationStatus,
        by_value=True,
        metadata={"description": "assigned, suggested (a coach's, awaiting a teacher) or dropped"},
    )
    photo_url = fields.Function(viewer.photo_url, metadata={"type": ["string", "null"]})
    has_recording = fields.Function(lambda o: o.recording_id is not None, metadata={"type": "boolean"})
    participants = participants_shown()
    recorded_by = fields.Function(
        lambda o: o.visit.recorded_by.name if o.visit.recorded_by else None, metadata={"type": ["string", "null"]}
    )
    workplace = fields.Function(lambda o: o.visit.workplace.employer, metadata={"type": "string"})


class ObservationCreated(ObservationOut):
    suggestions = fields.List(
        fields.Str(),
        attribute="advice",
        metadata={"description": "hints that did not block saving (article, plural, translations)"},
    )


class VisitOut(Schema):
    id = fields.Int()
    client_id = fields.Str(allow_none=True, metadata={"description": "the phone's own id, when it sent one"})
    workplace = fields.Nested(WorkplaceOut)
    date = fields.Date()
    notes = fields.Str()
    recorded_by = fields.Nested(PersonRef, allow_none=True)
    participants = participants_shown()
    observations = Shown(
        fields.Nested(ObservationOut),
        access.shown_observations,
        metadata={"description": "the caller's own, and those for participants the caller may see"},
    )


class VisitCreated(VisitOut):
    suggestions = fields.Function(
        lambda visit: {str(o.id): o.advice for o in visit.observations if o.advice},
        metadata={
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "per observation id: hints that did not block saving",
        },
    )


class SuggestionDecisionIn(Schema):
    approve = fields.Bool(required=True)
    changes = fields.Nested(TermChanges, load_default=dict, metadata={"description": "edits to the term first"})


class PrepareOut(Schema):
    participant = fields.Nested(PersonRef)
    not_yet_known = fields.List(fields.Nested(TermOut))
    keeps_failing = fields.List(fields.Nested(TermOut))
    safety_not_mastered = fields.List(fields.Nested(TermOut))


class WordcardOut(Schema):
    term = fields.Nested(TermOut)
    photo_url = fields.Str(allow_none=True)
    open_url = fields.Str()
    qr_url = fields.Str()


class PhotoUpload(Schema):
    file = Upload(
        required=True,
        error_messages={"required": "Kies een foto."},
        metadata={"description": "a photo (JPEG, PNG, WebP or GIF; EXIF and location are removed)"},
    )


class RecordingUpload(Schema):
    file = Upload(
        required=True,
        error_messages={"required": "Kies een opname."},
        metadata={"description": "a colleague saying the term (max 2 MB, 0.3-15 s)"},
    )


class PhotoQuery(Schema):
    sig = Text(load_default=None, validate=validate.Length(max=64), metadata={"description": "the URL's signature"})
