"""jobs remember their task, so a job whose worker died can be enqueued again

Adds ``jobs.task_name`` and ``jobs.task_args`` (the Celery task and its arguments after the
job id): the beat sweep (eventsapp/jobs/recovery.py) hands a RUNNING job whose worker went
silent back to the queue. Rows from before have no task: the sweep ends them FAILED.

Revision ID: 0014
Revises: 0017
"""
from alembic import op
import sqlalchemy as sa

revision = '0014'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('task_name', sa.String(length=120), server_default='', nullable=False)
        )
        batch_op.add_column(sa.Column('task_args', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_column('task_args')
        batch_op.drop_column('task_name')
