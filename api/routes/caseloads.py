"""Caseloads: which participants each coach follows, from one day to another (history kept): /api/caseloads."""

from flask.views import MethodView
from flask_smorest import Blueprint, Page

from api import access
from api.audit_trail import audited
from api.auth import allow, current_user
from api.models import Role
from api.schemas.programme import CaseloadEndIn, CaseloadIn, CaseloadOut, CaseloadQuery
from api.services import caseloads

blp = Blueprint("caseloads", __name__, url_prefix="/api/caseloads", description="Caseloads van jobcoaches")


@blp.route("")
class Caseloads(MethodView):
    @allow(Role.COORDINATOR)
    @audited("caseload")
    @blp.arguments(CaseloadQuery, location="query")
    @blp.response(200, CaseloadOut(many=True))
    @blp.paginate(Page, page_size=50, max_page_size=100)
    def get(self, query):
        """The organisation's caseloads (?coach_id= one coach's, ?q= by participant name): current ones first,
        then ended ones, with their dates"""
        user = current_user()
        today = access.local_today(user)
        return caseloads.caseload_list(user, today=today, coach_id=query.get("coach_id"), q=query.get("q"))

    @allow(Role.COORDINATOR)
    @audited("caseload")
    @blp.arguments(CaseloadIn)
    @blp.response(201, CaseloadOut)
    def post(self, data):
        """A coach starts following a participant on a day (default today)"""
        user = current_user()
        return caseloads.start(user, data, today=access.local_today(user))


@blp.route("/end")
class EndCaseload(MethodView):
    @allow(Role.COORDINATOR)
    @audited("caseload")
    @blp.arguments(CaseloadEndIn)
    @blp.response(200, CaseloadOut)
    def post(self, data):
        """A coach stops following a participant; ``ended_on`` (default today) is the last day"""
        user = current_user()
        return caseloads.end(user, data, today=access.local_today(user))
