"""API v1: personal API tokens; audit entries say how a change came (via)

Revision ID: 0018
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa

import eventsapp.db

revision = '0018'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'api_tokens',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('scopes', sa.String(length=100), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('prefix', sa.String(length=12), nullable=False),
        sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_used_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('revoked_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_api_tokens_event_id_events'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
        sa.UniqueConstraint('digest', name=op.f('uq_api_tokens_digest')),
    )
    with op.batch_alter_table('api_tokens') as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('audit_entries') as batch_op:
        batch_op.add_column(sa.Column('via', sa.String(length=120), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('audit_entries') as batch_op:
        batch_op.drop_column('via')
    with op.batch_alter_table('api_tokens') as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))
        batch_op.drop_index(batch_op.f('ix_api_tokens_event_id'))
    op.drop_table('api_tokens')
