"""The logged-in user: /api/me."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from api import openapi
from api.auth import ANYONE, PARTICIPANT, allow, current_user
from api.models import User, utcnow
from api.resources import resources
from api.routes.participants import zip_response
from api.schemas import Changes, PersonRef, ProfileSchema, UserSchema, fields_of
from api.schemas.fields import Text
from api.services import exports, people
from vaktaal.roles import SUPPORT_LANGUAGES, Role

blp = Blueprint("me", __name__, url_prefix="/api/me", description="De ingelogde gebruiker")


class MeSchema(UserSchema):
    profile = fields.Nested(ProfileSchema, allow_none=True)
    teachers = fields.List(fields.Nested(PersonRef), metadata={"description": "participants: their teachers"})
    coaches = fields.List(fields.Nested(PersonRef), metadata={"description": "participants: their coaches"})
    participant_count = fields.Int(metadata={"description": "staff: the participants they may see"})


class MeChanges(Changes):
    support_languages = fields.List(
        Text(validate=validate.OneOf(list(SUPPORT_LANGUAGES))),
        validate=validate.Length(max=3),
        metadata={"description": "participants: the languages translations and hints are shown in, first first"},
    )


def _me(user: User) -> dict:
    data = fields_of(user, UserSchema)
    if user.role is Role.PARTICIPANT:
        data.update(profile=user.profile, **people.contacts(user))
    else:
        data["participant_count"] = people.participant_count(user)
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
        return _me(people.change_own_settings(current_user(), changes))


@blp.route("/export")
class MyExport(MethodView):
    @allow(PARTICIPANT)
    @blp.response(200, content_type="application/zip")
    @blp.doc(**openapi.binary("application/zip", "Everything about me: JSON files, photos, README.txt"))
    def get(self):
        """Download everything Vaktaal keeps about me, as a zip"""
        me = current_user()
        return zip_response(exports.export_participant(me, me, resources=resources(), now=utcnow()))
