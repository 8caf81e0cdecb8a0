"""The Overview's workshops panel: places taken in each workshop against its capacity (one
SQL statement)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, func

from eventsapp.agenda.models import AgendaSession, SessionKind, SignupStatus, WorkshopSignup
from eventsapp.events.dashboard import add_dashboard_panel
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.i18n import localized


def workshops_panel(event: Event, _now: datetime) -> dict[str, Any] | None:
    rows = db.session.execute(
        db.select(AgendaSession, func.count(WorkshopSignup.id))
        .outerjoin(
            WorkshopSignup,
            and_(
                WorkshopSignup.session_id == AgendaSession.id,
                WorkshopSignup.status == SignupStatus.CONFIRMED,
            ),
        )
        .where(AgendaSession.event_id == event.id, AgendaSession.kind == SessionKind.WORKSHOP)
        .group_by(AgendaSession.id)
        .order_by(AgendaSession.starts_at, AgendaSession.id)
    ).all()
    if not rows:
        return None
    return {
        "workshops": [
            {
                "id": session.id,
                "label": localized(session, "title"),
                "value": taken,
                "total": session.capacity,
            }
            for session, taken in rows
        ]
    }


add_dashboard_panel("workshops", 30, "agenda/_dashboard.html", workshops_panel)
