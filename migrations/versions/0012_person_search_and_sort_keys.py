"""persons.search_key and persons.sort_name: accent-free search, Spanish order

The folded name and e-mail a search compares, and the sort key lists order by
(eventsapp.collation), filled here for existing people; the model keeps them up to date.
On PostgreSQL sort_name compares byte by byte (COLLATE "C"), as SQLite does.

Revision ID: 0012
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

from eventsapp import collation

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('persons') as batch_op:
        batch_op.add_column(
            sa.Column('search_key', sa.String(length=700), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('sort_name', collation.sort_column_type(), server_default='', nullable=False)
        )
        batch_op.create_index('ix_persons_event_sort_name', ['event_id', 'sort_name'])
    persons = sa.table(
        'persons',
        sa.column('id', sa.Integer),
        sa.column('given_name', sa.String),
        sa.column('family_name', sa.String),
        sa.column('email', sa.String),
        sa.column('organization_other', sa.String),
        sa.column('search_key', sa.String),
        sa.column('sort_name', sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            persons.c.id,
            persons.c.given_name,
            persons.c.family_name,
            persons.c.email,
            persons.c.organization_other,
        )
    ).all()
    for row in rows:
        connection.execute(
            persons.update()
            .where(persons.c.id == row.id)
            .values(
                search_key=collation.search_key(
                    row.given_name, row.family_name, row.email, row.organization_other
                ),
                sort_name=collation.sort_key(row.family_name or '', row.given_name or ''),
            )
        )


def downgrade():
    with op.batch_alter_table('persons') as batch_op:
        batch_op.drop_index('ix_persons_event_sort_name')
        batch_op.drop_column('sort_name')
        batch_op.drop_column('search_key')
