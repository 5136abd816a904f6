"""Paging a SQLAlchemy SELECT the flask-smorest way: ?page=&page_size=, counts in X-Pagination.

A page past the end is an empty page: its rows are not even asked for, so no page number, however large, reaches
the database as an OFFSET (PostgreSQL refuses one beyond its bigint range). ``page_size`` is bounded by the route's
``max_page_size`` (422 beyond it); the header is documented in ``api.openapi``.
"""

from functools import cached_property

from flask_smorest import Page
from sqlalchemy import func, select

from api.extensions import db
from api.services import Shaped


class SelectPage(Page):
    """A Page over a ``select(...)`` statement (or a ``Shaped`` one, whose rows become the page's items): one COUNT
    and, unless the page lies past the end, one LIMIT/OFFSET."""

    @property
    def _statement(self):
        return self.collection.statement if isinstance(self.collection, Shaped) else self.collection

    @property
    def items(self):
        params = self.page_params
        if params.first_item >= self.item_count:
            return []
        rows = list(db.session.scalars(self._statement.limit(params.page_size).offset(params.first_item)))
        return self.collection.shape(rows) if isinstance(self.collection, Shaped) else rows

    @cached_property
    def item_count(self):
        return db.session.scalar(select(func.count()).select_from(self._statement.order_by(None).subquery()))
