"""Schemas of a participant's practice: sessions and their exercises, answers (sync), progress, my words."""

from marshmallow import fields, validate

from api.schemas import Changes, Schema
from api.schemas.fields import Id, ids
from api.schemas.terms import TermOut
from vaktaal.exercises import Result, Skill
from vaktaal.sessions import DEFAULT_SESSION_SIZE, MAX_SESSION_SIZE, More

SKILL = {"enum": [skill.value for skill in Skill], "description": "the skill practised"}


class SessionIn(Schema):
    size = fields.Int(load_default=DEFAULT_SESSION_SIZE, validate=validate.Range(min=1, max=MAX_SESSION_SIZE))
    exclude_card_ids = ids(
        max_items=200,
        load_default=list,
        metadata={"description": "cards the phone already holds in a session (a session fetched ahead skips them)"},
    )
    more = fields.Enum(
        More,
        by_value=True,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "once the day's work is done: new (more new terms, up to the higher daily cap) or soon "
            "(practise ahead the cards due within a day)"
        },
    )


class PromptOut(Schema):
    """What the exercise shows or plays first; which keys are set depends on the exercise."""

    audio_url = fields.Str(allow_none=True, metadata={"description": "played by itself (listening, writing)"})
    text = fields.Str(allow_none=True, metadata={"description": "the Dutch shown (reading)"})
    emoji = fields.Str(allow_none=True)
    translation = fields.Str(allow_none=True, metadata={"description": "the meaning in the support language"})
    situation = fields.Str(allow_none=True, metadata={"description": "conversation: the example with a gap"})


class OptionOut(Schema):
    id = fields.Int(metadata={"description": "the term the option stands for"})
    label = fields.Str(allow_none=True)
    emoji = fields.Str(allow_none=True, metadata={"description": "set when the options are pictures"})
    audio_url = fields.Str(allow_none=True, metadata={"description": "read aloud on tap"})


class AnswerOut(Schema):
    """How the phone grades the exercise offline, and what it plays or shows after the answer."""

    option_id = fields.Int(metadata={"description": "the right option (multiple choice)"})
    audio_url = fields.Str(allow_none=True)
    text = fields.Str(
        metadata={"description": "the Dutch answer shown after answering (writing, speaking, conversation)"}
    )
    term = fields.Str()
    article = fields.Str(allow_none=True)
    pos = fields.Str()
    self_graded = fields.Bool(metadata={"description": "speaking: the participant compares and judges"})
    then_say = fields.Bool(metadata={"description": "conversation: say the phrase after choosing it"})
    model_audio_url = fields.Str(allow_none=True)
    example_audio_url = fields.Str(allow_none=True)


class ExerciseOut(Schema):
    card_id = fields.Int()
    term_id = fields.Int()
    skill = fields.Str(metadata=SKILL)
    type = fields.Str(metadata={**SKILL, "description": "the exercise type (the skill's)"})
    options_kind = fields.Str(
        allow_none=True,
        metadata={"description": "emoji, word, translation, sound (read, then pick the sound) or phrase; null without"},
    )
    language = fields.Str(allow_none=True, metadata={"description": "the code of the translation shown"})
    prompt = fields.Nested(PromptOut)
    options = fields.List(fields.Nested(OptionOut))
    answer = fields.Nested(AnswerOut)
    mastery = fields.Str(
        metadata={"description": "the card's mastery before this session: new, learning, known or mastered"}
    )


class SessionTermOut(Schema):
    """A term of the session, as the presentation of a new term and the summary show it."""

    term_id = fields.Int()
    text = fields.Str(metadata={"description": "the Dutch, nouns with their article"})
    emoji = fields.Str(allow_none=True)
    example = fields.Str(allow_none=True)
    translation = fields.Str(allow_none=True, metadata={"description": "the meaning in the support language"})
    language = fields.Str(allow_none=True, metadata={"description": "the code of the translation"})
    audio_url = fields.Str()
    example_audio_url = fields.Str(allow_none=True)
    safety = fields.Bool()
    new = fields.Bool(
        metadata={"description": "never answered: present it (picture, word, sound) before its exercises"}
    )


class TodayOut(Schema):
    """Where the day stands: what practice holds now, what a learner may ask for, and what tomorrow brings."""

    due_now = fields.Int(metadata={"description": "exercises (cards) due now"})
    due_today = fields.Int(metadata={"description": "cards that come back later today"})
    due_soon = fields.Int(metadata={"description": "cards due within a day, to practise ahead (more: soon)"})
    next_due = fields.DateTime(allow_none=True, metadata={"description": "when the next card comes back"})
    new_today = fields.Int(metadata={"description": "terms met today"})
    new_limit = fields.Int(metadata={"description": "new terms a day that sessions bring by themselves"})
    new_max = fields.Int(metadata={"description": "the higher daily cap for a learner who asks for more"})
    new_left = fields.Int(metadata={"description": "new terms sessions still bring today"})
    more_new = fields.Int(metadata={"description": "new terms a learner may still ask for today (more: new)"})
    assigned_waiting = fields.Int(metadata={"description": "terms assigned from work, not met yet"})
    assigned_latest = fields.DateTime(
        allow_none=True,
        metadata={"description": "when the newest of those was assigned: a session kept from before is out of date"},
    )
    terms_changed_latest = fields.DateTime(
        allow_none=True,
        metadata={
            "description": "GET /me/today: when a term the participant practises was last corrected; a session kept "
            "from before shows the old text (null in a session's answer)"
        },
    )
    tomorrow_due = fields.Int(metadata={"description": "words (terms) to repeat by the end of tomorrow"})
    tomorrow_new = fields.Int(metadata={"description": "new words tomorrow brings"})
    done_for_now = fields.Bool(metadata={"description": "a session now would be empty"})


class SessionOut(Schema):
    id = fields.Int()
    created_at = fields.DateTime()
    exercises = fields.List(fields.Nested(ExerciseOut), metadata={"description": "What the phone shows and grades"})
    terms = fields.List(fields.Nested(SessionTermOut), metadata={"description": "the session's terms, in order"})
    today = fields.Nested(TodayOut, metadata={"description": "the day's outlook besides this session"})


class EventIn(Schema):
    id = fields.UUID(required=True, metadata={"description": "the phone's own id of this answer"})
    card_id = Id(required=True)
    answered_at = fields.AwareDateTime(required=True, default_timezone=None)
    result = fields.Enum(Result, by_value=True, required=True)
    hint_used = fields.Bool(load_default=False)
    duration_ms = fields.Int(load_default=None, allow_none=True, validate=validate.Range(min=0, max=3_600_000))


class ReviewsIn(Schema):
    events = fields.List(
        fields.Dict(),
        required=True,
        validate=validate.Length(min=1, max=500),
        metadata={"description": "answers, each an EventIn; a malformed answer is rejected alone"},
    )


class ResultOut(Schema):
    id = fields.Str(allow_none=True)
    status = fields.Str(metadata={"description": "accepted, duplicate or rejected"})
    reason = fields.Str(allow_none=True)


class CardOut(Schema):
    card_id = fields.Int(attribute="id")
    term_id = fields.Int()
    skill = fields.Str(metadata=SKILL)
    due = fields.DateTime()
    reps = fields.Int()
    stability = fields.Float(allow_none=True)
    mastery = fields.Str(metadata={"description": "new, learning, known or mastered"})


class ReviewsOut(Schema):
    results = fields.List(fields.Nested(ResultOut))
    cards = fields.List(fields.Nested(CardOut))


COUNTS = fields.Dict(keys=fields.Str(), values=fields.Int(), metadata={"description": "mastery state -> count"})


class MasteryOut(Schema):
    sectors = fields.Dict(keys=fields.Str(), values=COUNTS, metadata={"description": "per sector"})
    themes = fields.Dict(keys=fields.Str(), values=COUNTS, metadata={"description": "per sector/theme"})
    skills = fields.Dict(keys=fields.Str(), values=COUNTS, metadata={"description": "per skill"})


class AssignedCountOut(Schema):
    total = fields.Int()
    learned = fields.Int(metadata={"description": "recognition holds (the unlock rule)"})


class WeekOut(Schema):
    goal_days = fields.Int()
    days_practised = fields.Int()
    days = fields.List(fields.Str(metadata={"format": "date"}), metadata={"description": "the days practised"})
    met = fields.Bool()
    week_start = fields.Str(metadata={"format": "date"})


class ProgressOut(Schema):
    mastery = fields.Nested(MasteryOut)
    assigned = fields.Nested(AssignedCountOut)
    week = fields.Nested(WeekOut)
    answers_today = fields.Int()


class MyTermsQuery(Schema):
    assigned = fields.Bool(load_default=False, metadata={"description": "only the terms assigned from work"})


class TermProgressOut(Schema):
    term = fields.Nested(TermOut)
    assigned_at = fields.DateTime(allow_none=True)
    skills = fields.Dict(keys=fields.Str(), values=fields.Str(), metadata={"description": "skill -> mastery"})
    learned = fields.Bool()


class AssignIn(Schema):
    term_ids = ids(min_items=1, max_items=200, required=True)


class ParticipantSettingsIn(Changes):
    daily_new_limit = fields.Int(
        allow_none=True,
        validate=validate.Range(min=0, max=50),
        metadata={"description": "new terms a day that sessions bring by themselves (null: 8)"},
    )
    daily_new_max = fields.Int(
        allow_none=True,
        validate=validate.Range(min=0, max=100),
        metadata={"description": "the higher cap a learner asking for more may reach (null: 20), not below the limit"},
    )
