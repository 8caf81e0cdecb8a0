"""Translated display labels for the agenda domain's enums."""

from flask_babel import lazy_gettext as _l

from eventsapp.agenda.models import SessionKind, SessionLanguage, SignupStatus, SpeakerRole

SESSION_KIND = {
    SessionKind.PLENARY: _l("Plenary"),
    SessionKind.PANEL: _l("Panel"),
    SessionKind.WORKSHOP: _l("Workshop"),
    SessionKind.BREAK: _l("Break"),
    SessionKind.MEAL: _l("Meal"),
    SessionKind.RECEPTION: _l("Reception"),
    SessionKind.OTHER: _l("Other"),
}
SESSION_LANGUAGE = {
    SessionLanguage.EN: _l("English"),
    SessionLanguage.ES: _l("Spanish"),
    SessionLanguage.BILINGUAL: _l("English and Spanish"),
}
SPEAKER_ROLE = {
    SpeakerRole.SPEAKER: _l("Speaker"),
    SpeakerRole.MODERATOR: _l("Moderator"),
    SpeakerRole.PANELIST: _l("Panelist"),
}
SIGNUP_STATUS = {
    SignupStatus.CONFIRMED: _l("Confirmed"),
    SignupStatus.WAITLISTED: _l("Waiting list"),
    SignupStatus.CANCELLED: _l("Cancelled"),
}


def speaker_role_label(role: SpeakerRole, person: object) -> str:
    """The part in a session as it fits this person ("Moderadora", or "Moderación" when
    the honorific says nothing; see registration.labels.gender_of)."""
    from flask_babel import pgettext

    from eventsapp.registration.labels import gender_of

    if role is SpeakerRole.MODERATOR:
        return pgettext(gender_of(getattr(person, "honorific", "")), "Moderator")
    return str(SPEAKER_ROLE[role])
