"""Use cases: one function per use case, one transaction per use case, no request objects.

The contract (README, "Layout"): a route parses the request, calls one service function and shapes the answer;
it never queries or commits. A service function that changes anything is a ``@use_case``: it commits once at its
end and rolls back on any exception; a use case called by another joins the caller's transaction instead of
committing halfway. Services get what they need as arguments (the acting user, ``now``, ``Resources``, the base
URL), never ``g``, ``request`` or ``current_app``, so a CLI command, a test and a route call them the same way.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import ParamSpec, TypeVar

from sqlalchemy import Select

from api.extensions import db

_DEPTH = "vaktaal.transaction_depth"
_AFTER_COMMIT = "vaktaal.after_commit"

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def transaction() -> Iterator[None]:
    """Commit once when the outermost block ends; roll back on any exception. Inner blocks join the outer one."""
    session = db.session
    depth = session.info.get(_DEPTH, 0)
    session.info[_DEPTH] = depth + 1
    try:
        yield
        if depth == 0:
            session.commit()
    except BaseException:
        if depth == 0:
            session.info.pop(_AFTER_COMMIT, None)
            session.rollback()
        raise
    finally:
        session.info[_DEPTH] = depth
    if depth == 0:
        for callback in session.info.pop(_AFTER_COMMIT, []):
            callback()


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the outermost transaction has committed, never when it rolls back: for what lives
    beside the database (a file that goes with a row), so a failed use case leaves both as they were."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def in_transaction() -> bool:
    """True inside a use case (tests use it to prove nested use cases do not commit on their own)."""
    return db.session.info.get(_DEPTH, 0) > 0


def use_case(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` as one transaction (or as part of the caller's, when called from another use case)."""

    @wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction():
            return func(*args, **kwargs)

    return run


@dataclass(frozen=True)
class Shaped:
    """A listing for the route to paginate: the SELECT, and what turns one page of its rows into the answer's items
    (so what the rows need besides is read once a page, not once a row, and never by a schema)."""

    statement: Select
    shape: Callable[[list], list]
