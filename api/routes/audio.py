"""Hearing a term and its example, and uploading recordings: /api/terms/<id>/audio and /example-audio."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api import access
from api.auth import PUBLIC, allow, current_user
from api.models import Role
from api.services import audio
from api.uploads import uploaded_file
from vaktaal.audio import MAX_RECORDING_BYTES
from vaktaal.errors import Forbidden

blp = Blueprint("audio", __name__, url_prefix="/api/terms", description="Geluid bij termen")

YEAR = 365 * 24 * 3600


class AudioQuery(Schema):
    v = fields.Str(load_default=None, validate=validate.Length(max=40), metadata={"description": "audio version"})
    sig = fields.Str(load_default=None, validate=validate.Length(max=64), metadata={"description": "signature"})


class UploadForm(Schema):
    kind = fields.Str(load_default="term", validate=validate.OneOf(audio.KINDS))


class RecordingOut(Schema):
    id = fields.Int()
    kind = fields.Str()
    duration_ms = fields.Int(allow_none=True)
    size = fields.Int()
    adopted = fields.Bool()
    created_at = fields.DateTime()


class AdoptIn(Schema):
    recording_id = fields.Int(required=True)


def _send(found: audio.Audio) -> Response:
    etag = f'"{found.etag}"'
    scope = "public" if found.public else "private"
    cache = f"{scope}, max-age={YEAR}, immutable" if found.immutable else f"{scope}, no-cache"
    headers = {"ETag": etag, "Cache-Control": cache, "Accept-Ranges": "none"}
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        return Response(status=304, headers=headers)
    return Response(found.data, mimetype="audio/mpeg", headers=headers)


def _get(kind, query, term_id):
    return _send(audio.serve(term_id, kind, query["v"], query["sig"]))


@blp.route("/<int:term_id>/audio")
class TermAudio(MethodView):
    @allow(PUBLIC)
    @blp.arguments(AudioQuery, location="query")
    @blp.response(200, content_type="audio/mpeg", description="MP3; 304 on If-None-Match")
    def get(self, query, term_id):
        """Hear the term (no token needed: shared audio is public, an organisation's is signed)"""
        return _get("term", query, term_id)

    @allow(Role.TEACHER, Role.COACH)
    @blp.arguments(UploadForm, location="form")
    @blp.response(201, RecordingOut)
    def post(self, form, term_id):
        """Upload a recording of the term (kind=term) or its example (kind=example) as multipart field 'file'"""
        user = current_user()
        term = access.get_term(user, term_id)
        data = uploaded_file(MAX_RECORDING_BYTES, "Kies een opname.")
        return audio.upload_recording(user, term, form["kind"], data)


@blp.route("/<int:term_id>/example-audio")
class ExampleAudio(MethodView):
    @allow(PUBLIC)
    @blp.arguments(AudioQuery, location="query")
    @blp.response(200, content_type="audio/mpeg", description="MP3; 304 on If-None-Match")
    def get(self, query, term_id):
        """Hear the example sentence"""
        return _get("example", query, term_id)


@blp.route("/<int:term_id>/audio/adopt")
class Adopt(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.arguments(AdoptIn)
    @blp.response(200, RecordingOut)
    def post(self, data, term_id):
        """Use an organisation's recording of a shared term for everyone (editors only)"""
        user = current_user()
        term = access.get_term(user, term_id)
        if not user.is_editor:
            raise Forbidden("Alleen redacteuren kiezen de opname voor iedereen.")
        return audio.adopt_recording(term, data["recording_id"])
