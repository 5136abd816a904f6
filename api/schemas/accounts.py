"""Schemas of staff accounts: one-time links, staff management, the organisation's settings."""

from marshmallow import fields, validate

from api.schemas import Changes, Schema
from api.schemas.fields import Email, Text
from vaktaal import passwords
from vaktaal.roles import STAFF_ROLES, LinkPurpose, Role

STAFF_ROLE_VALUES = sorted(role.value for role in STAFF_ROLES)
ROLE_MESSAGE = "Kies docent (teacher), coach of coördinator (coordinator)."


def _staff_role(**kwargs) -> fields.Enum:
    return fields.Enum(
        Role,
        by_value=True,
        validate=validate.OneOf([Role(value) for value in STAFF_ROLE_VALUES], error=ROLE_MESSAGE),
        metadata={"enum": STAFF_ROLE_VALUES},
        **kwargs,
    )


class LinkOut(Schema):
    purpose = fields.Enum(LinkPurpose, by_value=True, metadata={"description": "setup: a new account; reset"})
    url = fields.Str(metadata={"description": "the one-time link to hand over (shown once)"})
    qr_url = fields.Str(metadata={"description": "a data: URL of an SVG QR code that encodes url"})
    expires_at = fields.DateTime()


class LinkInfoOut(Schema):
    purpose = fields.Enum(LinkPurpose, by_value=True)
    name = fields.Str()
    email = fields.Str(allow_none=True)
    organisation = fields.Str()
    expires_at = fields.DateTime()


class PasswordIn(Schema):
    password = Text(
        required=True,
        validate=validate.Length(max=passwords.MAX_LENGTH, error=passwords.TOO_LONG),
        metadata={"description": f"at least {passwords.MIN_LENGTH} characters, not easy to guess"},
    )


class PasswordSetOut(Schema):
    email = fields.Str(allow_none=True, metadata={"description": "log in with this address and the new password"})


class PendingLink(Schema):
    purpose = fields.Enum(LinkPurpose, by_value=True)
    expires_at = fields.DateTime()


class StaffOut(Schema):
    id = fields.Int()
    role = fields.Enum(Role, by_value=True)
    name = fields.Str()
    email = fields.Str(allow_none=True)
    active = fields.Bool()
    is_editor = fields.Bool(metadata={"description": "the content team's right (granted with the CLI only)"})
    password_set = fields.Bool(metadata={"description": "false until the setup link was used"})
    pending_link = fields.Nested(PendingLink, allow_none=True, metadata={"description": "a link not yet used"})


class NewStaffOut(Schema):
    staff = fields.Nested(StaffOut)
    link = fields.Nested(LinkOut)


NAME = {"validate": validate.Length(min=1, max=120)}


class StaffQuery(Schema):
    q = Text(validate=validate.Length(max=100), metadata={"description": "a part of the name"})


class StaffIn(Schema):
    role = _staff_role(required=True)
    name = Text(required=True, **NAME)
    email = Email(required=True, validate=validate.Length(max=320))


class StaffChanges(Changes):
    role = _staff_role()
    name = Text(**NAME)
    email = Email(validate=validate.Length(max=320))
    active = fields.Bool(metadata={"description": "false: logged out everywhere, no login until true again"})


class OrganisationOut(Schema):
    id = fields.Int()
    name = fields.Str()
    timezone = fields.Str()
    retention_months = fields.Int(
        allow_none=True, metadata={"description": "months after a programme ended before erasure; null: default"}
    )
    default_retention_months = fields.Int(metadata={"description": "the installation's default"})


class OrganisationChanges(Changes):
    name = Text(validate=validate.Length(min=1, max=200))
    timezone = Text(validate=validate.Length(min=1, max=64), metadata={"description": "an IANA name"})
    retention_months = fields.Int(
        allow_none=True,
        validate=validate.Range(min=1, max=120, error="Kies 1 tot 120 maanden, of laat het leeg."),
    )
