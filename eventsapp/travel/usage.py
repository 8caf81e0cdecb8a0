"""How many rooms of each block are taken, night by night.

A guest counts when their registration holds a seat (confirmed, or pending while the
organizers decide: ``SEAT_HOLDING``) and their stay names the block and its nights. People
who share a room (one names the other, in either direction, and both stay in the block that
night) take one room; a companion whose name is only typed takes no room of their own.

Over-booking: a night of the block with more rooms used than held. Registrants and heads
of delegation are refused a stay that would make a night over-booked (or more so); the
organizers may over-book, are warned, and the travel page and the rooming list show it.
Nights outside the block's dates are not refused: they show as "outside the block", for
the organizers to ask the hotel for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import selectinload

from eventsapp.extensions import db
from eventsapp.registration.models import SEAT_HOLDING, Person, Registration
from eventsapp.travel.models import RoomBlock, TravelDetails


@dataclass(frozen=True)
class Night:
    night: date
    rooms: int | None  # rooms the block holds that night; None: outside the block's dates
    used: int

    @property
    def over(self) -> int:
        """Rooms used beyond the block that night (0 when within it or outside its dates)."""
        return max(0, self.used - self.rooms) if self.rooms is not None else 0

    @property
    def outside(self) -> bool:
        return self.rooms is None and self.used > 0

    @property
    def left(self) -> int | None:
        return None if self.rooms is None else max(0, self.rooms - self.used)


@dataclass(frozen=True)
class BlockUsage:
    block: RoomBlock
    nights: list[Night]

    @property
    def over_nights(self) -> list[Night]:
        return [n for n in self.nights if n.over]

    @property
    def outside_nights(self) -> list[Night]:
        return [n for n in self.nights if n.outside]

    @property
    def peak(self) -> int:
        """The most rooms used on one night of the block's own dates."""
        return max((n.used for n in self.nights if n.rooms is not None), default=0)


def nights_of(first: date, after_last: date) -> list[date]:
    """The nights from ``first`` up to the one before ``after_last`` (a check-out day)."""
    return [first + timedelta(days=i) for i in range((after_last - first).days)]


def counted_stays(block_ids: Iterable[int]) -> list[TravelDetails]:
    """The stays in these blocks that take rooms (seat-holding registrations, nights set)."""
    ids = list(block_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(
            db.select(TravelDetails)
            .join(TravelDetails.registration)
            .join(Registration.person)
            .where(
                TravelDetails.room_block_id.in_(ids),
                TravelDetails.check_in.is_not(None),
                TravelDetails.check_out.is_not(None),
                Registration.status.in_(SEAT_HOLDING),
            )
            .options(selectinload(TravelDetails.registration).selectinload(Registration.person))
            .order_by(Person.sort_name, Person.id)
        )
    )


def room_groups(guests: set[int], shares: list[tuple[int, int]]) -> dict[int, int]:
    """The room of each of ``guests`` (registration ids), named by one of its occupants,
    when each pair of ``shares`` present among them shares a room."""
    parent = {guest: guest for guest in guests}

    def root(guest: int) -> int:
        while parent[guest] != guest:
            parent[guest] = parent[parent[guest]]
            guest = parent[guest]
        return guest

    for a, b in shares:
        if a in guests and b in guests:
            parent[root(a)] = root(b)
    return {guest: root(guest) for guest in guests}


def shares_of(stays: list[TravelDetails]) -> list[tuple[int, int]]:
    return [(s.registration_id, s.sharing_with_id) for s in stays if s.sharing_with_id]


def rooms_by_night(stays: list[TravelDetails]) -> dict[date, int]:
    """Rooms taken each night by ``stays`` (of one block): sharers count once."""
    present: dict[date, set[int]] = {}
    for stay in stays:
        if stay.check_in is None or stay.check_out is None:  # not counted (counted_stays)
            continue
        for night in nights_of(stay.check_in, stay.check_out):
            present.setdefault(night, set()).add(stay.registration_id)
    shares = shares_of(stays)
    return {
        night: len(set(room_groups(guests, shares).values())) for night, guests in present.items()
    }


def usage_of(blocks: list[RoomBlock]) -> dict[int, BlockUsage]:
    """Each block's nights (its own and any a guest stays outside them), with rooms used."""
    by_block: dict[int, list[TravelDetails]] = {b.id: [] for b in blocks}
    for stay in counted_stays(by_block):
        if stay.room_block_id is not None:  # always so (the query asks for these blocks)
            by_block[stay.room_block_id].append(stay)
    result = {}
    for block in blocks:
        used = rooms_by_night(by_block[block.id])
        own = nights_of(block.first_night, block.last_night + timedelta(days=1))
        nights = sorted(set(own) | set(used))
        result[block.id] = BlockUsage(
            block,
            [Night(n, block.rooms if block.holds(n) else None, used.get(n, 0)) for n in nights],
        )
    return result


def excess(block: RoomBlock) -> dict[date, int]:
    """The block's over-booked nights: night -> rooms beyond the block."""
    usage = usage_of([block])[block.id]
    return {n.night: n.over for n in usage.over_nights}
