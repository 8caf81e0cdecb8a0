"""Data for bench/http.py: enlarge the demo summit, and check the waiting list afterwards."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, text

ROOMS = 10  # the demo's 3 rooms plus bench rooms: 10 rooms × 10 slots × 2 days = 200 sessions
ORGANIZER = "organizer@example.org"  # the demo's organizer account (API token of the list)


def _app(database_url: str, secret: str):
    from eventsapp import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secret})


def enlarge_demo(
    database_url: str, secret: str, slug: str, registrations: int, sessions: int, seats: int
) -> dict:
    """Add ``registrations`` confirmed people and ``sessions`` published sessions to the demo
    event, open its registration now without approval and leave ``seats`` seats free.
    Returns the badge tokens of the confirmed registrations and the counts."""
    from eventsapp.badges.tokens import make_badge_token
    from eventsapp.db import utcnow
    from eventsapp.events.models import Event
    from eventsapp.extensions import db
    from eventsapp.registration.models import Registration, RegistrationStatus

    app = _app(database_url, secret)
    with app.app_context():
        event = db.session.scalar(db.select(Event).where(Event.slug == slug))
        _registrations(event, registrations)
        _sessions(event, sessions)
        now = utcnow()
        event.registration_opens_at = now - timedelta(days=1)
        event.registration_closes_at = now + timedelta(days=30)
        event.requires_approval = False
        held = _count(
            Registration.event_id == event.id,
            Registration.status.in_((RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)),
        )
        event.capacity = held + seats
        db.session.commit()
        # Planner statistics for the bulk rows now, as autovacuum would give them a little
        # later: without them a page of the API list sorts the whole event (7 ms, not 0.2).
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        confirmed = db.session.execute(
            db.select(Registration.id, Registration.badge_token_version)
            .where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.CONFIRMED,
            )
            .order_by(Registration.id)
        ).all()
        from eventsapp.agenda.models import AgendaSession

        result = {
            "tokens": [make_badge_token(secret, rid, version) for rid, version in confirmed],
            "registrations": _count(Registration.event_id == event.id),
            "before": _count(Registration.event_id == event.id),
            "sessions": db.session.scalar(
                db.select(func.count(AgendaSession.id)).where(
                    AgendaSession.event_id == event.id, AgendaSession.is_published.is_(True)
                )
            ),
        }
        db.engine.dispose()
    return result


def _count(*conditions) -> int:
    from eventsapp.extensions import db
    from eventsapp.registration.models import Registration

    return db.session.scalar(db.select(func.count(Registration.id)).where(*conditions))


def _registrations(event, count: int) -> None:
    from eventsapp.extensions import db
    from eventsapp.registration.models import (
        Language,
        Person,
        Registration,
        RegistrationRole,
        RegistrationStatus,
    )

    people = [
        {
            "event_id": event.id,
            "given_name": f"Given{i}",
            "family_name": f"Family{i:05d}",
            "email": f"bench-person-{i}@example.org",
            "preferred_language": Language.ES if i % 3 == 0 else Language.EN,
        }
        for i in range(count)
    ]
    ids = db.session.scalars(
        insert(Person).returning(Person.id, sort_by_parameter_order=True), people
    ).all()
    db.session.execute(
        insert(Registration),
        [
            {
                "event_id": event.id,
                "person_id": person_id,
                "role": RegistrationRole.OBSERVER,
                "status": RegistrationStatus.CONFIRMED,
                "needs_interpretation": i % 4 == 0,
            }
            for i, person_id in enumerate(ids)
        ],
    )


def _sessions(event, count: int) -> None:
    from eventsapp.agenda.models import (
        AgendaSession,
        SessionKind,
        SessionLanguage,
        SessionSpeaker,
        Speaker,
        SpeakerRole,
    )
    from eventsapp.events.models import Room, Track
    from eventsapp.extensions import db

    rooms = list(db.session.scalars(db.select(Room).where(Room.event_id == event.id)))
    for n in range(len(rooms), ROOMS):
        room = Room(event_id=event.id, name=f"Breakout {n + 1}", capacity=40, position=n)
        db.session.add(room)
        rooms.append(room)
    db.session.flush()
    tracks = list(db.session.scalars(db.select(Track).where(Track.event_id == event.id)))
    speakers = list(db.session.scalars(db.select(Speaker).where(Speaker.event_id == event.id)))
    zone = ZoneInfo(event.timezone)
    kinds = (SessionKind.PANEL, SessionKind.WORKSHOP, SessionKind.PLENARY, SessionKind.OTHER)
    languages = list(SessionLanguage)
    for i in range(count):
        day, rest = divmod(i, count // 2 or 1)
        slot, room = divmod(rest, ROOMS)
        starts = datetime.combine(
            event.start_date + timedelta(days=min(day, 1)), time(8, 0), zone
        ) + timedelta(minutes=50 * slot)
        session = AgendaSession(
            event_id=event.id,
            title_en=f"Breakout {i + 1}: cross-border case study",
            title_es=f"Sesión paralela {i + 1}: estudio de caso transfronterizo",
            description_en="Practitioners compare cases and tools.",
            description_es="Profesionales comparan casos y herramientas.",
            kind=kinds[i % len(kinds)],
            starts_at=starts,
            ends_at=starts + timedelta(minutes=45),
            room_id=rooms[room].id,
            track_id=tracks[i % len(tracks)].id if tracks else None,
            language=languages[i % len(languages)],
            is_published=True,
        )
        session.speaker_links = [
            SessionSpeaker(
                speaker_id=speakers[(i + k) % len(speakers)].id,
                role=SpeakerRole.MODERATOR if k == 0 else SpeakerRole.PANELIST,
                position=k,
            )
            for k in range(min(2, len(speakers)))
        ]
        db.session.add(session)
    db.session.flush()


def verify_waitlist(database_url: str, slug: str) -> dict:
    """Seats held vs capacity, and whether the waiting list is numbered 1..n."""
    from eventsapp.events.models import Event
    from eventsapp.extensions import db
    from eventsapp.registration.models import Registration, RegistrationStatus

    app = _app(database_url, "bench-verify-" + "x" * 32)
    with app.app_context():
        event = db.session.scalar(db.select(Event).where(Event.slug == slug))
        positions = list(
            db.session.scalars(
                db.select(Registration.waitlist_position)
                .where(
                    Registration.event_id == event.id,
                    Registration.status == RegistrationStatus.WAITLISTED,
                )
                .order_by(Registration.waitlist_position)
            )
        )
        result = {
            "capacity": event.capacity,
            "held": _count(
                Registration.event_id == event.id,
                Registration.status.in_((RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)),
            ),
            "waitlisted": len(positions),
            "contiguous": positions == list(range(1, len(positions) + 1)),
            "new": _count(Registration.event_id == event.id),
            "checked_in": _count(
                Registration.event_id == event.id, Registration.checked_in_at.is_not(None)
            ),
        }
        db.engine.dispose()
    return result


def api_token(database_url: str, secret: str, slug: str, organizer: str) -> str:
    """A read token of the demo organizer ``organizer`` for the event (API v1 list phase)."""
    from eventsapp.api.models import Scope
    from eventsapp.api.tokens import issue
    from eventsapp.auth.models import User
    from eventsapp.events.models import Event
    from eventsapp.extensions import db

    app = _app(database_url, secret)
    with app.app_context():
        event = db.session.scalar(db.select(Event).where(Event.slug == slug))
        user = db.session.scalar(db.select(User).where(User.email == organizer))
        _, token = issue(user, event, "bench", {Scope.READ})
        db.session.commit()
        db.engine.dispose()
    return token
