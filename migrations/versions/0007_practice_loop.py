"""practice loop: the grading rules a card's state was computed under; a second, higher daily cap of new terms

Revision ID: 5b8e2d41c7a3
Revises: 3f1c2a9e7b10
Create Date: 2026-12-08 09:00:00

Existing cards get rules_version 1 (computed when any fast answer could be Easy); `flask setup` replays them
under the current rules (vaktaal.scheduling.RULES_VERSION) once, in batches.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b8e2d41c7a3'
down_revision = '3f1c2a9e7b10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rules_version', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('participant_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('daily_new_max', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('participant_profiles', schema=None) as batch_op:
        batch_op.drop_column('daily_new_max')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_column('rules_version')
