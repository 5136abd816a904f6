"""Single terms: create, read, edit, and propose changes to shared terms: /api/terms."""

from flask.views import MethodView
from flask_smorest import Blueprint

from api import access
from api.auth import ANYONE, allow, current_user
from api.models import Role, utcnow
from api.routes.visit_schemas import CheckOut, CheckQuery, SearchQuery
from api.routes.wordlist_schemas import ProposalIn, ProposalOut, TermChanges, TermIn, TermOut
from api.services import visits, wordlists
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
        sector = wordlists.sector_by_slug(data.pop("sector"))
        shared = data.pop("shared")
        entry = Entry(**data)
        return wordlists.create_term(current_user(), sector, entry, shared=shared, now=utcnow())


@blp.route("/search")
class Search(MethodView):
    @allow(ANYONE)
    @blp.arguments(SearchQuery, location="query")
    @blp.response(200, TermOut(many=True))
    def get(self, query):
        """Search as you type across all sectors (tolerant of typos, article and plural: "de dwijl" finds "dweil")"""
        return visits.search_terms(current_user(), query["q"])


@blp.route("/check")
class Check(MethodView):
    @allow(*EDITORS, Role.COACH)
    @blp.arguments(CheckQuery, location="query")
    @blp.response(200, CheckOut)
    def get(self, query):
        """Suggestions for a new term: its article (from the noun list) and its spelling (OpenTaal dictionary)"""
        return visits.check_new_term(query["term"], query["pos"])


@blp.route("/<int:term_id>")
class OneTerm(MethodView):
    @allow(ANYONE)
    @blp.response(200, TermOut)
    def get(self, term_id):
        """One term (shared, or of the caller's organisation)"""
        return access.get_term(current_user(), term_id)

    @allow(*EDITORS)
    @blp.arguments(TermChanges)
    @blp.response(200, TermOut)
    def patch(self, changes, term_id):
        """Edit a term (shared terms: editors only; the key never changes)"""
        user = current_user()
        return wordlists.update_term(user, access.get_term(user, term_id), changes, now=utcnow())


@blp.route("/<int:term_id>/proposals")
class TermProposals(MethodView):
    @allow(*EDITORS)
    @blp.arguments(ProposalIn)
    @blp.response(201, ProposalOut)
    def post(self, data, term_id):
        """Propose a change to a shared term (for teachers without the editor right)"""
        user = current_user()
        note = data.pop("note")
        return wordlists.propose_change(user, access.get_term(user, term_id), data, note, now=utcnow())
