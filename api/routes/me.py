"""The logged-in user: /api/me."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from api.access import visible_participant_ids
from api.auth import ANYONE, PARTICIPANT, allow, current_user
from api.extensions import db
from api.models import User, caseload, group_participants, group_teachers
from api.schemas import PersonRef, ProfileSchema, UserSchema
from vaktaal.roles import SUPPORT_LANGUAGES, Role

blp = Blueprint("me", __name__, url_prefix="/api/me", description="De ingelogde gebruiker")


class MeSchema(UserSchema):
    profile = fields.Nested(ProfileSchema, allow_none=True)
    teachers = fields.List(fields.Nested(PersonRef))
    coaches = fields.List(fields.Nested(PersonRef))
    participant_count = fields.Int()


def _contacts(participant: User) -> dict:
    """A participant's teachers and coaches: the people they can turn to."""
    teachers = db.session.scalars(
        select(User)
        .join(group_teachers, group_teachers.c.teacher_id == User.id)
        .join(group_participants, group_participants.c.group_id == group_teachers.c.group_id)
        .where(group_participants.c.participant_id == participant.id)
        .distinct()
        .order_by(User.name)
    )
    coaches = db.session.scalars(
        select(User)
        .join(caseload, caseload.c.coach_id == User.id)
        .where(caseload.c.participant_id == participant.id)
        .order_by(User.name)
    )
    return {"teachers": list(teachers), "coaches": list(coaches)}


class MeChanges(Schema):
    support_languages = fields.List(
        fields.Str(validate=validate.OneOf(list(SUPPORT_LANGUAGES))),
        validate=validate.Length(max=3),
        metadata={"description": "participants: the languages translations and hints are shown in, first first"},
    )


def _me(user: User) -> dict:
    data = UserSchema().dump(user)
    if user.role_enum is Role.PARTICIPANT:
        data.update(profile=user.profile, **_contacts(user))
    else:
        data["participant_count"] = db.session.scalar(
            select(db.func.count()).select_from(visible_participant_ids(user).subquery())
        )
    return data


@blp.route("")
class Me(MethodView):
    @allow(ANYONE)
    @blp.response(200, MeSchema)
    def get(self):
        """Who am I: role, name, organisation and, for a participant, profile and contact persons"""
        return _me(current_user())

    @allow(PARTICIPANT)
    @blp.arguments(MeChanges)
    @blp.response(200, MeSchema)
    def patch(self, changes):
        """Change my own settings (a participant's support languages)"""
        user = current_user()
        if "support_languages" in changes:
            user.profile.support_languages = list(dict.fromkeys(changes["support_languages"]))
        db.session.commit()
        return _me(user)
