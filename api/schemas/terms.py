"""Schemas of the wordlist resources: sectors, terms, proposals, search and checks, audio recordings."""

from marshmallow import fields, post_load, validate

from api import access, viewer
from api.convert import translations_from_json
from api.schemas import Changes, PersonRef, Schema
from api.schemas.fields import Id, Text, Upload, ids
from vaktaal.audio import AudioKind
from vaktaal.wordlists import LEVELS, PARTS_OF_SPEECH, ProposalStatus


class TranslationSchema(Schema):
    text = Text(required=True, validate=validate.Length(max=500))
    checked = fields.Bool(load_default=False)


class TermOut(Schema):
    id = fields.Int()
    key = fields.Str()
    sector = fields.Function(lambda t: t.sector.slug, metadata={"type": "string"})
    term = fields.Str()
    article = fields.Str(allow_none=True)
    plural = fields.Str(allow_none=True)
    pos = fields.Str()
    level = fields.Str()
    theme = fields.Str()
    example = fields.Str()
    translations = fields.Dict(keys=fields.Str(), values=fields.Nested(TranslationSchema))
    emoji = fields.Str(allow_none=True)
    safety = fields.Bool()
    frequency = fields.Float(metadata={"description": "Zipf frequency in Dutch (wordfreq): ~1 rare, ~7 very common"})
    shared = fields.Function(lambda t: t.organisation_id is None, metadata={"type": "boolean"})
    retired = fields.Bool()
    updated_at = fields.DateTime()
    audio_url = fields.Function(
        lambda t: viewer.term_audio_url(t, "term"),
        metadata={"type": "string", "description": "MP3 of the term; no token needed"},
    )
    example_audio_url = fields.Function(
        lambda t: viewer.term_audio_url(t, "example"), metadata={"type": "string", "description": "MP3 of the example"}
    )


class TermChanges(Schema):
    """The editable fields of a term; all optional (a proposal, edits with an approval)."""

    term = Text(validate=validate.Length(min=1, max=200))
    article = Text(allow_none=True, validate=validate.OneOf(["de", "het"]))
    plural = Text(allow_none=True, validate=validate.Length(max=200))
    pos = Text(validate=validate.OneOf(PARTS_OF_SPEECH))
    level = Text(validate=validate.OneOf(LEVELS))
    theme = Text(validate=validate.Length(min=1, max=80))
    example = Text(multiline=True, validate=validate.Length(min=1, max=500))
    translations = fields.Dict(keys=Text(validate=validate.Length(max=8)), values=fields.Nested(TranslationSchema))
    emoji = Text(allow_none=True, validate=validate.Length(max=32))
    safety = fields.Bool()

    @post_load
    def _domain_values(self, data, **kwargs):
        if "translations" in data:
            data["translations"] = translations_from_json(data["translations"])
        for name in ("article", "plural", "emoji"):
            if name in data and data[name] is not None and not data[name].strip():
                data[name] = None
        return data


class TermPatch(Changes, TermChanges):
    """A term's changes (PATCH): at least one field."""


class TermIn(TermChanges):
    key = Text(required=True, validate=validate.Length(min=1, max=120))
    sector = Text(required=True, validate=validate.Length(min=1, max=40))
    shared = fields.Bool(load_default=False, metadata={"description": "A shared sector term (editors only)"})
    term = Text(required=True, validate=validate.Length(min=1, max=200))
    pos = Text(required=True, validate=validate.OneOf(PARTS_OF_SPEECH))
    level = Text(required=True, validate=validate.OneOf(LEVELS))
    theme = Text(required=True, validate=validate.Length(min=1, max=80))
    example = Text(required=True, multiline=True, validate=validate.Length(min=1, max=500))
    translations = fields.Dict(
        required=True, keys=Text(validate=validate.Length(max=8)), values=fields.Nested(TranslationSchema)
    )


class TermQuery(Schema):
    level = Text(validate=validate.OneOf(LEVELS))
    theme = Text(validate=validate.Length(max=80))
    pos = Text(validate=validate.OneOf(PARTS_OF_SPEECH))
    safety = fields.Bool()
    q = Text(validate=validate.Length(max=100), metadata={"description": "Search in term, plural and example"})
    scope = Text(load_default="all", validate=validate.OneOf(["all", "shared", "own"]))


class SectorOut(Schema):
    slug = fields.Str()
    name = fields.Str()
    total = fields.Int()
    levels = fields.Dict(keys=fields.Str(), values=fields.Int(), metadata={"description": "terms per level"})
    themes = fields.Dict(keys=fields.Str(), values=fields.Int(), metadata={"description": "terms per theme"})


class CsvQuery(Schema):
    scope = Text(load_default="shared", validate=validate.OneOf(["shared", "own"]))


class ImportOut(Schema):
    sector = fields.Str()
    added = fields.List(fields.Str())
    updated = fields.List(fields.Str())
    unchanged = fields.Int()


class ProposalIn(TermChanges):
    note = Text(load_default="", multiline=True, validate=validate.Length(max=1000))


class ProposedChanges(Schema):
    """A proposal's changes as stored: any of a term's editable fields."""

    term = fields.Str()
    article = fields.Str(allow_none=True)
    plural = fields.Str(allow_none=True)
    pos = fields.Str()
    level = fields.Str()
    theme = fields.Str()
    example = fields.Str()
    translations = fields.Dict(keys=fields.Str(), values=fields.Nested(TranslationSchema))
    emoji = fields.Str(allow_none=True)
    safety = fields.Bool()


class ProposalOut(Schema):
    id = fields.Int()
    term = fields.Nested(TermOut)
    changes = fields.Nested(ProposedChanges)
    note = fields.Str()
    status = fields.Enum(ProposalStatus, by_value=True)
    organisation = fields.Function(
        lambda p: p.proposed_by.organisation.name if p.proposed_by else None,
        metadata={"type": ["string", "null"], "description": "the organisation it came from"},
    )
    proposed_by = fields.Function(
        access.shown_proposer,
        metadata={"type": ["string", "null"], "description": "who proposed it: only to their own organisation"},
    )
    created_at = fields.DateTime()
    decided_at = fields.DateTime(allow_none=True)


class DecisionIn(Schema):
    accept = fields.Bool(required=True)


class SearchQuery(Schema):
    q = Text(required=True, validate=validate.Length(min=1, max=100))


class IndexTermOut(Schema):
    id = fields.Int()
    term = fields.Str()
    article = fields.Str(allow_none=True)
    plural = fields.Str(allow_none=True)
    pos = fields.Str()
    emoji = fields.Str(allow_none=True)
    sector = fields.Str()
    shared = fields.Bool(metadata={"description": "in the shared lists (else the organisation's own)"})


class SearchIndexOut(Schema):
    terms = fields.List(fields.Nested(IndexTermOut))


class CheckQuery(Schema):
    term = Text(required=True, validate=validate.Length(min=1, max=200))
    pos = Text(load_default=None, validate=validate.OneOf(PARTS_OF_SPEECH))
    article = Text(load_default=None, validate=validate.OneOf(["de", "het"]))
    sector = Text(
        load_default=None,
        validate=validate.Length(max=40),
        metadata={"description": "the sector the term is for: its lists are searched for the same term"},
    )


class SpellingOut(Schema):
    correct = fields.Bool()
    unknown_words = fields.List(fields.Str(), metadata={"description": "the words the dictionary does not know"})
    suggestions = fields.List(fields.Str())


class CheckOut(Schema):
    article = fields.Str(allow_none=True, metadata={"description": "suggested from the noun list"})
    spelling = fields.Nested(SpellingOut, allow_none=True, metadata={"description": "null without a dictionary"})
    existing = fields.List(
        fields.Nested(TermOut),
        metadata={"description": "terms of the sector's lists (or the basics) with the same words: use one instead"},
    )


class AudioQuery(Schema):
    v = Text(load_default=None, validate=validate.Length(max=40), metadata={"description": "audio version"})
    sig = Text(load_default=None, validate=validate.Length(max=64), metadata={"description": "signature"})


class UploadForm(Schema):
    """A recording as a multipart body: the file and what it says."""

    kind = Text(
        load_default="term",
        validate=validate.OneOf([k.value for k in AudioKind]),
        metadata={"description": "term: the term said; example: its example sentence"},
    )
    file = Upload(
        required=True,
        error_messages={"required": "Kies een opname."},
        metadata={"description": "the recording (max 2 MB, 0.3-15 s; any format ffmpeg reads)"},
    )


class RecordingOut(Schema):
    id = fields.Int()
    kind = fields.Enum(AudioKind, by_value=True)
    duration_ms = fields.Int(allow_none=True)
    size = fields.Int()
    adopted = fields.Bool()
    created_at = fields.DateTime()


class AdoptIn(Schema):
    recording_id = Id(required=True)


class AssignToIn(Schema):
    """Whom to assign one term to: participants, a group, everyone placed at a workplace (any of them, at least one);
    only the caller's own participants are touched."""

    participant_ids = ids(max_items=500, load_default=list)
    group_id = Id(load_default=None, allow_none=True)
    workplace_id = Id(load_default=None, allow_none=True, metadata={"description": "everyone placed there"})


class TermAssignmentOut(Schema):
    participant = fields.Nested(PersonRef)
    assigned_at = fields.DateTime()
    assigned_by = fields.Nested(PersonRef, allow_none=True)
