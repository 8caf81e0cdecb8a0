"""The Overview's arrivals panel: check-ins today, by hour of the event's clock, and in all
(two SQL statements)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func

from eventsapp.events.dashboard import add_dashboard_panel
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import Registration
from eventsapp.timezones import to_utc, to_wall

FIRST_HOUR, LAST_HOUR = 7, 20  # always shown; hours outside appear when someone arrived


def arrivals_panel(event: Event, now: datetime) -> dict[str, Any]:
    today = event.local_date(now)
    start = to_utc(datetime.combine(today, time()), event.timezone)
    end = to_utc(datetime.combine(today + timedelta(days=1), time()), event.timezone)
    instants = db.session.scalars(
        db.select(Registration.checked_in_at).where(
            Registration.event_id == event.id,
            Registration.checked_in_at >= start,
            Registration.checked_in_at < end,
        )
    ).all()
    total = db.session.scalar(
        db.select(func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.checked_in_at.is_not(None)
        )
    )
    by_hour: dict[int, int] = {}
    for instant in instants:
        assert instant is not None  # the range above leaves unchecked-in (NULL) rows out
        hour = to_wall(instant, event.timezone).hour
        by_hour[hour] = by_hour.get(hour, 0) + 1
    hours = range(min([FIRST_HOUR, *by_hour]), max([LAST_HOUR, *by_hour]) + 1)
    return {
        "today": len(instants),
        "total": total or 0,
        "hours": [{"label": f"{h:02d}", "value": by_hour.get(h, 0)} for h in hours],
        "is_event_day": event.start_date <= today <= event.end_date,
    }


add_dashboard_panel("arrivals", 40, "checkin/_dashboard.html", arrivals_panel)
