"""Rules for events: saving, deleting, what the public sees (who runs them: team.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.auth.models import EventRoleKind, User
from eventsapp.auth.services import grant_role
from eventsapp.db import flush_or_fail
from eventsapp.errors import DomainError
from eventsapp.events.models import Event, EventStatus
from eventsapp.events.signals import event_capacity_raised, event_timezone_changed
from eventsapp.extensions import db
from eventsapp.timezones import to_utc

LOCAL_DATETIME_FIELDS = ("registration_opens_at", "registration_closes_at")


def event_by_slug(slug: str) -> Event | None:
    return db.session.scalar(select(Event).where(Event.slug == slug))


def save_event(actor: User, event: Event, data: dict[str, Any]) -> Event:
    """Create or update ``event`` from ``data`` (form data: local times in its timezone).
    ``actor`` is a signed-in user, not any Actor: one who is not an administrator becomes the
    new event's organizer, a role held by a User row."""
    other = event_by_slug(data["slug"])
    if other is not None and other is not event:
        raise DomainError(_l("Another event already uses this short name."), field="slug")
    is_new = event.id is None
    before = None if is_new else snapshot(event)
    old_capacity, old_zone = event.capacity, event.timezone
    tz_name = data.get("timezone", event.timezone)
    zone_change = None if is_new or tz_name == old_zone else data.get("timezone_change")
    if not is_new and tz_name != old_zone and zone_change not in ("wall", "instant"):
        raise DomainError(
            _l("The time zone changes: choose what happens to the times already planned."),
            field="timezone_change",
        )
    data = {k: v for k, v in data.items() if k != "timezone_change"}
    for key, value in data.items():
        if key in LOCAL_DATETIME_FIELDS:
            value = to_utc(value, tz_name, field=key)
        setattr(event, key, value)
    db.session.add(event)
    flush_or_fail(_l("Another event already uses this short name."))
    record(
        actor,
        "create" if is_new else "update",
        event,
        event_id=event.id,
        summary=event.slug,
        before=before,
        after=snapshot(event),
    )
    if is_new and actor is not None and not actor.is_admin:
        grant_role(actor, actor, event.id, EventRoleKind.ORGANIZER)
    if zone_change == "wall":  # the agenda moves its instants to keep the clock times
        event_timezone_changed.send(event, old=old_zone, new=tz_name, actor=actor)
    if not is_new and _capacity_grew(old_capacity, event.capacity):
        event_capacity_raised.send(event)  # registration gives the new seats to its waiting list
    return event


def _capacity_grew(old: int | None, new: int | None) -> bool:
    return old is not None and (new is None or new > old)


def delete_event(actor: Actor, event: Event) -> None:
    record(actor, "delete", event, event_id=None, summary=event.slug, before=snapshot(event))
    db.session.delete(event)
    flush_or_fail(_l("This event still has records that prevent deleting it."))


def upcoming_public_events(now: datetime) -> list[Event]:
    """Public events that have not ended yet on their own calendar (an event ending today in
    Honolulu is still on while it is already tomorrow in UTC)."""
    earliest = (now - timedelta(days=1)).date()  # no zone is more than a day behind UTC
    candidates = db.session.scalars(
        db.select(Event)
        .where(Event.status != EventStatus.DRAFT, Event.end_date >= earliest)
        .order_by(Event.start_date, Event.id)
    )
    return [event for event in candidates if event.end_date >= event.local_date(now)]


def registration_state(event: Event, now: datetime) -> str:
    """'open', 'not_yet', 'closed' or 'unavailable' (drafts), for the sign-up page."""
    if event.status is not EventStatus.PUBLISHED:
        return "closed" if event.status is EventStatus.CLOSED else "unavailable"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_yet"
    if event.registration_closes_at and now >= event.registration_closes_at:
        return "closed"
    return "open"
