"""Nothing kept longer than needed: the daily retention job (``flask --app wsgi retention``, and ``flask setup``).

It erases the participants whose programme ended more than ``RETENTION_MONTHS`` ago (through the erasure use case,
one transaction per person, so one failure leaves the others done), and deletes device logins past their expiry
(or revoked more than ``REVOKED_DAYS`` ago), login codes revoked more than ``REVOKED_DAYS`` ago, and audit entries
older than ``AUDIT_RETENTION_DAYS``. It reports counts only: nothing personal reaches the terminal or the log.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, or_, select

from api.extensions import db
from api.models import AuditEntry, DeviceSession, LoginCode, Organisation, ParticipantProfile, User
from api.services import use_case
from api.services.erasure import erase_participant, programme_cutoff
from vaktaal.roles import AFTERCARE_MONTHS, ParticipantStatus, Role

# A revoked login code or device login is kept this long, so a coordinator can still see what was revoked when a
# participant asks why their code no longer works; then it goes.
REVOKED_DAYS = 30


@dataclass(frozen=True)
class RetentionReport:
    participants: int
    device_sessions: int
    login_codes: int
    audit_entries: int

    def __str__(self) -> str:
        return (
            f"Bewaartermijnen: {self.participants} deelnemer(s) verwijderd, {self.device_sessions} apparaatlogin(s), "
            f"{self.login_codes} inlogcode(s) en {self.audit_entries} auditregel(s) opgeruimd."
        )


def _ended_before(cutoff: date):
    """A WHERE clause: the programme ended before ``cutoff``; for a finished route, its aftercare (AFTERCARE_MONTHS
    after the end) ended before it, so retention counts from the end of aftercare."""
    finished = ParticipantProfile.status == ParticipantStatus.FINISHED
    return or_(
        and_(~finished, ParticipantProfile.ended_on < cutoff),
        and_(finished, ParticipantProfile.ended_on < programme_cutoff(cutoff, AFTERCARE_MONTHS)),
    )


def participants_past_retention(*, now: datetime, months: int) -> list[int]:
    """The ids of the participants whose programme ended more than their organisation's ``retention_months``
    (``months`` where it has none of its own) before ``now``'s day."""
    found: list[int] = []
    for organisation_id, own_months in db.session.execute(select(Organisation.id, Organisation.retention_months)):
        cutoff = programme_cutoff(now.date(), own_months or months)
        found += db.session.scalars(
            select(User.id)
            .join(ParticipantProfile, ParticipantProfile.user_id == User.id)
            .where(
                User.role == Role.PARTICIPANT,
                User.organisation_id == organisation_id,
                _ended_before(cutoff),
            )
        )
    return sorted(found)


@use_case
def delete_expired(*, now: datetime, audit_days: int) -> tuple[int, int, int]:
    """Device logins past their expiry or long revoked, long-revoked login codes, audit entries past their time."""
    revoked_before = now - timedelta(days=REVOKED_DAYS)
    sessions = db.session.execute(
        delete(DeviceSession).where(or_(DeviceSession.expires_at <= now, DeviceSession.revoked_at < revoked_before))
    ).rowcount
    codes = db.session.execute(delete(LoginCode).where(LoginCode.revoked_at < revoked_before)).rowcount
    entries = db.session.execute(delete(AuditEntry).where(AuditEntry.at < now - timedelta(days=audit_days))).rowcount
    return sessions, codes, entries


def run_retention(*, now: datetime, months: int, audit_days: int) -> RetentionReport:
    """The daily job: erase who is past the retention period, then clear what has expired."""
    erased = 0
    for person_id in participants_past_retention(now=now, months=months):
        person = db.session.get(User, person_id)
        erase_participant(None, person, confirm_name=None, now=now)
        erased += 1
    sessions, codes, entries = delete_expired(now=now, audit_days=audit_days)
    return RetentionReport(erased, sessions, codes, entries)
