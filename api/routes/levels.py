"""Levels per skill: a participant's assessments, levels and targets, a group's round of assessments (the grid, or a
test provider's spreadsheet), and my own levels: /api/participants/<id>/..., /api/groups/<id>/..., /api/me/levels."""

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from api import access, openapi
from api.audit_trail import audited, not_audited
from api.auth import PARTICIPANT, STAFF, allow, current_user
from api.models import Role, utcnow
from api.schemas.levels import (
    AssessmentIn,
    AssessmentOut,
    AssessmentsImportOut,
    AssessmentsImportQuery,
    GridRowOut,
    LevelsOut,
    MyLevelsOut,
    RoundIn,
    RoundOut,
    TargetIn,
    TargetOut,
    TargetProposalIn,
    TargetProposalOut,
)
from api.services import assessments, levels, targets

blp = Blueprint("levels", __name__, url_prefix="/api", description="Niveaus per vaardigheid")

RECORDERS = (Role.TEACHER, Role.COORDINATOR)
P = "participant"


@blp.route("/participants/<int:participant_id>/levels")
class ParticipantLevels(MethodView):
    @allow(STAFF)
    @audited("level", participant=P)
    @blp.response(200, LevelsOut)
    def get(self, participant):
        """Per skill: start, current level, target, the evidence from practice (never a level) and the history; the
        route and its deadline"""
        return levels.levels_view(current_user(), participant, now=utcnow())


@blp.route("/participants/<int:participant_id>/assessments")
class ParticipantAssessments(MethodView):
    @allow(STAFF)
    @audited("level", participant=P)
    @blp.response(200, AssessmentOut(many=True))
    def get(self, participant):
        """Every assessment of the participant, corrected ones too, by date and when they were recorded"""
        return levels.assessments(participant)

    @allow(*RECORDERS)
    @audited("level", participant=P)
    @blp.arguments(AssessmentIn)
    @blp.response(201, AssessmentOut)
    def post(self, data, participant):
        """Record a skill's level (a teacher of the participant's group today, a coordinator), or correct an earlier
        record; the same record sent again stores nothing and answers with the first"""
        return assessments.record_assessment(current_user(), participant, data, now=utcnow())


@blp.route("/participants/<int:participant_id>/targets/<skill>")
class Target(MethodView):
    @allow(Role.COORDINATOR)
    @audited("level", participant=P)
    @blp.arguments(TargetIn)
    @blp.response(200, TargetOut)
    def put(self, data, participant, skill):
        """Set a skill's target (e.g. the municipality lowers B1 to A2) with a reason, from a date (default today);
        open proposals with this level are put in force with it"""
        return targets.set_target(current_user(), participant, levels.skill_named(skill), data, now=utcnow())


@blp.route("/participants/<int:participant_id>/target-proposals")
class TargetProposals(MethodView):
    @allow(*RECORDERS)
    @audited("level", participant=P)
    @blp.arguments(TargetProposalIn)
    @blp.response(201, TargetProposalOut)
    def post(self, data, participant):
        """Propose another target for a skill, with a reason: a coordinator decides"""
        return targets.propose_target(current_user(), participant, data, now=utcnow())


@blp.route("/participants/<int:participant_id>/target-proposals/<int:target_change_id>/decline")
class DeclineProposal(MethodView):
    @allow(Role.COORDINATOR)
    @audited("level", participant=P)
    @blp.response(200, TargetProposalOut)
    def post(self, participant, target_change_id):
        """Decline a teacher's proposal (it stays as history)"""
        return targets.decline_proposal(current_user(), participant, target_change_id, now=utcnow())


@blp.route("/groups/<int:group_id>/levels")
class GroupLevels(MethodView):
    @allow(STAFF)
    @audited("group", object="group")
    @blp.response(200, GridRowOut(many=True))
    def get(self, group):
        """The group's members of today whom the caller may see, each with the current level per skill (the grid)"""
        user = current_user()
        return levels.group_grid(user, group, today=access.local_today(user))


@blp.route("/groups/<int:group_id>/assessments")
class GroupAssessments(MethodView):
    @allow(*RECORDERS)
    @audited("group", object="group")
    @blp.arguments(RoundIn)
    @blp.response(201, RoundOut)
    def post(self, data, group):
        """Record a round for the group (its teachers, a coordinator): every cell valid or nothing is stored, each
        bad cell named by its index; the same round again stores nothing new"""
        return assessments.record_round(current_user(), group, data, now=utcnow())


@blp.route("/groups/<int:group_id>/assessments/import")
class GroupAssessmentsImport(MethodView):
    @allow(*RECORDERS)
    @audited("group", object="group")
    @blp.arguments(AssessmentsImportQuery, location="query")
    @blp.response(201, AssessmentsImportOut)
    @blp.doc(requestBody=openapi.CSV_BODY)
    def post(self, query, group):
        """A round from a test provider's spreadsheet (CSV: participant as client number or vaktaal id, skill,
        level, date, source, test_name): every row valid or nothing is stored; ?dry_run=1 checks only"""
        upload = request.files.get("file")
        limit = assessments.MAX_CSV_BYTES + 1
        raw = upload.read(limit) if upload else request.get_data(cache=False)[:limit]
        return assessments.import_results(current_user(), group, raw, now=utcnow(), dry_run=query["dry_run"])


@blp.route("/me/levels")
class MyLevels(MethodView):
    @allow(PARTICIPANT)
    @not_audited
    @blp.response(200, MyLevelsOut)
    def get(self):
        """My levels per skill: where I started, where I am, where I am going (no notes)"""
        return levels.my_levels(current_user())
