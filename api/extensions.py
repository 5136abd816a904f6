"""Flask extensions, created here and bound to the app in create_app."""

from flask import Flask, request
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from werkzeug.middleware.proxy_fix import ProxyFix

# Named constraints, so migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def client_address() -> str:
    """The client's address: behind ``PROXIES`` trusted proxies, the one the nearest proxy saw (``ProxyFix``)."""
    return request.remote_addr or "unknown"


def trust_proxies(app: Flask) -> None:
    """Behind ``PROXIES`` proxies (a TLS proxy: 1), take the client's address and scheme from the X-Forwarded-For
    and X-Forwarded-Proto the proxies add, counting from the nearest: values a client put there itself are ignored.
    Without it every client would share the proxy's address, and one class's wrong tries would lock out everyone."""
    proxies = int(app.config.get("PROXIES") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
rest_api = Api()
limiter = Limiter(key_func=client_address, default_limits=[])


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, connection_record):
    """SQLite ignores foreign keys unless asked: enforce them (and ON DELETE CASCADE) as PostgreSQL does."""
    if type(dbapi_connection).__module__ == "sqlite3":
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
