"""How an organisation's programme is arranged: groups, caseloads, workplaces and placements."""

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, String, Table, func
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

# Membership with dates (rolling in- and outflow): one row per stint in the group, history kept. A member today
# has joined_on <= today and left_on NULL or >= today.
group_participants = Table(
    "group_participants",
    db.metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("joined_on", Date, primary_key=True, server_default=func.current_date()),
    Column("left_on", Date),
)

# A coach's caseload, dated like group membership.
caseload = Table(
    "caseload",
    db.metadata,
    Column("coach_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("started_on", Date, primary_key=True, server_default=func.current_date()),
    Column("ended_on", Date),
)


class Group(db.Model):
    """A cohort: participants taught together by one or more teachers."""

    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
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
    # The employer's contact person on the work floor, by name only.
    contact_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
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
