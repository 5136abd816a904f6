"""The audit trail: every entry of the organisation for its coordinators (/api/audit), and what staff did with a
participant's data for the participant themself (/api/me/audit)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask.views import MethodView
from flask_smorest import Blueprint

from api.auth import PARTICIPANT, allow, current_user
from api.models import utcnow
from api.pagination import SelectPage
from api.schemas.audit import AuditEntryOut, AuditQuery, MyAuditOut
from api.services import audit
from vaktaal.roles import DEFAULT_TIMEZONE, Role

blp = Blueprint("audit", __name__, url_prefix="/api", description="Logboek: wie bekeek of wijzigde wat")


def _start_of(day, *, days_later: int = 0) -> datetime:
    """The moment a day begins in the Netherlands (as UTC-aware datetime)."""
    return datetime.combine(day + timedelta(days=days_later), time(), tzinfo=ZoneInfo(DEFAULT_TIMEZONE))


@blp.route("/audit")
class AuditLog(MethodView):
    @allow(Role.COORDINATOR)
    @blp.arguments(AuditQuery, location="query")
    @blp.response(200, AuditEntryOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self, query):
        """The organisation's audit, newest first: who looked at or changed whose data, logins"""
        since, until = query.get("since"), query.get("until")
        return audit.log_query(
            current_user(),
            participant_id=query.get("participant_id"),
            user_id=query.get("user_id"),
            action=query.get("action"),
            since=_start_of(since) if since else None,
            until=_start_of(until, days_later=1) if until else None,
        )


@blp.route("/me/audit")
class MyAuditLog(MethodView):
    @allow(PARTICIPANT)
    @blp.response(200, MyAuditOut)
    def get(self):
        """Who of the staff looked at or changed my data in the last six months, counted"""
        return {"days": audit.MY_LOG_DAYS, "groups": audit.my_log(current_user(), now=utcnow())}
