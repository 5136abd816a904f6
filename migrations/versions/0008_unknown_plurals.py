"""visit terms: a plural the teacher never gave is unknown, not "no plural"

Revision ID: 8c41f0d2a9e6
Revises: 5b8e2d41c7a3
Create Date: 2026-12-09 09:00:00

Until now a noun added on a visit without a plural was saved with the plural "-" ("has no plural"). The form could
not tell an empty field from a typed "-", so those claims are unfounded: nouns of an organisation, first heard on
a visit and never edited since, get an unknown plural (NULL) instead. Data only; the downgrade cannot know which
ones it changed and leaves them unknown.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '8c41f0d2a9e6'
down_revision = '5b8e2d41c7a3'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "UPDATE terms SET plural = NULL "
        "WHERE plural = '-' AND pos = 'noun' AND organisation_id IS NOT NULL AND workplace_id IS NOT NULL "
        "AND updated_at = created_at"
    )


def downgrade():
    pass
