"""The one JSON error shape, registered on the app for every error: routing, validation, auth, domain, 500.

``{"code": 422, "status": "Unprocessable Entity", "message": "...", "errors": {"json": {"field": ["..."]}}}``
"""

import contextlib
import logging
import traceback

from flask import Flask, jsonify, request
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError
from werkzeug.http import HTTP_STATUS_CODES

from api.extensions import db
from vaktaal import errors as domain

log = logging.getLogger(__name__)

# Domain errors -> HTTP status, in one table.
DOMAIN_STATUS: dict[type[domain.DomainError], int] = {
    domain.Invalid: 422,
    domain.NotFound: 404,
    domain.Conflict: 409,
    domain.Forbidden: 403,
    domain.Unavailable: 503,
}

# Messages a participant or teacher can act on, in plain Dutch, for errors that carry none of their own.
DEFAULT_MESSAGES: dict[int, str] = {
    400: "Het verzoek klopt niet. Controleer wat je hebt gestuurd.",
    401: "Je bent niet ingelogd, of je login is verlopen. Log opnieuw in.",
    403: "Dit mag je niet doen met jouw account.",
    404: "Niet gevonden.",
    405: "Deze actie kan hier niet.",
    409: "Dit botst met wat er al is. Laad opnieuw en probeer het nog eens.",
    413: "Het bestand is te groot.",
    415: "Dit soort bestand wordt niet ondersteund.",
    422: "Niet alles is goed ingevuld. Kijk bij de velden wat er mis is.",
    429: "Te veel pogingen. Wacht een paar minuten en probeer het dan opnieuw.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    503: "Dit werkt nu even niet. Probeer het later opnieuw.",
}


UNTRUSTED_HOST = "Dit adres hoort niet bij deze server. Open de app via het adres dat je van je docent kreeg."


def error_body(code: int, message: str | None = None, errors: dict | None = None) -> dict:
    body = {
        "code": code,
        "status": HTTP_STATUS_CODES.get(code, "Error"),
        "message": message or DEFAULT_MESSAGES.get(code, HTTP_STATUS_CODES.get(code, "Error")),
    }
    if errors:
        body["errors"] = errors
    return body


def error_response(code: int, message: str | None = None, errors: dict | None = None, headers=None):
    response = jsonify(error_body(code, message, errors))
    response.status_code = code
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _http_error(exc: HTTPException):
    db.session.rollback()
    data = getattr(exc, "data", None) or {}
    errors = data.get("messages")
    message = data.get("message")
    if message is None and exc.code not in (404, 405) and exc.description != type(exc).description:
        message = exc.description  # a message given on purpose, e.g. abort(404, "...")
    if isinstance(exc, SecurityError):  # a Host outside TRUSTED_HOSTS (api.config); never echo what was sent
        message = UNTRUSTED_HOST
    headers = {}
    if exc.code == 405 and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    if exc.code == 400 and errors and "json" in errors and isinstance(errors["json"], list):
        message = "De gegevens zijn geen geldige JSON."
    if message is None and isinstance(errors, dict) and isinstance(errors.get("json"), dict):
        message = next(iter(errors["json"].get("_schema") or []), None)  # a refusal of the body as a whole
    if exc.code == 401:
        headers["WWW-Authenticate"] = "Bearer"
    for name in ("Retry-After",):
        if exc.response is not None and name in exc.response.headers:
            headers[name] = exc.response.headers[name]
    return error_response(exc.code or 500, message, errors, headers)


def _domain_error(exc: domain.DomainError):
    db.session.rollback()
    return error_response(DOMAIN_STATUS.get(type(exc), 422), exc.message, exc.errors)


# The database is away (stopped, restarting, unreachable), overloaded (no connection to spare, a deadlock) or, on
# SQLite, kept locked by another writer: not a bug. A 503 with Retry-After, so a phone keeps its outbox and tries
# again later; logged once, as one line, without a traceback.
UNAVAILABLE_MESSAGE = "We kunnen nu even niet bij de gegevens. Probeer het over een minuut opnieuw."
RETRY_AFTER_SECONDS = 60
SQLITE_UNAVAILABLE = ("database is locked", "database table is locked", "unable to open database", "disk i/o error")


def database_unavailable(exc: BaseException) -> bool:
    """Whether a database error means "try again later" rather than a bug in the request or the code."""
    if isinstance(exc, (DisconnectionError, PoolTimeout)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError):
        driver = type(exc.orig).__module__
        if driver.startswith("psycopg"):
            return True  # connection failures, shutdowns, deadlocks, cancelled statements: never a request's fault
        if driver == "sqlite3":
            return str(exc.orig).lower().startswith(SQLITE_UNAVAILABLE)
    return False


def unavailable_reason(exc: BaseException) -> str:
    """What the log says of an outage: the error's kind, never the driver's message (it can quote a row's values)."""
    orig = getattr(exc, "orig", None)
    if orig is None:
        return type(exc).__name__
    kind = f"{type(exc).__name__} ({type(orig).__module__}.{type(orig).__name__}"
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return f"{kind}, SQLSTATE {sqlstate})"
    known = next((m for m in SQLITE_UNAVAILABLE if str(orig).lower().startswith(m)), None)
    return f"{kind}, {known})" if known else f"{kind})"


def _database_error(exc: SQLAlchemyError):
    if not database_unavailable(exc):
        return _unhandled(exc)
    log.warning("Database unavailable, answered 503: %s", unavailable_reason(exc))
    with contextlib.suppress(SQLAlchemyError):  # the connection may be gone already; the request's end resets it
        db.session.rollback()
    return error_response(503, UNAVAILABLE_MESSAGE, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def _unhandled(exc: Exception):
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    log.error("Unhandled error in %s %s\n%s", request.method, request.path, crash_report(exc))
    db.session.rollback()
    return error_response(500)


def crash_report(exc: BaseException) -> str:
    """What the log keeps of a crash: each exception's type, the SQL statement without its values, and where it
    was raised (file, line, code). Never an exception's message: a database error quotes the row it refused (a
    visit note, a term: PostgreSQL's DETAIL line), and a ValueError often quotes its input."""
    lines, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        statement = getattr(current, "statement", None)  # SQLAlchemy's StatementError: placeholders, no values
        if isinstance(statement, str):
            lines.append("  SQL: " + " ".join(statement.split())[:1000])
        lines += traceback.format_list(traceback.extract_tb(current.__traceback__))
        current = current.__cause__ or current.__context__
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines).rstrip("\n")


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(domain.DomainError, _domain_error)
    app.register_error_handler(SQLAlchemyError, _database_error)
    app.register_error_handler(InternalServerError, lambda exc: _unhandled(getattr(exc, "original_exception", exc)))
    app.register_error_handler(Exception, _unhandled)
