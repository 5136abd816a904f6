"""Workplace visits: what a teacher (or a coach) heard on the work floor, and for whom."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db
from api.models.people import User
from api.models.programme import Workplace
from api.models.types import UTCDateTime, enum_type, utcnow
from api.models.wordlists import AudioRecording, Term
from vaktaal.visits import ObservationStatus

visit_participants = Table(
    "visit_participants",
    db.metadata,
    Column("visit_id", ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

observation_participants = Table(
    "observation_participants",
    db.metadata,
    Column("observation_id", ForeignKey("observations.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Visit(db.Model):
    """A visit to a workplace by a teacher (or a coach's own floor visit).

    A visit recorded on a phone without a connection carries the phone's own id (``client_id``, a UUID), unique per
    organisation, and a digest of what was sent (``client_digest``): sending it again returns this visit, sending
    other content under the same id is refused.
    """

    __tablename__ = "visits"
    __table_args__ = (UniqueConstraint("organisation_id", "client_id", name="uq_visits_organisation_id_client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    workplace_id: Mapped[int] = mapped_column(ForeignKey("workplaces.id", ondelete="CASCADE"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    date: Mapped[date] = mapped_column(Date)
    # Work notes only: what was practised and heard. Never health, debts, family or other personal matters.
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    client_id: Mapped[str | None] = mapped_column(String(36))
    client_digest: Mapped[str | None] = mapped_column(String(64))

    workplace: Mapped[Workplace] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    participants: Mapped[list[User]] = relationship(secondary=visit_participants, order_by=User.name)
    observations: Mapped[list["Observation"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Observation.id"
    )


class Observation(db.Model):
    """A term heard on a visit, the sentence as heard, an optional photo and recording, and who it is for.

    A teacher's observation is assigned at once; a coach's waits as a suggestion until a teacher approves it. Like a
    visit, it may carry the phone's own id (unique per organisation, hence the organisation here too) and a digest of
    what was sent; ``advice`` keeps what the checks said about a new term, so a retry gets the same answer.
    """

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint("organisation_id", "client_id", name="uq_observations_organisation_id_client_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    context: Mapped[str] = mapped_column(Text, default="")
    photo_key: Mapped[str | None] = mapped_column(String(80))
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("audio_recordings.id", ondelete="SET NULL"))
    status: Mapped[ObservationStatus] = mapped_column(
        enum_type(ObservationStatus, "status", 12), default=ObservationStatus.ASSIGNED
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    client_id: Mapped[str | None] = mapped_column(String(36))
    client_digest: Mapped[str | None] = mapped_column(String(64))
    advice: Mapped[list[str]] = mapped_column(JSON, default=list)

    visit: Mapped[Visit] = relationship(back_populates="observations")
    term: Mapped[Term] = relationship()
    recording: Mapped[AudioRecording | None] = relationship()
    participants: Mapped[list[User]] = relationship(secondary=observation_participants, order_by=User.name)
