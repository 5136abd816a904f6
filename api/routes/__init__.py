"""One blueprint per URL resource."""

from api.routes import audio, auth, docs, health, me, participants, proposals, sectors, terms

BLUEPRINTS = [auth.blp, me.blp, participants.blp, sectors.blp, terms.blp, audio.blp, proposals.blp, health.blp]
PLAIN_BLUEPRINTS = [docs.bp]
