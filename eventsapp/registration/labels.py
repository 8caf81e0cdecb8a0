"""Translated display labels for the registration domain's enums."""

from flask_babel import lazy_gettext as _l

from eventsapp.registration.models import Language, RegistrationRole, RegistrationStatus

ROLE = {
    RegistrationRole.DELEGATE: _l("Delegate"),
    RegistrationRole.SPEAKER: _l("Speaker"),
    RegistrationRole.MODERATOR: _l("Moderator"),
    RegistrationRole.STAFF: _l("Staff"),
    RegistrationRole.PRESS: _l("Press"),
    RegistrationRole.OBSERVER: _l("Observer"),
    RegistrationRole.GUEST: _l("Guest"),
}
STATUS = {
    RegistrationStatus.PENDING: _l("Pending approval"),
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITLISTED: _l("Waiting list"),
    RegistrationStatus.DECLINED: _l("Declined"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}
LANGUAGE = {Language.EN: _l("English"), Language.ES: _l("Spanish")}
# Roles a member of the public may choose on the sign-up form.
PUBLIC_ROLES = (
    RegistrationRole.DELEGATE,
    RegistrationRole.OBSERVER,
    RegistrationRole.PRESS,
    RegistrationRole.GUEST,
)
