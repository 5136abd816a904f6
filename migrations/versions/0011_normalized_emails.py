"""staff e-mail addresses stored in the form login looks them up by (NFKC, case-folded)

Revision ID: 4b1d7e20c9f3
Revises: 2e7c5b90d4a1
Create Date: 2026-12-15 09:00:00

Addresses used to be stored lower-cased; login and its rate limit now use NFKC + casefold
(``vaktaal.accounts.normalize_email``), which differs for a few non-ASCII spellings (full-width letters, the
Kelvin sign, ``ß``). Such addresses are rewritten so their owners can still log in; one whose canonical form
another account already has is left as it was (an administrator merges the two). Data only: no schema change.
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4b1d7e20c9f3'
down_revision = '2e7c5b90d4a1'
branch_labels = None
depends_on = None


def _canonical(email):
    # The same steps as vaktaal.accounts.normalize_email, kept here so the migration never changes with the code.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", email).casefold()).strip()


def upgrade():
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('email', sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(users.c.id, users.c.email).where(users.c.email.is_not(None))).all()
    taken = {email for _, email in rows}
    for user_id, email in rows:
        canonical = _canonical(email)
        if canonical != email and canonical not in taken:
            connection.execute(users.update().where(users.c.id == user_id).values(email=canonical))
            taken.discard(email)
            taken.add(canonical)


def downgrade():
    pass  # the canonical form is a valid lower-cased address too
