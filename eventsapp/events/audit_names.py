"""How the audit log names the records of events and of the layers below (users, roles,
invitations, e-mails, jobs)."""

from flask_babel import lazy_gettext as _l

from eventsapp.audit.describe import register_names
from eventsapp.auth.models import EventRole, Invitation, User
from eventsapp.events.models import Event, Jurisdiction, Organization, Room, Track
from eventsapp.i18n import localized
from eventsapp.jobs.models import Job
from eventsapp.mail.models import OutboxMessage

register_names("Event", _l("event"), Event, lambda e: localized(e, "title"), keys=("event_id",))
register_names("Room", _l("room"), Room, lambda r: r.name, keys=("room_id",))
register_names("Track", _l("track"), Track, lambda t: localized(t, "name"), keys=("track_id",))
register_names(
    "Jurisdiction", _l("jurisdiction"), Jurisdiction, lambda j: j.name, keys=("jurisdiction_id",)
)
register_names(
    "Organization", _l("organization"), Organization, lambda o: o.name, keys=("organization_id",)
)
register_names("User", _l("account"), User, lambda u: u.name or u.email, keys=("user_id",))
register_names("EventRole", _l("role"), EventRole, lambda r: r.user.email)
register_names("Invitation", _l("invitation"), Invitation, lambda i: i.email)
register_names("OutboxMessage", _l("e-mail"), OutboxMessage, lambda m: m.recipient)
register_names("Job", _l("background job"), Job, lambda j: j.kind)
