"""Translated display labels for the check-in desk: registration roles and statuses, and the
headline of each scan state."""

from flask_babel import lazy_gettext as _l

from eventsapp.registration.models import Person, RegistrationRole, RegistrationStatus

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
    RegistrationStatus.PENDING: _l("Pending"),
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITLISTED: _l("Waitlisted"),
    RegistrationStatus.DECLINED: _l("Declined"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}

# Why a registration in this status may not enter.
NOT_ADMITTED_REASON = {
    RegistrationStatus.PENDING: _l("The registration is still awaiting approval."),
    RegistrationStatus.WAITLISTED: _l("The person is on the waiting list, not confirmed."),
    RegistrationStatus.DECLINED: _l("The registration was declined."),
    RegistrationStatus.CANCELLED: _l("The registration was cancelled."),
}

# Headline and colour (a Bootstrap contextual class) of each scan state.
HEADLINE = {
    "checked_in": _l("Checked in"),
    "already_checked_in": _l("Already checked in"),
    "not_admitted": _l("Not admitted"),
    "unknown": _l("Unknown badge"),
    "attended": _l("Attendance recorded"),
    "already_attended": _l("Already recorded at this session"),
    "undone": _l("Check-in undone"),
}
COLOUR = {
    "checked_in": "success",
    "already_checked_in": "warning",
    "not_admitted": "danger",
    "unknown": "dark",
    "attended": "success",
    "already_attended": "warning",
    "undone": "secondary",
}

UNKNOWN_REASON = {
    "forged": _l("This code is not a badge of this system. Check the person's identity."),
    "reissued": _l("This badge was replaced by a newer one and no longer works."),
    "other_event": _l("This badge belongs to another event."),
    "missing": _l("No registration matches this badge."),
}


def role_label(role: RegistrationRole, person: Person) -> str:
    """The role as it fits this person (see registration.labels.role_label)."""
    from eventsapp.registration.labels import role_label as fitting

    return fitting(role, person)
