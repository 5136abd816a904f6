"""The field types of the API's input: every id, number and text is checked here, at the edge, not in the database.

``Text`` is every text a request brings in (a JSON field, a dict key, a query parameter): it refuses control
characters (a NUL, which PostgreSQL cannot store; an escape code) and invalid Unicode (a lone surrogate, which no
database can encode); newlines and tabs only where ``multiline=True`` (notes, examples, what was heard). ``Id``
lies in the range of the database's integer ids (1 to 2^31-1), so an id out of range is refused as unknown instead of
failing in PostgreSQL with "integer out of range".

Input schemas use these types, never a bare ``fields.Str`` or ``fields.Int`` for an id: ``tests/api/test_spec.py``
walks the spec and proves every text field refuses a NUL and every integer is bounded.
"""

from flask_smorest.fields import Upload  # noqa: F401  (a file of a multipart body, for the schemas)
from marshmallow import fields, validate

from vaktaal.text import CONTROL, LINE_BREAKS, MESSAGES, text_problem

MAX_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is wider, so the smaller range is the rule

# As JSON Schema patterns in the spec (ECMA-262 syntax, which Python's re reads the same way).
ONE_LINE_PATTERN = f"^[^{CONTROL}{LINE_BREAKS}\\u2028\\u2029]*$"
MULTILINE_PATTERN = f"^[^{CONTROL}]*$"


class Text(fields.String):
    """Text a person typed or a phone sent: no control characters, valid Unicode; one line unless ``multiline``."""

    default_error_messages = MESSAGES

    def __init__(self, *, multiline: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.multiline = multiline
        if not any(isinstance(rule, validate.OneOf) for rule in self.validators):  # a choice needs no pattern
            self.metadata = {"pattern": MULTILINE_PATTERN if multiline else ONE_LINE_PATTERN, **self.metadata}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        problem = text_problem(text, multiline=self.multiline)
        if problem:
            raise self.make_error(problem)
        return text


class Email(Text, fields.Email):
    """An e-mail address (format "email" in the spec), as ``Text`` checks it first."""


class Id(fields.Integer):
    """The id of a row: 1 to 2^31-1. One out of that range names nothing."""

    default_error_messages = {"unknown": "Dit nummer bestaat niet."}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Range(min=1, max=MAX_ID, error=self.error_messages["unknown"]))


def ids(*, max_items: int, min_items: int = 0, **kwargs) -> fields.List:
    """A list of ids, ``min_items`` to ``max_items`` long."""
    if min_items:
        length = validate.Length(min=min_items, max=max_items, error="Kies er {min} tot en met {max}.")
    else:
        length = validate.Length(max=max_items, error="Hoogstens {max} tegelijk.")
    return fields.List(Id(), validate=length, **kwargs)
