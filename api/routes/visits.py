"""Workplace visits and what was heard there: /api/visits, /api/observations, /api/suggestions."""

from flask import Response
from flask.views import MethodView

from api import openapi
from api.auth import PUBLIC, allow, current_user
from api.models import Role, utcnow
from api.pagination import SelectPage
from api.photos import MAX_PHOTO_BYTES
from api.resources import resources
from api.schemas.terms import SearchIndexOut
from api.schemas.visits import (
    ObservationCreated,
    ObservationIn,
    ObservationOut,
    PhotoQuery,
    PhotoUpload,
    RecordingUpload,
    SuggestionDecisionIn,
    VisitChanges,
    VisitCreated,
    VisitIn,
    VisitOut,
)
from api.services import erasure, photos, suggestions, terms, visits
from api.uploads import uploaded_file
from api.validation import Blueprint
from vaktaal.audio import MAX_RECORDING_BYTES

blp = Blueprint("visits", __name__, url_prefix="/api", description="Werkvloerbezoeken")

VISITORS = (Role.TEACHER, Role.COACH)
STAFF = (Role.TEACHER, Role.COACH, Role.COORDINATOR)


@blp.route("/visits")
class Visits(MethodView):
    @allow(*VISITORS)
    @blp.arguments(VisitIn)
    @blp.response(201, VisitCreated)
    def post(self, data):
        """Record a visit: workplace, date, participants seen, notes and the terms heard (a coach's are suggestions).
        With a `client_id` sent before: the visit made then, as then (a phone's outbox may send twice)"""
        return visits.create_visit(current_user(), data, checker=resources().checker, now=utcnow())


@blp.route("/visits/terms")
class SearchIndex(MethodView):
    @allow(*VISITORS)
    @blp.response(200, SearchIndexOut)
    def get(self):
        """The lists in brief (shared and own terms: the fields search needs), for searching on a visit without a
        connection"""
        return {"terms": terms.search_index(current_user())}


@blp.route("/visits/<int:visit_id>")
class OneVisit(MethodView):
    @allow(*STAFF)
    @blp.response(200, VisitOut)
    def get(self, visit):
        """One visit"""
        return visit

    @allow(*STAFF)
    @blp.arguments(VisitChanges)
    @blp.response(200, VisitOut)
    def patch(self, changes, visit):
        """Change a visit's date, participants or notes (who recorded it, or a coordinator)"""
        return visits.update_visit(current_user(), visit, changes, now=utcnow())


@blp.route("/visits/<int:visit_id>/observations")
class VisitObservations(MethodView):
    @allow(*VISITORS)
    @blp.arguments(ObservationIn)
    @blp.response(201, ObservationCreated)
    def post(self, data, visit):
        """Add a term heard on your own visit (search-or-create), assigned to its participants; a new term the
        lists already have is refused (409), so the existing one is chosen instead. With a `client_id` sent before:
        the observation made then"""
        return visits.add_observation(current_user(), visit, data, checker=resources().checker, now=utcnow())


@blp.route("/observations/<int:observation_id>/photo")
class ObservationPhoto(MethodView):
    @allow(PUBLIC)
    @blp.arguments(PhotoQuery, location="query")
    @blp.response(200, content_type="image/jpeg")
    @blp.doc(**openapi.binary("image/jpeg", "The photo as JPEG"))
    def get(self, query, observation_id):
        """The photo (no token needed: the URL is signed)"""
        data, key = photos.photo(resources(), observation_id, query["sig"])
        return Response(
            data,
            mimetype="image/jpeg",
            headers={"ETag": f'"{key}"', "Cache-Control": "private, max-age=31536000, immutable"},
        )

    @allow(*VISITORS)
    @blp.arguments(PhotoUpload, location="files")
    @blp.response(200, ObservationOut)
    def post(self, _upload, observation):
        """Add a photo of the real object or place (multipart 'file'; EXIF and location are removed)"""
        data = uploaded_file(MAX_PHOTO_BYTES, "Kies een foto.")
        return photos.add_photo(resources(), observation, data)

    @allow(Role.COORDINATOR)
    @blp.response(200, ObservationOut)
    def delete(self, observation):
        """Remove the photo (one that shows a person, before erasing them); its file goes when nothing else uses it"""
        return erasure.remove_photo(resources(), observation)


@blp.route("/observations/<int:observation_id>/recording")
class ObservationRecording(MethodView):
    @allow(*VISITORS)
    @blp.arguments(RecordingUpload, location="files")
    @blp.response(200, ObservationOut)
    def post(self, _upload, observation):
        """Add a recording of a colleague saying the term (multipart 'file'); the organisation hears it from now on"""
        data = uploaded_file(MAX_RECORDING_BYTES, "Kies een opname.")
        return photos.add_recording(resources(), current_user(), observation, data, now=utcnow())


@blp.route("/suggestions")
class Suggestions(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.response(200, ObservationOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self):
        """Terms coaches heard for my participants, waiting for approval"""
        return suggestions.suggestions(current_user())


@blp.route("/observations/<int:observation_id>/decision")
class Decide(MethodView):
    @allow(Role.TEACHER, Role.COORDINATOR)
    @blp.arguments(SuggestionDecisionIn)
    @blp.response(200, ObservationOut)
    def post(self, data, observation):
        """Approve (optionally with edits to the term) or drop a coach's suggestion"""
        return suggestions.decide(
            current_user(),
            observation,
            approve=data["approve"],
            changes=data["changes"],
            checker=resources().checker,
            now=utcnow(),
        )
