"""Schemas of staff's second factor (TOTP): its state, enrolment, confirmation with recovery codes."""

from marshmallow import fields, validate

from api.schemas import Schema
from api.schemas.fields import Text


class SecondFactorState(Schema):
    enabled = fields.Bool(metadata={"description": "codes are asked at login"})
    required = fields.Bool(metadata={"description": "required for this account: it cannot be switched off"})
    enabled_at = fields.DateTime(allow_none=True)
    recovery_codes_left = fields.Int(metadata={"description": "recovery codes not used yet"})
    setup_first = fields.Bool(metadata={"description": "this login may only set up the second factor"})


class Enrolment(Schema):
    secret = fields.Str(metadata={"description": "the secret to type into the app by hand (base32), shown once"})
    otpauth_uri = fields.Str(metadata={"description": "otpauth://totp/... for the authenticator app"})
    qr_url = fields.Str(metadata={"description": "the otpauth URI as a QR code, an SVG data: URL"})


class CodeIn(Schema):
    code = Text(
        required=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "the 6 digits the authenticator app shows (or, to switch it off, a recovery code)"},
    )


class RecoveryCodes(Schema):
    recovery_codes = fields.List(
        fields.Str(), metadata={"description": "10 one-time codes for when the phone is lost; shown only now"}
    )
