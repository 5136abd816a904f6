"""Sectors and their terms, and spreadsheet (CSV) export and import of a list: /api/sectors."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from api import openapi
from api.auth import ANYONE, STAFF, allow, current_user
from api.models import Role, utcnow
from api.pagination import SelectPage
from api.resources import resources
from api.schemas.terms import CsvQuery, ImportOut, SectorOut, TermOut, TermQuery
from api.services import terms, wordlists

blp = Blueprint("sectors", __name__, url_prefix="/api/sectors", description="Sectoren en hun woordenlijsten")


@blp.route("")
class Sectors(MethodView):
    @allow(ANYONE)
    @blp.response(200, SectorOut(many=True))
    def get(self):
        """The sectors with their term counts per level and per theme"""
        return terms.sector_summaries(current_user())


@blp.route("/<slug>")
class OneSector(MethodView):
    @allow(ANYONE)
    @blp.response(200, SectorOut)
    def get(self, slug):
        """One sector with its counts"""
        return terms.sector_summaries(current_user(), slug)[0]


@blp.route("/<slug>/terms")
class SectorTerms(MethodView):
    @allow(ANYONE)
    @blp.arguments(TermQuery, location="query")
    @blp.response(200, TermOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self, query, slug):
        """The terms of a sector (shared and the caller's organisation's), filtered and paginated"""
        return terms.sector_terms(current_user(), slug, query)


@blp.route("/<slug>/terms.csv")
class SectorCsv(MethodView):
    @allow(STAFF)
    @blp.arguments(CsvQuery, location="query")
    @blp.response(200, content_type="text/csv", description="The list in the wordlist file format")
    @blp.doc(**openapi.binary("text/csv", "The list in the wordlist file format (UTF-8)"))
    def get(self, query, slug):
        """Download a list as CSV (the wordlist file format), to edit in a spreadsheet"""
        body, name = wordlists.list_csv(current_user(), slug, shared=query["scope"] == "shared")
        return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.arguments(CsvQuery, location="query")
    @blp.response(200, ImportOut)
    @blp.doc(requestBody=openapi.CSV_BODY)
    def post(self, query, slug):
        """Upload a list as CSV: every row valid, or nothing changes (each rejected row is reported)"""
        upload = request.files.get("file")
        limit = wordlists.MAX_CSV_BYTES + 1
        raw = upload.read(limit) if upload else request.get_data(cache=False)[:limit]
        return wordlists.import_csv(
            current_user(),
            slug,
            raw,
            shared=query["scope"] == "shared",
            checker=resources().checker,
            now=utcnow(),
        )
