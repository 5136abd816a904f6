"""Use cases that race (two phones, a retry while the first sending is under way, two staff members at once): rows
locked until the transaction ends, and inserts that keep the row a request at the same moment made first.

PostgreSQL locks rows (``SELECT ... FOR NO KEY UPDATE``, which still lets other transactions insert rows that
refer to them). SQLite has no row locks and one writer at a time: there the transaction takes the database's write
lock first, so what it reads next cannot change before it commits. Either way the request that waits reads what
the first one committed, and answers as if it came second.
"""

from sqlalchemy import Select, false, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase

from api.extensions import db


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _write_lock(model: type[DeclarativeBase]) -> None:
    """SQLite: begin writing now (an UPDATE that changes nothing), waiting while another transaction writes."""
    if _dialect() == "sqlite":
        key = model.__mapper__.primary_key[0]
        db.session.execute(update(model.__table__).where(false()).values({key.name: key}))


def locked(statement: Select):
    """Run a SELECT of ORM rows and lock them until the transaction ends; the rows as ``scalars`` returns them,
    fresh from the database (what another transaction committed while this one waited included).

    Order the statement (by id), so two transactions lock rows in the same order and never wait for each other in
    a circle.
    """
    _write_lock(statement.column_descriptions[0]["entity"])
    return db.session.scalars(statement.with_for_update(key_share=True).execution_options(populate_existing=True)).all()


def lock(model: type[DeclarativeBase], *ids: int) -> None:
    """Lock these rows (e.g. one participant) until the transaction ends, so use cases about them run one after
    the other."""
    key = model.__mapper__.primary_key[0]
    _write_lock(model)
    db.session.execute(select(key).where(key.in_(ids)).order_by(key).with_for_update(key_share=True))


def insert_new(model: type[DeclarativeBase]):
    """An INSERT that leaves out the rows a unique constraint already holds (``ON CONFLICT DO NOTHING``): the row a
    request at the same moment made first is kept, and the statement waits for that request to commit or roll
    back rather than failing."""
    dialect = postgresql if _dialect() == "postgresql" else sqlite
    return dialect.insert(model).on_conflict_do_nothing()
