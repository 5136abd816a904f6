"""Sectors and their terms, and spreadsheet (CSV) export and import of a list: /api/sectors."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import func, or_, select

from api.access import readable_terms
from api.auth import ANYONE, STAFF, allow, current_user
from api.extensions import db
from api.models import Role, Sector, Term, utcnow
from api.pagination import SelectPage
from api.routes.wordlist_schemas import CsvQuery, ImportOut, SectorOut, TermOut, TermQuery
from api.services import wordlists
from vaktaal.errors import Invalid
from vaktaal.wordlists import to_csv

blp = Blueprint("sectors", __name__, url_prefix="/api/sectors", description="Sectoren en hun woordenlijsten")

MAX_CSV_BYTES = 2 * 1024 * 1024


def _counts(column, organisation_id: int, sector_id: int | None = None) -> dict:
    query = (
        select(Term.sector_id, column, func.count())
        .where(readable_terms(organisation_id))
        .group_by(Term.sector_id, column)
    )
    if sector_id is not None:
        query = query.where(Term.sector_id == sector_id)
    out: dict[int, dict[str, int]] = {}
    for sector, value, count in db.session.execute(query):
        out.setdefault(sector, {})[value] = count
    return out


def _sector_out(sector: Sector, levels: dict, themes: dict) -> dict:
    by_level = levels.get(sector.id, {})
    return {
        "slug": sector.slug,
        "name": sector.name,
        "total": sum(by_level.values()),
        "levels": by_level,
        "themes": dict(sorted(themes.get(sector.id, {}).items())),
    }


@blp.route("")
class Sectors(MethodView):
    @allow(ANYONE)
    @blp.response(200, SectorOut(many=True))
    def get(self):
        """The sectors with their term counts per level and per theme"""
        org = current_user().organisation_id
        levels, themes = _counts(Term.level, org), _counts(Term.theme, org)
        sectors = db.session.scalars(select(Sector).order_by(Sector.position))
        return [_sector_out(s, levels, themes) for s in sectors]


@blp.route("/<slug>")
class OneSector(MethodView):
    @allow(ANYONE)
    @blp.response(200, SectorOut)
    def get(self, slug):
        """One sector with its counts"""
        sector = wordlists.sector_by_slug(slug)
        org = current_user().organisation_id
        return _sector_out(sector, _counts(Term.level, org, sector.id), _counts(Term.theme, org, sector.id))


@blp.route("/<slug>/terms")
class SectorTerms(MethodView):
    @allow(ANYONE)
    @blp.arguments(TermQuery, location="query")
    @blp.response(200, TermOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self, query, slug):
        """The terms of a sector (shared and the caller's organisation's), filtered and paginated"""
        sector = wordlists.sector_by_slug(slug)
        org = current_user().organisation_id
        statement = select(Term).where(Term.sector_id == sector.id, readable_terms(org))
        if query["scope"] == "shared":
            statement = statement.where(Term.organisation_id.is_(None))
        elif query["scope"] == "own":
            statement = statement.where(Term.organisation_id == org)
        for name in ("level", "theme", "pos", "safety"):
            if name in query:
                statement = statement.where(getattr(Term, name) == query[name])
        if query.get("q"):
            like = f"%{query['q'].strip().lower()}%"
            statement = statement.where(
                or_(
                    func.lower(Term.term).like(like),
                    func.lower(Term.plural).like(like),
                    func.lower(Term.example).like(like),
                )
            )
        return statement.order_by(Term.theme, Term.level, Term.position, Term.id)


@blp.route("/<slug>/terms.csv")
class SectorCsv(MethodView):
    @allow(STAFF)
    @blp.arguments(CsvQuery, location="query")
    @blp.response(200, content_type="text/csv", description="The list in the wordlist file format")
    def get(self, query, slug):
        """Download a list as CSV (the wordlist file format), to edit in a spreadsheet"""
        sector = wordlists.sector_by_slug(slug)
        user = current_user()
        organisation_id = None if query["scope"] == "shared" else user.organisation_id
        body = to_csv(wordlists.export_entries(sector, organisation_id))
        name = f"{slug}{'' if organisation_id is None else '-eigen'}.csv"
        return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.arguments(CsvQuery, location="query")
    @blp.response(200, ImportOut)
    def post(self, query, slug):
        """Upload a list as CSV: every row valid, or nothing changes (each rejected row is reported)"""
        sector = wordlists.sector_by_slug(slug)
        upload = request.files.get("file")
        raw = upload.read(MAX_CSV_BYTES + 1) if upload else request.get_data(cache=False)
        if len(raw) > MAX_CSV_BYTES:
            raise Invalid("Het bestand is te groot (maximaal 2 MB).")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Invalid("Sla het bestand op als CSV in UTF-8 en probeer het opnieuw.") from None
        if not text.strip():
            raise Invalid("Het bestand is leeg.")
        return wordlists.import_csv(current_user(), sector, text, shared=query["scope"] == "shared", now=utcnow())
