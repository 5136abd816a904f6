"""Paging a SQLAlchemy SELECT the flask-smorest way: ?page=&page_size=, counts in X-Pagination."""

from flask_smorest import Page
from sqlalchemy import func, select

from api.extensions import db


class SelectPage(Page):
    """A Page over a ``select(...)`` statement: one COUNT and one LIMIT/OFFSET query."""

    @property
    def items(self):
        params = self.page_params
        statement = self.collection.limit(params.page_size).offset(params.first_item)
        return list(db.session.scalars(statement))

    @property
    def item_count(self):
        return db.session.scalar(select(func.count()).select_from(self.collection.order_by(None).subquery()))
