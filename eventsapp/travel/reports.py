"""What the rooming lists and the arrivals manifest say, read from the database once.

Both count the registrations that hold a seat (confirmed, or pending while the organizers
decide), as the room blocks do (usage.py). The rooming list of a hotel: one line per guest
(family name first, as hotels file them), those who share a room next to each other, by
room type; then the use of each block night by night. The manifest: everyone with an
arrival date, by day and hour of arrival (those who gave no time last in their day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import SEAT_HOLDING, Person, Registration
from eventsapp.travel.models import Hotel, TravelDetails
from eventsapp.travel.usage import room_groups, shares_of, usage_of


@dataclass(frozen=True)
class Guest:
    name: str  # "Family, Given"
    arrival: date  # check-in
    departure: date  # check-out
    nights: int
    room_type: str
    sharing_with: str
    special_requests: str


@dataclass(frozen=True)
class BlockNight:
    room_type: str
    night: date
    rooms: int | None  # None: a night outside the block's dates
    used: int

    @property
    def over(self) -> int:
        return max(0, self.used - self.rooms) if self.rooms is not None else 0


@dataclass(frozen=True)
class RoomingList:
    hotel: str
    address: str
    contact: str
    guests: list[Guest]
    nights: list[BlockNight]


@dataclass(frozen=True)
class ArrivalLine:
    day: date
    time: time | None
    name: str
    delegation: str
    phone: str
    carrier: str
    flight: str
    airport: str
    hotel: str


def _with_people() -> tuple[LoaderOption, ...]:
    return (
        selectinload(TravelDetails.registration).selectinload(Registration.person),
        selectinload(TravelDetails.sharing_with).selectinload(Registration.person),
        selectinload(TravelDetails.room_block),
    )


def _filed_name(person: Person) -> str:
    return ", ".join(part for part in (person.family_name, person.given_name) if part)


def _sharing(stay: TravelDetails, named_by: dict[int, list[str]]) -> str:
    names = []
    if stay.sharing_with is not None:
        names.append(stay.sharing_with.person.full_name)
    names += [n for n in named_by.get(stay.registration_id, []) if n not in names]
    if stay.sharing_with_name:
        names.append(stay.sharing_with_name)
    return "; ".join(names)


def _named_by(event_id: int) -> dict[int, list[str]]:
    """Registration id -> the people who said they share a room with it."""
    rows = db.session.scalars(
        db.select(TravelDetails)
        .join(TravelDetails.registration)
        .where(Registration.event_id == event_id, TravelDetails.sharing_with_id.is_not(None))
        .options(selectinload(TravelDetails.registration).selectinload(Registration.person))
    )
    named: dict[int, list[str]] = {}
    for row in rows:
        if row.sharing_with_id is not None:  # always so (the query asks for it)
            named.setdefault(row.sharing_with_id, []).append(row.registration.person.full_name)
    return named


def rooming_list(hotel: Hotel) -> RoomingList:
    stays = list(
        db.session.scalars(
            db.select(TravelDetails)
            .join(TravelDetails.registration)
            .where(
                TravelDetails.hotel_id == hotel.id,
                TravelDetails.check_in.is_not(None),
                TravelDetails.check_out.is_not(None),
                Registration.status.in_(SEAT_HOLDING),
            )
            .options(*_with_people())
        )
    )
    rooms = room_groups({s.registration_id for s in stays}, shares_of(stays))
    order = {s.registration_id: s.registration.person.sort_name for s in stays}
    first_of_room: dict[int, str] = {}
    for guest, room in rooms.items():
        first_of_room[room] = min(first_of_room.get(room, order[guest]), order[guest])

    def place(stay: TravelDetails) -> tuple[str, str, int, str]:
        room = rooms[stay.registration_id]
        block = stay.room_block.room_type if stay.room_block else ""
        return (block.casefold(), first_of_room[room], room, order[stay.registration_id])

    named_by = _named_by(hotel.event_id)
    guests = [
        Guest(
            name=_filed_name(stay.registration.person),
            arrival=stay.check_in,
            departure=stay.check_out,
            nights=stay.nights,
            room_type=stay.room_block.room_type if stay.room_block else "",
            sharing_with=_sharing(stay, named_by),
            special_requests=stay.special_requests,
        )
        for stay in sorted(stays, key=place)
        if stay.check_in is not None and stay.check_out is not None  # so the query asks
    ]
    usage = usage_of(list(hotel.blocks))
    nights = [
        BlockNight(block.room_type, n.night, n.rooms, n.used)
        for block in hotel.blocks
        for n in usage[block.id].nights
    ]
    return RoomingList(hotel.name, hotel.address, hotel.contact, guests, nights)


def arrivals(event: Event) -> list[ArrivalLine]:
    registrations = db.session.scalars(
        db.select(Registration)
        .join(Registration.person)
        .where(
            Registration.event_id == event.id,
            Registration.status.in_(SEAT_HOLDING),
            Registration.arrival_date.is_not(None),
        )
        .options(selectinload(Registration.person), selectinload(Registration.delegation))
    ).all()
    details = {
        d.registration_id: d
        for d in db.session.scalars(
            db.select(TravelDetails)
            .where(TravelDetails.registration_id.in_([r.id for r in registrations]))
            .options(selectinload(TravelDetails.hotel))
        )
    }
    empty = TravelDetails()
    pairs = [(r, details.get(r.id) or empty) for r in registrations]
    pairs.sort(
        key=lambda p: (
            p[0].arrival_date,
            p[1].arrival_time is None,
            p[1].arrival_time or time(),
            p[0].person.sort_name,
            p[0].id,
        )
    )
    return [
        ArrivalLine(
            day=registration.arrival_date,
            time=travel.arrival_time,
            name=registration.person.full_name,
            delegation=registration.delegation.name if registration.delegation else "",
            phone=registration.person.phone,
            carrier=travel.arrival_carrier or "",
            flight=travel.arrival_flight or "",
            airport=travel.arrival_airport or "",
            hotel=travel.hotel.name if travel.hotel else "",
        )
        for registration, travel in pairs
        if registration.arrival_date is not None  # always so (the query asks for it)
    ]
