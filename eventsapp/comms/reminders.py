"""Reminders on a schedule (the beat runs ``run_reminders`` every hour).

- ``reminder_closing``: registration closes within the event's ``closing_days``; to those the
  organizers entered (an import, the back office, a head of delegation) who have not yet
  registered themselves (no consent given on a form of their own).
- ``reminder_passport``: before the event, to seat holders without a passport number who come
  from another country than the venue's (their jurisdiction's, or their delegation's).
- ``reminder_day_before``: the day before the event (on its calendar), to confirmed
  registrations, with the personal agenda attached (made by the worker).
- ``reminder_after_event``: from the day after the event for two weeks, to those who checked
  in, with the link to their certificate, and the certificate itself attached (made by the
  worker) for those the eligibility rules entitle to one (eventsapp/documents/eligibility.py);
  the others get the mail without it.

Each can be switched off per event (mail settings). A reminder reaches a registration at most
once: a ``ReminderDelivery`` row per kind and registration (unique), written in the same
transaction as the mail; a second run, or two runs at once, find it (or fail on it and roll
back their mails).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import Select, func, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, selectinload

from eventsapp.comms.models import ReminderDelivery
from eventsapp.db import utcnow
from eventsapp.delegations.models import Delegation
from eventsapp.documents.eligibility import certificate_verdict
from eventsapp.events.models import Event, EventStatus, Jurisdiction
from eventsapp.extensions import db
from eventsapp.i18n import fmt_date
from eventsapp.mail.templating import settings_of
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import SEAT_HOLDING, Person, Registration, RegistrationStatus
from eventsapp.registration.notifications import send_kind
from eventsapp.urls import external_url

ACTIVE = (*SEAT_HOLDING, RegistrationStatus.WAITLISTED)
AFTER_EVENT_DAYS = 14


@dataclass(frozen=True)
class Reminder:
    kind: str
    setting: str
    due: Callable[[Event, datetime], Select[Any] | None]  # whom, or None when not today
    values: Callable[[Event, Registration, str], dict[str, Any]] = lambda event, reg, lang: {}
    # The attachment kind (eventsapp/comms/attachments.py) for one registration, or "".
    attachment: Callable[[Event, Registration, datetime], str] = lambda event, reg, now: ""


def _registrations(event: Event) -> Select[Any]:
    return db.select(Registration).where(Registration.event_id == event.id)


def _closing(event: Event, now: datetime) -> Select[Any] | None:
    closes = event.registration_closes_at
    days = settings_of(event.id).closing_days
    if closes is None or not now < closes <= now + timedelta(days=days):
        return None
    return _registrations(event).where(
        Registration.status.in_(ACTIVE), Registration.consent_at.is_(None)
    )


def _passport(event: Event, now: datetime) -> Select[Any] | None:
    if not event.venue_country or event.local_date(now) >= event.start_date:
        return None
    own = aliased(Jurisdiction)
    delegations = aliased(Jurisdiction)
    venue = event.venue_country.lower()
    return (
        _registrations(event)
        .join(Registration.person)
        .outerjoin(own, own.id == Person.jurisdiction_id)
        .outerjoin(Delegation, Delegation.id == Registration.delegation_id)
        .outerjoin(delegations, delegations.id == Delegation.jurisdiction_id)
        .where(
            Registration.status.in_(SEAT_HOLDING),
            Person.passport_number == "",
            or_(
                func.lower(own.country) != venue,
                func.lower(delegations.country) != venue,
            ),
        )
    )


def _day_before(event: Event, now: datetime) -> Select[Any] | None:
    if event.local_date(now) != event.start_date - timedelta(days=1):
        return None
    return _registrations(event).where(Registration.status == RegistrationStatus.CONFIRMED)


def _after_event(event: Event, now: datetime) -> Select[Any] | None:
    today = event.local_date(now)
    if not event.end_date < today <= event.end_date + timedelta(days=AFTER_EVENT_DAYS):
        return None
    return _registrations(event).where(Registration.checked_in_at.is_not(None))


def _closing_values(event: Event, registration: Registration, lang: str) -> dict[str, Any]:
    return {"closing_date": fmt_date(event.registration_closes_at, "long", event.timezone, lang)}


def _certificate_attachment(event: Event, registration: Registration, now: datetime) -> str:
    return "certificate" if certificate_verdict(event, registration, now) else ""


def _certificate_values(event: Event, registration: Registration, lang: str) -> dict[str, Any]:
    token = registration_token(registration)
    return {
        "certificate_link": external_url("documents.certificate_pdf", slug=event.slug, token=token)
    }


REMINDERS = (
    Reminder("reminder_closing", "remind_closing", _closing, _closing_values),
    Reminder("reminder_passport", "remind_passport", _passport),
    Reminder(
        "reminder_day_before",
        "remind_day_before",
        _day_before,
        attachment=lambda event, reg, now: "agenda",
    ),
    Reminder(
        "reminder_after_event",
        "remind_after_event",
        _after_event,
        _certificate_values,
        attachment=_certificate_attachment,
    ),
)


def _send(event: Event, reminder: Reminder, now: datetime) -> int:
    query = reminder.due(event, now)
    if query is None:
        return 0
    already = db.select(ReminderDelivery.registration_id).where(
        ReminderDelivery.kind == reminder.kind, ReminderDelivery.event_id == event.id
    )
    registrations = db.session.scalars(
        query.where(Registration.id.not_in(already))
        .options(selectinload(Registration.person), selectinload(Registration.delegation))
        .order_by(Registration.id)
    ).all()
    for registration in registrations:
        lang = registration.person.preferred_language.value
        message = send_kind(
            registration,
            reminder.kind,
            reminder.values(event, registration, lang),
            attachment_kind=reminder.attachment(event, registration, now),
        )
        db.session.flush()
        db.session.add(
            ReminderDelivery(
                event_id=event.id,
                registration_id=registration.id,
                kind=reminder.kind,
                message_id=message.id,
            )
        )
    return len(registrations)


def run_reminders(now: datetime | None = None) -> dict[str, int]:
    """Send every reminder due now, for every public event that is not long over; one
    transaction per event. Returns how many of each kind were queued."""
    now = now or utcnow()
    counts = {reminder.kind: 0 for reminder in REMINDERS}
    events = db.session.scalars(
        db.select(Event).where(
            Event.status != EventStatus.DRAFT,
            Event.end_date >= (now - timedelta(days=AFTER_EVENT_DAYS + 2)).date(),
        )
    ).all()
    for event_id in [event.id for event in events]:
        event = db.session.get_one(Event, event_id)
        settings = settings_of(event.id)
        sent = {}
        try:
            for reminder in REMINDERS:
                if getattr(settings, reminder.setting):
                    sent[reminder.kind] = _send(event, reminder, now)
            db.session.commit()
        except IntegrityError:  # another run sent some of them meanwhile: its mails stand
            db.session.rollback()
            current_app.logger.warning("reminders of event %s: a concurrent run", event_id)
            continue
        for kind, n in sent.items():
            counts[kind] += n
    return counts
