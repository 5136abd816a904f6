"""Practice: a participant's cards (term x skill), their answers (append-only), assignments and sessions.

Every table here hangs off the participant (ON DELETE CASCADE), so exporting or erasing one person is one query.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db
from api.models.types import UTCDateTime, enum_type, utcnow
from api.models.wordlists import Term
from vaktaal.exercises import Result, Skill
from vaktaal.scheduling import RULES_VERSION


class Card(db.Model):
    """What a participant knows of one term in one skill: FSRS's memory state, replayed from the answers."""

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("participant_id", "term_id", "skill"),
        Index("ix_cards_participant_due", "participant_id", "due"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    skill: Mapped[Skill] = mapped_column(enum_type(Skill, "skill", 20))
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[int] = mapped_column(Integer, default=1)  # fsrs.State
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The grading rules (vaktaal.scheduling.RULES_VERSION) the state was computed under; older ones are replayed.
    # Cards from before the column existed were computed under rules 1.
    rules_version: Mapped[int] = mapped_column(Integer, default=RULES_VERSION, server_default="1")

    term: Mapped[Term] = relationship()


class ReviewEvent(db.Model):
    """One answer, exactly as the phone sent it. Never changed; erased only with the participant."""

    __tablename__ = "review_events"
    __table_args__ = (Index("ix_review_events_card_answered", "card_id", "answered_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the phone's UUID: a resent answer is a duplicate
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    result: Mapped[Result] = mapped_column(enum_type(Result, "result", 10))
    hint_used: Mapped[bool] = mapped_column(Boolean, default=False)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Assignment(db.Model):
    """A term a teacher assigned to a participant (a personal term). Un-assigning keeps the answers."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("participant_id", "term_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    term: Mapped[Term] = relationship()


class PracticeSession(db.Model):
    """A session handed to a participant's phone (the exercises themselves live on the phone)."""

    __tablename__ = "practice_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    size: Mapped[int] = mapped_column(Integer)
    introduced: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PracticeDay(db.Model):
    """One participant's practice on one day (their local day), kept up to date in the transaction that records
    the answers, so caseloads and reports cost the same however long the history of answers grows.

    ``known_change`` and ``mastered_change``: how many terms became known (or mastered) that day, minus those that
    fell back (a term counts by its best skill); their running sum is the vocabulary over time. Rebuilt from the
    answers by ``api.services.practice_days.rebuild`` (after cards are replayed).
    """

    __tablename__ = "practice_days"
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)  # correct answers and slips
    known_change: Mapped[int] = mapped_column(Integer, default=0)
    mastered_change: Mapped[int] = mapped_column(Integer, default=0)
    safety_mastered_change: Mapped[int] = mapped_column(Integer, default=0)
