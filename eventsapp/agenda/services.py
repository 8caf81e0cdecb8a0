"""Rules for speakers and agenda sessions. Services flush and audit; views commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.agenda import photos
from eventsapp.agenda.conflicts import Found, Slot, conflicts_for_slot
from eventsapp.agenda.models import (
    AgendaSession,
    SessionSpeaker,
    Speaker,
    SpeakerAvailability,
    SpeakerRole,
)
from eventsapp.audit.services import record, snapshot
from eventsapp.db import flush_or_fail
from eventsapp.errors import DomainError, NotFound
from eventsapp.events.models import Event, Room, Track
from eventsapp.events.signals import event_cloned, event_timezone_changed
from eventsapp.extensions import db
from eventsapp.registration.models import Person
from eventsapp.timezones import shift_days, to_utc, to_wall

PERSON_FIELDS = ("honorific", "given_name", "family_name", "position")
SESSION_FIELDS = (
    "title_en",
    "title_es",
    "description_en",
    "description_es",
    "kind",
    "room_id",
    "track_id",
    "language",
    "capacity",
    "cle_hours",
    "is_published",
)
ROLE_KEYS = {
    "speaker_ids": SpeakerRole.SPEAKER,
    "moderator_ids": SpeakerRole.MODERATOR,
    "panelist_ids": SpeakerRole.PANELIST,
}


# --- speakers ------------------------------------------------------------------------------
def save_speaker(
    actor: Actor, event: Event, speaker: Speaker, data: dict[str, Any], photo: bytes | None = None
) -> Speaker:
    """Create or update a speaker; the person is found by e-mail or created."""
    email = data["email"].strip().lower()
    person = db.session.scalar(
        db.select(Person).where(Person.event_id == event.id, Person.email == email)
    )
    if person is None:
        names = [(data.get(key) or "").strip() for key in ("given_name", "family_name")]
        if not all(names):
            raise DomainError(
                _l("No person has this e-mail yet: give a given name and a family name."),
                field="given_name",
            )
        person = Person(email=email, event_id=event.id, given_name="", family_name="")
        db.session.add(person)
    for key in PERSON_FIELDS:
        value = (data.get(key) or "").strip()
        if value:
            setattr(person, key, value)
    other = (
        db.session.scalar(
            db.select(Speaker).where(Speaker.event_id == event.id, Speaker.person_id == person.id)
        )
        if person.id
        else None
    )
    if other is not None and other is not speaker:
        raise DomainError(_l("This person is already a speaker of the event."), field="email")
    is_new = speaker.id is None
    before = None if is_new else snapshot(speaker)
    speaker.event_id = event.id
    speaker.person = person
    for key in ("affiliation", "bio_en", "bio_es"):  # stored exactly, as every form's text
        setattr(speaker, key, data.get(key) or "")
    old_photo = speaker.photo_filename
    if photo:
        speaker.photo_filename = photos.store_photo(photo, event.id)
    elif data.get("remove_photo"):
        speaker.photo_filename = None
    db.session.add(speaker)
    flush_or_fail(_l("This person is already a speaker of the event."))
    if old_photo and old_photo != speaker.photo_filename:
        photos.remove_photo(old_photo)
    record(
        actor,
        "create" if is_new else "update",
        speaker,
        summary=person.full_name,
        before=before,
        after=snapshot(speaker),
    )
    return speaker


def delete_speaker(actor: Actor, speaker: Speaker) -> None:
    record(actor, "delete", speaker, summary=speaker.person.full_name, before=snapshot(speaker))
    photo = speaker.photo_filename
    db.session.delete(speaker)
    flush_or_fail(_l("This speaker is still in use and cannot be deleted."))
    photos.remove_photo(photo)


def add_availability(
    actor: Actor, event: Event, speaker: Speaker, starts: datetime, ends: datetime
) -> SpeakerAvailability:
    window = SpeakerAvailability(
        speaker_id=speaker.id,
        starts_at=to_utc(starts, event.timezone, field="starts_at"),
        ends_at=to_utc(ends, event.timezone, field="ends_at"),
    )
    if window.ends_at <= window.starts_at:
        raise DomainError(_l("The end must be after the start."), field="ends_at")
    db.session.add(window)
    flush_or_fail(_l("The end must be after the start."))
    record(
        actor,
        "create",
        window,
        event_id=event.id,
        summary=speaker.person.full_name,
        after=snapshot(window),
    )
    return window


def delete_availability(actor: Actor, event: Event, window: SpeakerAvailability) -> None:
    record(actor, "delete", window, event_id=event.id, before=snapshot(window))
    db.session.delete(window)
    db.session.flush()


# --- sessions ------------------------------------------------------------------------------
def _check_ids(event: Event, data: dict[str, Any]) -> tuple[Room | None, dict[int, Speaker]]:
    room = None
    if data.get("room_id") is not None:
        room = db.session.get(Room, data["room_id"])
        if room is None or room.event_id != event.id:
            raise DomainError(_l("Choose a room of this event."), field="room_id")
    if data.get("track_id") is not None:
        track = db.session.get(Track, data["track_id"])
        if track is None or track.event_id != event.id:
            raise DomainError(_l("Choose a track of this event."), field="track_id")
    ids = {i for key in ROLE_KEYS for i in data.get(key) or []}
    speakers = {}
    if ids:
        rows = db.session.scalars(
            db.select(Speaker).where(Speaker.id.in_(ids), Speaker.event_id == event.id)
        )
        speakers = {s.id: s for s in rows}
        if set(speakers) != ids:
            raise DomainError(_l("Choose speakers of this event."), field="speaker_ids")
    return room, speakers


def save_session(
    actor: Actor, event: Event, session: AgendaSession, data: dict[str, Any]
) -> list[Found]:
    """Create or update a session from form data (local times in the event's timezone).

    Every conflict rule is checked; a BLOCK conflict raises a DomainError on its field,
    WARN conflicts are returned for the view to show."""
    room, speakers = _check_ids(event, data)
    starts = to_utc(data["starts_at"], event.timezone, field="starts_at")
    ends = to_utc(data["ends_at"], event.timezone, field="ends_at")
    if ends <= starts:
        raise DomainError(_l("The session must end after it starts."), field="ends_at")
    roles = [(sid, role) for key, role in ROLE_KEYS.items() for sid in data.get(key) or []]
    if len({sid for sid, _ in roles}) != len(roles):
        raise DomainError(
            _l("A speaker can hold only one role in a session."), field="panelist_ids"
        )
    slot = Slot(
        id=session.id,
        title=data.get("title_en") or data.get("title_es") or "",
        starts_at=starts,
        ends_at=ends,
        room_id=room.id if room else None,
        room_name=room.name if room else "",
        room_capacity=room.capacity if room else None,
        capacity=data.get("capacity"),
        speakers={sid: speakers[sid].person.full_name for sid, _ in roles},
    )
    found = conflicts_for_slot(event, slot)
    blocking = [f for f in found if f.blocks]
    if blocking:
        raise DomainError(blocking[0].message, field=blocking[0].field)
    is_new = session.id is None
    before = None if is_new else snapshot(session)
    session.event_id = event.id
    session.starts_at, session.ends_at = starts, ends
    for key in SESSION_FIELDS:
        if key in data:
            setattr(session, key, data[key])
    _set_speakers(session, roles)
    db.session.add(session)
    flush_or_fail(_l("The session could not be saved."))
    record(
        actor,
        "create" if is_new else "update",
        session,
        summary=session.title_en or session.title_es,
        before=before,
        after=snapshot(session),
    )
    return found


def _set_speakers(session: AgendaSession, roles: list[tuple[int, SpeakerRole]]) -> None:
    current = {link.speaker_id: link for link in session.speaker_links}
    wanted = {sid for sid, _ in roles}
    for sid, link in current.items():
        if sid not in wanted:
            session.speaker_links.remove(link)
    for position, (sid, role) in enumerate(roles):
        kept = current.get(sid)
        if kept is None:
            session.speaker_links.append(
                SessionSpeaker(speaker_id=sid, role=role, position=position)
            )
        else:
            kept.role, kept.position = role, position


def session_data(session: AgendaSession, event: Event) -> dict[str, Any]:
    """The current values of a session as form data (for partial updates)."""
    data = {key: getattr(session, key) for key in SESSION_FIELDS}
    data["starts_at"] = to_wall(session.starts_at, event.timezone)
    data["ends_at"] = to_wall(session.ends_at, event.timezone)
    for key, role in ROLE_KEYS.items():
        data[key] = [link.speaker_id for link in session.speaker_links if link.role is role]
    return data


def delete_session(actor: Actor, session: AgendaSession) -> None:
    record(actor, "delete", session, summary=session.title_en, before=snapshot(session))
    db.session.delete(session)
    flush_or_fail(_l("This session is still in use and cannot be deleted."))


def set_published(
    actor: Actor, event: Event, session_ids: list[int] | None, published: bool
) -> int:
    """Publish (or withdraw) the given sessions, or all of the event's when ids is None."""
    query = db.select(AgendaSession).where(AgendaSession.event_id == event.id)
    if session_ids is not None:
        query = query.where(AgendaSession.id.in_(session_ids))
    sessions = list(db.session.scalars(query))
    if session_ids is not None and len(sessions) != len(set(session_ids)):
        raise NotFound(_l("Session not found."))
    changed = 0
    for session in sessions:
        if session.is_published != published:
            before = snapshot(session)
            session.is_published = published
            record(
                actor,
                "publish" if published else "unpublish",
                session,
                summary=session.title_en,
                before=before,
                after=snapshot(session),
            )
            changed += 1
    db.session.flush()
    return changed


def keep_clock_times(actor: Actor, event: Event, *, old: str, new: str) -> None:
    """The event moved from zone ``old`` to ``new`` and its organizer chose that planned
    times keep their clock times: every session and speaker availability window moves so
    that 9:00 stays 9:00. A wall time the new zone skips or repeats refuses the change."""
    sessions = db.session.scalars(
        db.select(AgendaSession).where(AgendaSession.event_id == event.id)
    )
    windows = db.session.scalars(
        db.select(SpeakerAvailability)
        .join(Speaker, Speaker.id == SpeakerAvailability.speaker_id)
        .where(Speaker.event_id == event.id)
    )
    moved = 0
    for item in [*sessions, *windows]:
        item.starts_at = to_utc(to_wall(item.starts_at, old), new, field="timezone_change")
        item.ends_at = to_utc(to_wall(item.ends_at, old), new, field="timezone_change")
        moved += 1
    db.session.flush()
    record(
        actor,
        "timezone_keep_clock_times",
        event,
        event_id=event.id,
        summary=f"{old} -> {new}: {moved} planned times kept",
    )


def _on_timezone_changed(event: Event, **change: Any) -> None:
    keep_clock_times(change["actor"], event, old=change["old"], new=change["new"])


# Events (a lower domain) announces the change; the agenda owns its times.
event_timezone_changed.connect(_on_timezone_changed)


def _on_event_cloned(
    source: Event,
    *,
    new: Event,
    rooms: dict[int, Room],
    tracks: dict[int, Track],
    days: int,
    **_: Any,
) -> None:
    """A copied event gets the agenda moved to its dates (same wall-clock times), in the
    copied rooms and tracks; without speakers (people are never copied) or sign-ups."""
    for old in db.session.scalars(
        db.select(AgendaSession).where(AgendaSession.event_id == source.id)
    ):
        room = rooms.get(old.room_id) if old.room_id is not None else None
        track = tracks.get(old.track_id) if old.track_id is not None else None
        db.session.add(
            AgendaSession(
                event_id=new.id,
                title_en=old.title_en,
                title_es=old.title_es,
                description_en=old.description_en,
                description_es=old.description_es,
                kind=old.kind,
                starts_at=shift_days(old.starts_at, source.timezone, days),
                ends_at=shift_days(old.ends_at, source.timezone, days),
                room_id=room.id if room is not None else None,
                track_id=track.id if track is not None else None,
                language=old.language,
                is_published=old.is_published,
                capacity=old.capacity,
                cle_hours=old.cle_hours,
            )
        )


event_cloned.connect(_on_event_cloned)
