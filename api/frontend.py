"""Serves the web app in frontend/ from the same origin as the API."""

from pathlib import Path

from flask import Blueprint, Flask, send_from_directory

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"

bp = Blueprint("frontend", __name__)


@bp.route("/", methods=["GET"])
@bp.route("/login", methods=["GET"])
def index():
    response = send_from_directory(FRONTEND, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/static/<path:filename>", methods=["GET"])
def static(filename):
    response = send_from_directory(FRONTEND, filename)
    response.headers["Cache-Control"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
