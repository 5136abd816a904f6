"""Sectors and their terms: the shared wordlists and each organisation's own terms."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db
from api.models.types import UTCDateTime, utcnow


class Sector(db.Model):
    __tablename__ = "sectors"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Term(db.Model):
    """A word or phrase of a sector. Shared terms have no organisation; an organisation's own terms do."""

    __tablename__ = "terms"
    __table_args__ = (Index("ix_terms_sector_key", "sector_id", "key", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
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
    # "file": imported from wordlists/; "app": created through the API (never retired by an import).
    origin: Mapped[str] = mapped_column(String(10), default="app")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    sector: Mapped[Sector] = relationship()
