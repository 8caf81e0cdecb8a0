"""Travel and accommodation: the event's hotels with their room blocks, and what each
registration says about its journey and its stay.

The arrival and departure dates stay on the registration (``Registration.arrival_date`` and
``departure_date``: the one copy, which the arrivals report, the visa letter and the import
read); ``TravelDetails`` holds the rest: times, carriers, flights, airports, the hotel, the
room type (a block of that hotel), the nights (check-in and check-out), who shares the room
and special requests. A night is named by its date: the night of 3 June starts that evening.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from eventsapp.events.models import Event
    from eventsapp.registration.models import Registration


class Hotel(Model):
    __tablename__ = "hotels"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    # Whom the rooming list goes to at the hotel (reservations or group sales).
    contact: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship("Event")
    blocks: Mapped[list[RoomBlock]] = relationship(
        back_populates="hotel",
        cascade="all, delete-orphan",
        order_by="(RoomBlock.room_type, RoomBlock.id)",
    )


class RoomBlock(Model):
    """Rooms of one type the hotel holds for the event, every night from ``first_night``
    to ``last_night`` (both included)."""

    __tablename__ = "room_blocks"
    __table_args__ = (
        UniqueConstraint("hotel_id", "room_type"),
        CheckConstraint("rooms >= 0", name="rooms_positive"),
        CheckConstraint("last_night >= first_night", name="nights_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"), index=True)
    room_type: Mapped[str] = mapped_column(String(120))
    first_night: Mapped[date]
    last_night: Mapped[date]
    rooms: Mapped[int]

    hotel: Mapped[Hotel] = relationship(back_populates="blocks")

    @property
    def event_id(self) -> int:
        return self.hotel.event_id

    def holds(self, night: date) -> bool:
        return self.first_night <= night <= self.last_night


class TravelDetails(Model):
    """One registration's journey and stay (at most one row per registration)."""

    __tablename__ = "travel_details"
    __table_args__ = (
        CheckConstraint(
            "check_in IS NULL OR check_out IS NULL OR check_out > check_in",
            name="nights_ordered",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    # Local times at the airport (the date is the registration's arrival_date).
    arrival_time: Mapped[time | None]
    arrival_carrier: Mapped[str] = mapped_column(String(80), default="")
    arrival_flight: Mapped[str] = mapped_column(String(20), default="")
    arrival_airport: Mapped[str] = mapped_column(String(80), default="")
    departure_time: Mapped[time | None]
    departure_carrier: Mapped[str] = mapped_column(String(80), default="")
    departure_flight: Mapped[str] = mapped_column(String(20), default="")
    departure_airport: Mapped[str] = mapped_column(String(80), default="")
    hotel_id: Mapped[int | None] = mapped_column(
        ForeignKey("hotels.id", ondelete="SET NULL"), index=True
    )
    room_block_id: Mapped[int | None] = mapped_column(
        ForeignKey("room_blocks.id", ondelete="SET NULL"), index=True
    )
    check_in: Mapped[date | None]
    check_out: Mapped[date | None]
    # Sharing the room: another registrant of the same event, or a name as typed.
    sharing_with_id: Mapped[int | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="SET NULL"), index=True
    )
    sharing_with_name: Mapped[str] = mapped_column(String(200), default="")
    special_requests: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    registration: Mapped[Registration] = relationship(
        "Registration", foreign_keys=[registration_id]
    )
    sharing_with: Mapped[Registration | None] = relationship(
        "Registration", foreign_keys=[sharing_with_id]
    )
    hotel: Mapped[Hotel | None] = relationship()
    room_block: Mapped[RoomBlock | None] = relationship()

    @property
    def nights(self) -> int:
        if self.check_in and self.check_out:
            return (self.check_out - self.check_in).days
        return 0
