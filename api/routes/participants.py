"""Participants in the caller's scope, their login codes and devices, their export and erasure: /api/participants."""

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields

from api import access, openapi, viewer
from api.auth import ANYONE, STAFF, allow, current_user
from api.models import Role, utcnow
from api.pagination import SelectPage
from api.resources import resources
from api.schemas import ParticipantSchema, Schema
from api.schemas.erasure import EraseIn, ErasurePreviewOut, ProgrammeEndIn
from api.services import erasure, exports, logins

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

    @allow(Role.COORDINATOR)
    @blp.arguments(ProgrammeEndIn)
    @blp.response(200, ParticipantSchema)
    def patch(self, data, participant):
        """Mark the participant's programme as ended on a day (null: not ended); they are erased
        VAKTAAL_RETENTION_MONTHS after it"""
        return erasure.mark_programme_ended(participant, data["ended_on"])

    @allow(Role.COORDINATOR)
    @blp.arguments(EraseIn)
    @blp.response(204)
    def delete(self, data, participant):
        """Erase the participant and everything that is theirs (type their name to confirm); the audit keeps a
        pseudonym. See GET .../erasure first"""
        erasure.erase_participant(current_user(), participant, confirm_name=data["confirm_name"], now=utcnow())


def zip_response(export: exports.Export) -> Response:
    return Response(
        export.data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"', "Cache-Control": "no-store"},
    )


@blp.route("/<int:participant_id>/export")
class Export(MethodView):
    @allow(Role.COORDINATOR)
    @blp.response(200, content_type="application/zip")
    @blp.doc(**openapi.binary("application/zip", "Everything about the participant: JSON files, photos, README.txt"))
    def get(self, participant):
        """Download everything kept about the participant, as a zip (audited)"""
        return zip_response(
            exports.export_participant(current_user(), participant, resources=resources(), now=utcnow())
        )


@blp.route("/<int:participant_id>/erasure")
class Erasure(MethodView):
    @allow(Role.COORDINATOR)
    @blp.response(200, ErasurePreviewOut)
    def get(self, participant):
        """What erasing the participant will do: counts per kind, notes that name them, photos of their words"""
        return erasure.erasure_preview(participant)


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
