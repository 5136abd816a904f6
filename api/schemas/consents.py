"""Schemas of consents and the privacy notice."""

from marshmallow import fields, validate

from api.schemas import PersonRef, Schema
from api.schemas.fields import Text
from vaktaal.privacy import ConsentPurpose, ConsentSource
from vaktaal.privacy_notice import LANGUAGES


class ConsentOut(Schema):
    purpose = fields.Enum(ConsentPurpose, by_value=True)
    given = fields.Bool(metadata={"description": "whether it holds now; no answer yet counts as no"})
    source = fields.Enum(
        ConsentSource, by_value=True, allow_none=True, metadata={"description": "app or paper; null: no answer yet"}
    )
    recorded_at = fields.DateTime(allow_none=True, metadata={"description": "when the answer that holds was given"})
    recorded_by = fields.Nested(
        PersonRef, allow_none=True, metadata={"description": "who recorded it: the participant, or staff for paper"}
    )


class MyConsentIn(Schema):
    given = fields.Bool(required=True, metadata={"description": "true: I agree; false: I do not (or no longer)"})


class PaperConsentIn(Schema):
    purpose = fields.Enum(ConsentPurpose, by_value=True, required=True)
    given = fields.Bool(required=True)
    source = fields.Enum(
        ConsentSource,
        by_value=True,
        load_default=ConsentSource.PAPER,
        validate=validate.OneOf([ConsentSource.PAPER], error="Staf legt alleen toestemming op papier vast."),
        metadata={"description": "always paper: a participant answers in the app themself"},
    )


class NoticeQuery(Schema):
    language = Text(
        load_default=None,
        validate=validate.OneOf([code for code in LANGUAGES if code != "nl"]),
        metadata={"description": "one support language besides the Dutch; without it, all of them"},
    )


class NoticeText(Schema):
    language = fields.Str(metadata={"description": "nl or a support language"})
    dir = fields.Str(metadata={"description": "ltr or rtl"})
    title = fields.Str()
    lines = fields.List(fields.Str(), metadata={"description": "short sentences, one idea each"})


class NoticeBlock(Schema):
    key = fields.Str()
    icon = fields.Str(metadata={"description": "an emoji"})
    audio_url = fields.Str(metadata={"description": "the Dutch read aloud (MP3, public)"})
    texts = fields.List(fields.Nested(NoticeText), metadata={"description": "Dutch first"})


class NoticeOut(Schema):
    retention_months = fields.Int(metadata={"description": "months kept after the programme ended"})
    blocks = fields.List(fields.Nested(NoticeBlock), metadata={"description": "the notice, topic by topic"})
    purposes = fields.List(
        fields.Nested(NoticeBlock), metadata={"description": "what each consent asks (key = the purpose)"}
    )


class NoticeAudioQuery(Schema):
    v = Text(load_default=None, validate=validate.Length(max=40), metadata={"description": "audio version"})


class WorkplaceWordsOut(Schema):
    employer = fields.Str()
    site = fields.Str()
    sector = fields.Str(metadata={"description": "the sector's name in Dutch"})
    words = fields.List(fields.Str(), metadata={"description": "the workplace's words learned, with their article"})


class EmployerSummaryOut(Schema):
    name = fields.Str()
    date = fields.Date(attribute="on", metadata={"description": "the summary shows the state on this date"})
    practice_days = fields.Int(metadata={"description": "days practised in the last `weeks` weeks"})
    weeks = fields.Int()
    words_known = fields.Int(metadata={"description": "terms known in at least one skill"})
    workplaces = fields.Nested(WorkplaceWordsOut, many=True, metadata={"description": "current placements"})
