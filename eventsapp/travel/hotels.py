"""The event's hotels and their room blocks (the organizers' set-up), copied with the event.

A hotel or a block that guests stay in is not deleted (move the guests first): nobody's
stay disappears without the organizers seeing it. A block made smaller than the rooms its
guests take is saved with a warning (the organizers may over-book; see usage.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import InstrumentedAttribute

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.db import flush_or_fail
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.events.signals import event_cloned
from eventsapp.extensions import db
from eventsapp.i18n import fmt_date
from eventsapp.travel.models import Hotel, RoomBlock, TravelDetails
from eventsapp.travel.services import as_typed, window
from eventsapp.travel.usage import excess

HOTEL_FIELDS = ("name", "address", "contact")
BLOCK_FIELDS = ("room_type", "first_night", "last_night", "rooms")


def hotels_of(event: Event) -> list[Hotel]:
    return list(
        db.session.scalars(
            db.select(Hotel).where(Hotel.event_id == event.id).order_by(Hotel.name, Hotel.id)
        )
    )


def _stays(column: InstrumentedAttribute[int | None], object_id: int) -> int:
    count = db.select(db.func.count(TravelDetails.id)).where(column == object_id)
    return db.session.scalar(count) or 0  # a count is never NULL


def save_hotel(actor: Actor, event: Event, hotel: Hotel | None, data: dict[str, Any]) -> Hotel:
    is_new = hotel is None
    hotel = hotel or Hotel(event_id=event.id)
    before = None if is_new else snapshot(hotel)
    for name in HOTEL_FIELDS:
        setattr(hotel, name, as_typed(data.get(name)))
    if not hotel.name:
        raise DomainError(_l("Give the hotel's name."), field="name")
    db.session.add(hotel)
    flush_or_fail(_l("This event already has a hotel of this name."))
    record(
        actor,
        "create" if is_new else "update",
        hotel,
        event_id=event.id,
        summary=hotel.name,
        before=before,
        after=snapshot(hotel),
    )
    return hotel


def delete_hotel(actor: Actor, hotel: Hotel) -> None:
    guests = _stays(TravelDetails.hotel_id, hotel.id)
    if guests:
        raise DomainError(_l("%(count)d guests stay at this hotel: move them first.", count=guests))
    record(actor, "delete", hotel, event_id=hotel.event_id, summary=hotel.name)
    db.session.delete(hotel)
    db.session.flush()


def save_block(
    actor: Actor, hotel: Hotel, block: RoomBlock | None, data: dict[str, Any]
) -> list[str]:
    """Create or change a block of ``hotel``; returns warnings (nights over-booked)."""
    is_new = block is None
    block = block or RoomBlock(hotel=hotel)
    before = None if is_new else snapshot(block)
    block.room_type = as_typed(data.get("room_type"))
    for name in ("first_night", "last_night", "rooms"):  # None until checked below
        setattr(block, name, data.get(name))
    if not block.room_type:
        raise DomainError(_l("Give the room type."), field="room_type")
    first, last = window(hotel.event)
    for name in ("first_night", "last_night"):
        night = getattr(block, name)
        if night is None or not first <= night <= last:
            raise DomainError(
                _l(
                    "Give a date between %(first)s and %(last)s.",
                    first=fmt_date(first),
                    last=fmt_date(last),
                ),
                field=name,
            )
    if block.last_night < block.first_night:
        raise DomainError(_l("The last night cannot be before the first."), field="last_night")
    if block.rooms is None or block.rooms < 0:
        raise DomainError(_l("Give the number of rooms."), field="rooms")
    db.session.add(block)
    flush_or_fail(_l("This hotel already has a block of this room type."))
    record(
        actor,
        "create" if is_new else "update",
        block,
        event_id=hotel.event_id,
        summary=f"{hotel.name}: {block.room_type}",
        before=before,
        after=snapshot(block),
    )
    over = excess(block)
    if not over:
        return []
    return [
        _l(
            "%(block)s at %(hotel)s is over-booked on the night of %(nights)s.",
            block=block.room_type,
            hotel=hotel.name,
            nights=", ".join(fmt_date(night) for night in sorted(over)),
        )
    ]


def delete_block(actor: Actor, block: RoomBlock) -> None:
    guests = _stays(TravelDetails.room_block_id, block.id)
    if guests:
        raise DomainError(
            _l("%(count)d guests have this room type: move them first.", count=guests)
        )
    hotel = block.hotel
    record(actor, "delete", block, event_id=hotel.event_id, summary=block.room_type)
    hotel.blocks.remove(block)
    db.session.flush()


def _on_event_cloned(source: Event, *, new: Event, days: int, **_copy: Any) -> None:
    """A copied event gets the same hotels and room blocks, the nights moved with its dates;
    nobody's stay."""
    moved = timedelta(days=days)
    for hotel in hotels_of(source):
        copy = Hotel(event_id=new.id, **{name: getattr(hotel, name) for name in HOTEL_FIELDS})
        copy.blocks = [
            RoomBlock(
                room_type=block.room_type,
                first_night=block.first_night + moved,
                last_night=block.last_night + moved,
                rooms=block.rooms,
            )
            for block in hotel.blocks
        ]
        db.session.add(copy)


event_cloned.connect(_on_event_cloned)
