"""Schemas of staff accounts: one-time links, staff management, the organisation's settings."""

from marshmallow import fields, validate

from api.schemas import Changes, Schema
from api.schemas.fields import Email, Text
from vaktaal import passwords
from vaktaal.attention import LIMITS
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


# What each threshold of the attention flags means (vaktaal.attention.Thresholds).
THRESHOLDS = {
    "inactive_days": "flag 'inactive': no practice for this many days or more",
    "failing_terms": "flag 'failing_terms': this many terms or more keep failing",
    "safety_behind": "flag 'safety_behind': more than this many safety terms introduced long ago, still not known",
    "safety_grace_days": "flag 'safety_behind': 'long ago' is more than this many days ago",
    "target_gap_steps": "flag 'far_from_target': a skill this many half steps or more below its target ...",
    "target_months_left": "flag 'far_from_target': ... with less than this many months to the deadline",
}


class ThresholdsOut(Schema):
    """The defaults of the attention flags' thresholds."""

    inactive_days = fields.Int(metadata={"description": THRESHOLDS["inactive_days"]})
    failing_terms = fields.Int(metadata={"description": THRESHOLDS["failing_terms"]})
    safety_behind = fields.Int(metadata={"description": THRESHOLDS["safety_behind"]})
    safety_grace_days = fields.Int(metadata={"description": THRESHOLDS["safety_grace_days"]})
    target_gap_steps = fields.Int(metadata={"description": THRESHOLDS["target_gap_steps"]})
    target_months_left = fields.Int(metadata={"description": THRESHOLDS["target_months_left"]})


def _threshold(name: str, *, load: bool) -> fields.Int:
    low, high = LIMITS[name]
    extra = {"validate": validate.Range(min=low, max=high, error=f"Kies {low} tot {high}, of laat het leeg.")}
    return fields.Int(
        allow_none=True,
        metadata={"description": f"{THRESHOLDS[name]} ({low}-{high}; null: the default)"},
        **(extra if load else {}),
    )


class OrganisationOut(Schema):
    id = fields.Int()
    name = fields.Str()
    timezone = fields.Str()
    retention_months = fields.Int(
        allow_none=True, metadata={"description": "months after a programme ended before erasure; null: default"}
    )
    default_retention_months = fields.Int(metadata={"description": "the installation's default"})
    inactive_days = _threshold("inactive_days", load=False)
    failing_terms = _threshold("failing_terms", load=False)
    safety_behind = _threshold("safety_behind", load=False)
    safety_grace_days = _threshold("safety_grace_days", load=False)
    target_gap_steps = _threshold("target_gap_steps", load=False)
    target_months_left = _threshold("target_months_left", load=False)
    default_thresholds = fields.Nested(ThresholdsOut, metadata={"description": "the defaults of the thresholds"})


class OrganisationChanges(Changes):
    name = Text(validate=validate.Length(min=1, max=200))
    timezone = Text(validate=validate.Length(min=1, max=64), metadata={"description": "an IANA name"})
    retention_months = fields.Int(
        allow_none=True,
        validate=validate.Range(min=1, max=120, error="Kies 1 tot 120 maanden, of laat het leeg."),
    )
    inactive_days = _threshold("inactive_days", load=True)
    failing_terms = _threshold("failing_terms", load=True)
    safety_behind = _threshold("safety_behind", load=True)
    safety_grace_days = _threshold("safety_grace_days", load=True)
    target_gap_steps = _threshold("target_gap_steps", load=True)
    target_months_left = _threshold("target_months_left", load=True)
