"""Terms assigned to a participant (personal terms), and their daily limit: /api/participants/<id>/terms."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api import access
from api.auth import STAFF, allow, current_user
from api.models import Role, utcnow
from api.routes.wordlist_schemas import TermOut
from api.schemas import ParticipantSchema
from api.services import practice

blp = Blueprint("assignments", __name__, url_prefix="/api/participants", description="Termen per deelnemer")

WRITERS = (Role.TEACHER, Role.COORDINATOR)


class AssignIn(Schema):
    term_ids = fields.List(fields.Int(), required=True, validate=validate.Length(min=1, max=200))


class AssignmentOut(Schema):
    term = fields.Nested(TermOut)
    assigned_at = fields.DateTime()
    skills = fields.Dict(metadata={"description": "skill -> mastery"})
    learned = fields.Bool()


class ParticipantSettingsIn(Schema):
    daily_new_limit = fields.Int(allow_none=True, validate=validate.Range(min=0, max=50))


@blp.route("/<int:participant_id>/terms")
class ParticipantTerms(MethodView):
    @allow(STAFF)
    @blp.response(200, AssignmentOut(many=True))
    def get(self, participant_id):
        """The participant's assigned terms with their mastery per skill"""
        return practice.assignments(access.scoped_participant())

    @allow(*WRITERS)
    @blp.arguments(AssignIn)
    @blp.response(200, AssignmentOut(many=True))
    def post(self, data, participant_id):
        """Assign terms: they lead the participant's next sessions (assigning again is harmless)"""
        participant = access.scoped_participant()
        practice.assign_terms(current_user(), participant, data["term_ids"], now=utcnow())
        return practice.assignments(participant)


@blp.route("/<int:participant_id>/terms/<int:term_id>")
class ParticipantTerm(MethodView):
    @allow(*WRITERS)
    @blp.response(204)
    def delete(self, participant_id, term_id):
        """Un-assign a term (past answers and cards are kept)"""
        practice.unassign_term(access.scoped_participant(), term_id, now=utcnow())


@blp.route("/<int:participant_id>/settings")
class Settings(MethodView):
    @allow(*WRITERS)
    @blp.arguments(ParticipantSettingsIn)
    @blp.response(200, ParticipantSchema)
    def patch(self, data, participant_id):
        """Set the participant's daily limit of new terms (null: the default)"""
        participant = access.scoped_participant()
        return practice.update_settings(participant, data)
