"""What participants are told and what they agree to: /api/privacy-notice, /api/me/consents and
/api/participants/<id>/consents (a consent given on paper, recorded by staff)."""

from flask import Response, current_app, request
from flask.views import MethodView

from api import openapi
from api.audit_trail import audited
from api.auth import PARTICIPANT, PUBLIC, STAFF, allow, current_user
from api.models import utcnow
from api.resources import resources
from api.schemas.consents import (
    ConsentOut,
    EmployerSummaryOut,
    MyConsentIn,
    NoticeAudioQuery,
    NoticeOut,
    NoticeQuery,
    PaperConsentIn,
)
from api.services import consents, employer_summary
from api.validation import Blueprint
from vaktaal.privacy import DEFAULT_RETENTION_MONTHS, ConsentSource
from vaktaal.roles import Role

blp = Blueprint("consents", __name__, url_prefix="/api", description="Privacy: wat deelnemers horen en toestaan")

YEAR = 365 * 24 * 3600
STAFF_WHO_RECORD = (Role.COORDINATOR, Role.COACH)


def _retention_months() -> int:
    return int(current_app.config.get("RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))


@blp.route("/privacy-notice")
class Notice(MethodView):
    @allow(PUBLIC)
    @blp.arguments(NoticeQuery, location="query")
    @blp.response(200, NoticeOut)
    def get(self, query):
        """The privacy notice and each consent's question, in Dutch and the support languages (translations: drafts)"""
        return consents.notice(retention_months=_retention_months(), language=query["language"])


@blp.route("/privacy-notice/<key>/audio")
class NoticeAudio(MethodView):
    @allow(PUBLIC)
    @blp.arguments(NoticeAudioQuery, location="query")
    @blp.response(200, content_type="audio/mpeg", description="MP3; 304 on If-None-Match")
    @blp.doc(**openapi.binary("audio/mpeg", "MP3", not_modified=True))
    def get(self, query, key):
        """Hear one block of the notice (or a consent's question) in Dutch"""
        found = consents.notice_audio(resources(), key, query["v"], retention_months=_retention_months(), now=utcnow())
        etag = f'"{found.etag}"'
        cache = f"public, max-age={YEAR}, immutable" if found.immutable else "public, no-cache"
        headers = {"ETag": etag, "Cache-Control": cache, "Accept-Ranges": "none"}
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            return Response(status=304, headers=headers)
        return Response(found.data, mimetype="audio/mpeg", headers=headers)


@blp.route("/me/consents")
class MyConsents(MethodView):
    @allow(PARTICIPANT)
    @blp.response(200, ConsentOut(many=True))
    def get(self):
        """My consents: per purpose, whether it holds, and when and how it was given"""
        return consents.consent_states(current_user())


@blp.route("/me/consents/<purpose>")
class MyConsent(MethodView):
    @allow(PARTICIPANT)
    @blp.arguments(MyConsentIn)
    @blp.response(200, ConsentOut)
    def put(self, data, purpose):
        """Give or withdraw my consent for one purpose (takes effect at once; the same answer twice changes nothing)"""
        me = current_user()
        return consents.set_consent(
            me, me, consents.purpose_named(purpose), data["given"], source=ConsentSource.APP, now=utcnow()
        )


@blp.route("/participants/<int:participant_id>/consents")
class ParticipantConsents(MethodView):
    @allow(*STAFF_WHO_RECORD)
    @blp.response(200, ConsentOut(many=True))
    def get(self, participant):
        """A participant's consents (coordinator, coach)"""
        return consents.consent_states(participant)

    @allow(*STAFF_WHO_RECORD)
    @blp.arguments(PaperConsentIn)
    @blp.response(200, ConsentOut)
    def post(self, data, participant):
        """Record a consent given or withdrawn on paper (coordinator, coach); the same answer twice changes nothing"""
        return consents.set_consent(
            current_user(), participant, data["purpose"], data["given"], source=data["source"], now=utcnow()
        )


@blp.route("/participants/<int:participant_id>/employer-summary")
class EmployerSummary(MethodView):
    @allow(STAFF)
    @audited("employer-summary", participant="participant")
    @blp.response(200, EmployerSummaryOut)
    def get(self, participant):
        """The summary for the participant's employer, printable: days practised, words known and the workplace's
        words learned, never a level or what fails; only while the participant agrees (403 otherwise)"""
        return employer_summary.employer_summary(current_user(), participant)
