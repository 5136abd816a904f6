"""Terms assigned to a participant (personal terms), and their daily limit: /api/participants/<id>/terms."""

from flask.views import MethodView
from flask_smorest import Blueprint

from api.auth import STAFF, allow, current_user
from api.models import Role, utcnow
from api.schemas import ParticipantSchema
from api.schemas.practice import AssignIn, ParticipantSettingsIn, TermProgressOut
from api.services import assignments, people

blp = Blueprint("assignments", __name__, url_prefix="/api/participants", description="Termen per deelnemer")

WRITERS = (Role.TEACHER, Role.COORDINATOR)


@blp.route("/<int:participant_id>/terms")
class ParticipantTerms(MethodView):
    @allow(STAFF)
    @blp.response(200, TermProgressOut(many=True))
    def get(self, participant):
        """The participant's assigned terms with their mastery per skill"""
        return assignments.assigned_terms(participant)

    @allow(*WRITERS)
    @blp.arguments(AssignIn)
    @blp.response(200, TermProgressOut(many=True))
    def post(self, data, participant):
        """Assign terms: they lead the participant's next sessions (assigning again is harmless)"""
        assignments.assign_terms(current_user(), participant, data["term_ids"], now=utcnow())
        return assignments.assigned_terms(participant)


@blp.route("/<int:participant_id>/terms/<int:term_id>")
class ParticipantTerm(MethodView):
    @allow(*WRITERS)
    @blp.response(204)
    def delete(self, participant, term):
        """Un-assign a term (past answers and cards are kept)"""
        assignments.unassign_term(participant, term, now=utcnow())


@blp.route("/<int:participant_id>/settings")
class Settings(MethodView):
    @allow(*WRITERS)
    @blp.arguments(ParticipantSettingsIn)
    @blp.response(200, ParticipantSchema)
    def patch(self, data, participant):
        """Set the participant's new terms a day and the higher cap for asking for more (null: the defaults)"""
        return people.change_participant_settings(participant, data)
