"""invitations as records; single-use reset tokens

Invitations and password-reset links become rows holding only a token's digest, with their
own state and expiry. Links sent before this revision (signed tokens) stop working: an
organizer sends a new invitation, a user asks for a new reset link.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

import eventsapp.db

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('role', sa.Enum('organizer', 'checkin', 'head', name='event_role_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('state', sa.Enum('pending', 'accepted', 'revoked', 'expired', name='invitation_state', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('accepted_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("state != 'accepted' OR (accepted_at IS NOT NULL)", name=op.f('ck_invitations_accepted_has_date')),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['users.id'], name=op.f('fk_invitations_accepted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_invitations_delegation_id_delegations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_invitations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_accepted_by_id'), ['accepted_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_delegation_id'), ['delegation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_invited_by_id'), ['invited_by_id'], unique=False)

    op.create_table('password_resets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('superseded_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_password_resets_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_resets')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_resets_token_hash'))
    )
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_resets_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_resets_user_id'))

    op.drop_table('password_resets')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_invited_by_id'))
        batch_op.drop_index(batch_op.f('ix_invitations_event_id'))
        batch_op.drop_index(batch_op.f('ix_invitations_email'))
        batch_op.drop_index(batch_op.f('ix_invitations_delegation_id'))
        batch_op.drop_index(batch_op.f('ix_invitations_accepted_by_id'))

    op.drop_table('invitations')
