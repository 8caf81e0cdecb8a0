"""delegation join codes and join requests; free-text organization

A delegation's seats are given through its join code (every existing delegation gets a fresh
one here), or by its head or an organizer accepting a request to join
(registrations.requested_delegation_id). A registrant whose organization is not in the
shared list types it (persons.organization_other) until an organizer maps it.

Revision ID: 0004
Revises: 0003
"""
import secrets

from alembic import op
import sqlalchemy as sa

import eventsapp.db  # noqa: F401

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# As eventsapp.delegations.models (kept here: a revision does not change with the code).
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _give_join_codes(bind) -> None:
    delegations = sa.table("delegations", sa.column("id"), sa.column("join_code"))
    used: set[str] = set()
    for (delegation_id,) in bind.execute(sa.select(delegations.c.id).order_by(delegations.c.id)):
        code = ""
        while not code or code in used:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        used.add(code)
        bind.execute(
            delegations.update().where(delegations.c.id == delegation_id).values(join_code=code)
        )


def upgrade():
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('join_code', sa.String(length=12), nullable=True))
    _give_join_codes(op.get_bind())
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.alter_column('join_code', existing_type=sa.String(length=12), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_delegations_join_code'), ['join_code'])

    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_delegation_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_registrations_requested_delegation_id'),
            ['requested_delegation_id'], unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_registrations_requested_delegation_id_delegations'),
            'delegations', ['requested_delegation_id'], ['id'], ondelete='SET NULL',
        )

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'organization_other', sa.String(length=200), nullable=False, server_default=''
        ))


def downgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('organization_other')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_registrations_requested_delegation_id_delegations'),
            type_='foreignkey',
        )
        batch_op.drop_index(batch_op.f('ix_registrations_requested_delegation_id'))
        batch_op.drop_column('requested_delegation_id')
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_delegations_join_code'), type_='unique')
        batch_op.drop_column('join_code')
