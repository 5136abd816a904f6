"""Schemas of the programme's arrangement: groups and their members, workplaces, placements, caseloads."""

from marshmallow import fields, validate

from api.schemas import Changes, PersonRef, Schema
from api.schemas.fields import Id, Text, ids
from vaktaal.roles import SECTORS

GROUP_NAME = validate.Length(min=1, max=200, error="Geef de groep een naam (hoogstens {max} tekens).")
EMPLOYER = validate.Length(min=1, max=200, error="Vul de naam van de werkgever in (hoogstens {max} tekens).")
OPTIONAL_NAME = validate.Length(max=200)


class NameQuery(Schema):
    q = Text(validate=validate.Length(max=100), metadata={"description": "search by name"})


class GroupOut(Schema):
    id = fields.Int()
    name = fields.Str()
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    teachers = fields.List(fields.Nested(PersonRef))
    participants = fields.List(
        fields.Nested(PersonRef), metadata={"description": "the members of today the caller may see and change"}
    )


class GroupIn(Schema):
    name = Text(required=True, validate=GROUP_NAME, error_messages={"required": "Geef de groep een naam."})
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    teacher_ids = ids(max_items=50)


class GroupChanges(Changes):
    name = Text(validate=GROUP_NAME)
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    teacher_ids = ids(max_items=50)


class MemberIn(Schema):
    participant_id = Id(required=True)
    joined_on = fields.Date(metadata={"description": "the first day in the group; default today"})


class LeaveIn(Schema):
    left_on = fields.Date(metadata={"description": "the last day in the group; default today"})


class MembershipOut(Schema):
    participant = fields.Nested(PersonRef)
    joined_on = fields.Date()
    left_on = fields.Date(allow_none=True)
    current = fields.Bool(metadata={"description": "a member today"})


class WorkplaceIn(Schema):
    employer = Text(required=True, validate=EMPLOYER, error_messages={"required": "Vul de naam van de werkgever in."})
    site = Text(validate=OPTIONAL_NAME)
    contact_name = Text(validate=OPTIONAL_NAME, metadata={"description": "the contact person on the floor"})
    sector = Text(
        required=True,
        validate=validate.OneOf(list(SECTORS), error="Kies een sector uit de lijst."),
        error_messages={"required": "Kies een sector uit de lijst."},
    )


class WorkplaceChanges(Changes):
    employer = Text(validate=EMPLOYER)
    site = Text(validate=OPTIONAL_NAME)
    contact_name = Text(validate=OPTIONAL_NAME)
    sector = Text(validate=validate.OneOf(list(SECTORS), error="Kies een sector uit de lijst."))


class PlacementWorkplace(Schema):
    id = fields.Int()
    employer = fields.Str()
    site = fields.Str()
    sector = fields.Str(attribute="sector.slug")


class PlacementOut(Schema):
    id = fields.Int()
    participant = fields.Nested(PersonRef)
    workplace = fields.Nested(PlacementWorkplace)
    start_date = fields.Date()
    end_date = fields.Date(allow_none=True)


class PlacementIn(Schema):
    workplace_id = Id(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(allow_none=True)


class PlacementChanges(Changes):
    end_date = fields.Date(allow_none=True, metadata={"description": "the last day; null: open"})


class CaseloadQuery(NameQuery):
    coach_id = Id(metadata={"description": "one coach's caseload"})


class CaseloadIn(Schema):
    coach_id = Id(required=True)
    participant_id = Id(required=True)
    started_on = fields.Date(metadata={"description": "default today"})


class CaseloadEndIn(Schema):
    coach_id = Id(required=True)
    participant_id = Id(required=True)
    ended_on = fields.Date(metadata={"description": "the last day; default today"})


class CaseloadOut(Schema):
    coach = fields.Nested(PersonRef)
    participant = fields.Nested(PersonRef)
    started_on = fields.Date()
    ended_on = fields.Date(allow_none=True)
    current = fields.Bool()
