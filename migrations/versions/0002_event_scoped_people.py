"""people and their private details belong to one event

A person row used to be shared by every event an e-mail address took part in, so what was
given to one event (names, phone, passport) could be read and changed through another.
Each row now belongs to one event: a row used by several events is copied once per extra
event and that event's registrations, speakers and delegation heads point to the copy.
Rows that no event uses are removed (no event could show them).

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

import eventsapp.db  # noqa: F401

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# Tables that point to a person, with the column that names the event.
USERS = (("registrations", "person_id"), ("speakers", "person_id"),
         ("delegations", "head_person_id"))


def _split_people(bind) -> None:
    persons = sa.table("persons", sa.column("id"), sa.column("event_id"))
    columns = [c["name"] for c in sa.inspect(bind).get_columns("persons") if c["name"] != "id"]
    uses: dict[int, set[int]] = {}
    for table, column in USERS:
        rows = bind.execute(sa.text(
            f"SELECT {column}, event_id FROM {table} WHERE {column} IS NOT NULL"  # noqa: S608
        ))
        for person_id, event_id in rows:
            uses.setdefault(person_id, set()).add(event_id)
    names = ", ".join(columns)
    copy_columns = ", ".join(":event_id" if c == "event_id" else c for c in columns)
    for person_id, event_ids in sorted(uses.items()):
        first, *others = sorted(event_ids)
        bind.execute(persons.update().where(persons.c.id == person_id).values(event_id=first))
        for event_id in others:
            bind.execute(sa.text(
                f"INSERT INTO persons ({names}) SELECT {copy_columns} "  # noqa: S608
                "FROM persons WHERE id = :person_id"
            ), {"event_id": event_id, "person_id": person_id})
            copy_id = bind.execute(sa.text(
                "SELECT max(id) FROM persons WHERE event_id = :event_id"
            ), {"event_id": event_id}).scalar()
            for table, column in USERS:
                bind.execute(sa.text(
                    f"UPDATE {table} SET {column} = :copy_id "  # noqa: S608
                    f"WHERE {column} = :person_id AND event_id = :event_id"
                ), {"copy_id": copy_id, "person_id": person_id, "event_id": event_id})
    bind.execute(persons.delete().where(persons.c.event_id.is_(None)))


def upgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('passport_expiry', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('date_of_birth', sa.Date(), nullable=True))
        batch_op.drop_constraint('uq_persons_email', type_='unique')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'link_sent_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True
        ))
    _split_people(op.get_bind())
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.alter_column('event_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f('uq_persons_event_id_email'), ['event_id', 'email']
        )
        batch_op.create_index(batch_op.f('ix_persons_event_id'), ['event_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_persons_event_id_events'), 'events', ['event_id'], ['id'],
            ondelete='CASCADE',
        )


def downgrade():
    # The copies stay: merging them back would pick one event's details for everyone.
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_persons_event_id_events'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_persons_event_id'))
        batch_op.drop_constraint(batch_op.f('uq_persons_event_id_email'), type_='unique')
        batch_op.drop_column('date_of_birth')
        batch_op.drop_column('passport_expiry')
        batch_op.drop_column('event_id')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_column('link_sent_at')
