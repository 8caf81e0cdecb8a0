"""How the audit log names a session attendance (by the person who attended)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from eventsapp.audit.describe import register_names
from eventsapp.checkin.models import SessionAttendance
from eventsapp.registration.models import Registration

register_names(
    "SessionAttendance",
    _l("session attendance"),
    SessionAttendance,
    lambda a: a.registration.person.full_name,
    options=(selectinload(SessionAttendance.registration).selectinload(Registration.person),),
)
