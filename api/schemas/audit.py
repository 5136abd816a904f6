"""The audit as the API shows it: entries for coordinators, counted groups for the participant they are about."""

from marshmallow import ValidationError, fields, validate, validates_schema

from api.schemas import PersonRef, Schema
from api.schemas.fields import Id
from vaktaal.privacy import AuditAction
from vaktaal.roles import Role


class AuditQuery(Schema):
    participant_id = Id(
        metadata={"description": "entries about this participant (directly, or a visit or observation naming them)"}
    )
    user_id = Id(metadata={"description": "entries of this staff member"})
    action = fields.Enum(AuditAction, by_value=True)
    since = fields.Date(metadata={"description": "from this day on (Europe/Amsterdam)"})
    until = fields.Date(metadata={"description": "up to and including this day (Europe/Amsterdam)"})

    @validates_schema
    def _in_order(self, data, **kwargs):
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError("De einddatum ligt voor de begindatum.", "until")


class AuditEntryOut(Schema):
    id = fields.Int()
    at = fields.DateTime()
    actor = fields.Nested(PersonRef, allow_none=True, metadata={"description": "null: a removed user, or none"})
    actor_role = fields.Enum(Role, by_value=True, allow_none=True)
    action = fields.Enum(AuditAction, by_value=True)
    participant = fields.Nested(PersonRef, allow_none=True)
    participant_pseudonym = fields.Str(
        allow_none=True, metadata={"description": "set once the participant was erased (participant is then null)"}
    )
    object_kind = fields.Str(metadata={"description": "participant, participant-list, term, visit, ..."})
    object_id = fields.Int(allow_none=True)


class MyAuditGroupOut(Schema):
    actor_role = fields.Enum(Role, by_value=True, allow_none=True)
    actor_first_name = fields.Str(allow_none=True, metadata={"description": "null: no longer a user"})
    action = fields.Enum(AuditAction, by_value=True)
    object_kind = fields.Str()
    count = fields.Int(metadata={"description": "in the last six months"})
    this_week = fields.Int(metadata={"description": "in the last seven days"})
    last_at = fields.DateTime()


class MyAuditOut(Schema):
    days = fields.Int(metadata={"description": "how far back the groups go"})
    groups = fields.List(fields.Nested(MyAuditGroupOut), validate=validate.Length(min=0))
