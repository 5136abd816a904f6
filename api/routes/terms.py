"""Single terms: create, read, edit, search, check, propose changes to shared terms, and assign: /api/terms."""

from datetime import date

from flask.views import MethodView
from flask_smorest import Blueprint

from api import spelling
from api.auth import ANYONE, STAFF, allow, current_user
from api.models import Role, utcnow
from api.resources import resources
from api.schemas.terms import (
    AssignToIn,
    CheckOut,
    CheckQuery,
    ProposalIn,
    ProposalOut,
    SearchQuery,
    TermAssignmentOut,
    TermIn,
    TermOut,
    TermPatch,
)
from api.services import assignments, proposals, terms
from vaktaal.wordlists import Entry

blp = Blueprint("terms", __name__, url_prefix="/api/terms", description="Termen (woorden en zinnen)")

EDITORS = (Role.TEACHER, Role.COORDINATOR)


@blp.route("")
class Terms(MethodView):
    @allow(*EDITORS)
    @blp.arguments(TermIn)
    @blp.response(201, TermOut)
    def post(self, data):
        """Add a term: to the organisation's own list, or (editors, shared=true) to the shared list"""
        slug, shared = data.pop("sector"), data.pop("shared")
        return terms.create_term(
            current_user(), slug, Entry(**data), shared=shared, checker=resources().checker, now=utcnow()
        )


@blp.route("/search")
class Search(MethodView):
    @allow(ANYONE)
    @blp.arguments(SearchQuery, location="query")
    @blp.response(200, TermOut(many=True))
    def get(self, query):
        """Search as you type across all sectors (tolerant of typos, article and plural: "de dwijl" finds "dweil")"""
        return terms.search_terms(current_user(), query["q"])


@blp.route("/check")
class Check(MethodView):
    @allow(*EDITORS, Role.COACH)
    @blp.arguments(CheckQuery, location="query")
    @blp.response(200, CheckOut)
    def get(self, query):
        """Suggestions for a new term: its article (noun list), its spelling (OpenTaal) and the same term if the
        sector's lists already have it"""
        return terms.check_new_term(
            current_user(),
            query["term"],
            pos=query["pos"],
            article=query["article"],
            slug=query["sector"],
            checker=resources().checker,
            spelling=spelling.check,
        )


@blp.route("/<int:term_id>")
class OneTerm(MethodView):
    @allow(ANYONE)
    @blp.response(200, TermOut)
    def get(self, term):
        """One term (shared, or of the caller's organisation)"""
        return term

    @allow(*EDITORS)
    @blp.arguments(TermPatch)
    @blp.response(200, TermOut)
    def patch(self, changes, term):
        """Edit a term (shared terms: editors only; the key never changes)"""
        return terms.update_term(current_user(), term, changes, checker=resources().checker, now=utcnow())


@blp.route("/<int:term_id>/proposals")
class TermProposals(MethodView):
    @allow(*EDITORS)
    @blp.arguments(ProposalIn)
    @blp.response(201, ProposalOut)
    def post(self, data, term):
        """Propose a change to a shared term (for teachers without the editor right)"""
        note = data.pop("note")
        return proposals.propose_change(current_user(), term, data, note, checker=resources().checker, now=utcnow())


@blp.route("/<int:term_id>/assignments")
class TermAssignments(MethodView):
    @allow(STAFF)
    @blp.response(200, TermAssignmentOut(many=True))
    def get(self, term):
        """Who of the caller's participants has this term assigned"""
        return assignments.term_assignments(current_user(), term)

    @allow(*EDITORS)
    @blp.arguments(AssignToIn)
    @blp.response(200, TermAssignmentOut(many=True))
    def post(self, data, term):
        """Assign the term to participants, a group or everyone placed at a workplace (only the caller's own
        participants; assigning again changes nothing); answers who has it now"""
        return assignments.assign_to(current_user(), term, **data, today=date.today(), now=utcnow())


@blp.route("/<int:term_id>/assignments/<int:participant_id>")
class TermAssignment(MethodView):
    @allow(*EDITORS)
    @blp.response(204)
    def delete(self, term, participant):
        """Un-assign the term from one participant (answers and cards are kept; again is harmless)"""
        assignments.unassign_term(participant, term, now=utcnow())
