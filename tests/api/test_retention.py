"""The retention job: exactly the participants past the period are erased; expired logins, long-revoked codes and
old audit entries go; it prints counts only."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from api.extensions import db
from api.models import AuditEntry, DeviceSession, LoginCode, User
from api.resources import resources
from api.services import audit, logins, retention
from api.services.erasure import programme_cutoff
from tests import factories
from vaktaal.privacy import AuditAction

NOW = datetime(2026, 5, 15, 3, 0, tzinfo=UTC)


def ended(world, name: str, ended_on: date | None) -> User:
    person = factories.participant(world.org_a, name)
    person.profile.ended_on = ended_on
    db.session.commit()
    return person


def test_the_cutoff_is_whole_months_back_and_clamps_to_the_month_end():
    assert programme_cutoff(date(2026, 5, 15), 24) == date(2024, 5, 15)
    assert programme_cutoff(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert programme_cutoff(date(2026, 1, 10), 1) == date(2025, 12, 10)


def test_retention_erases_exactly_the_participants_past_the_period(runner, world, app):
    outside = ended(world, "Ver Voorbij", date(2024, 5, 14))  # 24 months and a day
    inside = ended(world, "Net Binnen", date(2024, 5, 15))  # exactly 24 months: kept until tomorrow
    recent = ended(world, "Pas Klaar", date(2026, 1, 1))
    never = world.participant  # no end date
    audit.record(world.coach, AuditAction.VIEW, now=NOW, participant_id=outside.id, object_kind="participant")
    db.session.commit()
    ids = {p: p.id for p in (outside, inside, recent, never)}

    report = retention.run_retention(now=NOW, months=24, audit_days=730)
    assert report.participants == 1
    db.session.expire_all()
    assert db.session.get(User, ids[outside]) is None
    assert all(db.session.get(User, ids[p]) is not None for p in (inside, recent, never))
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.participant_pseudonym.is_not(None))).all()
    assert {e.action for e in entries} == {AuditAction.VIEW, AuditAction.ERASE}
    assert len({e.participant_pseudonym for e in entries}) == 1
    assert all(e.actor_id is None for e in entries if e.action is AuditAction.ERASE)

    # A shorter period from the configuration reaches the recent one too.
    app.config["RETENTION_MONTHS"] = 4
    try:
        result = runner.invoke(args=["retention"])
    finally:
        app.config["RETENTION_MONTHS"] = 24
    assert result.exit_code == 0, result.output
    assert "deelnemer(s) verwijderd" in result.output
    for name in ("Net Binnen", "Pas Klaar", "Amina"):
        assert name not in result.output
    db.session.expire_all()
    assert db.session.get(User, ids[recent]) is None and db.session.get(User, ids[inside]) is None
    assert db.session.get(User, ids[never]) is not None


def test_retention_deletes_expired_logins_old_codes_and_old_audit_entries(world):
    person = world.participant
    key = resources().secret_key
    logins.issue_login_code(person, issued_by=world.teacher, secret_key=key, now=NOW - timedelta(days=60))
    logins.revoke_login_codes(person, now=NOW - timedelta(days=31))  # long revoked: goes
    logins.issue_login_code(person, issued_by=world.teacher, secret_key=key, now=NOW - timedelta(days=10))
    logins.revoke_login_codes(person, now=NOW - timedelta(days=5))  # recently revoked: stays
    logins.issue_login_code(person, issued_by=world.teacher, secret_key=key, now=NOW)  # live: stays
    logins.issue_token(person, now=NOW - timedelta(days=400))  # expired long ago
    logins.issue_token(person, now=NOW)  # live
    old = audit.record(world.coach, AuditAction.VIEW, now=NOW - timedelta(days=731), object_kind="participant")
    kept = audit.record(world.coach, AuditAction.VIEW, now=NOW - timedelta(days=729), object_kind="participant")
    db.session.commit()
    old_id, kept_id = old.id, kept.id
    sessions_before = db.session.scalar(select(func.count()).select_from(DeviceSession))

    report = retention.run_retention(now=NOW, months=24, audit_days=730)
    assert (report.participants, report.login_codes, report.audit_entries) == (0, 1, 1)
    assert report.device_sessions >= 1
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(LoginCode)) == 2
    live = db.session.scalars(select(DeviceSession)).all()
    assert len(live) == sessions_before - report.device_sessions
    assert all(s.expires_at > NOW for s in live)
    assert db.session.get(AuditEntry, old_id) is None and db.session.get(AuditEntry, kept_id) is not None
    again = retention.run_retention(now=NOW, months=24, audit_days=730)
    assert (again.participants, again.device_sessions, again.login_codes, again.audit_entries) == (0, 0, 0, 0)


def test_setup_runs_retention(runner, world):
    ended(world, "Lang Geleden", date(2000, 1, 1))
    result = runner.invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    assert "1 deelnemer(s) verwijderd" in result.output
    assert "Lang Geleden" not in result.output
