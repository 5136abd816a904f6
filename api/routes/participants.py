"""Participants in the caller's scope, their login codes and devices, their export and erasure: /api/participants."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields

from api import openapi, viewer
from api.audit_trail import audited
from api.auth import ANYONE, STAFF, allow, current_user
from api.models import Role, utcnow
from api.pagination import SelectPage
from api.resources import resources
from api.schemas import ParticipantSchema, Schema
from api.schemas.erasure import EraseIn, ErasurePreviewOut
from api.schemas.participants_admin import (
    CardsIn,
    CardsOut,
    ImportQuery,
    ParticipantChanges,
    ParticipantIn,
    ParticipantsImportOut,
)
from api.schemas.programme import NameQuery
from api.services import bulk_start, erasure, exports, logins, participants_admin, people
from vaktaal.privacy import AuditAction

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
    @blp.arguments(NameQuery, location="query")
    @blp.response(200, ParticipantSchema(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self, query):
        """The participants the caller may see (a participant: only themself), by name; ``q``: each word in the
        name, in any case, accents or not. ``read_only``: a former member the caller may only look at"""
        return people.participants_query(current_user(), query.get("q"))

    @allow(STAFF)
    @audited("participant")
    @blp.arguments(ParticipantIn)
    @blp.response(201, ParticipantSchema)
    def post(self, data):
        """Add a participant: a coordinator to the organisation (optionally a group), a teacher to one of their
        groups (group_id), a coach to their caseload; all from today"""
        return participants_admin.create_participant(current_user(), data, now=utcnow())


@blp.route("/import")
class Import(MethodView):
    @allow(Role.COORDINATOR)
    @audited("participant-import")
    @blp.arguments(ImportQuery, location="query")
    @blp.response(201, ParticipantsImportOut)
    @blp.doc(requestBody=openapi.CSV_BODY)
    def post(self, query):
        """Start a group from a CSV file (columns name, ref, support_languages, sectors, workplace, route,
        start_date): every row valid or nothing changes; answers with a new login card for each"""
        upload = request.files.get("file")
        limit = bulk_start.MAX_CSV_BYTES + 1
        raw = upload.read(limit) if upload else request.get_data(cache=False)[:limit]
        return bulk_start.import_participants(
            current_user(),
            query["group_id"],
            raw,
            secret_key=resources().secret_key,
            base_url=viewer.base_url(),
            now=utcnow(),
        )


@blp.route("/login-cards")
class LoginCards(MethodView):
    @allow(STAFF)
    @audited("login-code", AuditAction.LOGIN_CODE)
    @blp.arguments(CardsIn)
    @blp.response(201, CardsOut)
    def post(self, data):
        """New login cards to print for these participants: each one's old code stops working"""
        cards = bulk_start.reissue_cards(
            current_user(),
            data["participant_ids"],
            secret_key=resources().secret_key,
            base_url=viewer.base_url(),
            now=utcnow(),
        )
        return {"cards": cards}


@blp.route("/<int:participant_id>")
class Participant(MethodView):
    @allow(ANYONE)
    @blp.response(200, ParticipantSchema)
    def get(self, participant):
        """One participant in the caller's scope"""
        return participant

    @allow(STAFF)
    @blp.arguments(ParticipantChanges)
    @blp.response(200, ParticipantSchema)
    def patch(self, data, participant):
        """Change a participant: name, profile, ref; coordinators also the status (active, paused, finished, left)
        and the day the programme ended (erased VAKTAAL_RETENTION_MONTHS after it, after aftercare if finished)"""
        return participants_admin.update_participant(current_user(), participant, data, now=utcnow())

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
