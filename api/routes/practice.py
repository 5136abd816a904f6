"""A participant's practice: sessions, answers (sync) and progress: /api/me/sessions, /reviews, /progress."""

from flask.views import MethodView
from flask_smorest import Blueprint, Page
from marshmallow import Schema, ValidationError, fields, validate

from api.auth import PARTICIPANT, allow, current_user
from api.models import utcnow
from api.routes.wordlist_schemas import TermOut
from api.services import practice
from vaktaal.sessions import DEFAULT_SESSION_SIZE

blp = Blueprint("practice", __name__, url_prefix="/api/me", description="Oefenen")


class SessionIn(Schema):
    size = fields.Int(load_default=DEFAULT_SESSION_SIZE, validate=validate.Range(min=1, max=practice.MAX_SESSION_SIZE))
    exclude_card_ids = fields.List(
        fields.Int(),
        load_default=list,
        validate=validate.Length(max=200),
        metadata={"description": "cards the phone already holds in a session (a session fetched ahead skips them)"},
    )


class SessionOut(Schema):
    id = fields.Int()
    created_at = fields.DateTime()
    exercises = fields.List(fields.Dict(), metadata={"description": "What the phone shows and grades offline"})


class EventIn(Schema):
    id = fields.UUID(required=True, metadata={"description": "the phone's own id of this answer"})
    card_id = fields.Int(required=True)
    answered_at = fields.AwareDateTime(required=True, default_timezone=None)
    result = fields.Str(required=True, validate=validate.OneOf(practice.RESULTS))
    hint_used = fields.Bool(load_default=False)
    duration_ms = fields.Int(load_default=None, allow_none=True, validate=validate.Range(min=0, max=3_600_000))


class ReviewsIn(Schema):
    events = fields.List(
        fields.Dict(),
        required=True,
        validate=validate.Length(min=1, max=500),
        metadata={"description": "answers: {id, card_id, answered_at, result, hint_used, duration_ms}"},
    )


class ResultOut(Schema):
    id = fields.Str(allow_none=True)
    status = fields.Str()
    reason = fields.Str(allow_none=True)


class CardOut(Schema):
    card_id = fields.Int(attribute="id")
    term_id = fields.Int()
    skill = fields.Str()
    due = fields.DateTime()
    reps = fields.Int()
    stability = fields.Float(allow_none=True)
    mastery = fields.Str(metadata={"description": "new, learning, known or mastered"})


class ReviewsOut(Schema):
    results = fields.List(fields.Nested(ResultOut))
    cards = fields.List(fields.Nested(CardOut))


class ProgressOut(Schema):
    mastery = fields.Dict(metadata={"description": "counts per mastery state by sector, sector/theme and skill"})
    assigned = fields.Dict(metadata={"description": "{total, learned}"})
    week = fields.Dict(metadata={"description": "{goal_days, days_practised, days, met, week_start}"})
    answers_today = fields.Int()


@blp.route("/sessions")
class Sessions(MethodView):
    @allow(PARTICIPANT)
    @blp.arguments(SessionIn)
    @blp.response(201, SessionOut)
    def post(self, data):
        """Start a session: introduces new terms (counting against the daily limit) and returns its exercises"""
        return practice.build_session(
            current_user(), data["size"], now=utcnow(), exclude_card_ids=data["exclude_card_ids"]
        )


def _parse(raw) -> tuple[dict | None, practice.EventResult | None]:
    """One event checked on its own: a malformed answer is rejected alone, the rest of the batch goes on."""
    event_id = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") is not None else None
    try:
        data = EventIn().load(raw)
    except ValidationError as exc:
        fields_ = ", ".join(sorted(exc.messages)) if isinstance(exc.messages, dict) else "event"
        return None, practice.EventResult(event_id, "rejected", f"Onjuist antwoord-bericht ({fields_}).")
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
        results, cards = practice.record_reviews(current_user(), parsed, now=utcnow())
        ordered, it = [], iter(results)
        for index in range(len(data["events"])):
            ordered.append(early[index] if index in early else next(it))
        return {"results": ordered, "cards": cards}


@blp.route("/progress")
class Progress(MethodView):
    @allow(PARTICIPANT)
    @blp.response(200, ProgressOut)
    def get(self):
        """Counts per mastery state, assigned terms learned, and this week's practice days against the goal"""
        return practice.participant_progress(current_user(), now=utcnow())


class MyTermsQuery(Schema):
    assigned = fields.Bool(load_default=False, metadata={"description": "only the terms assigned from work"})


class MyTermOut(Schema):
    term = fields.Nested(TermOut)
    assigned_at = fields.DateTime(allow_none=True)
    skills = fields.Dict(metadata={"description": "skill -> mastery"})
    learned = fields.Bool()


@blp.route("/terms")
class MyTerms(MethodView):
    @allow(PARTICIPANT)
    @blp.arguments(MyTermsQuery, location="query")
    @blp.response(200, MyTermOut(many=True))
    @blp.paginate(Page, page_size=100, max_page_size=100)
    def get(self, query):
        """My words: every term I met or was assigned ("Van mijn werk": ?assigned=true), with mastery per skill"""
        return practice.my_terms(current_user(), assigned_only=query["assigned"])
