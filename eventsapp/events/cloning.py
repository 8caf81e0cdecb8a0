"""Copy an event to a new one (next year's summit): its settings, rooms and tracks here;
the domains above copy their own set-up when ``event_cloned`` is sent (delegations with
their quotas, the agenda moved to the new dates). Never copied: registrations, people,
speakers, check-ins, e-mails, audit entries, team roles, the logo file; the copy starts as a
draft, registration dates moved with the event."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import flush_or_fail
from eventsapp.errors import DomainError
from eventsapp.events.models import Event, EventStatus, Room, Track
from eventsapp.events.services import event_by_slug
from eventsapp.events.signals import event_cloned
from eventsapp.extensions import db
from eventsapp.timezones import shift_days

# Columns of the event that are its set-up (the rest is set here or belongs to the source).
NOT_COPIED = {
    "id",
    "slug",
    "title_en",
    "title_es",
    "start_date",
    "end_date",
    "status",
    "registration_opens_at",
    "registration_closes_at",
    "logo_filename",
    "personal_data_purged_at",
    "created_at",
}
_YEAR = re.compile(r"(19|20)\d\d")


def next_year(text: str, years: int = 1) -> str:
    """'wags-2027' -> 'wags-2028': every year in ``text`` moved on."""
    return _YEAR.sub(lambda m: str(int(m.group(0)) + years), text)


def suggested_start(event: Event) -> date:
    """52 weeks later: the same weekday, about a year on."""
    return event.start_date + timedelta(weeks=52)


def clone_event(
    actor: Actor, source: Event, *, slug: str, start_date: date, title_en: str, title_es: str
) -> Event:
    if event_by_slug(slug) is not None:
        raise DomainError(_l("Another event already uses this short name."), field="slug")
    days = (start_date - source.start_date).days
    copy = Event(
        slug=slug,
        title_en=title_en,
        title_es=title_es,
        start_date=start_date,
        end_date=source.end_date + timedelta(days=days),
        status=EventStatus.DRAFT,
        registration_opens_at=shift_days(source.registration_opens_at, source.timezone, days),
        registration_closes_at=shift_days(source.registration_closes_at, source.timezone, days),
    )
    for column in Event.__table__.columns:
        if column.key not in NOT_COPIED:
            setattr(copy, column.key, getattr(source, column.key))
    db.session.add(copy)
    flush_or_fail(_l("Another event already uses this short name."))
    rooms = {
        room.id: Room(
            event_id=copy.id, name=room.name, capacity=room.capacity, position=room.position
        )
        for room in db.session.scalars(db.select(Room).where(Room.event_id == source.id))
    }
    tracks = {
        track.id: Track(
            event_id=copy.id, name_en=track.name_en, name_es=track.name_es, color=track.color
        )
        for track in db.session.scalars(db.select(Track).where(Track.event_id == source.id))
    }
    db.session.add_all([*rooms.values(), *tracks.values()])
    db.session.flush()
    event_cloned.send(source, new=copy, rooms=rooms, tracks=tracks, days=days, actor=actor)
    db.session.flush()
    record(actor, "clone", copy, event_id=copy.id, summary=f"{source.slug} -> {copy.slug}")
    return copy
