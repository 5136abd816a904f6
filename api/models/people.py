"""Organisations, users, participant profiles and how they log in."""

import secrets
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from api.extensions import db
from api.models.types import UTCDateTime, enum_type, utcnow
from vaktaal.roles import DEFAULT_TIMEZONE, LinkPurpose, ParticipantStatus, Role, Route


class Organisation(db.Model):
    """The tenant: a municipality or region that runs a programme."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Part of the key that signs the organisation's media URLs (its own audio and recordings, visit photos);
    # rotating it retires every such URL.
    signing_key: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The organisation's settings (``GET/PATCH /api/organisation``): its time zone, and how many months after a
    # programme ended a participant is erased (None: VAKTAAL_RETENTION_MONTHS).
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE, server_default=DEFAULT_TIMEZONE)
    retention_months: Mapped[int | None] = mapped_column(Integer)
    # The thresholds of the caseload's attention flags (vaktaal.attention.Thresholds; None: its default).
    inactive_days: Mapped[int | None] = mapped_column(Integer)
    failing_terms: Mapped[int | None] = mapped_column(Integer)
    safety_behind: Mapped[int | None] = mapped_column(Integer)
    safety_grace_days: Mapped[int | None] = mapped_column(Integer)
    target_gap_steps: Mapped[int | None] = mapped_column(Integer)
    target_months_left: Mapped[int | None] = mapped_column(Integer)


class User(db.Model):
    """Anyone who logs in. Staff have an e-mail and password; participants a login code."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "role", 20))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # The content team's right to edit the shared sector wordlists: installation level, granted and revoked only by
    # the installation's administrators (``flask user grant editor EMAIL``), never by an organisation.
    is_editor: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Staff's second factor (TOTP): the secret, sealed with a key derived from SECRET_KEY; set while enrolling,
    # in force from ``totp_enabled_at``. ``totp_last_step`` refuses a code used twice.
    totp_secret: Mapped[str | None] = mapped_column(String(200))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    organisation: Mapped[Organisation] = relationship()
    profile: Mapped["ParticipantProfile | None"] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


participant_sectors = Table(
    "participant_sectors",
    db.metadata,
    Column("participant_id", ForeignKey("participant_profiles.user_id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class ParticipantProfile(db.Model):
    """What the programme needs to know about a participant, and nothing more (no health, debt or family data)."""

    __tablename__ = "participant_profiles"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    support_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    route: Mapped[Route | None] = mapped_column(enum_type(Route, "route", 20))
    start_date: Mapped[date | None] = mapped_column(Date)
    # The route's deadline as the coordinator set it (None: start_date + vaktaal.levels.ROUTE_YEARS).
    deadline: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    # New terms a day, set by a teacher (None: the default in vaktaal.sessions).
    daily_new_limit: Mapped[int | None] = mapped_column(Integer)
    # The higher cap for a learner who asks for more new terms (None: the default in vaktaal.sessions).
    daily_new_max: Mapped[int | None] = mapped_column(Integer)
    # The day the participant's programme ended (finished or left), as a coordinator marked it; the retention job
    # erases them VAKTAAL_RETENTION_MONTHS later (after aftercare, for a finished route).
    ended_on: Mapped[date | None] = mapped_column(Date)
    # Where they are in the programme (vaktaal.roles.ParticipantStatus) and since when.
    status: Mapped[ParticipantStatus] = mapped_column(
        enum_type(ParticipantStatus, "participant_status", 20),
        default=ParticipantStatus.ACTIVE,
        server_default=ParticipantStatus.ACTIVE.value,
    )
    status_since: Mapped[date | None] = mapped_column(Date)
    # The coordinator's own client number for them: never a BSN (refused at the edge).
    ref: Mapped[str | None] = mapped_column(String(40))

    user: Mapped[User] = relationship(back_populates="profile")
    sectors: Mapped[list["Sector"]] = relationship(secondary=participant_sectors, order_by="Sector.position")  # noqa: F821


class LoginCode(db.Model):
    """A participant's personal login code; issuing a new one revokes the old.

    Only an HMAC of the code is kept, keyed with a key derived from the app's SECRET_KEY: codes are short enough to
    try them all, so a copy of the database alone must not be enough to find them (``api.services.logins``).
    """

    __tablename__ = "login_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # False: a plain SHA-256 of the code, from before migration 0010; the code's first use replaces it by the HMAC.
    keyed: Mapped[bool] = mapped_column(Boolean, default=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccountLink(db.Model):
    """A one-time link for a staff member to choose a password: the first one (``setup``) or a forgotten one
    (``reset``). Handed over by the coordinator (no e-mail is sent); kept only as an HMAC keyed from SECRET_KEY,
    valid until ``expires_at`` and for one use; issuing a new one retires the user's older ones."""

    __tablename__ = "account_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[LinkPurpose] = mapped_column(enum_type(LinkPurpose, "link_purpose", 20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DeviceSession(db.Model):
    """One login on one device: a bearer token (kept as a hash) with its own expiry."""

    __tablename__ = "device_sessions"
    __table_args__ = (UniqueConstraint("token_hash"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    login_code_id: Mapped[int | None] = mapped_column(ForeignKey("login_codes.id", ondelete="SET NULL"))
    device: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A staff login whose second factor is required but not set up yet: this token reaches only the enrolment
    # routes until the second factor is confirmed with it (api.routes.second_factor).
    second_factor_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    user: Mapped[User] = relationship()


__all__ = [
    "AccountLink",
    "Organisation",
    "User",
    "ParticipantProfile",
    "LoginCode",
    "DeviceSession",
    "participant_sectors",
]
