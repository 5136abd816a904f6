"""Logging in: staff by password, participants by login code; device sessions; issuing and revoking codes.

A login code is short (8 characters of 21: about 3.8e10 codes), so a plain hash of it can be reversed by trying
every code. Codes are stored as an HMAC keyed with a key derived from SECRET_KEY (``code_hash``): a copy of the
database alone gives nothing back. Changing SECRET_KEY therefore retires every login code. Tokens are random 256-bit
secrets and keep a plain SHA-256.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload

from api import links
from api.extensions import db
from api.models import DeviceSession, LoginCode, User
from api.qr import qr_data_url
from api.services import audit, locks, participants_admin, second_factor, transaction, use_case
from api.services.devices import revoke_devices  # noqa: F401  (the routes call it as logins.revoke_devices)
from vaktaal import login_codes, tokens
from vaktaal.accounts import normalize_email
from vaktaal.errors import Invalid
from vaktaal.login_codes import format_code
from vaktaal.privacy import AuditAction
from vaktaal.roles import Role
from vaktaal.tokens import hash_secret

hasher = PasswordHasher()
# Verified when an e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
_DUMMY_HASH = hasher.hash("not-a-password")

WRONG_PASSWORD = "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."
WRONG_CODE = "Deze code klopt niet. Kijk goed of vraag je docent om een nieuwe code."


@dataclass
class Login:
    """A login's answer: a token, or (``second_factor="code"``) a challenge to send back with a code first.
    ``second_factor="setup"``: the token reaches only the enrolment routes until the second factor is set up."""

    token: str | None
    expires_at: datetime | None
    user: User | None
    second_factor: str | None = None
    challenge: str | None = None
    challenge_expires_at: datetime | None = None


@dataclass
class LoginCard:
    """A new login code as it is handed over: the code (shown once), the link, and a QR code of the link."""

    code: str
    login_url: str
    qr_url: str


def hash_password(password: str) -> str:
    return hasher.hash(password)


def code_hash(code: str, *, secret_key: str) -> str:
    """What is stored of a login code: an HMAC-SHA256 of it, keyed with a key derived from the app's secret (its
    own purpose string, so no other use of SECRET_KEY ever computes the same value)."""
    key = hmac.new(secret_key.encode(), b"vaktaal login codes", hashlib.sha256).digest()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def _find_code(code: str, *, secret_key: str) -> LoginCode | None:
    """The live row of a code: stored as its HMAC, or still as the plain SHA-256 of before migration 0010, which
    is then replaced by the HMAC (part of the login's transaction)."""
    keyed = code_hash(code, secret_key=secret_key)
    row = db.session.scalar(
        select(LoginCode).where(
            or_(
                LoginCode.code_hash == keyed,
                (LoginCode.code_hash == hash_secret(code)) & LoginCode.keyed.is_(False),
            ),
            LoginCode.revoked_at.is_(None),
        )
    )
    if row is not None and not row.keyed:
        row.code_hash, row.keyed = keyed, True
    return row


def _code_taken(code: str, *, secret_key: str) -> bool:
    """Whether any row, live or revoked, keyed or not, holds this code (the column is unique)."""
    hashes = [code_hash(code, secret_key=secret_key), hash_secret(code)]
    return db.session.scalar(select(LoginCode.id).where(LoginCode.code_hash.in_(hashes)).limit(1)) is not None


def issue_token(
    user: User, *, now: datetime, device: str = "", login_code_id: int | None = None, second_factor_pending=False
):
    """Add a device session for ``user`` (part of a login use case); returns (token, session). Only the token's
    hash is stored. ``second_factor_pending``: the token may only set up the second factor."""
    token = secrets.token_urlsafe(32)
    session = DeviceSession(
        user_id=user.id,
        token_hash=hash_secret(token),
        login_code_id=login_code_id,
        device=device[:120],
        created_at=now,
        last_used_at=now,
        expires_at=tokens.initial_expiry(user.role, now=now),
        second_factor_pending=second_factor_pending,
    )
    db.session.add(session)
    return token, session


def authenticate(token: str, *, now: datetime) -> DeviceSession | None:
    """The live device session of a bearer token, its expiry slid forward when due; None when it is not valid.

    Most requests only read; the expiry is written (and committed) at most once an hour per device.
    """
    session = db.session.scalar(
        select(DeviceSession)
        .where(DeviceSession.token_hash == hash_secret(token))
        .options(joinedload(DeviceSession.user).joinedload(User.profile))
    )
    if session is None or session.revoked_at is not None or session.expires_at <= now or not session.user.active:
        return None
    if participants_admin.login_refusal(session.user, now=now):  # left, or finished past aftercare
        return None
    new_expiry = tokens.refreshed_expiry(session.user.role, session.expires_at, session.last_used_at, now=now)
    if new_expiry is not None:
        with transaction():
            session.last_used_at = now
            session.expires_at = new_expiry
    return session


def login_with_password(
    email: str, password: str, *, now: datetime, secret_key: str, device: str = "", require_2fa: bool = False
) -> Login:
    """Log a staff member in; a refused login is audited (``login-failed``) in a transaction of its own.

    With a second factor the answer is a challenge (no token) for ``login_with_second_factor``; when one is required
    (``require_2fa``: for all staff) but not set up, the token may only set it up. ``secret_key``: the app's."""
    try:
        return _login_with_password(
            email, password, now=now, device=device, secret_key=secret_key, require_2fa=require_2fa
        )
    except Invalid:
        audit.record_failed_login(email, now=now)
        raise


@use_case
def _login_with_password(
    email: str, password: str, *, now: datetime, device: str, secret_key: str, require_2fa: bool
) -> Login:
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        raise Invalid(WRONG_PASSWORD) from None
    if user is None or not user.active or not user.role.is_staff or stored is _DUMMY_HASH:
        raise Invalid(WRONG_PASSWORD)
    if hasher.check_needs_rehash(stored):
        user.password_hash = hasher.hash(password)
    if second_factor.is_enabled(user):
        challenge = second_factor.make_challenge(user, secret_key=secret_key, now=now)
        return Login(None, None, None, "code", challenge.challenge, challenge.expires_at)
    setup_first = second_factor.is_required(user, require_all=require_2fa)
    token, session = issue_token(user, now=now, device=device, second_factor_pending=setup_first)
    audit.record(user, AuditAction.LOGIN, now=now, object_kind="account", object_id=user.id)
    return Login(token, session.expires_at, user, "setup" if setup_first else None)


def login_with_second_factor(challenge: str, code: str, *, secret_key: str, now: datetime, device: str = "") -> Login:
    """The second step of a staff login: the challenge of a correct password and a code from the authenticator app
    (or a recovery code, which then is used up). A refusal is audited (``login-failed``) in a transaction of its
    own."""
    try:
        return _login_with_second_factor(challenge, code, secret_key=secret_key, now=now, device=device)
    except Invalid:
        audit.record_failed_login(second_factor.challenge_email(challenge, secret_key=secret_key) or "", now=now)
        raise


@use_case
def _login_with_second_factor(challenge: str, code: str, *, secret_key: str, now: datetime, device: str) -> Login:
    user = second_factor.challenged_user(challenge, secret_key=secret_key, now=now)
    second_factor.check_code(user, code, secret_key=secret_key, now=now)
    token, session = issue_token(user, now=now, device=device)
    audit.record(user, AuditAction.LOGIN, now=now, object_kind="account", object_id=user.id)
    return Login(token, session.expires_at, user)


@use_case
def login_with_code(typed: str, *, secret_key: str, now: datetime, device: str = "") -> Login:
    """Log a participant in with their login code (``secret_key``: the app's, which keys the stored codes)."""
    try:
        code = login_codes.normalize_code(typed)
    except ValueError:
        raise Invalid(WRONG_CODE) from None
    row = _find_code(code, secret_key=secret_key)
    user = db.session.get(User, row.participant_id) if row is not None else None
    if user is None or not user.active:
        raise Invalid(WRONG_CODE)
    refusal = participants_admin.login_refusal(user, now=now)
    if refusal:
        raise Invalid(refusal)
    token, session = issue_token(user, now=now, device=device, login_code_id=row.id)
    audit.record(user, AuditAction.LOGIN, now=now, participant_id=user.id, object_kind="login-code", object_id=row.id)
    return Login(token, session.expires_at, user)


@use_case
def logout(session: DeviceSession, *, now: datetime) -> None:
    session.revoked_at = now
    user = session.user
    mine = user.id if user.role is Role.PARTICIPANT else None
    audit.record(
        user, AuditAction.REMOVE, now=now, participant_id=mine, object_kind="device-session", object_id=session.id
    )


@use_case
def issue_login_code(
    participant: User, *, issued_by: User | None, secret_key: str, now: datetime, code: str | None = None
) -> str:
    """Give a participant a new login code, revoking the previous one. Returns the code (shown once); only its
    HMAC under ``secret_key`` (the app's) is stored. Two at the same moment run one after the other (the
    participant is locked), so the later code revokes the earlier one, as it would a minute later."""
    if participant.role is not Role.PARTICIPANT:
        raise Invalid("Alleen deelnemers loggen in met een code.")
    locks.lock(User, participant.id)
    revoke_login_codes(participant, now=now)
    while True:
        new_code = code or login_codes.generate_code()
        if not _code_taken(new_code, secret_key=secret_key):
            break
        if code is not None:
            raise Invalid("Deze code is al in gebruik.")
    db.session.add(
        LoginCode(
            participant_id=participant.id,
            code_hash=code_hash(new_code, secret_key=secret_key),
            keyed=True,
            issued_by_id=issued_by.id if issued_by else None,
            created_at=now,
        )
    )
    return new_code


def login_card(code: str, *, base_url: str) -> LoginCard:
    """What a participant's login card shows: the code as ABCD-EFGH, and the link as a QR code to scan."""
    url = links.login(base_url, code)
    return LoginCard(code=format_code(code), login_url=url, qr_url=qr_data_url(url))


@use_case
def revoke_login_codes(participant: User, *, now: datetime) -> None:
    db.session.execute(
        update(LoginCode)
        .where(LoginCode.participant_id == participant.id, LoginCode.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def active_devices(user: User, *, now: datetime) -> list[DeviceSession]:
    return list(
        db.session.scalars(
            select(DeviceSession)
            .where(
                DeviceSession.user_id == user.id,
                DeviceSession.revoked_at.is_(None),
                DeviceSession.expires_at > now,
            )
            .order_by(DeviceSession.last_used_at.desc())
        )
    )
