"""enum columns checked by the database; the organisation's audio key signs photos too: signing_key

Revision ID: 3f1c2a9e7b10
Revises: d6d0d7c9bccd
Create Date: 2026-12-01 09:00:00

The enum columns already hold plain text values (VARCHAR of the same length); this adds a CHECK constraint per
column, so no value outside the enum can be written, and keeps every existing row as it is.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3f1c2a9e7b10'
down_revision = 'd6d0d7c9bccd'
branch_labels = None
depends_on = None

# table, column, allowed values (as in vaktaal's enums when this migration was written)
CHECKS = [
    ("users", "role", ("participant", "teacher", "coach", "coordinator")),
    ("participant_profiles", "route", ("b1", "onderwijs", "z")),
    ("terms", "origin", ("file", "app")),
    ("term_proposals", "status", ("open", "accepted", "rejected")),
    ("audio_recordings", "kind", ("term", "example")),
    ("cards", "skill", ("listening", "reading", "writing", "speaking", "conversation")),
    ("review_events", "result", ("correct", "slip", "wrong")),
    ("observations", "status", ("assigned", "suggested", "dropped")),
]


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.alter_column('audio_key', new_column_name='signing_key')
    for table, column, values in CHECKS:
        allowed = ", ".join(f"'{value}'" for value in values)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(f'ck_{table}_{column}'), f'{column} IN ({allowed})')


def downgrade():
    for table, column, _ in reversed(CHECKS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_{column}'), type_='check')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.alter_column('signing_key', new_column_name='audio_key')
