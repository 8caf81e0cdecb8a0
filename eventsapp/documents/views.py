"""Public downloads through a registration's signed link: agenda, visa letter, certificate.

A document the person may not have yet is a page saying so and why (eligibility.py)."""

from __future__ import annotations

import io
from functools import wraps

from flask import Blueprint, Response, abort, render_template, send_file
from flask.typing import ResponseReturnValue

from eventsapp.db import utcnow
from eventsapp.documents import personal, services
from eventsapp.documents.certificate_pdf import render_certificates
from eventsapp.documents.eligibility import Verdict, certificate_verdict, letter_verdict
from eventsapp.documents.letters import (
    render_personal_agenda,
    render_visa_letters,
)
from eventsapp.events.models import Event
from eventsapp.events.services import event_by_slug
from eventsapp.extensions import db
from eventsapp.http import View
from eventsapp.i18n import use_language
from eventsapp.registration.links import registration_from_token
from eventsapp.registration.models import Registration

bp = Blueprint("documents", __name__)


def pdf_response(data: bytes, filename: str, mimetype: str = "application/pdf") -> Response:
    """A private download: never cached by a shared proxy."""
    response = send_file(
        io.BytesIO(data), mimetype=mimetype, download_name=filename, as_attachment=True
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def not_available(
    event: Event, verdict: Verdict, document: str, back: str | None = None
) -> ResponseReturnValue:
    """The page a link to a document leads to while the document may not be issued."""
    page = render_template(
        "documents/not_available.html",
        event=event,
        document=document,
        reason=verdict.reason,
        back=back,
    )
    return page, 403, {"Cache-Control": "private, no-store"}


def registration_link_required(view: View) -> View:
    """The signed link is the permission: an unknown or draft event or a forged, revoked or
    other-event token is a 404."""

    @wraps(view)
    def wrapped(slug: str, token: str) -> ResponseReturnValue:
        event = event_by_slug(slug)
        if event is None or not event.is_public:  # as the signed-link pages: drafts do not exist
            abort(404)
        registration = registration_from_token(token, event.id)
        if registration is not None:
            use_language(registration.person.preferred_language.value)
        if registration is None:
            abort(404)
        return view(event=event, registration=registration, token=token)

    return wrapped


@bp.route("/events/<slug>/my/<token>/documents")
@registration_link_required
def my_documents(event: Event, registration: Registration, token: str) -> ResponseReturnValue:
    """The person's documents: what is available now, and for the others why not yet."""
    return (
        render_template(
            "documents/my_documents.html",
            event=event,
            token=token,
            letter=letter_verdict(registration),
            certificate=certificate_verdict(event, registration, utcnow()),
        ),
        200,
        {"Cache-Control": "private, no-store"},
    )


@bp.route("/events/<slug>/my/<token>/agenda.pdf")
@registration_link_required
def personal_agenda_pdf(
    event: Event, registration: Registration, token: str
) -> ResponseReturnValue:
    lang = personal.language_of(registration)
    data = personal.personal_agenda(event, registration, lang)
    return pdf_response(render_personal_agenda(data), f"agenda-{event.slug}.pdf")


@bp.route("/events/<slug>/my/<token>/visa-letter.pdf")
@registration_link_required
def visa_letter_pdf(event: Event, registration: Registration, token: str) -> ResponseReturnValue:
    verdict = letter_verdict(registration)
    if not verdict:
        return not_available(event, verdict, "visa_letter", token)
    run = services.issue_visa_letters(None, event, [registration], via="signed link")
    db.session.commit()
    return pdf_response(render_visa_letters(services.flat(run)), f"visa-letter-{event.slug}.pdf")


@bp.route("/events/<slug>/my/<token>/certificate.pdf")
@registration_link_required
def certificate_pdf(event: Event, registration: Registration, token: str) -> ResponseReturnValue:
    now = utcnow()
    verdict = certificate_verdict(event, registration, now)
    if not verdict:
        return not_available(event, verdict, "certificate", token)
    data = services.issue_certificate(None, event, registration, now)
    db.session.commit()
    return pdf_response(render_certificates(data), f"certificate-{event.slug}.pdf")
