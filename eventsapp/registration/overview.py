"""The Overview's registrations panel: counts by status, pending approvals, waiting list,
e-mails that failed, and new registrations per day. Three SQL statements whatever the
event's size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import format_date
from sqlalchemy import func

from eventsapp.events.dashboard import add_dashboard_panel
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.registration import labels
from eventsapp.registration.models import Registration, RegistrationStatus

DAYS_SHOWN = 42  # registrations over time: the last six weeks


def registrations_panel(event: Event, now: datetime) -> dict[str, Any]:
    counts = dict(
        db.session.execute(
            db.select(Registration.status, func.count(Registration.id))
            .where(Registration.event_id == event.id)
            .group_by(Registration.status)
        )
        .tuples()
        .all()
    )
    created = db.session.scalars(
        db.select(Registration.created_at).where(Registration.event_id == event.id)
    ).all()
    failed = db.session.scalar(
        db.select(func.count(OutboxMessage.id)).where(
            OutboxMessage.event_id == event.id, OutboxMessage.status == DeliveryStatus.FAILED
        )
    )
    return {
        "total": sum(counts.values()),
        "statuses": [
            {"status": status.value, "label": labels.STATUS[status], "count": counts.get(status, 0)}
            for status in RegistrationStatus
        ],
        "pending": counts.get(RegistrationStatus.PENDING, 0),
        "waitlisted": counts.get(RegistrationStatus.WAITLISTED, 0),
        "failed_mail": failed or 0,
        "days": per_day(event, created, now),
    }


def per_day(event: Event, instants: Sequence[datetime], now: datetime) -> list[dict[str, Any]]:
    """New registrations per day of the event's calendar, over the last DAYS_SHOWN days up
    to today (or the event's last day, once it is over)."""
    last = min(event.local_date(now), event.end_date)
    first = last - timedelta(days=DAYS_SHOWN - 1)
    if event.registration_opens_at is not None:  # no empty weeks before registration opened
        first = min(max(first, event.local_date(event.registration_opens_at)), last)
    shown = (last - first).days + 1
    counts: dict[date, int] = {}
    for instant in instants:
        day = event.local_date(instant)
        if first <= day <= last:
            counts[day] = counts.get(day, 0) + 1
    return [
        {"label": format_date(day, "d MMM"), "value": counts.get(day, 0)}
        for i, day in enumerate(first + timedelta(days=i) for i in range(shown))
    ]


add_dashboard_panel("registrations", 10, "registration/_dashboard.html", registrations_panel)
