"""Read-side queries for the public pages: a fixed number of SQL statements each, however
many sessions and speakers (eager loading with selectinload)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from eventsapp.agenda.models import (
    AgendaSession,
    SessionKind,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
)
from eventsapp.events.models import Event, Room, Track
from eventsapp.extensions import db
from eventsapp.registration.models import Person


def _session_options() -> tuple[LoaderOption, ...]:
    return (
        selectinload(AgendaSession.room),
        selectinload(AgendaSession.track),
        selectinload(AgendaSession.speaker_links)
        .selectinload(SessionSpeaker.speaker)
        .selectinload(Speaker.person),
    )


def published_sessions(
    event: Event,
    *,
    track_id: int | None = None,
    room_id: int | None = None,
    language: SessionLanguage | None = None,
    kinds: Collection[SessionKind] | None = None,
    ids: Collection[int] | None = None,
) -> list[AgendaSession]:
    query = db.select(AgendaSession).where(
        AgendaSession.event_id == event.id, AgendaSession.is_published.is_(True)
    )
    if track_id:
        query = query.where(AgendaSession.track_id == track_id)
    if room_id:
        query = query.where(AgendaSession.room_id == room_id)
    if language is not None:
        query = query.where(AgendaSession.language == language)
    if kinds is not None:
        query = query.where(AgendaSession.kind.in_(kinds))
    if ids is not None:
        query = query.where(AgendaSession.id.in_(ids))
    query = query.options(*_session_options()).order_by(
        AgendaSession.starts_at, AgendaSession.ends_at, AgendaSession.id
    )
    return list(db.session.scalars(query))


def published_session(event: Event, session_id: int) -> AgendaSession | None:
    return db.session.scalar(
        db.select(AgendaSession)
        .where(
            AgendaSession.id == session_id,
            AgendaSession.event_id == event.id,
            AgendaSession.is_published.is_(True),
        )
        .options(*_session_options())
    )


def rooms_and_tracks(event: Event) -> tuple[list[Room], list[Track]]:
    rooms = db.session.scalars(
        db.select(Room).where(Room.event_id == event.id).order_by(Room.position, Room.name)
    ).all()
    tracks = db.session.scalars(
        db.select(Track).where(Track.event_id == event.id).order_by(Track.name_en)
    ).all()
    return list(rooms), list(tracks)


def public_speakers(event: Event) -> list[Speaker]:
    """Speakers who appear in at least one published session, with those sessions."""
    in_published = (
        db.select(SessionSpeaker.speaker_id)
        .join(AgendaSession, SessionSpeaker.session_id == AgendaSession.id)
        .where(AgendaSession.event_id == event.id, AgendaSession.is_published.is_(True))
    )
    return list(
        db.session.scalars(
            db.select(Speaker)
            .join(Person, Speaker.person_id == Person.id)
            .where(Speaker.event_id == event.id, Speaker.id.in_(in_published))
            .options(
                selectinload(Speaker.person),
                selectinload(Speaker.session_links).selectinload(SessionSpeaker.session),
            )
            .order_by(Person.sort_name, Person.id)
        )
    )
