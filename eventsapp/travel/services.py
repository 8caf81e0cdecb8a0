"""A registration's journey and stay: the rules every editor goes through (the registrant
through their personal link, the head of delegation for a member, the organizers).

Only while the event collects travel and accommodation. Arrival and departure dates are
the registration's own columns (one copy); the rest lives in ``TravelDetails``. Every date
lies within ``WINDOW_DAYS`` of the event; departure is not before arrival (nor, on the same
day, earlier in the day); a hotel needs its nights (check-in and check-out, taken from the
arrival and departure dates when left empty) and, when it has room blocks, a room type of
its own. Block over-booking: see eventsapp/travel/usage.py. The audit entry names the
fields changed, never their values (the log outlives the retention period of the data).
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import lock_row
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.i18n import fmt_date
from eventsapp.registration.models import Registration, RegistrationStatus
from eventsapp.travel.models import Hotel, RoomBlock, TravelDetails
from eventsapp.travel.usage import excess

WINDOW_DAYS = 30
STAY_FIELDS = ("arrival_date", "departure_date")  # on the registration
DETAIL_FIELDS = (
    "arrival_time",
    "arrival_carrier",
    "arrival_flight",
    "arrival_airport",
    "departure_time",
    "departure_carrier",
    "departure_flight",
    "departure_airport",
    "hotel_id",
    "room_block_id",
    "check_in",
    "check_out",
    "sharing_with_id",
    "sharing_with_name",
    "special_requests",
)
DATE_FIELDS = ("arrival_date", "departure_date", "check_in", "check_out")
TEXT_FIELDS = tuple(
    name for name in DETAIL_FIELDS if name.endswith(("_carrier", "_flight", "_airport", "_name"))
) + ("special_requests",)
EDITABLE = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class Editor(enum.Enum):
    REGISTRANT = "registrant"  # through the personal link
    HEAD = "head"  # the head of delegation, for a member
    ORGANIZER = "organizer"  # may over-book a room block (warned)


def travel_of(registration: Registration) -> TravelDetails | None:
    return db.session.scalar(
        db.select(TravelDetails).where(TravelDetails.registration_id == registration.id)
    )


def current_values(registration: Registration) -> dict[str, Any]:
    """What the travel form shows: the registration's dates and its details, if any."""
    details = travel_of(registration) or TravelDetails()
    values = {name: getattr(registration, name) for name in STAY_FIELDS}
    values.update({name: getattr(details, name) for name in DETAIL_FIELDS})
    for name in TEXT_FIELDS:  # a new row's columns are empty only once inserted
        values[name] = values[name] or ""
    return values


def window(event: Event) -> tuple[date, date]:
    return (
        event.start_date - timedelta(days=WINDOW_DAYS),
        event.end_date + timedelta(days=WINDOW_DAYS),
    )


def set_collect_travel(actor: Actor, event: Event, on: bool) -> None:
    if event.collect_travel == on:
        return
    event.collect_travel = on
    db.session.flush()
    record(
        actor,
        "update",
        event,
        event_id=event.id,
        before={"collect_travel": not on},
        after={"collect_travel": on},
    )


def _check_dates(event: Event, values: dict[str, Any]) -> None:
    first, last = window(event)
    for name in DATE_FIELDS:
        day = values.get(name)
        if day is not None and not first <= day <= last:
            raise DomainError(
                _l(
                    "Give a date between %(first)s and %(last)s.",
                    first=fmt_date(first),
                    last=fmt_date(last),
                ),
                field=name,
            )
    for kind in ("arrival", "departure"):
        if values.get(f"{kind}_time") is not None and values.get(f"{kind}_date") is None:
            raise DomainError(_l("Give the date as well as the time."), field=f"{kind}_date")
    arrival, departure = values.get("arrival_date"), values.get("departure_date")
    if arrival and departure and departure < arrival:
        raise DomainError(_l("Departure cannot be before arrival."), field="departure_date")
    arrives, leaves = values.get("arrival_time"), values.get("departure_time")
    if arrival and arrival == departure and arrives and leaves and leaves <= arrives:
        raise DomainError(
            _l("On the day of arrival, departure must be later than arrival."),
            field="departure_time",
        )


def _check_stay(event: Event, values: dict[str, Any]) -> None:
    hotel: Hotel | None = None
    block: RoomBlock | None = None
    if values.get("room_block_id") is not None:
        block = db.session.get(RoomBlock, values["room_block_id"])
        if block is None or block.hotel.event_id != event.id:
            raise DomainError(_l("Choose a room type of this event's hotels."), "room_block_id")
    if values.get("hotel_id") is not None:
        hotel = db.session.get(Hotel, values["hotel_id"])
        if hotel is None or hotel.event_id != event.id:
            raise DomainError(_l("Choose one of this event's hotels."), field="hotel_id")
    if block is not None and hotel is None:
        hotel = block.hotel
        values["hotel_id"] = hotel.id
    if block is not None and hotel is not None and block.hotel_id != hotel.id:
        raise DomainError(
            _l(
                "This room type belongs to another hotel: choose one of %(hotel)s.",
                hotel=hotel.name,
            ),
            field="room_block_id",
        )
    if hotel is None:
        for name in ("check_in", "check_out"):
            if values.get(name) is not None:
                raise DomainError(_l("Choose the hotel of these nights."), field="hotel_id")
        return
    if block is None and hotel.blocks:
        raise DomainError(_l("Choose a room type."), field="room_block_id")
    values["check_in"] = values.get("check_in") or values.get("arrival_date")
    values["check_out"] = values.get("check_out") or values.get("departure_date")
    for name, message in (
        ("check_in", _l("Give the check-in date (or your arrival date).")),
        ("check_out", _l("Give the check-out date (or your departure date).")),
    ):
        if values[name] is None:
            raise DomainError(message, field=name)
    if values["check_out"] <= values["check_in"]:
        raise DomainError(
            _l("Check-out must be at least one night after check-in."), field="check_out"
        )


def _check_sharing(event: Event, registration: Registration, values: dict[str, Any]) -> None:
    other_id = values.get("sharing_with_id")
    if other_id is None:
        return
    other = db.session.get(Registration, other_id)
    if other is None or other.event_id != event.id or other.id == registration.id:
        raise DomainError(_l("Choose another registrant of this event."), "sharing_with_id")
    if values.get("sharing_with_name"):
        raise DomainError(
            _l("Choose a registrant or type a name, not both."), field="sharing_with_name"
        )


def as_typed(value: str | None) -> str:
    """Text as typed (the app's text policy, eventsapp/forms.py); only spaces: empty."""
    return value if value and value.strip() else ""


def checked_values(
    event: Event, registration: Registration, data: dict[str, Any]
) -> dict[str, Any]:
    """The fields ``data`` gives (a form's), trimmed and checked; DomainError on the first
    broken rule, naming its field. Fields ``data`` lacks keep their stored value."""
    values = current_values(registration)
    for name in STAY_FIELDS + DETAIL_FIELDS:
        if name in data:
            values[name] = data[name]
    for name in TEXT_FIELDS:
        values[name] = as_typed(values[name])
    _check_dates(event, values)
    _check_stay(event, values)
    _check_sharing(event, registration, values)
    return values


def save_travel(
    actor: Actor | None, registration: Registration, data: dict[str, Any], *, editor: Editor
) -> list[str]:
    """Check and store ``data``; returns warnings for the organizers (over-booked nights).
    A registrant's or head's stay that would over-book a block is refused."""
    event = registration.event
    if not event.collect_travel:
        raise DomainError(_l("This event does not collect travel and accommodation."))
    if editor is not Editor.ORGANIZER and registration.status not in EDITABLE:
        raise DomainError(_l("This registration is no longer active."))
    values = checked_values(event, registration, data)
    block = None
    if values["room_block_id"] is not None:
        block = lock_row(RoomBlock, values["room_block_id"])  # one taker at a time
    before = excess(block) if block is not None else {}
    details = travel_of(registration) or TravelDetails(registration_id=registration.id)
    old = current_values(registration)
    for name in STAY_FIELDS:
        setattr(registration, name, values[name])
    for name in DETAIL_FIELDS:
        setattr(details, name, values[name])
    db.session.add(details)
    db.session.flush()
    warnings: list[str] = []  # lazy strings (typed as str by the stub)
    if block is not None:
        after = excess(block)
        worse = sorted(night for night, rooms in after.items() if rooms > before.get(night, 0))
        nights = ", ".join(fmt_date(night) for night in sorted(after))
        if worse and editor is not Editor.ORGANIZER:
            raise DomainError(
                _l(
                    "No room of this type is left for the night of %(nights)s. Choose another "
                    "room type or other nights, or write to the organizers.",
                    nights=", ".join(fmt_date(night) for night in worse),
                ),
                field="room_block_id",
            )
        if after:
            warnings.append(
                _l(
                    "%(block)s at %(hotel)s is over-booked on the night of %(nights)s.",
                    block=block.room_type,
                    hotel=block.hotel.name,
                    nights=nights,
                )
            )
    changed = [name for name in STAY_FIELDS + DETAIL_FIELDS if old[name] != values[name]]
    if changed:
        record(
            actor,
            "update",
            registration,
            summary="travel and accommodation: " + ", ".join(changed),
        )
    return warnings
