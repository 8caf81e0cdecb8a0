"""An event's privacy notice and how long it keeps the private details people give it."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app

from eventsapp.events.models import Event
from eventsapp.i18n import localized

DEFAULT_RETENTION_DAYS = 90


def retention_days(event: Event) -> int:
    """The event's own setting, else RETENTION_DAYS_AFTER_EVENT (default 90)."""
    if event.retention_days is not None:
        return event.retention_days
    return int(current_app.config.get("RETENTION_DAYS_AFTER_EVENT", DEFAULT_RETENTION_DAYS))


def kept_until(event: Event) -> date:
    """The last day private details are kept; they are purged on the day after."""
    return event.end_date + timedelta(days=retention_days(event))


def purge_due(event: Event, today: date) -> bool:
    return today > kept_until(event)


def custom_notice(event: Event, lang: str | None = None) -> str:
    """The organizers' notice in the visitor's language (or the other); "" when they wrote
    none and the default text applies."""
    return localized(event, "privacy_notice", lang).strip()
