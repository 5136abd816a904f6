"""The audit trail, consents and staff second factors: the tables of privacy and account safety."""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db
from api.models.people import User
from api.models.types import UTCDateTime, enum_type, utcnow
from vaktaal.privacy import AuditAction, ConsentPurpose, ConsentSource
from vaktaal.roles import Role


class AuditEntry(db.Model):
    """Who did what with whose data, when: ids and fixed words only, never free text or the data itself.

    Kept for ``VAKTAAL_AUDIT_RETENTION_DAYS``. Erasing a participant keeps their entries with ``participant_id``
    emptied and ``participant_pseudonym`` set, one pseudonym for all of that person's entries.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_organisation_id_at", "organisation_id", "at"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(db.Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The organisation whose data it is (or whose member acted); None for a failed login of an unknown address.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_role: Mapped[Role | None] = mapped_column(enum_type(Role, "audit_actor_role", 20))
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction, "audit_action", 20))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    participant_pseudonym: Mapped[str | None] = mapped_column(String(40))
    # The kind of object (``participant``, ``card``, ``visit``, ``export``, ...) and its id, when it has one.
    object_kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(BigInteger)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    participant: Mapped[User | None] = relationship(foreign_keys=[participant_id])


class Consent(db.Model):
    """One consent given or withdrawn, for one purpose; the latest row per purpose is what holds now."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[ConsentPurpose] = mapped_column(enum_type(ConsentPurpose, "consent_purpose", 40))
    given: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[ConsentSource] = mapped_column(enum_type(ConsentSource, "consent_source", 20))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RecoveryCode(db.Model):
    """A staff member's one-time recovery code for the second factor, kept as a hash; shown once."""

    __tablename__ = "recovery_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


__all__ = ["AuditEntry", "Consent", "RecoveryCode"]
