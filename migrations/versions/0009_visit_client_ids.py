"""visits and observations made on a phone without a connection: the phone's own ids, the advice kept

Revision ID: 7d3e9a51c2b8
Revises: 8c41f0d2a9e6
Create Date: 2026-12-12 09:00:00

A visit or an observation sent from the phone's outbox carries the phone's id (`client_id`, a UUID), unique per
organisation, and a digest of what was sent (`client_digest`), so sending it again returns the same object and
sending other content under that id is refused. Observations get their organisation (copied from their visit) so
the uniqueness is a constraint, and `advice`: what the checks said about a new term, so a retry hears it again.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d3e9a51c2b8'
down_revision = '8c41f0d2a9e6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('client_digest', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_visits_organisation_id_client_id', ['organisation_id', 'client_id'])

    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('client_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('client_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('advice', sa.JSON(), nullable=True))
    op.execute(
        "UPDATE observations SET organisation_id = "
        "(SELECT visits.organisation_id FROM visits WHERE visits.id = observations.visit_id)"
    )
    op.execute("UPDATE observations SET advice = '[]'")
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.alter_column('organisation_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('advice', existing_type=sa.JSON(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_observations_organisation_id_organisations'),
            'organisations',
            ['organisation_id'],
            ['id'],
            ondelete='CASCADE',
        )
        batch_op.create_unique_constraint(
            'uq_observations_organisation_id_client_id', ['organisation_id', 'client_id']
        )


def downgrade():
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_constraint('uq_observations_organisation_id_client_id', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_observations_organisation_id_organisations'), type_='foreignkey')
        batch_op.drop_column('advice')
        batch_op.drop_column('client_digest')
        batch_op.drop_column('client_id')
        batch_op.drop_column('organisation_id')

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_constraint('uq_visits_organisation_id_client_id', type_='unique')
        batch_op.drop_column('client_digest')
        batch_op.drop_column('client_id')
