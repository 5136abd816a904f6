"""Participants in the caller's scope, their login codes and devices: /api/participants."""

import segno
from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api import access
from api.auth import ANYONE, STAFF, allow, current_user
from api.models import utcnow
from api.pagination import SelectPage
from api.schemas import ParticipantSchema
from api.services import logins
from vaktaal.login_codes import format_code

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


def login_url(code: str) -> str:
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + "/login#code=" + code


def qr_data_url(url: str) -> str:
    """An SVG QR code as a data: URL, so it shows in an <img> without another (authenticated) request."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)


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
    def get(self, participant_id):
        """One participant in the caller's scope"""
        return access.scoped_participant()


@blp.route("/<int:participant_id>/login-code")
class LoginCode(MethodView):
    @allow(STAFF)
    @blp.response(201, LoginCodeOut)
    def post(self, participant_id):
        """Issue a new login code (the previous one stops working)"""
        user = current_user()
        participant = access.scoped_participant()
        code = logins.issue_login_code(participant, issued_by=user, now=utcnow())
        url = login_url(code)
        return {"code": format_code(code), "qr_url": qr_data_url(url), "login_url": url}

    @allow(STAFF)
    @blp.response(204)
    def delete(self, participant_id):
        """Revoke the login code (devices already logged in keep working)"""
        participant = access.scoped_participant()
        logins.revoke_login_codes(participant, now=utcnow())


@blp.route("/<int:participant_id>/devices")
class Devices(MethodView):
    @allow(STAFF)
    @blp.response(200, DeviceOut(many=True))
    def get(self, participant_id):
        """The devices on which the participant is logged in"""
        participant = access.scoped_participant()
        return logins.active_devices(participant, now=utcnow())

    @allow(STAFF)
    @blp.response(200, RevokedOut)
    def delete(self, participant_id):
        """Log the participant out on every device (a lost phone)"""
        participant = access.scoped_participant()
        return {"revoked": logins.revoke_devices(participant, now=utcnow())}
