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

# Confirmations: what a destructive action does (eventsapp/confirm.py).
DELETE_CONSEQUENCE = _l(
    "The registration of %(name)s and their workshop places are removed for good, and "
    "their seat goes to the waiting list. This cannot be undone."
)
DECLINE_CONSEQUENCE = _l(
    "%(name)s is told by e-mail that the registration is declined, and their seat goes to "
    "the waiting list."
)
CANCEL_CONSEQUENCE = _l(
    "%(name)s is told by e-mail that the registration is cancelled; their personal link "
    "stops working and their seat goes to the waiting list."
)
BULK_LABELS = {
    "approve": _l("Approve selected"),
    "decline": _l("Decline selected"),
    "cancel": _l("Cancel selected"),
}
BULK_CONSEQUENCES = {
    "decline": _l(
        "%(n)d registrations will be declined. Each person is told by e-mail and their seat "
        "goes to the waiting list."
    ),
    "cancel": _l(
        "%(n)d registrations will be cancelled. Each person is told by e-mail, their personal "
        "link stops working and their seat goes to the waiting list."
    ),
}


def consequences(name: str) -> dict[str, str]:
    """The consequences of deleting, declining and cancelling ``name``'s registration."""
    return {
        "delete": DELETE_CONSEQUENCE % {"name": name},
        "decline": DECLINE_CONSEQUENCE % {"name": name},
        "cancel": CANCEL_CONSEQUENCE % {"name": name},
    }
