"""Proposed changes to shared terms, for the editors: /api/proposals."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from api.auth import allow, current_user
from api.extensions import db
from api.models import Role, TermProposal, utcnow
from api.pagination import SelectPage
from api.routes.wordlist_schemas import DecisionIn, ProposalOut
from api.services import wordlists
from vaktaal.errors import NotFound

blp = Blueprint("proposals", __name__, url_prefix="/api/proposals", description="Voorstellen voor gedeelde termen")


@blp.route("")
class Proposals(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.response(200, ProposalOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self):
        """Open proposals: all of them for an editor, one's own otherwise"""
        user = current_user()
        statement = select(TermProposal).where(TermProposal.status == "open").order_by(TermProposal.created_at)
        if not user.is_editor:
            statement = statement.where(TermProposal.proposed_by_id == user.id)
        return statement


@blp.route("/<int:proposal_id>/decision")
class Decision(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.arguments(DecisionIn)
    @blp.response(200, ProposalOut)
    def post(self, data, proposal_id):
        """Accept (apply) or reject a proposal (editors only)"""
        proposal = db.session.get(TermProposal, proposal_id)
        if proposal is None:
            raise NotFound("Dit voorstel bestaat niet.")
        return wordlists.decide_proposal(current_user(), proposal, accept=data["accept"], now=utcnow())
