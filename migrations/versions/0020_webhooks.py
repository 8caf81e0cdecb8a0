"""webhooks and their deliveries; events say whether they have one switched on

Revision ID: 0020
Revises: 0018
"""
from alembic import op
import sqlalchemy as sa

import eventsapp.db

revision = '0020'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events') as batch_op:
        batch_op.add_column(sa.Column('has_webhooks', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        'webhooks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(length=500), nullable=False),
        sa.Column('event_types', sa.String(length=200), nullable=False),
        sa.Column('secret', sa.String(length=64), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('failing_since', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('disabled_reason', sa.String(length=300), nullable=False),
        sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_webhooks_event_id_events'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_webhooks')),
    )
    with op.batch_alter_table('webhooks') as batch_op:
        batch_op.create_index(batch_op.f('ix_webhooks_event_id'), ['event_id'], unique=False)
    op.create_table(
        'webhook_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('webhook_id', sa.Integer(), nullable=False),
        sa.Column('event_type', sa.String(length=40), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('status', sa.Enum('pending', 'sending', 'delivered', 'failed', name='webhook_delivery_status', native_enum=False, create_constraint=True, length=9), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('response_status', sa.Integer(), nullable=True),
        sa.Column('response_excerpt', sa.String(length=500), nullable=False),
        sa.Column('error', sa.String(length=300), nullable=False),
        sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('delivered_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['webhook_id'], ['webhooks.id'], name=op.f('fk_webhook_deliveries_webhook_id_webhooks'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliveries')),
    )
    with op.batch_alter_table('webhook_deliveries') as batch_op:
        batch_op.create_index('ix_webhook_deliveries_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_webhook_deliveries_webhook_id'), ['webhook_id'], unique=False)


def downgrade():
    op.drop_table('webhook_deliveries')
    op.drop_table('webhooks')
    with op.batch_alter_table('events') as batch_op:
        batch_op.drop_column('has_webhooks')
