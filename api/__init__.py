"""The vaktaal Flask application: create_app() wires config, extensions, errors, routes and commands."""

import logging

from flask import Flask

import api.messages  # noqa: F401  (Dutch validation messages, before any schema is defined)
from api import access, auth, config, errors, frontend, models, openapi, resources, security, validation, viewer  # noqa: F401
from api.extensions import db, limiter, migrate, rest_api, trust_proxies


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    config.load(app, test_config)
    logging.basicConfig(level=logging.INFO)
    resources.init_app(app)
    validation.init_app(app)  # bounded URL converters before any route; JSON bodies checked before any other hook

    db.init_app(app)
    migrate.init_app(app, db, directory=str(config.MIGRATIONS))
    trust_proxies(app)  # before the limiter counts by client address
    limiter.init_app(app)
    rest_api.init_app(app, spec_kwargs={"extra_plugins": [openapi.SpecPlugin(app)]})
    errors.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    access.init_app(app)
    viewer.init_app(app)

    from api.routes import BLUEPRINTS, PLAIN_BLUEPRINTS

    for blueprint in BLUEPRINTS:
        rest_api.register_blueprint(blueprint)
    for blueprint in PLAIN_BLUEPRINTS:
        app.register_blueprint(blueprint)
    frontend.init_app(app)
    auth.check_declared(app)

    from api import cli

    cli.init_app(app)
    return app
