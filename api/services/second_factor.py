"""Staff's second factor: TOTP codes from an authenticator app, recovery codes, and the login's second step.

Required for coordinators and content editors, optional for teachers and coaches; ``require_all`` (the app's
``VAKTAAL_REQUIRE_2FA``) makes it required for all staff. Participants never have one (they log in by code). The
demo's staff accounts, whose password is public anyway, are never forced; they may enrol.

The TOTP secret is stored sealed (Fernet: AES-128-CBC and HMAC-SHA256) with a key derived from SECRET_KEY, so a copy
of the database alone gives no secret away; recovery codes are stored as an HMAC keyed from it, as login codes are.
A code is accepted once: ``User.totp_last_step`` is the time step of the last code used, and a code of that step or
an earlier one is refused. A password login of an account with a second factor answers with a short-lived signed
challenge instead of a token; the token comes with the second step.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from itsdangerous import BadSignature, URLSafeSerializer
from pyotp.exceptions import OTPVerificationError
from sqlalchemy import delete, func, select

from api.extensions import db
from api.models import DeviceSession, RecoveryCode, User
from api.qr import qr_data_url
from api.services import audit, locks, use_case
from api.services.devices import revoke_devices
from vaktaal.accounts import normalize_email
from vaktaal.errors import Conflict, Forbidden, Invalid, NotFound
from vaktaal.login_codes import ALPHABET
from vaktaal.privacy import AuditAction
from vaktaal.roles import Role

ISSUER = "Vaktaal"
# How long the challenge of a password login may wait for its code.
CHALLENGE_LIFETIME = timedelta(minutes=5)
# Codes of the step before and after the current one are accepted too (a phone's clock a little off).
VALID_WINDOW = 1
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_LENGTH = 10

WRONG_CODE = "Deze code klopt niet. Kijk in je app welke code er nu staat, of gebruik een herstelcode."
USED_CODE = "Deze code is al gebruikt. Wacht tot je app een nieuwe code laat zien."
EXPIRED_CHALLENGE = "Het inloggen duurde te lang. Log opnieuw in met je e-mailadres en wachtwoord."
NOT_STARTED = "Begin opnieuw: kies eerst 'Tweestapsverificatie instellen' en scan de nieuwe QR-code."
ALREADY_ON = "Tweestapsverificatie staat al aan."
REQUIRED = "Voor jouw account is tweestapsverificatie verplicht. Je kunt hem niet uitzetten."
UNREADABLE = "Je tweede stap werkt niet meer op deze server. Vraag de beheerder om hem opnieuw in te stellen."
STAFF_ONLY = "Alleen medewerkers loggen in met een tweede stap."


@dataclass
class Enrolment:
    """A second factor being set up: the secret (to type in by hand), its otpauth URI and that URI as a QR code."""

    secret: str
    otpauth_uri: str
    qr_url: str


@dataclass
class State:
    """What a staff member's second factor looks like now."""

    enabled: bool
    required: bool
    enabled_at: datetime | None
    recovery_codes_left: int
    setup_first: bool  # this login may only set up the second factor


@dataclass
class Challenge:
    """The answer to a correct password when a code must follow: signed, short-lived, naming the account."""

    challenge: str
    expires_at: datetime


def _key(secret_key: str, purpose: bytes) -> bytes:
    return hmac.new(secret_key.encode(), purpose, hashlib.sha256).digest()


def _fernet(secret_key: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key(secret_key, b"vaktaal totp secrets")))


def seal(secret: str, *, secret_key: str) -> str:
    """What is stored of a TOTP secret: encrypted and authenticated with a key derived from the app's secret."""
    return _fernet(secret_key).encrypt(secret.encode()).decode()


def unseal(sealed: str, *, secret_key: str) -> str:
    try:
        return _fernet(secret_key).decrypt(sealed.encode()).decode()
    except InvalidToken:
        # SECRET_KEY changed since enrolment: the second factor must be reset (flask user reset-2fa).
        raise Invalid(UNREADABLE) from None


def recovery_hash(code: str, *, secret_key: str) -> str:
    return hmac.new(_key(secret_key, b"vaktaal recovery codes"), code.encode(), hashlib.sha256).hexdigest()


def normalize_recovery_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def _new_recovery_code() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return f"{code[:5]}-{code[5:]}"


def is_demo_account(user: User) -> bool:
    """One of the demo's staff accounts (their password is in the README)."""
    from api.services.demo import STAFF  # the demo imports logins, which imports this module

    return user.email in {email for _, _, email, _ in STAFF}


def is_required(user: User, *, require_all: bool) -> bool:
    """Whether this account must log in with a second factor."""
    if not user.role.is_staff or is_demo_account(user):
        return False
    return require_all or user.role is Role.COORDINATOR or user.is_editor


def is_enabled(user: User) -> bool:
    return user.totp_enabled_at is not None and user.totp_secret is not None


def state(user: User, *, require_all: bool, session: DeviceSession | None = None) -> State:
    left = db.session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
    return State(
        enabled=is_enabled(user),
        required=is_required(user, require_all=require_all),
        enabled_at=user.totp_enabled_at,
        recovery_codes_left=left if is_enabled(user) else 0,
        setup_first=bool(session is not None and session.second_factor_pending),
    )


def _totp(secret: str, user: User) -> pyotp.TOTP:
    return pyotp.TOTP(secret, name=user.email or str(user.id), issuer=ISSUER)


def _check_totp(user: User, code: str, *, secret_key: str, now: datetime) -> None:
    """Accept a TOTP code once: the step it belongs to must be later than the last one used."""
    totp = _totp(unseal(user.totp_secret, secret_key=secret_key), user)
    try:
        step = totp.verify_and_get_timecode(code, for_time=now, valid_window=VALID_WINDOW)
    except OTPVerificationError:
        raise Invalid(WRONG_CODE, errors={"json": {"code": [WRONG_CODE]}}) from None
    if user.totp_last_step is not None and step <= user.totp_last_step:
        raise Invalid(USED_CODE, errors={"json": {"code": [USED_CODE]}})
    user.totp_last_step = step


def _check_recovery_code(user: User, typed: str, *, secret_key: str, now: datetime) -> None:
    row = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == recovery_hash(normalize_recovery_code(typed), secret_key=secret_key),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        raise Invalid(WRONG_CODE, errors={"json": {"code": [WRONG_CODE]}})
    row.used_at = now


def _lock(user: User) -> None:
    """Lock the user's row and read it again: a code another request used meanwhile counts as used."""
    db.session.flush()
    locks.lock(User, user.id)
    db.session.refresh(user)


def check_code(user: User, typed: str, *, secret_key: str, now: datetime) -> None:
    """Check a code from the app (6 digits) or a recovery code, and use it up; raises Invalid when it is wrong.

    Part of the caller's transaction, with the user's row locked first, so the same code sent twice at the same
    moment passes once.
    """
    _lock(user)
    code = "".join(typed.split())
    if code.isdigit() and len(code) == 6:
        _check_totp(user, code, secret_key=secret_key, now=now)
    else:
        _check_recovery_code(user, code, secret_key=secret_key, now=now)


# Enrolment -----------------------------------------------------------------------------------------------------


@use_case
def start_enrolment(user: User, *, secret_key: str) -> Enrolment:
    """Make a new secret for the user's authenticator app (replacing one not yet confirmed). The second factor is
    in force only once a code from the app confirms it."""
    if not user.role.is_staff:
        raise Forbidden(STAFF_ONLY)
    if is_enabled(user):
        raise Conflict(ALREADY_ON)
    secret = pyotp.random_base32()
    user.totp_secret = seal(secret, secret_key=secret_key)
    user.totp_enabled_at = None
    user.totp_last_step = None
    uri = _totp(secret, user).provisioning_uri()
    return Enrolment(secret=secret, otpauth_uri=uri, qr_url=qr_data_url(uri, scale=5))


@use_case
def confirm_enrolment(
    user: User, code: str, *, secret_key: str, now: datetime, session: DeviceSession | None = None
) -> list[str]:
    """Switch the second factor on with a first code from the app. Returns the recovery codes (shown once; only
    their HMAC is kept). The login ``session`` it is confirmed with may then reach everything its role may."""
    if not user.role.is_staff:
        raise Forbidden(STAFF_ONLY)
    _lock(user)
    if is_enabled(user):
        raise Conflict(ALREADY_ON)
    if user.totp_secret is None:
        raise Invalid(NOT_STARTED)
    _check_totp(user, "".join(code.split()), secret_key=secret_key, now=now)
    user.totp_enabled_at = now
    codes = _replace_recovery_codes(user, secret_key=secret_key)
    if session is not None:
        session.second_factor_pending = False
    audit.record(user, AuditAction.CHANGE, now=now, object_kind="second-factor", object_id=user.id)
    return codes


def _replace_recovery_codes(user: User, *, secret_key: str) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=recovery_hash(normalize_recovery_code(c), secret_key=secret_key))
        for c in codes
    )
    return codes


def _clear(user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


@use_case
def disable(user: User, code: str, *, secret_key: str, now: datetime, require_all: bool) -> None:
    """Switch the second factor off with a current code (or a recovery code), where it is optional. Again, or
    without one, it only drops a secret not yet confirmed."""
    if is_required(user, require_all=require_all):
        raise Forbidden(REQUIRED)
    if not is_enabled(user):
        _clear(user)
        return
    check_code(user, code, secret_key=secret_key, now=now)
    _clear(user)
    audit.record(user, AuditAction.REMOVE, now=now, object_kind="second-factor", object_id=user.id)


@use_case
def reset(email: str, *, now: datetime) -> User:
    """An administrator's reset (a lost phone and lost recovery codes; ``flask user reset-2fa EMAIL``): the second
    factor is off, and set up again at the next login where it is required. The user's logins end.

    Raises:
        NotFound: If no staff account has this e-mail.
    """
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None or not user.role.is_staff:
        raise NotFound(f"Er is geen medewerker met {email.strip()}.")
    _clear(user)
    revoke_devices(user, now=now)
    audit.record(
        None,
        AuditAction.REMOVE,
        now=now,
        object_kind="second-factor",
        object_id=user.id,
        organisation_id=user.organisation_id,
    )
    return user


# The login's second step --------------------------------------------------------------------------------------


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="vaktaal second factor challenge")


def make_challenge(user: User, *, secret_key: str, now: datetime) -> Challenge:
    """What a correct password earns when a code must follow. It names the account (its id, and its address for
    the login's rate limit) and expires; it is worth nothing without a code."""
    expires = now + CHALLENGE_LIFETIME
    payload = {"u": user.id, "e": user.email, "x": int(expires.timestamp())}
    return Challenge(challenge=_serializer(secret_key).dumps(payload), expires_at=expires)


def _payload(challenge: str, *, secret_key: str) -> dict | None:
    try:
        payload = _serializer(secret_key).loads(challenge)
    except BadSignature:
        return None
    return payload if isinstance(payload, dict) else None


def challenge_email(challenge: str, *, secret_key: str) -> str | None:
    """The (normalized) address a valid challenge names, for the login's per-account rate limit; None otherwise."""
    payload = _payload(challenge, secret_key=secret_key)
    email = payload.get("e") if payload else None
    return email if isinstance(email, str) else None


def challenged_user(challenge: str, *, secret_key: str, now: datetime) -> User:
    """The active staff member with a second factor a live challenge names; Invalid otherwise."""
    payload = _payload(challenge, secret_key=secret_key)
    try:
        user_id, expires = int(payload["u"]), int(payload["x"])
    except (TypeError, KeyError, ValueError):
        raise Invalid(EXPIRED_CHALLENGE) from None
    if expires < now.timestamp():
        raise Invalid(EXPIRED_CHALLENGE)
    user = db.session.get(User, user_id)
    if user is None or not user.active or not user.role.is_staff or not is_enabled(user):
        raise Invalid(EXPIRED_CHALLENGE)
    return user
