"""marshmallow schemas shared by several resources."""

from marshmallow import Schema, fields, validate

from vaktaal.roles import SUPPORT_LANGUAGES, Role, Route


class StrictSchema(Schema):
    """Input schemas refuse unknown fields (marshmallow's default), so typos are reported, not ignored."""


class OrganisationRef(Schema):
    id = fields.Int()
    name = fields.Str()


class PersonRef(Schema):
    id = fields.Int()
    name = fields.Str()


class ProfileSchema(Schema):
    support_languages = fields.List(fields.Str(validate=validate.OneOf(list(SUPPORT_LANGUAGES))))
    route = fields.Str(allow_none=True, validate=validate.OneOf([r.value for r in Route]))
    start_date = fields.Date(allow_none=True)
    timezone = fields.Str()
    daily_new_limit = fields.Int(allow_none=True)
    sectors = fields.Method("_sector_slugs")

    def _sector_slugs(self, profile) -> list[str]:
        return [sector.slug for sector in profile.sectors]


class UserSchema(Schema):
    id = fields.Int()
    role = fields.Str(validate=validate.OneOf([r.value for r in Role]))
    name = fields.Str()
    email = fields.Str(allow_none=True)
    is_editor = fields.Bool()
    organisation = fields.Nested(OrganisationRef)


class ParticipantSchema(Schema):
    id = fields.Int()
    name = fields.Str()
    profile = fields.Nested(ProfileSchema, allow_none=True)
