"""E-mails to registered people, in their preferred language, with their signed link.

Each mail is a kind of eventsapp/mail/kinds.py in the event's wording (or the default),
filled with the registrant's values (``registrant_values``)."""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from eventsapp.events.branding import Branding, branding_for
from eventsapp.i18n import fmt_date_range, localized
from eventsapp.mail.models import OutboxMessage
from eventsapp.mail.templating import queue_text, render, wording_and_reply_to
from eventsapp.places import place_name
from eventsapp.registration.labels import ROLE
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Registration, RegistrationStatus
from eventsapp.urls import external_url

# The kind announcing a registration's state right after sign-up (or approval).
STATUS_KIND = {
    RegistrationStatus.PENDING: "received",
    RegistrationStatus.CONFIRMED: "confirmed",
    RegistrationStatus.WAITLISTED: "waitlisted",
}


def registration_url(registration: Registration) -> str:
    """The signed no-account link, on the configured site (never the request's host)."""
    return external_url(
        "registration.manage_link",
        slug=registration.event.slug,
        token=registration_token(registration),
    )


def seat_status(registration: Registration) -> str:
    """One sentence on the registration's state, in the current locale."""
    title = localized(registration.event, "title")
    status = registration.status
    if status is RegistrationStatus.CONFIRMED:
        return _("Your registration for %(event)s is confirmed.", event=title)
    if status is RegistrationStatus.PENDING:
        return _("The organizers will review your registration and write to you.")
    if status is RegistrationStatus.WAITLISTED:
        return _(
            "%(event)s is full. You are number %(n)d on the waiting list; we will write to "
            "you as soon as a seat is free.",
            event=title,
            n=registration.waitlist_position or 0,
        )
    if status is RegistrationStatus.DECLINED:
        return _("Your registration could not be accepted.")
    return _("Your registration is cancelled.")


def agenda_url(registration: Registration) -> str:
    """The personal agenda and workshop sign-up page, on the configured site."""
    return external_url(
        "agenda.my_agenda", slug=registration.event.slug, token=registration_token(registration)
    )


def registrant_values(
    registration: Registration,
    lang: str,
    link: str | None = None,
    branding: Branding | None = None,
) -> dict[str, Any]:
    """The placeholder values for ``registration`` in ``lang`` (``link``: the personal link
    to show, by default the current one; ``branding``: the event's, when a caller sending
    to many has it already)."""
    person, event = registration.person, registration.event
    branding = branding or branding_for(event, files=False)
    with force_locale(lang):
        return {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "full_name": person.full_name,
            "honorific": person.honorific,
            "event": localized(event, "title", lang),
            "event_dates": fmt_date_range(event.start_date, event.end_date, lang),
            "organisation": branding.name(lang),
            "link": link if link is not None else registration_url(registration),
            "agenda_link": agenda_url(registration),
            "delegation": place_name(registration.delegation.name, lang)
            if registration.delegation
            else "",
            "seat_status": seat_status(registration),
            "role": str(ROLE[registration.role]),
            "contact_email": event.contact_email,
            "venue": ", ".join(p for p in (event.venue_name, event.venue_city) if p),
        }


def send_kind(
    registration: Registration, kind: str, extra: dict[str, Any] | None = None, **fields: Any
) -> OutboxMessage:
    """Queue the mail ``kind`` to the registrant, in their language."""
    lang = registration.person.preferred_language.value
    values = registrant_values(registration, lang) | (extra or {})
    subject, body, reply_to = wording_and_reply_to(registration.event_id, kind, lang)
    subject, body = render(registration.event_id, kind, lang, values, (subject, body))
    return queue_text(
        registration.person.email,
        subject,
        body,
        lang=lang,
        kind=kind,
        event_id=registration.event_id,
        registration_id=registration.id,
        **({"reply_to": reply_to} | fields),
    )


def notify_received(registration: Registration) -> None:
    send_kind(registration, STATUS_KIND.get(registration.status, "received"))


def notify_link(registration: Registration) -> None:
    send_kind(registration, "link")


def notify_cancelled(registration: Registration) -> None:
    send_kind(registration, "cancelled")


def notify_approved(registration: Registration) -> None:
    send_kind(registration, "confirmed")


def notify_declined(registration: Registration) -> None:
    send_kind(registration, "declined")


def notify_promoted(registration: Registration) -> None:
    """Off the waiting list: "a seat is yours" only when the seat is confirmed; a
    registration that still needs approval is told it will be reviewed."""
    pending = registration.status is RegistrationStatus.PENDING
    send_kind(registration, "promoted_review" if pending else "promoted")
