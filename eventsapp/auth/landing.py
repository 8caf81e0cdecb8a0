"""Where a user lands after signing in, and the places they work in (the chooser at
/manage/): organizers their events, check-in staff the desk, heads of delegation their
portal. Endpoints are named, not imported (they belong to higher domains)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from sqlalchemy.orm import joinedload

from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.db import utcnow
from eventsapp.extensions import db


@dataclass(frozen=True)
class Place:
    kind: EventRoleKind
    event: Any  # an Event row
    url: str


def work_places(user: User) -> list[Place]:
    """Check-in desks and delegation portals of ``user`` (organizer roles are the event
    list itself), one per event and kind, most recent event first."""
    roles = db.session.scalars(
        db.select(EventRole)
        .options(joinedload(EventRole.event))
        .where(
            EventRole.user_id == user.id,
            EventRole.role.in_([EventRoleKind.CHECKIN, EventRoleKind.HEAD]),
        )
    ).all()
    organizer_of = {
        role.event_id
        for role in db.session.scalars(
            db.select(EventRole).where(
                EventRole.user_id == user.id, EventRole.role == EventRoleKind.ORGANIZER
            )
        )
    }
    places: dict[tuple[Any, ...], Place] = {}
    for role in roles:
        if role.role is EventRoleKind.CHECKIN and role.event_id in organizer_of:
            continue  # an organizer reaches the desk from the event's menu
        endpoint = (
            "checkin.desk" if role.role is EventRoleKind.CHECKIN else "delegations.my_delegations"
        )
        url = url_for(endpoint, slug=role.event.slug)
        places.setdefault((role.role, role.event_id), Place(role.role, role.event, url))
    return sorted(places.values(), key=lambda p: (p.event.start_date, p.event.id), reverse=True)


def landing_url(user: User) -> str:
    """Organizers and admins: their events. Anyone else with exactly one place: that place;
    with several, the one whose event is on today, or else the chooser (which is the event
    list page too)."""
    chooser = url_for("events_manage.index")
    if user.is_admin:
        return chooser
    organizer = db.session.scalar(
        db.select(EventRole.id)
        .where(EventRole.user_id == user.id, EventRole.role == EventRoleKind.ORGANIZER)
        .limit(1)
    )
    if organizer is not None:
        return chooser
    places = work_places(user)
    if len(places) > 1:  # the most relevant: the one event that is on today, if any
        now = utcnow()
        places = [p for p in places if p.event.start_date <= p.event.local_date(now)] or places
        places = [p for p in places if p.event.local_date(now) <= p.event.end_date] or places
    return places[0].url if len(places) == 1 else chooser
