"""Workplaces: their visits, the preparation list and the word cards for the wall: /api/workplaces."""

from datetime import date

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields
from sqlalchemy import select

from api import access
from api.auth import STAFF, allow, current_user
from api.models import Workplace
from api.pagination import SelectPage
from api.routes.visit_schemas import PrepareOut, VisitOut, WordcardOut, WorkplaceOut
from api.schemas import PersonRef
from api.services import visits

blp = Blueprint("workplaces", __name__, url_prefix="/api", description="Werkplekken")


class WorkplaceDetail(WorkplaceOut):
    participants = fields.List(fields.Nested(PersonRef))


@blp.route("/workplaces")
class Workplaces(MethodView):
    @allow(STAFF)
    @blp.response(200, WorkplaceOut(many=True))
    @blp.paginate(SelectPage, page_size=100, max_page_size=100)
    def get(self):
        """The organisation's workplaces"""
        return (
            select(Workplace)
            .where(Workplace.organisation_id == current_user().organisation_id)
            .order_by(Workplace.employer, Workplace.id)
        )


@blp.route("/workplaces/<int:workplace_id>")
class OneWorkplace(MethodView):
    @allow(STAFF)
    @blp.response(200, WorkplaceDetail)
    def get(self, workplace_id):
        """A workplace with the participants placed there today (those the caller may see)"""
        user = current_user()
        workplace = access.get_workplace(user, workplace_id)
        return {
            "id": workplace.id,
            "employer": workplace.employer,
            "site": workplace.site,
            "sector": workplace.sector,
            "participants": visits.placed_participants(user, workplace, date.today()),
        }


@blp.route("/workplaces/<int:workplace_id>/visits")
class WorkplaceVisits(MethodView):
    @allow(STAFF)
    @blp.response(200, VisitOut(many=True))
    @blp.paginate(SelectPage, page_size=20, max_page_size=100)
    def get(self, workplace_id):
        """Visits to this workplace, newest first"""
        user = current_user()
        access.get_workplace(user, workplace_id)
        return visits.visits_query(user, workplace_id=workplace_id)


@blp.route("/participants/<int:participant_id>/visits")
class ParticipantVisits(MethodView):
    @allow(STAFF)
    @blp.response(200, VisitOut(many=True))
    @blp.paginate(SelectPage, page_size=20, max_page_size=100)
    def get(self, participant_id):
        """Visits where this participant was seen, newest first"""
        return visits.visits_query(current_user(), participant_id=access.scoped_participant().id)


@blp.route("/workplaces/<int:workplace_id>/prepare")
class Prepare(MethodView):
    @allow(STAFF)
    @blp.response(200, PrepareOut(many=True))
    def get(self, workplace_id):
        """Before the next visit: per participant placed here, observed terms not yet known, terms that keep
        failing, and safety terms not yet mastered"""
        user = current_user()
        return visits.prepare(user, access.get_workplace(user, workplace_id), today=date.today())


@blp.route("/workplaces/<int:workplace_id>/wordcards")
class Wordcards(MethodView):
    @allow(STAFF)
    @blp.response(200, WordcardOut(many=True))
    def get(self, workplace_id):
        """The workplace's terms for a printed wall, each with a QR code that opens the term in the app"""
        user = current_user()
        base = current_app.config.get("PUBLIC_URL") or request.host_url
        return visits.wordcards(user, access.get_workplace(user, workplace_id), base_url=base)
