"""A participant's practice: sessions, answers (sync), the day and progress: /api/me/sessions, /reviews, /today,
/progress, /terms."""

from flask.views import MethodView
from flask_smorest import Blueprint, Page
from marshmallow import ValidationError

from api.auth import PARTICIPANT, allow, current_user
from api.models import utcnow
from api.resources import resources
from api.schemas.fields import text_problem
from api.schemas.practice import (
    EventIn,
    MyTermsQuery,
    ProgressOut,
    ReviewsIn,
    ReviewsOut,
    SessionIn,
    SessionOut,
    TermProgressOut,
    TodayOut,
)
from api.services import progress, reviews, sessions

blp = Blueprint("practice", __name__, url_prefix="/api/me", description="Oefenen")


@blp.route("/sessions")
class Sessions(MethodView):
    @allow(PARTICIPANT)
    @blp.arguments(SessionIn)
    @blp.response(201, SessionOut)
    def post(self, data):
        """Start a session: introduces new terms (counting against the daily limit) and returns its exercises"""
        return sessions.build_session(
            current_user(),
            data["size"],
            now=utcnow(),
            secret_key=resources().secret_key,
            exclude_card_ids=data["exclude_card_ids"],
            more=data["more"],
        )


@blp.route("/today")
class Today(MethodView):
    @allow(PARTICIPANT)
    @blp.response(200, TodayOut)
    def get(self):
        """Anything new? What is due, what I may ask for once done, what tomorrow brings, terms newly assigned"""
        return sessions.today(current_user(), now=utcnow())


def _parse(raw) -> tuple[dict | None, reviews.EventResult | None]:
    """One event checked on its own: a malformed answer is rejected alone, the rest of the batch goes on. Its id is
    echoed back only when it could be one (short, plain text), so the phone can match the answer."""
    event_id = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(event_id, str) or len(event_id) > 64 or text_problem(event_id):
        event_id = None
    try:
        data = EventIn().load(raw)
    except ValidationError as exc:
        fields_ = ", ".join(sorted(exc.messages)) if isinstance(exc.messages, dict) else "event"
        return None, reviews.EventResult(event_id, "rejected", f"Onjuist antwoord-bericht ({fields_}).")
    data["id"] = str(data["id"])
    return data, None


@blp.route("/reviews")
class Reviews(MethodView):
    @allow(PARTICIPANT)
    @blp.arguments(ReviewsIn)
    @blp.response(200, ReviewsOut)
    def post(self, data):
        """Send answers (idempotent: a resent answer is a duplicate); returns each answer's status and the cards"""
        parsed, early = [], {}
        for index, raw in enumerate(data["events"]):
            event, rejection = _parse(raw)
            if rejection:
                early[index] = rejection
            else:
                parsed.append(event)
        results, cards = reviews.record_reviews(current_user(), parsed, now=utcnow())
        it = iter(results)
        ordered = [early[index] if index in early else next(it) for index in range(len(data["events"]))]
        return {"results": ordered, "cards": cards}


@blp.route("/progress")
class Progress(MethodView):
    @allow(PARTICIPANT)
    @blp.response(200, ProgressOut)
    def get(self):
        """Counts per mastery state, assigned terms learned, and this week's practice days against the goal"""
        return progress.participant_progress(current_user(), now=utcnow())


@blp.route("/terms")
class MyTerms(MethodView):
    @allow(PARTICIPANT)
    @blp.arguments(MyTermsQuery, location="query")
    @blp.response(200, TermProgressOut(many=True))
    @blp.paginate(Page, page_size=100, max_page_size=100)
    def get(self, query):
        """My words: every term I met or was assigned ("Van mijn werk": ?assigned=true), with mastery per skill"""
        return progress.my_terms(current_user(), assigned_only=query["assigned"])
