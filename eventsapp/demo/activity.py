"""What has happened to the demo summit by the day it is loaded: registrations that came in
since registration opened, a head of delegation's account, passports for visa letters, and
the outbox's history (two messages that failed), so the Overview has something to show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from eventsapp.auth.models import EventRole, EventRoleKind
from eventsapp.delegations.models import Delegation
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.registration.models import Person, Registration

DAYS_OPEN = 21  # registration opened three weeks before the day the demo is loaded
HEAD_EMAIL = "head@example.org"


def add_activity(event: Event, delegations: list[Delegation], today: date) -> None:
    from eventsapp.demo.loader import demo_account

    head = demo_account(HEAD_EMAIL, "Head of Delegation")
    db.session.flush()
    db.session.add(
        EventRole(
            user_id=head.id,
            event_id=event.id,
            role=EventRoleKind.HEAD,
            delegation_id=delegations[0].id,
        )
    )
    registrations = db.session.scalars(
        db.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)
    ).all()
    spread_over_days(registrations, event.timezone, today - timedelta(days=DAYS_OPEN), today)
    _passports(event, today)
    _outbox(event, registrations, today)


def spread_over_days(
    registrations: Sequence[Registration], tz_name: str, first: date, last: date
) -> None:
    """Creation times from ``first`` to ``last``, more of them in the first days and in the
    last week (as when invitations go out, and before a deadline)."""
    tz = ZoneInfo(tz_name)
    days = (last - first).days + 1
    for i, registration in enumerate(registrations):
        share = (i / max(len(registrations) - 1, 1)) ** 1.6
        day = first + timedelta(days=min(int(share * days), days - 1))
        hour = 8 + (i * 5) % 10
        registration.created_at = datetime.combine(day, time(hour, (i * 13) % 60), tz)


def _passports(event: Event, today: date) -> None:
    """Delegates from Mexico travelling to the summit: passport data for visa letters."""
    people = db.session.scalars(
        db.select(Person)
        .where(Person.event_id == event.id, Person.phone.like("+52%"))
        .order_by(Person.id)
        .limit(6)
    ).all()
    for i, person in enumerate(people):
        person.passport_number = f"G{48213570 + i * 7919:08d}"
        person.passport_expiry = today.replace(day=1) + timedelta(days=900 + 30 * i)
        person.date_of_birth = date(1968 + i * 3, 1 + i, 10 + i)
        person.nationality = "Mexican"


def _outbox(event: Event, registrations: Sequence[Registration], today: date) -> None:
    tz = ZoneInfo(event.timezone)
    for i, registration in enumerate(registrations[:14]):
        person = registration.person
        failed = i in (4, 9)
        at = registration.created_at or datetime.combine(today, time(9), tz)
        db.session.add(
            OutboxMessage(
                event_id=event.id,
                recipient=person.email,
                subject="Your registration for the Alliance Summit",
                body_text=f"Dear {person.honorific} {person.full_name}, we have your registration.",
                language=person.preferred_language.value,
                kind="registration_received",
                status=DeliveryStatus.FAILED if failed else DeliveryStatus.SENT,
                error="550 5.1.1 mailbox unavailable" if failed else "",
                created_at=at,
                sent_at=None if failed else at + timedelta(seconds=4),
                attempts=3 if failed else 1,
            )
        )
