"""The organizer's side of mail texts: a preview filled with a real registrant's values
(their personal link masked), a test message to oneself, and sample registrants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventsapp.actor import Actor
from eventsapp.comms import answers
from eventsapp.events.branding import branding_for
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.mail.templating import fill, queue_text
from eventsapp.questions.services import event_questions
from eventsapp.registration.models import Person, Registration
from eventsapp.registration.notifications import registrant_values
from eventsapp.urls import external_url

LANGUAGES = ("en", "es")
SAMPLE_LIMIT = 200
MASKED_TOKEN = "XXXXXX"  # noqa: S105 (a preview's stand-in for a personal link's secret)


@dataclass(frozen=True)
class Preview:
    lang: str
    subject: str
    body: str


def sample_registrations(event: Event) -> list[Registration]:
    return list(
        db.session.scalars(
            db.select(Registration)
            .join(Registration.person)
            .where(Registration.event_id == event.id)
            .order_by(Person.family_name, Person.given_name, Registration.id)
            .limit(SAMPLE_LIMIT)
        )
    )


def masked_link(event: Event) -> str:
    """What a preview shows for a personal link: its form, without a working secret."""
    return external_url("registration.manage_link", slug=event.slug, token=MASKED_TOKEN)


def preview_values(
    event: Event,
    registration: Registration | None,
    lang: str,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Placeholder values of ``registration`` in ``lang`` (link masked); names only when the
    event has nobody registered yet."""
    if registration is None:
        values = {
            "given_name": "Ana",
            "family_name": "Muñoz",
            "full_name": "Ana Muñoz",
            "honorific": "Lic.",
            "event": getattr(event, f"title_{lang}") or event.title_en,
            "event_dates": str(event.start_date),
            "organisation": branding_for(event, files=False).name(lang),
            "delegation": "",
            "seat_status": "",
            "role": "",
            "contact_email": event.contact_email,
            "venue": event.venue_name,
        }
    else:
        values = registrant_values(registration, lang)
    questions = event_questions(event.id, retired_last=True)
    if registration is not None:
        values.update(
            answers.values_for(questions, [registration.id], lambda _id: lang)[registration.id]
        )
    else:
        values.update({name: "" for name in answers.placeholders(questions)})
    values["link"] = masked_link(event)
    values["agenda_link"] = external_url("agenda.my_agenda", slug=event.slug, token=MASKED_TOKEN)
    values.update(
        closing_date=str(event.registration_closes_at.date())
        if event.registration_closes_at
        else "",
        certificate_link=external_url(
            "documents.certificate_pdf", slug=event.slug, token=MASKED_TOKEN
        ),
        days="7",
        inviter="",
    )
    values.update(extra or {})
    return values


def previews(
    event: Event, texts: dict[str, Any], registration: Registration | None
) -> list[Preview]:
    result = []
    for lang in LANGUAGES:
        subject, body = texts[lang]
        values = preview_values(event, registration, lang)
        result.append(Preview(lang, fill(subject, values), fill(body, values)))
    return result


def send_test(
    actor: Actor, event: Event, texts: dict[str, Any], registration: Registration | None
) -> int:
    """Both languages, filled as for ``registration`` (link masked), to the actor's own
    address. Returns how many messages were queued."""
    for preview in previews(event, texts, registration):
        queue_text(
            actor.email,
            f"[TEST] {preview.subject}",
            preview.body,
            lang=preview.lang,
            kind="test",
            event_id=event.id,
            automatic=False,
        )
    return len(LANGUAGES)
