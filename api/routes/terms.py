"""Single terms: create, read, edit, search, check, and propose changes to shared terms: /api/terms."""

from flask.views import MethodView
from flask_smorest import Blueprint

from api import spelling
from api.auth import ANYONE, allow, current_user
from api.models import Role, utcnow
from api.resources import resources
from api.schemas.terms import CheckOut, CheckQuery, ProposalIn, ProposalOut, SearchQuery, TermChanges, TermIn, TermOut
from api.services import proposals, terms
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
        """Suggestions for a new term: its article (from the noun list) and its spelling (OpenTaal dictionary)"""
        return terms.check_new_term(query["term"], query["pos"], checker=resources().checker, spelling=spelling.check)


@blp.route("/<int:term_id>")
class OneTerm(MethodView):
    @allow(ANYONE)
    @blp.response(200, TermOut)
    def get(self, term):
        """One term (shared, or of the caller's organisation)"""
        return term

    @allow(*EDITORS)
    @blp.arguments(TermChanges)
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
