"""Small factories for test data: each returns a committed object with sane defaults."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from eventsapp.agenda.models import AgendaSession, SessionKind, Speaker
from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.delegations.models import Delegation
from eventsapp.events.models import (
    Event,
    EventKind,
    EventStatus,
    Jurisdiction,
    JurisdictionKind,
    Room,
    Track,
)
from eventsapp.extensions import db
from eventsapp.questions.models import Question, QuestionOption, QuestionType
from eventsapp.registration.models import Person, Registration, RegistrationStatus

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def _save(obj):
    db.session.add(obj)
    db.session.commit()
    return obj


def make_user(
    email: str | None = None, *, is_admin: bool = False, password: str = PASSWORD
) -> User:
    user = User(email=email or f"user{next(_seq)}@example.org", is_admin=is_admin)
    user.set_password(password)
    return _save(user)


def grant(user: User, event: Event, role: EventRoleKind, delegation: Delegation | None = None):
    return _save(
        EventRole(
            user=user,
            event_id=event.id,
            role=role,
            delegation_id=delegation.id if delegation else None,
        )
    )


def make_event(slug: str | None = None, **kwargs) -> Event:
    start = kwargs.pop("start_date", date(2027, 3, 9))
    values = dict(
        slug=slug or f"summit-{next(_seq)}",
        kind=EventKind.SUMMIT,
        title_en="Western Attorneys General Summit",
        title_es="Cumbre de Procuradores Generales del Oeste",
        description_en="A summit on human trafficking and money laundering.",
        description_es="Una cumbre sobre trata de personas y lavado de dinero.",
        start_date=start,
        end_date=start + timedelta(days=1),
        timezone="America/Los_Angeles",
        venue_name="Convention Center",
        venue_city="San Diego",
        venue_country="United States",
        status=EventStatus.PUBLISHED,
    )
    values.update(kwargs)
    return _save(Event(**values))


def make_room(event: Event, name: str | None = None, capacity: int | None = 100) -> Room:
    return _save(Room(event_id=event.id, name=name or f"Room {next(_seq)}", capacity=capacity))


def make_track(event: Event, name_en: str = "Trafficking", name_es: str = "Trata") -> Track:
    return _save(Track(event_id=event.id, name_en=name_en, name_es=name_es, color="#aa3300"))


def make_jurisdiction(
    name: str | None = None, kind=JurisdictionKind.US_STATE, country="United States"
):
    return _save(Jurisdiction(name=name or f"State {next(_seq)}", kind=kind, country=country))


def make_delegation(event: Event, jurisdiction: Jurisdiction | None = None, seat_quota: int = 5):
    jurisdiction = jurisdiction or make_jurisdiction()
    return _save(
        Delegation(event_id=event.id, jurisdiction_id=jurisdiction.id, seat_quota=seat_quota)
    )


def make_person(
    email: str | None = None,
    given_name: str = "María José",
    family_name: str = "Núñez",
    *,
    event: Event | None = None,
    **kw,
):
    """A person record of ``event`` (default: the newest event; a registration or speaker
    made with it moves a fresh record to its own event)."""
    if event is None:
        event_id = db.session.scalar(db.select(db.func.max(Event.id))) or make_event().id
    else:
        event_id = event.id
    return _save(
        Person(
            email=(email or f"person{next(_seq)}@example.org").lower(),
            event_id=event_id,
            given_name=given_name,
            family_name=family_name,
            **kw,
        )
    )


def _person_of(event: Event, person: Person | None) -> Person:
    person = person or make_person(event=event)
    if person.event_id != event.id:
        person.event_id = event.id  # records are per event: the fresh record follows its use
        _save(person)
    return person


def make_registration(
    event: Event, person: Person | None = None, *, status=RegistrationStatus.CONFIRMED, **kw
) -> Registration:
    person = _person_of(event, person)
    return _save(Registration(event_id=event.id, person_id=person.id, status=status, **kw))


def at(event: Event, day: int, hour: int, minute: int = 0) -> datetime:
    """An aware datetime on day ``day`` (0-based) of the event, in the event's timezone."""
    from zoneinfo import ZoneInfo

    d = event.start_date + timedelta(days=day)
    return datetime(
        d.year, d.month, d.day, hour, minute, tzinfo=ZoneInfo(event.timezone)
    ).astimezone(UTC)


def make_session(
    event: Event,
    *,
    day: int = 0,
    hour: int = 9,
    minutes: int = 60,
    room=None,
    published: bool = True,
    **kw,
) -> AgendaSession:
    starts = at(event, day, hour)
    values = dict(
        event_id=event.id,
        title_en=f"Session {next(_seq)}",
        title_es=f"Sesión {next(_seq)}",
        kind=SessionKind.PANEL,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        room_id=room.id if room else None,
        is_published=published,
    )
    values.update(kw)
    return _save(AgendaSession(**values))


def make_speaker(event: Event, person: Person | None = None, **kw) -> Speaker:
    person = _person_of(event, person)
    values = dict(
        event_id=event.id,
        person_id=person.id,
        affiliation="DOJ",
        bio_en="Prosecutor.",
        bio_es="Fiscal.",
    )
    values.update(kw)
    return _save(Speaker(**values))


def make_question(
    event: Event,
    key: str,
    type: QuestionType | str = QuestionType.SHORT_TEXT,  # noqa: A002  (the model's name)
    *,
    options: list | None = None,
    **kw,
) -> Question:
    """A question of ``event``; ``options``: labels ("Tour A"), or dicts of QuestionOption
    columns ({"label_en": "Tour A", "label_es": "Gira A", "capacity": 10})."""
    kind = QuestionType(type)
    position = kw.pop("position", next(_seq))
    values = dict(label_en=f"Question {key}", label_es=f"Pregunta {key}")
    values.update(kw)
    question = Question(event_id=event.id, key=key, type=kind, position=position, **values)
    for n, option in enumerate(options or [], start=1):
        columns = {"label_en": option} if isinstance(option, str) else dict(option)
        columns.setdefault("position", n)
        question.options.append(QuestionOption(**columns))
    return _save(question)
