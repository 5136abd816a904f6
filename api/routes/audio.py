"""Hearing a term and its example, and uploading recordings: /api/terms/<id>/audio and /example-audio."""

from flask import Response, request
from flask.views import MethodView

from api import openapi
from api.auth import PUBLIC, allow, current_user
from api.models import Role, utcnow
from api.resources import resources
from api.schemas.terms import AdoptIn, AudioQuery, RecordingOut, UploadForm
from api.services import audio
from api.uploads import uploaded_file
from api.validation import Blueprint
from vaktaal.audio import MAX_RECORDING_BYTES

blp = Blueprint("audio", __name__, url_prefix="/api/terms", description="Geluid bij termen")

YEAR = 365 * 24 * 3600


def _send(found: audio.Audio) -> Response:
    etag = f'"{found.etag}"'
    scope = "public" if found.public else "private"
    cache = f"{scope}, max-age={YEAR}, immutable" if found.immutable else f"{scope}, no-cache"
    headers = {"ETag": etag, "Cache-Control": cache, "Accept-Ranges": "none"}
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        return Response(status=304, headers=headers)
    return Response(found.data, mimetype="audio/mpeg", headers=headers)


def _get(kind: str, query: dict, term_id: int) -> Response:
    return _send(audio.serve(resources(), term_id, kind, query["v"], query["sig"], now=utcnow()))


@blp.route("/<int:term_id>/audio")
class TermAudio(MethodView):
    @allow(PUBLIC)
    @blp.arguments(AudioQuery, location="query")
    @blp.response(200, content_type="audio/mpeg", description="MP3; 304 on If-None-Match")
    @blp.doc(**openapi.binary("audio/mpeg", "MP3", not_modified=True))
    def get(self, query, term_id):
        """Hear the term (no token needed: shared audio is public, an organisation's is signed)"""
        return _get("term", query, term_id)

    @allow(Role.TEACHER, Role.COACH)
    @blp.arguments(UploadForm, location="files")
    @blp.response(201, RecordingOut)
    def post(self, form, term):
        """Upload a recording of the term (kind=term) or its example (kind=example) as multipart field 'file'"""
        data = uploaded_file(MAX_RECORDING_BYTES, "Kies een opname.")
        return audio.upload_recording(resources(), current_user(), term, form["kind"], data, now=utcnow())


@blp.route("/<int:term_id>/example-audio")
class ExampleAudio(MethodView):
    @allow(PUBLIC)
    @blp.arguments(AudioQuery, location="query")
    @blp.response(200, content_type="audio/mpeg", description="MP3; 304 on If-None-Match")
    @blp.doc(**openapi.binary("audio/mpeg", "MP3", not_modified=True))
    def get(self, query, term_id):
        """Hear the example sentence"""
        return _get("example", query, term_id)


@blp.route("/<int:term_id>/audio/adopt")
class Adopt(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.arguments(AdoptIn)
    @blp.response(200, RecordingOut)
    def post(self, data, term):
        """Use an organisation's recording of a shared term for everyone (editors only)"""
        return audio.adopt_recording(current_user(), term, data["recording_id"])
