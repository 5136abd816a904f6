"""Is the service up: the database answers."""

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.extensions import db
from vaktaal.errors import Unavailable


def check_database() -> None:
    """One ``SELECT 1``; Unavailable when the database does not answer."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        raise Unavailable("De database is niet bereikbaar.") from None
