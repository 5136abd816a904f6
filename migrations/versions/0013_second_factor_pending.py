"""a staff login that must set up its second factor first

Revision ID: 5d2f9a41c7e8
Revises: 10f58be686cb
Create Date: 2026-12-16 12:00:00

`device_sessions.second_factor_pending`: a password login of a staff member for whom the second factor (TOTP) is
required but not set up yet gets a token that reaches only the enrolment routes; confirming the second factor with
that token clears the mark.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d2f9a41c7e8'
down_revision = '10f58be686cb'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('device_sessions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('second_factor_pending', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    # A token that may only enrol would otherwise become a full login: end those sessions first.
    op.execute("UPDATE device_sessions SET revoked_at = CURRENT_TIMESTAMP WHERE second_factor_pending = true AND revoked_at IS NULL")
    with op.batch_alter_table('device_sessions', schema=None) as batch_op:
        batch_op.drop_column('second_factor_pending')
