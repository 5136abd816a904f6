"""The edge of the API: what a request may bring before any view, parser or database sees it.

- Ids in a URL (``<int:term_id>``) lie in the database's range (1 to 2^31-1): the app's ``int`` converter is
  bounded, so ``/api/terms/2147483648`` is an unknown URL (404) instead of an "integer out of range" in PostgreSQL.
- Text in a URL (``<slug>``) is one short line of visible characters; anything else is an unknown URL (404).
- A JSON body is refused with a 400 when it is nested deeper than ``MAX_JSON_DEPTH`` (checked on the raw bytes,
  before any parser recurses into it) or is not JSON at all (also a number too long to read), before the rate limiter,
  the auth hooks or a schema read it.
- A multipart body is read as one: its files and its other fields (``kind`` next to ``file``) in one schema.

Fields of the schemas are checked by the types in ``api.schemas.fields``.
"""

import json
import re

from flask import Flask, abort, request
from flask_smorest import Blueprint as _Blueprint
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter

from api.schemas.fields import MAX_ID

MAX_JSON_DEPTH = 32  # the deepest body the API reads (a visit with its observations) is 4 levels deep
MAX_URL_TEXT = 100  # a text in a URL: a sector slug

TOO_DEEP = f"De gegevens zijn te diep genest (meer dan {MAX_JSON_DEPTH} niveaus)."
NOT_JSON = "De gegevens zijn geen geldige JSON."

# Outside strings, only brackets open and close levels; a string (with its escapes) is skipped whole.
_JSON_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


class IdConverter(IntegerConverter):
    """``<int:...>`` for this app: a row id, 1 to 2^31-1; other numbers match no route (404)."""

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class SlugConverter(UnicodeConverter):
    """``<name>`` for this app: a short line of visible characters (a sector slug); others match no route (404)."""

    def __init__(self, map, minlength=1, maxlength=MAX_URL_TEXT, length=None):
        super().__init__(map, minlength=minlength, maxlength=maxlength, length=length)
        self.maxlength = maxlength
        # Everything but "/", control characters and line separators, as many as UnicodeConverter would allow.
        self.regex = self.regex.replace("[^/]", "[^/\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON document opens more than ``limit`` arrays and objects inside each other."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for match in _JSON_TOKENS.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def _check_json_body() -> None:
    if not request.is_json:
        return
    body = request.get_data(cache=True)
    if not body:
        return  # no body at all: each route says whether it needs one
    if json_too_deep(body):
        abort(400, TOO_DEEP)
    try:
        json.loads(body)
    except (ValueError, UnicodeDecodeError):  # ValueError includes JSONDecodeError and a 5,000-digit number
        abort(400, NOT_JSON)


class Parser(FlaskParser):
    """webargs' parser, with a multipart body read as one: ``location="files"`` sees its files and its fields."""

    def load_files(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)


class Blueprint(_Blueprint):
    """A flask-smorest blueprint whose ``@blp.arguments(..., location="files")`` reads a whole multipart body."""

    ARGUMENTS_PARSER = Parser()


def init_app(app: Flask) -> None:
    """Bound the URL converters (before any route is registered) and check JSON bodies before anything else."""
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["default"] = SlugConverter
    app.url_map.converters["string"] = SlugConverter
    # First of all before-request hooks: the rate limiter's key reads the body, and so does every parser after it.
    app.before_request_funcs.setdefault(None, []).insert(0, _check_json_body)
