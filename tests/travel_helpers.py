"""Helpers for the travel and accommodation tests: hotels, blocks and stays made directly,
the travel form's fields, and the URLs of the travel pages."""

from __future__ import annotations

from datetime import date, time

from eventsapp.extensions import db
from eventsapp.registration.links import registration_token
from eventsapp.travel.models import Hotel, RoomBlock, TravelDetails


def make_hotel(event, name: str = "Hotel Coronado", **kw) -> Hotel:
    hotel = Hotel(event_id=event.id, name=name, **kw)
    db.session.add(hotel)
    db.session.commit()
    return hotel


def make_block(
    hotel: Hotel,
    room_type: str = "Double",
    first: date = date(2027, 3, 8),
    last: date = date(2027, 3, 10),
    rooms: int = 10,
) -> RoomBlock:
    block = RoomBlock(
        hotel_id=hotel.id, room_type=room_type, first_night=first, last_night=last, rooms=rooms
    )
    db.session.add(block)
    db.session.commit()
    return block


def make_stay(
    registration,
    block: RoomBlock | None = None,
    check_in: date = date(2027, 3, 8),
    check_out: date = date(2027, 3, 11),
    *,
    hotel: Hotel | None = None,
    **kw,
) -> TravelDetails:
    """A stay written directly (no rules): ``block`` (and its hotel) for these nights."""
    hotel = hotel or (block.hotel if block else None)
    details = TravelDetails(
        registration_id=registration.id,
        hotel_id=hotel.id if hotel else None,
        room_block_id=block.id if block else None,
        check_in=check_in if hotel else None,
        check_out=check_out if hotel else None,
        **kw,
    )
    db.session.add(details)
    db.session.commit()
    return details


def travel_data(**overrides) -> dict:
    """The travel form as a browser posts it, every field empty unless given."""
    data = {
        "arrival_date": "",
        "arrival_time": "",
        "arrival_carrier": "",
        "arrival_flight": "",
        "arrival_airport": "",
        "departure_date": "",
        "departure_time": "",
        "departure_carrier": "",
        "departure_flight": "",
        "departure_airport": "",
        "hotel_id": "",
        "room_block_id": "",
        "check_in": "",
        "check_out": "",
        "sharing_with_name": "",
        "special_requests": "",
    }
    data.update({k: str(v) for k, v in overrides.items()})
    return data


def journey(**overrides) -> dict:
    """A whole journey: arrives 8 March 09:40 on AM 784 at TIJ, leaves 11 March 16:05."""
    values = dict(
        arrival_date="2027-03-08",
        arrival_time="09:40",
        arrival_carrier="Aeroméxico",
        arrival_flight="AM 784",
        arrival_airport="TIJ",
        departure_date="2027-03-11",
        departure_time="16:05",
        departure_carrier="Aeroméxico",
        departure_flight="AM 785",
        departure_airport="TIJ",
    )
    values.update(overrides)
    return travel_data(**values)


def link_url(event, registration) -> str:
    return f"/events/{event.slug}/my/{registration_token(registration)}/travel"


def head_url(event, delegation, registration) -> str:
    return f"/events/{event.slug}/my-delegation/{delegation.id}/members/{registration.id}/travel"


def manage_url(event, suffix: str = "") -> str:
    return f"/manage/events/{event.slug}/travel/{suffix}"


def details_of(registration) -> TravelDetails | None:
    db.session.expire_all()
    return db.session.scalar(
        db.select(TravelDetails).where(TravelDetails.registration_id == registration.id)
    )


AT_0940 = time(9, 40)
