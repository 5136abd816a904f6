"""Is the service up: /api/health."""

from flask_smorest import Blueprint
from marshmallow import fields

from api.auth import PUBLIC, allow
from api.schemas import Schema
from api.services import health as service

blp = Blueprint("health", __name__, url_prefix="/api/health", description="Status van de dienst")


class HealthOut(Schema):
    status = fields.Str()
    database = fields.Str()


@blp.route("", methods=["GET"])
@allow(PUBLIC)
@blp.response(200, HealthOut)
def health():
    """200 when the database answers, 503 otherwise"""
    service.check_database()
    return {"status": "ok", "database": "ok"}
