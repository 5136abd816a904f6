"""How an organisation's programme is arranged: groups, caseloads, workplaces and placements."""

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db
from api.models.people import User
from api.models.types import UTCDateTime, utcnow

group_teachers = Table(
    "group_teachers",
    db.metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("teacher_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

group_participants = Table(
    "group_participants",
    db.metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

# A coach's caseload.
caseload = Table(
    "caseload",
    db.metadata,
    Column("coach_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Group(db.Model):
    """A cohort: participants taught together by one or more teachers."""

    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    teachers: Mapped[list[User]] = relationship(secondary=group_teachers, order_by=User.name)
    participants: Mapped[list[User]] = relationship(secondary=group_participants, order_by=User.name)


class Workplace(db.Model):
    """An employer's site where participants work: the work floor, not a sector."""

    __tablename__ = "workplaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    employer: Mapped[str] = mapped_column(String(200))
    site: Mapped[str] = mapped_column(String(200), default="")
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sector: Mapped["Sector"] = relationship()  # noqa: F821


class Placement(db.Model):
    """A participant working at a workplace from a start date until an (open) end date."""

    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(primary_key=True)
    workplace_id: Mapped[int] = mapped_column(ForeignKey("workplaces.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    workplace: Mapped[Workplace] = relationship()
    participant: Mapped[User] = relationship()

    def is_current(self, today: date) -> bool:
        return self.start_date <= today and (self.end_date is None or today <= self.end_date)
