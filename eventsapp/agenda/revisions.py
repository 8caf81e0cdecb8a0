"""Revisions of the published agenda, for calendar apps and conditional GETs.

Before each flush, a session whose own columns or speaker list changed gets a new
``updated_at`` and ``revision`` (iCalendar LAST-MODIFIED, DTSTAMP and SEQUENCE), and the
event of anything on its agenda that was added, changed or deleted (sessions, speaker links,
speakers, rooms, tracks) gets a new ``agenda_changed_at`` (the feeds' Last-Modified, which a
deletion must move too)."""

from __future__ import annotations

from itertools import chain

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, UOWTransaction

from eventsapp.agenda.models import AgendaSession, SessionSpeaker, Speaker
from eventsapp.db import utcnow
from eventsapp.events.models import Event, Room, Track

ON_AGENDA = (AgendaSession, SessionSpeaker, Speaker, Room, Track)


def _changed(session: Session, obj: object) -> bool:
    return obj in session.new or obj in session.deleted or session.is_modified(obj)


@sa_event.listens_for(Session, "before_flush")
def _stamp(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    now = utcnow()
    revised: set[AgendaSession] = set()
    event_ids: set[int] = set()
    with session.no_autoflush:
        for obj in chain(session.new, session.dirty, session.deleted):
            if not isinstance(obj, ON_AGENDA) or not _changed(session, obj):
                continue
            if isinstance(obj, SessionSpeaker):
                parent = obj.session
                if parent is None and obj.session_id is not None:  # a row given ids only
                    parent = session.get(AgendaSession, obj.session_id)
                if parent is not None and parent not in session.deleted:
                    revised.add(parent)
                event_ids.add(parent.event_id if parent is not None else 0)
            else:
                if isinstance(obj, AgendaSession) and obj not in session.new:
                    revised.add(obj)
                event_ids.add(obj.event_id if obj.event_id is not None else _event_id(obj))
        for item in revised:
            if item not in session.new:
                item.updated_at = now
                item.revision = (item.revision or 0) + 1
        for event_id in event_ids - {0}:
            event = session.get(Event, event_id)
            if event is not None and event not in session.deleted:
                event.agenda_changed_at = now


def _event_id(obj: object) -> int:
    """A new row given its event by relationship only (``event=...``) has no id yet."""
    event = getattr(obj, "event", None)
    return event.id if event is not None and event.id is not None else 0
