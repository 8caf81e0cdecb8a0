"""background jobs with progress; outbox delivery attempts

Mail leaves the request: an outbox row records its delivery attempts (count, last, next),
when a worker claimed it, and when it was re-queued by hand; the status gains "sending"
(claimed by a worker).

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

import eventsapp.db

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OLD_STATUSES = ('queued', 'sent', 'printed', 'failed')
NEW_STATUSES = ('queued', 'sending', 'sent', 'printed', 'failed')


def _check(values):
    return "status IN (%s)" % ", ".join(f"'{v}'" for v in values)


def upgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_attempt_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('requeued_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(op.f('ck_outbox_messages_delivery_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_outbox_messages_delivery_status'), _check(NEW_STATUSES))
        batch_op.create_index('ix_outbox_messages_status_next', ['status', 'next_attempt_at'], unique=False)


def downgrade():
    # A message caught mid-attempt goes back to the queue.
    op.execute("UPDATE outbox_messages SET status = 'queued' WHERE status = 'sending'")
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_messages_status_next')
        batch_op.drop_constraint(op.f('ck_outbox_messages_delivery_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_outbox_messages_delivery_status'), _check(OLD_STATUSES))
        batch_op.drop_column('requeued_at')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('last_attempt_at')
        batch_op.drop_column('attempts')
