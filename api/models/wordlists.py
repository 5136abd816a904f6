"""Sectors and their terms: the shared wordlists and each organisation's own terms."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db
from api.models.types import UTCDateTime, enum_type, utcnow
from vaktaal.audio import AudioKind
from vaktaal.wordlists import Origin, ProposalStatus


class Sector(db.Model):
    __tablename__ = "sectors"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Term(db.Model):
    """A word or phrase of a sector. Shared terms have no organisation; an organisation's own terms do."""

    __tablename__ = "terms"
    __table_args__ = (
        # Keys are unique among a sector's shared terms, and among one organisation's own terms of a sector.
        Index(
            "uq_terms_shared_key",
            "sector_id",
            "key",
            unique=True,
            sqlite_where=text("organisation_id IS NULL"),
            postgresql_where=text("organisation_id IS NULL"),
        ),
        Index(
            "uq_terms_organisation_key",
            "sector_id",
            "organisation_id",
            "key",
            unique=True,
            sqlite_where=text("organisation_id IS NOT NULL"),
            postgresql_where=text("organisation_id IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    # The workplace where an organisation's term was first heard (captured on a visit).
    workplace_id: Mapped[int | None] = mapped_column(ForeignKey("workplaces.id", ondelete="SET NULL"))
    key: Mapped[str] = mapped_column(String(120))
    term: Mapped[str] = mapped_column(String(200))
    article: Mapped[str | None] = mapped_column(String(3))
    plural: Mapped[str | None] = mapped_column(String(200))
    pos: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(2))
    theme: Mapped[str] = mapped_column(String(80))
    example: Mapped[str] = mapped_column(Text)
    emoji: Mapped[str | None] = mapped_column(String(32))
    safety: Mapped[bool] = mapped_column(Boolean, default=False)
    # {"en": {"text": "...", "checked": false}, ...}
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    # Zipf frequency from wordfreq: practice introduces common words first.
    frequency: Mapped[float] = mapped_column(Float, default=0.0)
    # Imported from wordlists/, or created through the API (never retired by an import).
    origin: Mapped[Origin] = mapped_column(enum_type(Origin, "origin", 10), default=Origin.APP)
    # Order within its list, so an export writes the rows in the order of the file they came from.
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when an editor changes a shared term through the API; an import then reports a conflict instead of
    # overwriting the edit. Cleared when the file and the database agree again.
    edited_since_import: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    sector: Mapped[Sector] = relationship()


class TermProposal(db.Model):
    """A change to a shared term proposed by a teacher without the editor right; an editor accepts or rejects it."""

    __tablename__ = "term_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changes: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ProposalStatus] = mapped_column(enum_type(ProposalStatus, "status", 10), default=ProposalStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    term: Mapped[Term] = relationship()
    proposed_by: Mapped["User | None"] = relationship(foreign_keys=[proposed_by_id])  # noqa: F821


class AudioRecording(db.Model):
    """A person saying a term or its example, uploaded by a teacher or coach of an organisation.

    Its organisation's users hear it instead of text-to-speech; others hear the shared audio until an editor
    adopts the recording for the shared term. The newest recording of a term and kind wins.
    """

    __tablename__ = "audio_recordings"
    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[AudioKind] = mapped_column(enum_type(AudioKind, "kind", 10))
    store_key: Mapped[str] = mapped_column(String(80))
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    adopted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
