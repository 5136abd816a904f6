"""A user's logins on their devices, ended all at once (a lost phone, a reset password, a switched-off account)."""

from datetime import datetime

from sqlalchemy import update

from api.extensions import db
from api.models import DeviceSession, User
from api.services import use_case


@use_case
def revoke_devices(user: User, *, now: datetime) -> int:
    """Log a user out on every device. Returns how many sessions were ended."""
    result = db.session.execute(
        update(DeviceSession)
        .where(DeviceSession.user_id == user.id, DeviceSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount
