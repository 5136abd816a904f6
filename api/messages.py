"""Dutch messages for marshmallow's field and validator errors, set before any schema is defined.

The API's field errors reach teachers and participants; they should read Dutch, not English. Fields and
validators take their default messages from public class attributes; the schema-level messages ("unknown field")
are set on the API's own base class, ``api.schemas.Schema``.
"""

from marshmallow import fields, validate

FIELD_MESSAGES = {
    fields.Field: {
        "required": "Dit veld is verplicht.",
        "null": "Dit veld mag niet leeg zijn.",
        "validator_failed": "Dit klopt niet.",
    },
    fields.String: {"invalid": "Dit moet tekst zijn.", "invalid_utf8": "Deze tekst bevat een ongeldig teken."},
    fields.Integer: {"invalid": "Dit moet een heel getal zijn.", "too_large": "Dit getal is te groot."},
    fields.Number: {"invalid": "Dit moet een getal zijn.", "too_large": "Dit getal is te groot."},
    fields.Boolean: {"invalid": "Kies true of false."},
    fields.Date: {
        "invalid": "Geen geldige datum (JJJJ-MM-DD).",
        "invalid_awareness": "Geen geldige datum (JJJJ-MM-DD).",
        "format": "Geen geldige datum.",
    },
    fields.DateTime: {
        "invalid": "Geen geldig tijdstip (ISO 8601, met tijdzone).",
        "invalid_awareness": "Geen geldig tijdstip (ISO 8601, met tijdzone).",
        "format": "Geen geldig tijdstip.",
    },
    fields.List: {"invalid": "Dit moet een lijst zijn."},
    fields.Dict: {"invalid": "Dit moet een object zijn."},
    fields.Nested: {"type": "Dit moet een object zijn."},
    fields.Email: {"invalid": "Geen geldig e-mailadres."},
    fields.UUID: {"invalid_uuid": "Geen geldige UUID."},
    fields.Enum: {"unknown": "Kies een van: {choices}."},
}


def install() -> None:
    for field_class, messages in FIELD_MESSAGES.items():
        field_class.default_error_messages = {**field_class.default_error_messages, **messages}
    validate.Email.default_message = "Geen geldig e-mailadres."
    validate.OneOf.default_message = "Kies een van: {choices}."
    validate.Length.message_min = "Minstens {min} tekens."
    validate.Length.message_max = "Hoogstens {max} tekens."
    validate.Length.message_all = "Tussen {min} en {max} tekens."
    validate.Length.message_equal = "Precies {equal} tekens."
    validate.Range.message_min = "Minstens {{min}}."
    validate.Range.message_max = "Hoogstens {{max}}."
    validate.Range.message_all = "Van {{min}} tot en met {{max}}."


install()
