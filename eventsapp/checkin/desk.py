"""Which desk this browser is and what it scans for, kept in the signed session per event."""

from __future__ import annotations

from typing import Any

from flask import session

from eventsapp.agenda.models import AgendaSession
from eventsapp.checkin.services import clean_desk, event_session
from eventsapp.events.models import Event

KEY = "checkin_desk"


def _state(event: Event) -> dict[str, Any]:
    return (session.get(KEY) or {}).get(str(event.id)) or {}


def desk_name(event: Event) -> str:
    desk: str = _state(event).get("desk", "")
    return desk


def desk_session(event: Event) -> AgendaSession | None:
    session_id = _state(event).get("session_id")
    return event_session(event, session_id) if session_id else None


def set_desk(event: Event, desk: str, session_id: int | None) -> None:
    states = dict(session.get(KEY) or {})
    states[str(event.id)] = {"desk": clean_desk(desk), "session_id": session_id}
    session[KEY] = states
