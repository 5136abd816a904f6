"""Logging in and out: /api/auth."""

from flask import current_app, g, request
from flask_smorest import Blueprint
from marshmallow import fields, validate

from api.auth import ANYONE, PUBLIC, allow
from api.extensions import limiter
from api.models import utcnow
from api.resources import resources
from api.schemas import Schema, UserSchema
from api.schemas.fields import Email, Text
from api.services import logins, second_factor
from vaktaal import login_codes
from vaktaal.accounts import normalize_email

blp = Blueprint("auth", __name__, url_prefix="/api/auth", description="Inloggen en uitloggen")


class PasswordLoginIn(Schema):
    email = Email(required=True, validate=validate.Length(max=320))
    password = Text(required=True, validate=validate.Length(min=1, max=500))


class CodeLoginIn(Schema):
    code = Text(required=True, validate=validate.Length(min=1, max=40))


class SecondFactorLoginIn(Schema):
    challenge = Text(required=True, validate=validate.Length(min=1, max=1000))
    code = Text(
        required=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "the 6 digits the authenticator app shows, or a recovery code"},
    )


class LoginOut(Schema):
    token = fields.Str(allow_none=True, metadata={"description": "null while a code must follow"})
    expires_at = fields.DateTime(allow_none=True)
    user = fields.Nested(UserSchema, allow_none=True)
    second_factor = fields.Str(
        allow_none=True,
        validate=validate.OneOf(["code", "setup"]),
        metadata={
            "description": "code: send the challenge with a code to /api/auth/login/second-factor for the token; "
            "setup: the token may only set up the second factor (/api/me/second-factor) until it is confirmed"
        },
    )
    challenge = fields.Str(allow_none=True, metadata={"description": "with second_factor=code, valid 5 minutes"})
    challenge_expires_at = fields.DateTime(allow_none=True)


# Password logins and their code steps count against one limit per account.
ACCOUNT_SCOPE = "staff-login-account"


def _per_address():
    return current_app.config["RATELIMIT_LOGIN_PER_ADDRESS"]


def _per_account():
    return current_app.config["RATELIMIT_LOGIN_PER_ACCOUNT"]


def _typed(name: str) -> str:
    body = request.get_json(silent=True)
    value = body.get(name) if isinstance(body, dict) else None
    return value if isinstance(value, str) else ""


def _email_key() -> str:
    """The account a password login is counted against, in the very form the login looks it up by: one address
    spelled with a Kelvin sign or in capitals is one account."""
    return "email:" + normalize_email(_typed("email"))


def _code_key() -> str:
    """The code a code login is counted against, as the login reads it (dashes, spaces, lower case, full width)."""
    typed = _typed("code")
    try:
        return "code:" + login_codes.normalize_code(typed)
    except ValueError:  # cannot log in anyway; counted by its folded text
        return "code:" + "".join(normalize_email(typed).split()).replace("-", "")


def _challenge_key() -> str:
    """The code step counts against the same account as its password step: wrong codes use up the same limit."""
    email = second_factor.challenge_email(_typed("challenge"), secret_key=resources().secret_key)
    return "email:" + normalize_email(email) if email else "email:"


def _device() -> str:
    return request.user_agent.string or ""


@blp.route("/login", methods=["POST"])
@allow(PUBLIC)
@limiter.limit(_per_address)
@limiter.shared_limit(_per_account, scope=ACCOUNT_SCOPE, key_func=_email_key)
@blp.arguments(PasswordLoginIn)
@blp.response(200, LoginOut)
def login(data):
    """Log in as staff with e-mail and password (with a second factor: a challenge for the code step)"""
    return logins.login_with_password(
        data["email"],
        data["password"],
        now=utcnow(),
        device=_device(),
        secret_key=resources().secret_key,
        require_2fa=bool(current_app.config["REQUIRE_2FA"]),
    )


@blp.route("/login/second-factor", methods=["POST"])
@allow(PUBLIC)
@limiter.limit(_per_address)
@limiter.shared_limit(_per_account, scope=ACCOUNT_SCOPE, key_func=_challenge_key)
@blp.arguments(SecondFactorLoginIn)
@blp.response(200, LoginOut)
def second_factor_login(data):
    """Log in as staff, second step: the password step's challenge and a code from the app (or a recovery code)"""
    return logins.login_with_second_factor(
        data["challenge"], data["code"], secret_key=resources().secret_key, now=utcnow(), device=_device()
    )


@blp.route("/code", methods=["POST"])
@allow(PUBLIC)
@limiter.limit(_per_address)
@limiter.limit(_per_account, key_func=_code_key)
@blp.arguments(CodeLoginIn)
@blp.response(200, LoginOut)
def code_login(data):
    """Log in as a participant with a personal login code"""
    return logins.login_with_code(data["code"], secret_key=resources().secret_key, now=utcnow(), device=_device())


@blp.route("/token", methods=["DELETE"])
@allow(ANYONE)
@blp.response(204)
def logout():
    """Log out this device (the token stops working)"""
    logins.logout(g.device_session, now=utcnow())
