"""Scheduling conflicts: one pure function decides, used by saves and by the conflicts page.

Two sessions overlap when each starts before the other ends, so touching sessions (one ends
when the next starts) do not conflict. Each rule has a level set per event: BLOCK refuses
the change, WARN saves it and shows the warning.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import ColumnElement
from sqlalchemy.orm import selectinload

from eventsapp.agenda.models import AgendaSession, SessionSpeaker, Speaker, SpeakerAvailability
from eventsapp.events.models import ConflictLevel, Event
from eventsapp.extensions import db

ROOM = "room"
SPEAKER = "speaker"
OUTSIDE_DAYS = "outside_days"
AVAILABILITY = "availability"
ROOM_CAPACITY = "room_capacity"

LEVEL_COLUMNS = {
    ROOM: "room_conflict_level",
    SPEAKER: "speaker_conflict_level",
    OUTSIDE_DAYS: "outside_days_conflict_level",
    AVAILABILITY: "availability_conflict_level",
    ROOM_CAPACITY: "room_capacity_conflict_level",
}
FIELDS = {
    ROOM: "room_id",
    SPEAKER: "speaker_ids",
    OUTSIDE_DAYS: "starts_at",
    AVAILABILITY: "speaker_ids",
    ROOM_CAPACITY: "capacity",
}


@dataclass
class Slot:
    """What the rules need to know about one session (saved or proposed)."""

    id: int | None
    title: str
    starts_at: datetime
    ends_at: datetime
    room_id: int | None = None
    room_name: str = ""
    room_capacity: int | None = None
    capacity: int | None = None
    speakers: dict[int, str] = field(default_factory=dict)  # speaker id -> name


@dataclass
class Found:
    rule: str
    level: ConflictLevel
    message: str
    session_id: int | None
    other_id: int | None = None

    @property
    def blocks(self) -> bool:
        return self.level is ConflictLevel.BLOCK

    @property
    def field(self) -> str:
        return FIELDS[self.rule]


def overlaps(a: Slot, b: Slot) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def event_bounds(event: Event) -> tuple[datetime, datetime]:
    zone = ZoneInfo(event.timezone)
    start = datetime.combine(event.start_date, time(0), tzinfo=zone)
    end = datetime.combine(event.end_date + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def check_slot(
    event: Event, slot: Slot, others: list[Slot], availability: dict[int, list[tuple[Any, ...]]]
) -> list[Found]:
    """Every conflict of ``slot`` against ``others`` and the event's rules."""
    found: list[Found] = []

    def add(rule: str, message: str, other: Slot | None = None) -> None:
        level = getattr(event, LEVEL_COLUMNS[rule])
        found.append(Found(rule, level, message, slot.id, other.id if other else None))

    for other in others:
        if other.id is not None and other.id == slot.id or not overlaps(slot, other):
            continue
        if slot.room_id is not None and slot.room_id == other.room_id:
            add(
                ROOM,
                _(
                    '%(room)s already holds "%(other)s" at that time.',
                    room=slot.room_name,
                    other=other.title,
                ),
                other,
            )
        for speaker_id in sorted(slot.speakers.keys() & other.speakers.keys()):
            add(
                SPEAKER,
                _(
                    '%(name)s is already in "%(other)s" at that time.',
                    name=slot.speakers[speaker_id],
                    other=other.title,
                ),
                other,
            )
    start, end = event_bounds(event)
    if slot.starts_at < start or slot.ends_at > end:
        add(OUTSIDE_DAYS, _("The session is outside the event's days."))
    for speaker_id, name in sorted(slot.speakers.items()):
        windows = availability.get(speaker_id) or []
        if windows and not any(s <= slot.starts_at and slot.ends_at <= e for s, e in windows):
            add(AVAILABILITY, _("%(name)s is not available at that time.", name=name))
    if (
        slot.capacity is not None
        and slot.room_capacity is not None
        and slot.capacity > slot.room_capacity
    ):
        add(
            ROOM_CAPACITY,
            _(
                "The session's capacity (%(capacity)s) is above the room's (%(room)s).",
                capacity=slot.capacity,
                room=slot.room_capacity,
            ),
        )
    return found


def slot_of(session: AgendaSession) -> Slot:
    return Slot(
        id=session.id,
        title=session.title_en or session.title_es,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        room_id=session.room_id,
        room_name=session.room.name if session.room else "",
        room_capacity=session.room.capacity if session.room else None,
        capacity=session.capacity,
        speakers={link.speaker_id: link.speaker.person.full_name for link in session.speaker_links},
    )


def _loaded_sessions(
    event: Event, where: Iterable[ColumnElement[bool]] = ()
) -> list[AgendaSession]:
    query = (
        db.select(AgendaSession)
        .where(AgendaSession.event_id == event.id, *where)
        .options(
            selectinload(AgendaSession.room),
            selectinload(AgendaSession.speaker_links)
            .selectinload(SessionSpeaker.speaker)
            .selectinload(Speaker.person),
        )
        .order_by(AgendaSession.starts_at, AgendaSession.id)
    )
    return list(db.session.scalars(query))


def availability_of(speaker_ids: Collection[int]) -> dict[int, list[tuple[Any, ...]]]:
    windows: dict[int, list[tuple[Any, ...]]] = {}
    if not speaker_ids:
        return windows
    rows = db.session.scalars(
        db.select(SpeakerAvailability).where(SpeakerAvailability.speaker_id.in_(speaker_ids))
    )
    for row in rows:
        windows.setdefault(row.speaker_id, []).append((row.starts_at, row.ends_at))
    return windows


def conflicts_for_slot(event: Event, slot: Slot) -> list[Found]:
    """Conflicts of one proposed slot against the event's other sessions."""
    with db.session.no_autoflush:
        others = _loaded_sessions(
            event,
            (AgendaSession.starts_at < slot.ends_at, AgendaSession.ends_at > slot.starts_at),
        )
        return check_slot(
            event, slot, [slot_of(s) for s in others], availability_of(list(slot.speakers))
        )


def all_conflicts(event: Event) -> list[Found]:
    """Every conflict in the event; a pair of sessions is reported once."""
    slots = [slot_of(s) for s in _loaded_sessions(event)]
    availability = availability_of({sid for s in slots for sid in s.speakers})
    found: list[Found] = []
    for index, slot in enumerate(slots):
        later = [o for o in slots[index + 1 :] if o.starts_at < slot.ends_at]
        found.extend(check_slot(event, slot, later, availability))
    return found
