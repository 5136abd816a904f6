"""marshmallow schemas of the API: a base class with Dutch messages, and the people shared by many resources.

Every schema of the API derives from ``Schema`` here. Input schemas refuse unknown fields (marshmallow's default),
so a typo is reported, not ignored. Every response body has a schema, nested all the way down, so a client
generated from ``/api/openapi.json`` can read it.
"""

import marshmallow
from marshmallow import ValidationError, fields, validate, validates_schema

from vaktaal.levels import default_deadline
from vaktaal.roles import SUPPORT_LANGUAGES, Role, Route


class Schema(marshmallow.Schema):
    error_messages = {
        "unknown": "Onbekend veld.",
        "type": "Ongeldige invoer: stuur een JSON-object.",
    }


class Changes(Schema):
    """A PATCH body: the fields to change, at least one (an empty body is refused, not taken as "all is well")."""

    @validates_schema
    def _something_to_change(self, data, **kwargs):
        if not data:
            raise ValidationError(NOTHING_TO_CHANGE)


NOTHING_TO_CHANGE = "Er is niets te wijzigen."


def fields_of(obj, schema: type[Schema]) -> dict:
    """The attributes ``schema`` reads from ``obj`` (a schema without top-level function fields), as a dict a route
    can add to before the response is dumped."""
    names = {(field.attribute or name).split(".")[0] for name, field in schema._declared_fields.items()}
    return {name: getattr(obj, name) for name in names}


class OrganisationRef(Schema):
    id = fields.Int()
    name = fields.Str()


class PersonRef(Schema):
    id = fields.Int()
    name = fields.Str()


class ProfileSchema(Schema):
    support_languages = fields.List(fields.Str(validate=validate.OneOf(list(SUPPORT_LANGUAGES))))
    route = fields.Enum(Route, by_value=True, allow_none=True)
    start_date = fields.Date(allow_none=True)
    timezone = fields.Str()
    daily_new_limit = fields.Int(allow_none=True)
    daily_new_max = fields.Int(allow_none=True)
    ended_on = fields.Date(allow_none=True, metadata={"description": "the day the programme ended, if it has"})
    sectors = fields.Pluck("SectorRef", "slug", many=True)
    status = fields.Str(metadata={"description": "active, paused, finished or left"})
    status_since = fields.Date(allow_none=True)
    ref = fields.Str(allow_none=True, metadata={"description": "the organisation's own client number"})
    deadline = fields.Method(
        "_deadline",
        metadata={
            "type": "string",
            "format": "date",
            "nullable": True,
            "description": "the route's deadline: the coordinator's, else start_date + 3 years",
        },
    )
    deadline_is_default = fields.Method(
        "_deadline_is_default",
        metadata={"type": "boolean", "description": "no deadline set: the default from the start date"},
    )

    def _deadline(self, profile) -> str | None:
        until = profile.deadline or default_deadline(profile.start_date)
        return until.isoformat() if until else None

    def _deadline_is_default(self, profile) -> bool:
        return profile.deadline is None


class SectorRef(Schema):
    slug = fields.Str()


class UserSchema(Schema):
    id = fields.Int()
    role = fields.Enum(Role, by_value=True)
    name = fields.Str()
    email = fields.Str(allow_none=True)
    is_editor = fields.Bool()
    organisation = fields.Nested(OrganisationRef)


class ParticipantSchema(Schema):
    id = fields.Int()
    name = fields.Str()
    profile = fields.Nested(ProfileSchema, allow_none=True)
    read_only = fields.Method(
        "_read_only",
        metadata={"type": "boolean", "description": "the caller may only look (a former member of their group)"},
    )
    read_only_reason = fields.Method(
        "_read_only_reason",
        metadata={"type": "string", "nullable": True, "description": "why the caller may only look, in Dutch"},
    )

    def _read_only(self, participant) -> bool:
        return self._read_only_reason(participant) is not None

    def _read_only_reason(self, participant) -> str | None:
        from api.access import read_only_reason  # api.access reads models; schemas stay importable without them

        return read_only_reason(participant)
