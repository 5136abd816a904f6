"""Is the service up: /api/health."""

from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.auth import PUBLIC, allow
from api.extensions import db
from vaktaal.errors import Unavailable

blp = Blueprint("health", __name__, url_prefix="/api/health", description="Status van de dienst")


class HealthOut(Schema):
    status = fields.Str()
    database = fields.Str()


@blp.route("", methods=["GET"])
@allow(PUBLIC)
@blp.response(200, HealthOut)
def health():
    """200 when the database answers, 503 otherwise"""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        raise Unavailable("De database is niet bereikbaar.") from None
    return {"status": "ok", "database": "ok"}
