"""Logging in: staff by password, participants by login code; issuing and revoking codes and devices."""

from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update

from api.auth import hash_secret, issue_token
from api.extensions import db
from api.models import DeviceSession, LoginCode, User
from vaktaal import login_codes
from vaktaal.errors import Invalid
from vaktaal.roles import Role

hasher = PasswordHasher()
# Verified when an e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
_DUMMY_HASH = hasher.hash("not-a-password")

WRONG_PASSWORD = "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."
WRONG_CODE = "Deze code klopt niet. Kijk goed of vraag je docent om een nieuwe code."


@dataclass
class Login:
    token: str
    expires_at: datetime
    user: User


def hash_password(password: str) -> str:
    return hasher.hash(password)


def login_with_password(email: str, password: str, *, now: datetime, device: str = "") -> Login:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        raise Invalid(WRONG_PASSWORD) from None
    if user is None or not user.active or not user.role_enum.is_staff or stored is _DUMMY_HASH:
        raise Invalid(WRONG_PASSWORD)
    if hasher.check_needs_rehash(stored):
        user.password_hash = hasher.hash(password)
    token, session = issue_token(user, now=now, device=device)
    db.session.commit()
    return Login(token, session.expires_at, user)


def login_with_code(typed: str, *, now: datetime, device: str = "") -> Login:
    try:
        code = login_codes.normalize_code(typed)
    except ValueError:
        raise Invalid(WRONG_CODE) from None
    row = db.session.scalar(
        select(LoginCode).where(LoginCode.code_hash == hash_secret(code), LoginCode.revoked_at.is_(None))
    )
    user = db.session.get(User, row.participant_id) if row is not None else None
    if user is None or not user.active:
        raise Invalid(WRONG_CODE)
    token, session = issue_token(user, now=now, device=device, login_code_id=row.id)
    db.session.commit()
    return Login(token, session.expires_at, user)


def logout(session: DeviceSession, *, now: datetime) -> None:
    session.revoked_at = now
    db.session.commit()


def issue_login_code(participant: User, *, issued_by: User | None, now: datetime, code: str | None = None) -> str:
    """Give a participant a new login code, revoking the previous one. Returns the code (shown once)."""
    if participant.role_enum is not Role.PARTICIPANT:
        raise Invalid("Alleen deelnemers loggen in met een code.")
    revoke_login_codes(participant, now=now, commit=False)
    while True:
        new_code = code or login_codes.generate_code()
        if db.session.scalar(select(LoginCode.id).where(LoginCode.code_hash == hash_secret(new_code))) is None:
            break
        if code is not None:
            raise Invalid("Deze code is al in gebruik.")
    db.session.add(
        LoginCode(
            participant_id=participant.id,
            code_hash=hash_secret(new_code),
            issued_by_id=issued_by.id if issued_by else None,
            created_at=now,
        )
    )
    db.session.commit()
    return new_code


def revoke_login_codes(participant: User, *, now: datetime, commit: bool = True) -> None:
    db.session.execute(
        update(LoginCode)
        .where(LoginCode.participant_id == participant.id, LoginCode.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if commit:
        db.session.commit()


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


def revoke_devices(user: User, *, now: datetime) -> int:
    """Log a user out on every device (a lost phone). Returns how many sessions were ended."""
    result = db.session.execute(
        update(DeviceSession)
        .where(DeviceSession.user_id == user.id, DeviceSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    db.session.commit()
    return result.rowcount
