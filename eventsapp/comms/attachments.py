"""Attachments the mail worker makes before sending (eventsapp/mail/delivery.py's
ATTACHMENT_MAKERS): the registrant's personal agenda as a PDF, in their language, and their
certificate of attendance (in the event's letter languages). Made at sending time (as things
are then) and stored with the message, so a retry sends the same file. A message whose
registration is gone, or whose registrant is no longer entitled to a certificate (cancelled
meanwhile), goes without it."""

from __future__ import annotations

from eventsapp.db import utcnow
from eventsapp.documents import personal, services
from eventsapp.documents.certificate_pdf import render_certificates
from eventsapp.documents.eligibility import certificate_verdict
from eventsapp.documents.letters import render_personal_agenda
from eventsapp.extensions import db
from eventsapp.mail.delivery import ATTACHMENT_MAKERS
from eventsapp.mail.models import OutboxMessage
from eventsapp.registration.models import Registration


def _registration(message: OutboxMessage) -> Registration | None:
    if not message.registration_id:
        return None
    return db.session.get(Registration, message.registration_id)


def personal_agenda_pdf(message: OutboxMessage) -> tuple[str, bytes, str] | None:
    registration = _registration(message)
    if registration is None:
        return None
    event = registration.event
    data = personal.personal_agenda(event, registration, personal.language_of(registration))
    return f"agenda-{event.slug}.pdf", render_personal_agenda(data), "application/pdf"


def certificate_pdf(message: OutboxMessage) -> tuple[str, bytes, str] | None:
    """The certificate, issued (its serial found again on a later download) only when the
    eligibility rules allow it now."""
    registration = _registration(message)
    if registration is None:
        return None
    event, now = registration.event, utcnow()
    if not certificate_verdict(event, registration, now):
        return None
    certificates = services.issue_certificate(None, event, registration, now)
    return f"certificate-{event.slug}.pdf", render_certificates(certificates), "application/pdf"


ATTACHMENT_MAKERS["agenda"] = personal_agenda_pdf
ATTACHMENT_MAKERS["certificate"] = certificate_pdf
