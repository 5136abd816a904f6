"""Reports for funders and the municipality: /api/reports (aggregates only; small cells suppressed; CSV too)."""

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from api.audit_trail import audited
from api.auth import STAFF, allow, current_user
from api.schemas.reports import ReportOut, ReportQuery
from api.services import reports

blp = Blueprint("reports", __name__, url_prefix="/api", description="Rapportages: totalen, nooit per persoon")

# The JSON answer and, with ``format=csv``, the same as a spreadsheet.
CSV_DOC = {
    "responses": {
        "200": {
            "description": "The report (JSON), or with format=csv the same as a CSV file",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ReportOut"}},
                "text/csv": {"schema": {"type": "string", "format": "binary"}},
            },
        },
    }
}


@blp.route("/reports")
class Reports(MethodView):
    @allow(STAFF)
    @audited("report")
    @blp.arguments(ReportQuery, location="query")
    @blp.response(200, ReportOut)
    @blp.doc(**CSV_DOC)
    def get(self, query):
        """A report over a period: participants, practice days, answers, terms learned, safety terms mastered and
        level rises per skill; a cell of fewer than 5 participants shows '< 5'. ``format=csv`` downloads it. A
        coordinator: the organisation, a group or a workplace; a teacher: their groups; a coach: their caseload"""
        found = reports.report(
            current_user(), query.get("scope"), query.get("id"), start=query.get("start"), end=query.get("end")
        )
        if query["format"] == "csv":
            body, name = reports.report_csv(found)
            return Response(
                body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
            )
        return found
