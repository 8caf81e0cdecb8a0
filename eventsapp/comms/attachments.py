"""Attachments the mail worker makes before sending (eventsapp/mail/delivery.py's
ATTACHMENT_MAKERS): the registrant's personal agenda as a PDF, in their language. Made at
sending time (the agenda as it is then) and stored with the message, so a retry sends the
same file. A message whose registration is gone goes without it."""

from __future__ import annotations

from eventsapp.documents import personal
from eventsapp.documents.letters import render_personal_agenda
from eventsapp.extensions import db
from eventsapp.mail.delivery import ATTACHMENT_MAKERS
from eventsapp.mail.models import OutboxMessage
from eventsapp.registration.models import Registration


def personal_agenda_pdf(message: OutboxMessage) -> tuple[str, bytes, str] | None:
    registration = (
        db.session.get(Registration, message.registration_id) if message.registration_id else None
    )
    if registration is None:
        return None
    event = registration.event
    data = personal.personal_agenda(event, registration, personal.language_of(registration))
    return f"agenda-{event.slug}.pdf", render_personal_agenda(data), "application/pdf"


ATTACHMENT_MAKERS["agenda"] = personal_agenda_pdf
