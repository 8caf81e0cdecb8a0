"""The demo's second, smaller event: a bi-national workshop in Tijuana that runs today and
tomorrow (registration still open), with people already checked in this morning and
workshop places taken."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from eventsapp.agenda.models import AgendaSession, SessionKind, WorkshopSignup
from eventsapp.auth.models import EventRole, EventRoleKind
from eventsapp.db import utcnow
from eventsapp.delegations.models import Delegation, DelegationStatus
from eventsapp.demo import data
from eventsapp.demo.activity import spread_over_days
from eventsapp.events.models import Event, EventKind, EventStatus, Jurisdiction, Organization, Room
from eventsapp.extensions import db
from eventsapp.registration.models import (
    Language,
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

WORKSHOP_SLUG = "binational-workshop"
WORKSHOP_ORGANIZER = "workshop@example.org"
TIMEZONE = "America/Tijuana"
PEOPLE = 22
CHECKED_IN = 13

SESSIONS = [  # day, start, minutes, kind, title_en, title_es, capacity
    (
        0,
        "09:00",
        60,
        SessionKind.PLENARY,
        "Opening: one border, two systems",
        "Inauguración: una frontera, dos sistemas",
        None,
    ),
    (
        0,
        "10:30",
        120,
        SessionKind.WORKSHOP,
        "Tracing crypto-assets across the border",
        "Rastreo de criptoactivos a través de la frontera",
        12,
    ),
    (
        0,
        "14:00",
        90,
        SessionKind.WORKSHOP,
        "Sharing financial intelligence lawfully",
        "Intercambio lícito de inteligencia financiera",
        10,
    ),
    (
        1,
        "09:30",
        90,
        SessionKind.PANEL,
        "Joint investigations: what worked",
        "Investigaciones conjuntas: lo que funcionó",
        None,
    ),
]


def load_workshop(
    today: date, jurisdictions: dict[str, Jurisdiction], organizations: dict[str, Organization]
) -> Event:
    from eventsapp.demo.loader import demo_account

    tz = ZoneInfo(TIMEZONE)
    event = Event(
        slug=WORKSHOP_SLUG,
        kind=EventKind.WORKSHOP,
        title_en="Bi-national Workshop on Financial Investigations",
        title_es="Taller Binacional de Investigaciones Financieras",
        description_en="Two days of hands-on work for prosecutors and analysts from Baja "
        "California and California.",
        description_es="Dos días de trabajo práctico para fiscales y analistas de Baja "
        "California y California.",
        start_date=today,
        end_date=today + timedelta(days=1),
        timezone=TIMEZONE,
        venue_name="Centro Cultural Tijuana",
        venue_city="Tijuana",
        venue_country="México",
        status=EventStatus.PUBLISHED,
        registration_opens_at=datetime.combine(today - timedelta(days=14), time(9), tz),
        registration_closes_at=datetime.combine(today + timedelta(days=1), time(18), tz),
        capacity=40,
        requires_approval=False,
        contact_email="taller@example.org",
    )
    db.session.add(event)
    db.session.flush()
    organizer = demo_account(WORKSHOP_ORGANIZER, "Workshop Organizer")
    staff = demo_account("checkin@example.org", "Registration Desk")
    db.session.flush()
    db.session.add_all(
        [
            EventRole(user_id=organizer.id, event_id=event.id, role=EventRoleKind.ORGANIZER),
            EventRole(user_id=staff.id, event_id=event.id, role=EventRoleKind.CHECKIN),
        ]
    )
    room = Room(event_id=event.id, name="Sala Baja California", capacity=60, position=0)
    db.session.add(room)
    db.session.flush()
    sessions = _sessions(event, room, tz)
    registrations = _people(event, jurisdictions, organizations)
    spread_over_days(registrations, TIMEZONE, today - timedelta(days=14), today)
    _arrivals(registrations, tz, today)
    workshops = [s for s in sessions if s.kind is SessionKind.WORKSHOP]
    for i, registration in enumerate(registrations[:17]):
        db.session.add(
            WorkshopSignup(session_id=workshops[i % 2].id, registration_id=registration.id)
        )
    db.session.flush()
    return event


def _sessions(event: Event, room: Room, tz: ZoneInfo) -> list[AgendaSession]:
    sessions = []
    for day, start, minutes, kind, title_en, title_es, capacity in SESSIONS:
        hour, minute = map(int, start.split(":"))
        starts = datetime.combine(event.start_date + timedelta(days=day), time(hour, minute), tz)
        sessions.append(
            AgendaSession(
                event_id=event.id,
                title_en=title_en,
                title_es=title_es,
                kind=kind,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=minutes),
                room_id=room.id,
                capacity=capacity,
                is_published=True,
            )
        )
    db.session.add_all(sessions)
    db.session.flush()
    return sessions


def _people(
    event: Event,
    jurisdictions: dict[str, Jurisdiction],
    organizations: dict[str, Organization],
) -> list[Registration]:
    delegations = []
    for name in ("Baja California", "California"):
        delegation = Delegation(
            event_id=event.id,
            jurisdiction_id=jurisdictions[name].id,
            seat_quota=12,
            status=DelegationStatus.CONFIRMED,
        )
        db.session.add(delegation)
        delegations.append(delegation)
    db.session.flush()
    registrations = []
    for n in range(PEOPLE):
        spanish = n % 2 == 0
        given = data.GIVEN_NAMES[(n * 5 + 3) % len(data.GIVEN_NAMES)]
        family = data.FAMILY_NAMES[(n * 3 + 1) % len(data.FAMILY_NAMES)]
        person = Person(
            event_id=event.id,
            email=f"taller.{n + 1}@example.org",
            given_name=given,
            family_name=family,
            honorific=data.honorific(given, spanish, n),
            position=data.POSITIONS[n % len(data.POSITIONS)][1 if spanish else 0],
            jurisdiction_id=delegations[0 if spanish else 1].jurisdiction_id,
            preferred_language=Language.ES if spanish else Language.EN,
            phone=f"+52 664 555 {2000 + n:04d}" if spanish else f"+1 619 555 {2000 + n:04d}",
        )
        db.session.add(person)
        db.session.flush()
        registration = Registration(
            event_id=event.id,
            person_id=person.id,
            delegation_id=delegations[0 if spanish else 1].id if n < 20 else None,
            role=RegistrationRole.DELEGATE if n < 20 else RegistrationRole.OBSERVER,
            status=RegistrationStatus.CONFIRMED,
            needs_interpretation=n % 4 == 0,
        )
        db.session.add(registration)
        registrations.append(registration)
    db.session.flush()
    return registrations


def _arrivals(registrations: list[Registration], tz: ZoneInfo, today: date) -> None:
    """This morning's check-ins at the front desk, none later than now."""
    opening = datetime.combine(today, time(8, 10), tz)
    latest = min(utcnow(), datetime.combine(today, time(11, 40), tz))
    for k, registration in enumerate(registrations[:CHECKED_IN]):
        at = opening + timedelta(minutes=17 * k)
        registration.checked_in_at = min(at, latest - timedelta(minutes=CHECKED_IN - k))
        registration.checkin_desk = "Front desk"
