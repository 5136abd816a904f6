"""Workplaces: their visits, the preparation list and the word cards for the wall: /api/workplaces."""

from flask.views import MethodView
from flask_smorest import Blueprint

from api import access, viewer
from api.audit_trail import audited, not_audited
from api.auth import STAFF, allow, current_user
from api.models import Role
from api.pagination import SelectPage
from api.resources import resources
from api.schemas import fields_of
from api.schemas.programme import (
    NameQuery,
    PlacementChanges,
    PlacementIn,
    PlacementOut,
    WorkplaceChanges,
    WorkplaceIn,
)
from api.schemas.visits import PrepareOut, VisitOut, WordcardOut, WorkplaceDetail, WorkplaceOut
from api.services import groups, preparation, visits, workplaces

blp = Blueprint("workplaces", __name__, url_prefix="/api", description="Werkplekken")


@blp.route("/workplaces")
class Workplaces(MethodView):
    @allow(STAFF)
    @blp.arguments(NameQuery, location="query")
    @blp.response(200, WorkplaceOut(many=True))
    @blp.paginate(SelectPage, page_size=100, max_page_size=100)
    def get(self, query):
        """The organisation's workplaces, by employer (?q= searches employer and site)"""
        return workplaces.workplaces_query(current_user(), query.get("q"))

    @allow(Role.COORDINATOR)
    @not_audited
    @blp.arguments(WorkplaceIn)
    @blp.response(201, WorkplaceOut)
    def post(self, data):
        """A new workplace: employer, site, sector and the contact person's name"""
        return workplaces.create_workplace(current_user(), data)


@blp.route("/workplaces/<int:workplace_id>")
class OneWorkplace(MethodView):
    @allow(STAFF)
    @blp.response(200, WorkplaceDetail)
    def get(self, workplace):
        """A workplace with the participants placed there today (those the caller may see)"""
        user = current_user()
        placed = groups.placed_participants(user, workplace, access.local_today(user))
        return {**fields_of(workplace, WorkplaceOut), "participants": placed}

    @allow(Role.COORDINATOR)
    @not_audited
    @blp.arguments(WorkplaceChanges)
    @blp.response(200, WorkplaceOut)
    def patch(self, changes, workplace):
        """Change a workplace's employer, site, sector or contact person"""
        return workplaces.change_workplace(workplace, changes)


@blp.route("/participants/<int:participant_id>/placements")
class Placements(MethodView):
    @allow(STAFF)
    @audited("placement", participant="participant")
    @blp.response(200, PlacementOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self, participant):
        """The participant's placements, the latest first (the history kept across changes of workplace)"""
        return workplaces.placements(participant)

    @allow(STAFF)
    @audited("placement", participant="participant")
    @blp.arguments(PlacementIn)
    @blp.response(201, PlacementOut)
    def post(self, data, participant):
        """Place the participant at a workplace from a day; a placement still running then ends the day before.
        Coordinators for anyone, teachers and coaches for their participants of today"""
        return workplaces.place(current_user(), participant, data)


@blp.route("/placements/<int:placement_id>")
class OnePlacement(MethodView):
    @allow(STAFF)
    @audited("placement", object="placement")
    @blp.arguments(PlacementChanges)
    @blp.response(200, PlacementOut)
    def patch(self, changes, placement):
        """Set or clear the last day of a placement"""
        return workplaces.change_placement(placement, changes)


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
        user = current_user()
        return preparation.prepare(user, workplace, today=access.local_today(user))


@blp.route("/workplaces/<int:workplace_id>/wordcards")
class Wordcards(MethodView):
    @allow(STAFF)
    @blp.response(200, WordcardOut(many=True))
    def get(self, workplace):
        """The workplace's terms for a printed wall, each with a QR code that opens the term in the app"""
        return preparation.wordcards(workplace, base_url=viewer.base_url(), secret_key=resources().secret_key)
