"""How the audit log names sessions, speakers and workshop places."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from eventsapp.agenda.models import AgendaSession, Speaker, WorkshopSignup
from eventsapp.audit.describe import register_names
from eventsapp.i18n import localized
from eventsapp.registration.models import Registration

register_names(
    "AgendaSession",
    _l("session"),
    AgendaSession,
    lambda s: localized(s, "title"),
    keys=("session_id",),
)
register_names(
    "Speaker",
    _l("speaker"),
    Speaker,
    lambda s: s.person.full_name,
    keys=("speaker_id",),
    options=(selectinload(Speaker.person),),
)
register_names(
    "WorkshopSignup",
    _l("workshop place"),
    WorkshopSignup,
    lambda w: w.registration.person.full_name,
    options=(selectinload(WorkshopSignup.registration).selectinload(Registration.person),),
)
