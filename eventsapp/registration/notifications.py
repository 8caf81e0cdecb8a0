"""E-mails to registered people, in their preferred language, with their signed link."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventsapp.i18n import localized
from eventsapp.mail.services import queue_message
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Registration
from eventsapp.urls import external_url

SUBJECTS = {
    "registration_received": _l("Your registration: %(event)s"),
    "registration_link": _l("A new link to your registration: %(event)s"),
    "registration_cancelled": _l("Registration cancelled: %(event)s"),
    "registration_approved": _l("Registration approved: %(event)s"),
    "registration_declined": _l("Registration declined: %(event)s"),
    "registration_promoted": _l("A seat is yours: %(event)s"),
}


def registration_url(registration: Registration) -> str:
    """The signed no-account link, on the configured site (never the request's host)."""
    return external_url(
        "registration.manage_link",
        slug=registration.event.slug,
        token=registration_token(registration),
    )


def _send(registration: Registration, template: str) -> None:
    person = registration.person
    lang = person.preferred_language.value
    event = registration.event
    title = localized(event, "title", lang)
    queue_message(
        person.email,
        template,
        lambda: SUBJECTS[template] % {"event": title},
        lang=lang,
        event_id=event.id,
        registration=registration,
        person=person,
        event=event,
        event_title=title,
        link=registration_url(registration),
        agenda_link=_agenda_url(registration) if template in WITH_AGENDA else "",
    )


# Messages to someone who holds (or waits for) a seat link their agenda and workshop sign-up.
WITH_AGENDA = {
    "registration_received",
    "registration_link",
    "registration_approved",
    "registration_promoted",
}


def _agenda_url(registration: Registration) -> str:
    return external_url(
        "agenda.my_agenda", slug=registration.event.slug, token=registration_token(registration)
    )


def notify_received(registration: Registration) -> None:
    _send(registration, "registration_received")


def notify_link(registration: Registration) -> None:
    _send(registration, "registration_link")


def notify_cancelled(registration: Registration) -> None:
    _send(registration, "registration_cancelled")


def notify_approved(registration: Registration) -> None:
    _send(registration, "registration_approved")


def notify_declined(registration: Registration) -> None:
    _send(registration, "registration_declined")


def notify_promoted(registration: Registration) -> None:
    _send(registration, "registration_promoted")
