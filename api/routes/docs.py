"""Interactive API docs at /api/docs: Swagger UI 5 (reads OpenAPI 3.1), served from files committed in
api/static/docs/swagger-ui (swagger-ui-dist, Apache-2.0, see its LICENSE and VERSION): no CDN, no inline script."""

from pathlib import Path

from flask import Blueprint, send_from_directory

from api.auth import PUBLIC, allow

bp = Blueprint("docs", __name__, url_prefix="/api/docs")
OWN_FILES = Path(__file__).resolve().parent.parent / "static" / "docs"
SWAGGER_UI = OWN_FILES / "swagger-ui"

# Swagger UI sets styles inline; this page (and only this page) allows that.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


@bp.route("", methods=["GET"])
@allow(PUBLIC)
def page():
    response = send_from_directory(OWN_FILES, "index.html")
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response


@bp.route("/<path:filename>", methods=["GET"])
@allow(PUBLIC)
def asset(filename):
    if filename == "init.js":
        return send_from_directory(OWN_FILES, filename)
    return send_from_directory(SWAGGER_UI, filename)
