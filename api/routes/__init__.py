"""One blueprint per URL resource."""

from api.routes import auth, docs, health, me, participants

BLUEPRINTS = [auth.blp, me.blp, participants.blp, health.blp]
PLAIN_BLUEPRINTS = [docs.bp]
