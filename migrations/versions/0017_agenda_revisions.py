"""agenda revisions: sessions' updated_at and revision, events' agenda_changed_at

Calendar apps replace the copy of a session they hold when its LAST-MODIFIED, DTSTAMP and
SEQUENCE move; conditional GETs of the public feeds need the agenda's Last-Modified.
Existing sessions start at their creation time and revision 0.

Revision ID: 0017
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

from eventsapp.db import UTCDateTime

revision = '0017'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agenda_sessions') as batch_op:
        batch_op.add_column(sa.Column('updated_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column('revision', sa.Integer(), server_default='0', nullable=False)
        )
    op.execute('UPDATE agenda_sessions SET updated_at = created_at')
    with op.batch_alter_table('agenda_sessions') as batch_op:
        batch_op.alter_column('updated_at', existing_type=UTCDateTime(timezone=True), nullable=False)
    with op.batch_alter_table('events') as batch_op:
        batch_op.add_column(sa.Column('agenda_changed_at', UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('events') as batch_op:
        batch_op.drop_column('agenda_changed_at')
    with op.batch_alter_table('agenda_sessions') as batch_op:
        batch_op.drop_column('revision')
        batch_op.drop_column('updated_at')
