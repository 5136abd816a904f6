"""One blueprint per URL resource."""

from api.routes import (
    assignments,
    audio,
    audit,
    auth,
    consents,
    docs,
    groups,
    health,
    me,
    participants,
    practice,
    proposals,
    second_factor,
    sectors,
    terms,
    visits,
    workplaces,
)

BLUEPRINTS = [
    auth.blp,
    me.blp,
    second_factor.blp,
    practice.blp,
    participants.blp,
    consents.blp,
    assignments.blp,
    groups.blp,
    sectors.blp,
    terms.blp,
    audio.blp,
    proposals.blp,
    visits.blp,
    workplaces.blp,
    health.blp,
    audit.blp,
]
PLAIN_BLUEPRINTS = [docs.bp]
