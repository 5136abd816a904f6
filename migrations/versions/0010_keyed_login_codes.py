"""login codes kept as an HMAC keyed with the app's secret instead of a plain SHA-256

Revision ID: 2e7c5b90d4a1
Revises: 7d3e9a51c2b8
Create Date: 2026-12-14 09:00:00

A login code has 8 characters of a 21-letter alphabet: a plain SHA-256 of every possible code can be computed in
hours, so a copy of the database gave the codes back. Codes are now stored as an HMAC with a key derived from
SECRET_KEY. The codes already issued cannot be rehashed without knowing them: they are marked `keyed = false` and
replaced by their HMAC when they are next used to log in (``api.services.logins.login_with_code``).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2e7c5b90d4a1'
down_revision = '7d3e9a51c2b8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('login_codes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('keyed', sa.Boolean(), nullable=False, server_default=sa.false()))
    # The default was for the rows already there (plain hashes); new rows say what they hold.
    with op.batch_alter_table('login_codes', schema=None) as batch_op:
        batch_op.alter_column('keyed', existing_type=sa.Boolean(), existing_nullable=False, server_default=None)


def downgrade():
    # An HMAC cannot become a plain hash again: the codes stored keyed stop working and need issuing anew.
    op.execute("DELETE FROM login_codes WHERE keyed = true")
    with op.batch_alter_table('login_codes', schema=None) as batch_op:
        batch_op.drop_column('keyed')
