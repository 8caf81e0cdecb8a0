"""travel and accommodation: hotels, room blocks, each registration's journey and stay

Also events.collect_travel, the switch that asks registrants for them
(eventsapp.travel.models). Arrival and departure dates stay on registrations.

Revision ID: 0022
Revises: 0021
"""

from alembic import op
import sqlalchemy as sa

import eventsapp.db


# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "hotels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("created_at", eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_hotels_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotels")),
        sa.UniqueConstraint("event_id", "name", name=op.f("uq_hotels_event_id_name")),
    )
    with op.batch_alter_table("hotels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hotels_event_id"), ["event_id"], unique=False)

    op.create_table(
        "room_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hotel_id", sa.Integer(), nullable=False),
        sa.Column("room_type", sa.String(length=120), nullable=False),
        sa.Column("first_night", sa.Date(), nullable=False),
        sa.Column("last_night", sa.Date(), nullable=False),
        sa.Column("rooms", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "last_night >= first_night", name=op.f("ck_room_blocks_nights_ordered")
        ),
        sa.CheckConstraint("rooms >= 0", name=op.f("ck_room_blocks_rooms_positive")),
        sa.ForeignKeyConstraint(
            ["hotel_id"],
            ["hotels.id"],
            name=op.f("fk_room_blocks_hotel_id_hotels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_blocks")),
        sa.UniqueConstraint(
            "hotel_id", "room_type", name=op.f("uq_room_blocks_hotel_id_room_type")
        ),
    )
    with op.batch_alter_table("room_blocks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_room_blocks_hotel_id"), ["hotel_id"], unique=False)

    op.create_table(
        "travel_details",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("arrival_time", sa.Time(), nullable=True),
        sa.Column("arrival_carrier", sa.String(length=80), nullable=False),
        sa.Column("arrival_flight", sa.String(length=20), nullable=False),
        sa.Column("arrival_airport", sa.String(length=80), nullable=False),
        sa.Column("departure_time", sa.Time(), nullable=True),
        sa.Column("departure_carrier", sa.String(length=80), nullable=False),
        sa.Column("departure_flight", sa.String(length=20), nullable=False),
        sa.Column("departure_airport", sa.String(length=80), nullable=False),
        sa.Column("hotel_id", sa.Integer(), nullable=True),
        sa.Column("room_block_id", sa.Integer(), nullable=True),
        sa.Column("check_in", sa.Date(), nullable=True),
        sa.Column("check_out", sa.Date(), nullable=True),
        sa.Column("sharing_with_id", sa.Integer(), nullable=True),
        sa.Column("sharing_with_name", sa.String(length=200), nullable=False),
        sa.Column("special_requests", sa.Text(), nullable=False),
        sa.Column("updated_at", eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "check_in IS NULL OR check_out IS NULL OR check_out > check_in",
            name=op.f("ck_travel_details_nights_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["hotel_id"],
            ["hotels.id"],
            name=op.f("fk_travel_details_hotel_id_hotels"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_travel_details_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_block_id"],
            ["room_blocks.id"],
            name=op.f("fk_travel_details_room_block_id_room_blocks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sharing_with_id"],
            ["registrations.id"],
            name=op.f("fk_travel_details_sharing_with_id_registrations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_details")),
        sa.UniqueConstraint(
            "registration_id", name=op.f("uq_travel_details_registration_id")
        ),
    )
    with op.batch_alter_table("travel_details", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_details_hotel_id"), ["hotel_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_travel_details_room_block_id"), ["room_block_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_travel_details_sharing_with_id"), ["sharing_with_id"], unique=False
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("collect_travel", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("collect_travel")

    with op.batch_alter_table("travel_details", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_details_sharing_with_id"))
        batch_op.drop_index(batch_op.f("ix_travel_details_room_block_id"))
        batch_op.drop_index(batch_op.f("ix_travel_details_hotel_id"))
    op.drop_table("travel_details")

    with op.batch_alter_table("room_blocks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_room_blocks_hotel_id"))
    op.drop_table("room_blocks")

    with op.batch_alter_table("hotels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hotels_event_id"))
    op.drop_table("hotels")
