"""What staff see of their participants' progress: the caseload with its attention flags, and one participant's
progress: /api/caseload, /api/participants/<id>/progress."""

from flask.views import MethodView
from flask_smorest import Blueprint, Page

from api.audit_trail import audited
from api.auth import STAFF, allow, current_user
from api.models import utcnow
from api.schemas.caseload import CaseloadEntryOut, CaseloadFilter, ParticipantProgressOut
from api.services import caseload, participant_progress

blp = Blueprint("caseload", __name__, url_prefix="/api", description="Voortgang van deelnemers")


@blp.route("/caseload")
class Caseload(MethodView):
    @allow(STAFF)
    @audited("caseload-list")
    @blp.arguments(CaseloadFilter, location="query")
    @blp.response(200, CaseloadEntryOut(many=True))
    @blp.paginate(Page, page_size=50, max_page_size=100)
    def get(self, query):
        """My participants of today (a coach's caseload, a teacher's groups, a coordinator's organisation), each with
        practice, terms, levels against targets and attention flags with their reason; ?group=, ?workplace=,
        ?flag=, ?status= narrow it, ?sort= orders it (flags first by default)"""
        return caseload.caseload(
            current_user(),
            now=utcnow(),
            group_id=query.get("group"),
            workplace_id=query.get("workplace"),
            status=query.get("status"),
            flag=query.get("flag"),
            sort=query["sort"],
        )


@blp.route("/participants/<int:participant_id>/progress")
class ParticipantProgress(MethodView):
    @allow(STAFF)
    @audited("progress", participant="participant")
    @blp.response(200, ParticipantProgressOut)
    def get(self, participant):
        """One participant's progress: vocabulary at the end of each week, practice days per week, the terms that
        keep failing (with audio), the observed terms with their state, recent visits and the levels"""
        return participant_progress.progress(current_user(), participant, now=utcnow())
