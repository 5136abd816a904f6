"""Interactive API docs at /api/docs, served from local files (swagger-ui-bundle): no CDN, no inline script."""

from pathlib import Path

from flask import Blueprint, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from api.auth import PUBLIC, allow

bp = Blueprint("docs", __name__, url_prefix="/api/docs")
OWN_FILES = Path(__file__).resolve().parent.parent / "static" / "docs"

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
    return send_from_directory(swagger_ui_path, filename)
