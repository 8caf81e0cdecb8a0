"""background jobs with progress and a stored result (imports, print runs)

Creates ``jobs`` (eventsapp/jobs/models.py): what a worker does for a request, its status,
progress, input file and result (a JSON report and/or a stored file, kept for a day).

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

import eventsapp.db

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

STATUSES = ('queued', 'running', 'done', 'failed')


def upgrade():
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum(*STATUSES, name='job_status', native_enum=False, create_constraint=True, length=7), nullable=False),
    sa.Column('progress_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('progress_total', sa.Integer(), server_default='0', nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('input_key', sa.String(length=80), nullable=True),
    sa.Column('input_name', sa.String(length=200), nullable=False),
    sa.Column('report', sa.JSON(), nullable=True),
    sa.Column('result_key', sa.String(length=80), nullable=True),
    sa.Column('result_name', sa.String(length=200), nullable=False),
    sa.Column('result_expires_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('result_removed_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('started_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('touched_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_jobs_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_jobs_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_jobs_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_jobs_result_expires_at', ['result_expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_jobs_result_expires_at')
        batch_op.drop_index(batch_op.f('ix_jobs_event_id'))
        batch_op.drop_index(batch_op.f('ix_jobs_created_by_id'))
    op.drop_table('jobs')
