"""Participants in the caller's scope, their login codes and devices: /api/participants."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields

from api import access, viewer
from api.auth import ANYONE, STAFF, allow, current_user
from api.models import utcnow
from api.pagination import SelectPage
from api.resources import resources
from api.schemas import ParticipantSchema, Schema
from api.services import logins

blp = Blueprint("participants", __name__, url_prefix="/api/participants", description="Deelnemers")


class LoginCodeOut(Schema):
    code = fields.Str(metadata={"description": "The new code, shown once (printed as ABCD-EFGH)."})
    qr_url = fields.Str(metadata={"description": "A data: URL of an SVG QR code that encodes login_url."})
    login_url = fields.Str(metadata={"description": "Opening this link on a phone logs the participant in."})


class DeviceOut(Schema):
    id = fields.Int()
    device = fields.Str()
    created_at = fields.DateTime()
    last_used_at = fields.DateTime()
    expires_at = fields.DateTime()


class RevokedOut(Schema):
    revoked = fields.Int()


@blp.route("")
class Participants(MethodView):
    @allow(ANYONE)
    @blp.response(200, ParticipantSchema(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self):
        """The participants the caller may see (a participant: only themself)"""
        return access.participants_query(current_user())


@blp.route("/<int:participant_id>")
class Participant(MethodView):
    @allow(ANYONE)
    @blp.response(200, ParticipantSchema)
    def get(self, participant):
        """One participant in the caller's scope"""
        return participant


@blp.route("/<int:participant_id>/login-code")
class LoginCode(MethodView):
    @allow(STAFF)
    @blp.response(201, LoginCodeOut)
    def post(self, participant):
        """Issue a new login code (the previous one stops working)"""
        code = logins.issue_login_code(
            participant, issued_by=current_user(), secret_key=resources().secret_key, now=utcnow()
        )
        return logins.login_card(code, base_url=viewer.base_url())

    @allow(STAFF)
    @blp.response(204)
    def delete(self, participant):
        """Revoke the login code (devices already logged in keep working)"""
        logins.revoke_login_codes(participant, now=utcnow())


@blp.route("/<int:participant_id>/devices")
class Devices(MethodView):
    @allow(STAFF)
    @blp.response(200, DeviceOut(many=True))
    def get(self, participant):
        """The devices on which the participant is logged in"""
        return logins.active_devices(participant, now=utcnow())

    @allow(STAFF)
    @blp.response(200, RevokedOut)
    def delete(self, participant):
        """Log the participant out on every device (a lost phone)"""
        return {"revoked": logins.revoke_devices(participant, now=utcnow())}
