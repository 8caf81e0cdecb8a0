"""Forms of travel and accommodation: a registration's journey and stay (the same fields for
the registrant, the head of delegation and the organizers), hotels, room blocks, the
event's switch and the manifest's paper."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from eventsapp.documents.forms import PAPER_LABELS
from eventsapp.forms import FlaskForm, IdSelectField
from eventsapp.registration.models import Registration
from eventsapp.travel.models import Hotel, RoomBlock

MAX_ROOMS = 10_000


class TravelForm(FlaskForm):
    arrival_date = DateField(_l("Arrival date"), validators=[Optional()])
    arrival_time = TimeField(_l("Arrival time (local)"), validators=[Optional()])
    arrival_carrier = StringField(_l("Airline or carrier"), validators=[Length(max=80)])
    arrival_flight = StringField(_l("Flight number"), validators=[Length(max=20)])
    arrival_airport = StringField(_l("Arrival airport"), validators=[Length(max=80)])
    departure_date = DateField(_l("Departure date"), validators=[Optional()])
    departure_time = TimeField(_l("Departure time (local)"), validators=[Optional()])
    departure_carrier = StringField(_l("Airline or carrier"), validators=[Length(max=80)])
    departure_flight = StringField(_l("Flight number"), validators=[Length(max=20)])
    departure_airport = StringField(_l("Departure airport"), validators=[Length(max=80)])
    hotel_id = IdSelectField(_l("Hotel"), blank=_l("No hotel (I make my own arrangements)"))
    room_block_id = IdSelectField(_l("Room type"), blank=_l("Choose…"))
    check_in = DateField(_l("Check-in date"), validators=[Optional()])
    check_out = DateField(_l("Check-out date"), validators=[Optional()])
    sharing_with_id = IdSelectField(_l("Sharing the room with (registrant)"), blank="—")
    sharing_with_name = StringField(
        _l("Sharing the room with (name, if not in the list)"), validators=[Length(max=200)]
    )
    special_requests = TextAreaField(_l("Special requests"), validators=[Length(max=2000)])

    def prepare(self, hotels: list[Hotel], sharers: list[Registration] | None = None) -> None:
        """Offer the event's hotels and their room types; ``sharers`` (registrations) for
        the "sharing with" choice, or None to leave that choice out (the registrant types a
        name: the list of who else is registered is not theirs to see)."""
        self.hotel_id.set_choices((h.id, h.name) for h in hotels)
        self.room_block_id.set_choices((b.id, block_label(h, b)) for h in hotels for b in h.blocks)
        if sharers is None:
            del self.sharing_with_id
        else:
            self.sharing_with_id.set_choices((r.id, r.person.full_name) for r in sharers)


def block_label(hotel: Hotel, block: RoomBlock) -> str:
    return f"{hotel.name}: {block.room_type}"


class HotelForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    address = StringField(_l("Address"), validators=[Length(max=300)])
    contact = StringField(
        _l("Contact for the rooming list (name, e-mail or phone)"), validators=[Length(max=300)]
    )


class RoomBlockForm(FlaskForm):
    room_type = StringField(
        _l("Room type (as the hotel names it)"), validators=[DataRequired(), Length(max=120)]
    )
    first_night = DateField(_l("First night"), validators=[DataRequired()])
    last_night = DateField(_l("Last night"), validators=[DataRequired()])
    rooms = IntegerField(
        _l("Rooms each night"),
        validators=[InputRequired(), NumberRange(min=0, max=MAX_ROOMS)],
        default=10,
    )


class TravelSettingsForm(FlaskForm):
    collect_travel = BooleanField(
        _l("Collect travel and accommodation (arrival, departure, hotel and room)")
    )


class ManifestForm(FlaskForm):
    """Read-only download options (sent by GET, so no CSRF token)."""

    class Meta:
        csrf = False

    paper = SelectField(_l("Paper"), choices=list(PAPER_LABELS.items()), default="letter")
