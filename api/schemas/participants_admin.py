"""Creating and editing participants, the bulk start from CSV, and login cards."""

from zoneinfo import available_timezones

from marshmallow import ValidationError, fields, validate

from api.schemas import Changes, PersonRef, Schema
from api.schemas.fields import Id, Text, ids
from vaktaal.bsn import looks_like_bsn
from vaktaal.roles import SECTORS, SUPPORT_LANGUAGES, ParticipantStatus, Route

BSN_MESSAGE = "Dit lijkt een BSN. Vul je eigen klantnummer in, nooit een BSN."
_ZONES = frozenset(available_timezones())


def _not_a_bsn(value: str | None) -> None:
    if value and looks_like_bsn(value):
        raise ValidationError(BSN_MESSAGE)


def _known_zone(value: str) -> None:
    if value not in _ZONES:
        raise ValidationError("Onbekende tijdzone: gebruik bijvoorbeeld Europe/Amsterdam.")


def _name(**kwargs):
    return Text(validate=validate.Length(min=1, max=200, error="Een naam heeft 1 tot 200 tekens."), **kwargs)


def _profile_fields() -> dict:
    return {
        "support_languages": fields.List(
            Text(validate=validate.OneOf(list(SUPPORT_LANGUAGES), error="Onbekende taal.")),
            validate=validate.Length(max=len(SUPPORT_LANGUAGES)),
        ),
        "sectors": fields.List(
            Text(validate=validate.OneOf(list(SECTORS), error="Onbekende sector.")),
            validate=validate.Length(max=len(SECTORS)),
            metadata={"description": "sector slugs"},
        ),
        "route": fields.Enum(Route, by_value=True, allow_none=True),
        "start_date": fields.Date(allow_none=True),
        "timezone": Text(validate=[validate.Length(max=64), _known_zone]),
        "ref": Text(
            allow_none=True,
            validate=[validate.Length(max=40, error="Een klantnummer heeft hoogstens 40 tekens."), _not_a_bsn],
            metadata={"description": "the organisation's own client number; never a BSN (refused)"},
        ),
    }


class ParticipantIn(Schema.from_dict(_profile_fields())):
    name = _name(required=True)
    group_id = Id(
        allow_none=True,
        metadata={"description": "the group they join today (required for a teacher: one of their own)"},
    )


class ParticipantChanges(Changes.from_dict(_profile_fields())):
    name = _name()
    status = fields.Enum(
        ParticipantStatus,
        by_value=True,
        metadata={"description": "coordinators: finished/left set ended_on (today if not given), active clears it"},
    )
    ended_on = fields.Date(
        allow_none=True,
        metadata={"description": "coordinators: the day the programme ended (null: not ended)"},
    )
    deadline = fields.Date(
        allow_none=True,
        metadata={"description": "coordinators: the route's deadline (null: the default, start_date + 3 years)"},
    )


class ImportQuery(Schema):
    group_id = Id(required=True, metadata={"description": "the group the participants join"})


class LoginCardOut(Schema):
    participant = fields.Nested(PersonRef)
    code = fields.Str(metadata={"description": "the new code as ABCD-EFGH, shown once"})
    login_url = fields.Str()
    qr_url = fields.Str(metadata={"description": "a data: URL of an SVG QR code of login_url"})
    language = fields.Str(metadata={"description": "the language of the instruction (nl when none fits)"})
    instruction = fields.Str()
    instruction_nl = fields.Str()
    rtl = fields.Bool()
    draft = fields.Bool(metadata={"description": "the instruction is a draft translation, not yet checked"})


class CardsOut(Schema):
    cards = fields.List(fields.Nested(LoginCardOut))


class ParticipantsImportOut(CardsOut):
    created = fields.Int()


class CardsIn(Schema):
    participant_ids = ids(min_items=1, max_items=500, required=True)
