"""The caller's groups, with the participants in them the caller may see: /api/groups."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields

from api.auth import STAFF, allow, current_user
from api.schemas import PersonRef, Schema
from api.services import groups

blp = Blueprint("groups", __name__, url_prefix="/api/groups", description="Groepen")


class GroupOut(Schema):
    id = fields.Int()
    name = fields.Str()
    participants = fields.List(fields.Nested(PersonRef), metadata={"description": "those the caller may see"})


@blp.route("")
class Groups(MethodView):
    @allow(STAFF)
    @blp.response(200, GroupOut(many=True))
    def get(self):
        """My groups: a teacher's own, a coach's with someone of the caseload, a coordinator's organisation's"""
        return groups.groups(current_user())
