"""Levels: the assessments of a participant's skills and the coordinator's changes of their targets (vaktaal.levels).

Both are history: nothing is edited or deleted (a correction is a new assessment naming the one it corrects), except
by erasure, for which every row hangs off the participant (ON DELETE CASCADE).
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db
from api.models.people import User
from api.models.types import UTCDateTime, enum_type, utcnow
from vaktaal.exercises import Skill
from vaktaal.levels import AssessmentSource, Level, TargetStatus


class Assessment(db.Model):
    """One skill's level as a test, an exam, a teacher's observation or the intake found it on a date."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_participant_skill", "participant_id", "skill"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    skill: Mapped[Skill] = mapped_column(enum_type(Skill, "skill", 20))
    level: Mapped[Level] = mapped_column(enum_type(Level, "level", 5))
    assessed_on: Mapped[date] = mapped_column(Date)
    source: Mapped[AssessmentSource] = mapped_column(enum_type(AssessmentSource, "assessment_source", 12))
    test_name: Mapped[str | None] = mapped_column(String(120))
    # The staff's note (never medical or personal details): not shown to the participant.
    note: Mapped[str | None] = mapped_column(String(500))
    # The record this one corrects (same participant and skill); the corrected one stays as history.
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])


class TargetChange(db.Model):
    """A change of one skill's target (e.g. the municipality lowers B1 to A2), with the reason: recorded by a
    coordinator (in force), or proposed by a teacher until a coordinator puts it in force or declines it."""

    __tablename__ = "target_changes"
    __table_args__ = (Index("ix_target_changes_participant_skill", "participant_id", "skill"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    skill: Mapped[Skill] = mapped_column(enum_type(Skill, "skill", 20))
    level: Mapped[Level] = mapped_column(enum_type(Level, "level", 5))
    reason: Mapped[str] = mapped_column(String(300))
    # The day the target applies from.
    changed_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[TargetStatus] = mapped_column(
        enum_type(TargetStatus, "target_status", 10), default=TargetStatus.IN_FORCE
    )
    # For a proposal: the coordinator who put it in force or declined it, and when.
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
