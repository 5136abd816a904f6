"""Paging a SQLAlchemy SELECT the flask-smorest way: ?page=&page_size=, counts in X-Pagination.

A page past the end is an empty page: its rows are not even asked for, so no page number, however large, reaches
the database as an OFFSET (PostgreSQL refuses one beyond its bigint range). ``page_size`` is bounded by the route's
``max_page_size`` (422 beyond it); the header is documented in ``api.openapi``.
"""

from functools import cached_property

from flask_smorest import Page
from sqlalchemy import func, select

from api.extensions import db


class SelectPage(Page):
    """A Page over a ``select(...)`` statement: one COUNT and, unless the page lies past the end, one LIMIT/OFFSET."""

    @property
    def items(self):
        params = self.page_params
        if params.first_item >= self.item_count:
            return []
        statement = self.collection.limit(params.page_size).offset(params.first_item)
        return list(db.session.scalars(statement))

    @cached_property
    def item_count(self):
        return db.session.scalar(select(func.count()).select_from(self.collection.order_by(None).subquery()))
