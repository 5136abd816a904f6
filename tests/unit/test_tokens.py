from datetime import UTC, datetime, timedelta

from vaktaal import tokens
from vaktaal.roles import Role

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_participant_tokens_last_months_and_staff_tokens_a_day():
    assert tokens.initial_expiry(Role.PARTICIPANT, now=NOW) == NOW + timedelta(days=180)
    assert tokens.initial_expiry(Role.TEACHER, now=NOW) == NOW + timedelta(hours=12)


def test_participant_expiry_slides_after_use():
    last = NOW - timedelta(days=30)
    new = tokens.refreshed_expiry(Role.PARTICIPANT, last + timedelta(days=180), last, now=NOW)
    assert new == NOW + timedelta(days=180)


def test_no_write_within_the_touch_interval_or_for_staff():
    recent = NOW - timedelta(minutes=10)
    assert tokens.refreshed_expiry(Role.PARTICIPANT, NOW + timedelta(days=1), recent, now=NOW) is None
    assert tokens.refreshed_expiry(Role.COACH, NOW + timedelta(hours=1), NOW - timedelta(days=1), now=NOW) is None
