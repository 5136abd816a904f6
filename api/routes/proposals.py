"""Proposed changes to shared terms, for the editors: /api/proposals."""

from flask.views import MethodView
from flask_smorest import Blueprint

from api.auth import allow, current_user
from api.models import Role, utcnow
from api.pagination import SelectPage
from api.resources import resources
from api.schemas.terms import DecisionIn, ProposalOut
from api.services import proposals

blp = Blueprint("proposals", __name__, url_prefix="/api/proposals", description="Voorstellen voor gedeelde termen")


@blp.route("")
class Proposals(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.response(200, ProposalOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self):
        """Open proposals: all of them for an editor, one's own otherwise"""
        return proposals.open_proposals(current_user())


@blp.route("/<int:proposal_id>/decision")
class Decision(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.arguments(DecisionIn)
    @blp.response(200, ProposalOut)
    def post(self, data, proposal):
        """Accept (apply) or reject a proposal (editors only)"""
        return proposals.decide_proposal(
            current_user(), proposal, accept=data["accept"], checker=resources().checker, now=utcnow()
        )
