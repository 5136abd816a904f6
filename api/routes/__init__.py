"""One blueprint per URL resource."""

from api.routes import auth, docs, health, me, participants, proposals, sectors, terms

BLUEPRINTS = [auth.blp, me.blp, participants.blp, sectors.blp, terms.blp, proposals.blp, health.blp]
PLAIN_BLUEPRINTS = [docs.bp]
