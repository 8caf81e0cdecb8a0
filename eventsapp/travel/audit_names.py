"""How the audit log names hotels and room blocks."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from eventsapp.audit.describe import register_names
from eventsapp.travel.models import Hotel, RoomBlock

register_names("Hotel", _l("hotel"), Hotel, lambda h: h.name, keys=("hotel_id",))
register_names(
    "RoomBlock",
    _l("room block"),
    RoomBlock,
    lambda b: f"{b.hotel.name}: {b.room_type}",
    keys=("room_block_id",),
    options=(selectinload(RoomBlock.hotel),),
)
