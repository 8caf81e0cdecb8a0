"""Translated display labels for the registration domain's enums."""

from flask_babel import lazy_gettext as _l

from eventsapp.questions.labels import register_roles
from eventsapp.registration.models import Language, Person, RegistrationRole, RegistrationStatus

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


# Role labels that fit the person: Spanish role nouns have a gender. An honorific that
# says it ("Sra.", "Mtra.", "Ms.") gives the feminine or masculine form; otherwise the
# gender-free wording ("Persona delegada", "Moderación"). English has one form.
FEMININE_HONORIFICS = {
    "sra",
    "srta",
    "dra",
    "mtra",
    "lcda",
    "licda",
    "ing.ª",
    "doña",
    "ms",
    "mrs",
    "miss",
}
MASCULINE_HONORIFICS = {"sr", "mtro", "lcdo", "don", "mr"}


def gender_of(honorific: str | None) -> str:
    """'feminine', 'masculine' or 'neutral' (unknown: "Dr.", "Lic.", "Hon." say nothing)."""
    words = (honorific or "").casefold().replace(".", " ").split()
    if any(w in FEMININE_HONORIFICS for w in words):
        return "feminine"
    if any(w in MASCULINE_HONORIFICS for w in words):
        return "masculine"
    return "neutral"


def _gendered(english: str, person: Person) -> str:
    from flask_babel import pgettext

    return pgettext(gender_of(getattr(person, "honorific", "")), english)


ROLE_ENGLISH = {
    RegistrationRole.DELEGATE: "Delegate",
    RegistrationRole.MODERATOR: "Moderator",
    RegistrationRole.OBSERVER: "Observer",
    RegistrationRole.GUEST: "Guest",
}


def role_label(role: RegistrationRole, person: Person) -> str:
    """The role as it fits this person ("Moderadora" for "Sra. Ana Ruiz")."""
    if role in ROLE_ENGLISH:
        return _gendered(ROLE_ENGLISH[role], person)
    return str(ROLE[role])


# Questions sit below registration: tell them the roles a question can be for.
register_roles(ROLE)
