"""Workplaces: their visits, the preparation list and the word cards for the wall: /api/workplaces."""

from datetime import date

from flask.views import MethodView
from flask_smorest import Blueprint

from api import viewer
from api.auth import STAFF, allow, current_user
from api.pagination import SelectPage
from api.resources import resources
from api.schemas import fields_of
from api.schemas.visits import PrepareOut, VisitOut, WordcardOut, WorkplaceDetail, WorkplaceOut
from api.services import groups, preparation, visits

blp = Blueprint("workplaces", __name__, url_prefix="/api", description="Werkplekken")


@blp.route("/workplaces")
class Workplaces(MethodView):
    @allow(STAFF)
    @blp.response(200, WorkplaceOut(many=True))
    @blp.paginate(SelectPage, page_size=100, max_page_size=100)
    def get(self):
        """The organisation's workplaces"""
        return visits.workplaces(current_user())


@blp.route("/workplaces/<int:workplace_id>")
class OneWorkplace(MethodView):
    @allow(STAFF)
    @blp.response(200, WorkplaceDetail)
    def get(self, workplace):
        """A workplace with the participants placed there today (those the caller may see)"""
        placed = groups.placed_participants(current_user(), workplace, date.today())
        return {**fields_of(workplace, WorkplaceOut), "participants": placed}


@blp.route("/workplaces/<int:workplace_id>/visits")
class WorkplaceVisits(MethodView):
    @allow(STAFF)
    @blp.response(200, VisitOut(many=True))
    @blp.paginate(SelectPage, page_size=20, max_page_size=100)
    def get(self, workplace):
        """Visits to this workplace, newest first"""
        return visits.visits_query(current_user(), workplace=workplace)


@blp.route("/participants/<int:participant_id>/visits")
class ParticipantVisits(MethodView):
    @allow(STAFF)
    @blp.response(200, VisitOut(many=True))
    @blp.paginate(SelectPage, page_size=20, max_page_size=100)
    def get(self, participant):
        """Visits where this participant was seen, newest first"""
        return visits.visits_query(current_user(), participant=participant)


@blp.route("/workplaces/<int:workplace_id>/prepare")
class Prepare(MethodView):
    @allow(STAFF)
    @blp.response(200, PrepareOut(many=True))
    def get(self, workplace):
        """Before the next visit: per participant placed here, observed terms not yet known, terms that keep
        failing, and safety terms not yet mastered"""
        return preparation.prepare(current_user(), workplace, today=date.today())


@blp.route("/workplaces/<int:workplace_id>/wordcards")
class Wordcards(MethodView):
    @allow(STAFF)
    @blp.response(200, WordcardOut(many=True))
    def get(self, workplace):
        """The workplace's terms for a printed wall, each with a QR code that opens the term in the app"""
        return preparation.wordcards(workplace, base_url=viewer.base_url(), secret_key=resources().secret_key)
