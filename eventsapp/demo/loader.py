"""`flask demo`: a realistic bi-national attorneys-general summit to explore the app with.

Idempotent: if the demo event exists nothing is touched. Names and data are fixed (no
randomness) so two machines get the same demo; dates are relative to the day it is loaded
(the summit about eight weeks ahead with registration open, a smaller bi-national workshop
running today), so it can be tried whatever the date.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from eventsapp.agenda.models import (
    AgendaSession,
    SessionKind,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
    SpeakerRole,
)
from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.delegations.models import Delegation, DelegationStatus
from eventsapp.demo import activity, data, workshop
from eventsapp.events.models import (
    Event,
    EventKind,
    EventStatus,
    Jurisdiction,
    JurisdictionKind,
    Membership,
    Organization,
    Room,
    Track,
)
from eventsapp.extensions import Model, db
from eventsapp.registration.models import (
    Language,
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

_Row = TypeVar("_Row", bound=Model)

DEMO_SLUG = "wags-2027"
ORGANIZER_EMAIL = "organizer@example.org"
DEMO_PASSWORD = "summit-demo-2027"  # noqa: S105  (documented demo account)
TIMEZONE = "America/Los_Angeles"
WEEKS_AHEAD = 8  # the summit starts this many weeks after the day the demo is loaded


def demo_today() -> date:
    return datetime.now(ZoneInfo(TIMEZONE)).date()


def load_demo(today: date | None = None) -> bool:
    """Create the demo summit and workshop as of ``today`` (default: today on the summit's
    clock); False when the summit is already there."""
    if db.session.scalar(db.select(Event.id).where(Event.slug == DEMO_SLUG)) is not None:
        return False
    today = today or demo_today()
    start = today + timedelta(weeks=WEEKS_AHEAD)
    jurisdictions = _jurisdictions()
    organizations = _organizations(jurisdictions)
    event = _event(today, start)
    _accounts(event)
    rooms, tracks = _rooms_and_tracks(event)
    delegations = _delegations(event, jurisdictions)
    _registrations(event, delegations, organizations, start)
    speakers = _speakers(event)
    _agenda(event, rooms, tracks, speakers)
    db.session.flush()
    activity.add_activity(event, delegations, today)
    workshop.load_workshop(today, jurisdictions, organizations)
    db.session.flush()
    return True


def _get_or_add(model: type[_Row], lookup: dict[str, Any], **values: Any) -> _Row:
    obj = db.session.scalar(db.select(model).filter_by(**lookup))
    if obj is None:
        obj = model(**lookup, **values)
        db.session.add(obj)
    return obj


def _jurisdictions() -> dict[str, Jurisdiction]:
    rows = [
        (n, JurisdictionKind.US_STATE, "United States", Membership.MEMBER)
        for n in data.WESTERN_STATES
    ]
    rows += [
        (n, JurisdictionKind.US_TERRITORY, "United States", Membership.TERRITORY_MEMBER)
        for n in data.PACIFIC_TERRITORIES
    ]
    rows += [
        (n, JurisdictionKind.MEXICAN_STATE, "México", Membership.ASSOCIATE)
        for n in data.MEXICAN_STATES
    ]
    rows += [
        ("México (federal)", JurisdictionKind.FEDERAL, "México", Membership.ASSOCIATE),
        (
            "United States (federal)",
            JurisdictionKind.FEDERAL,
            "United States",
            Membership.NON_MEMBER,
        ),
    ]
    return {
        name: _get_or_add(
            Jurisdiction, {"name": name}, kind=kind, country=country, membership=membership
        )
        for name, kind, country, membership in rows
    }


def _organizations(jurisdictions: dict[str, Jurisdiction]) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for name in data.WESTERN_STATES + data.PACIFIC_TERRITORIES:
        orgs[name] = _get_or_add(
            Organization,
            {"name": f"Office of the Attorney General of {name}"},
            acronym="OAG",
            jurisdiction=jurisdictions[name],
        )
    for name in data.MEXICAN_STATES:
        orgs[name] = _get_or_add(
            Organization,
            {"name": f"Fiscalía General del Estado de {name}"},
            acronym="FGE",
            jurisdiction=jurisdictions[name],
        )
    orgs["FGR"] = _get_or_add(
        Organization,
        {"name": "Fiscalía General de la República"},
        acronym="FGR",
        jurisdiction=jurisdictions["México (federal)"],
    )
    orgs["DOJ"] = _get_or_add(
        Organization,
        {"name": "U.S. Department of Justice"},
        acronym="DOJ",
        jurisdiction=jurisdictions["United States (federal)"],
    )
    orgs["UNAM"] = _get_or_add(
        Organization,
        {"name": "Centro de Estudios sobre Justicia, UNAM"},
        acronym="UNAM",
        jurisdiction=jurisdictions["México (federal)"],
    )
    db.session.flush()
    return orgs


def _event(today: date, start: date) -> Event:
    tz = ZoneInfo(TIMEZONE)
    opens = today - timedelta(days=activity.DAYS_OPEN)
    event = Event(
        slug=DEMO_SLUG,
        kind=EventKind.SUMMIT,
        title_en="Alliance Summit on Human Trafficking and Money Laundering",
        title_es="Cumbre de la Alianza sobre Trata de Personas y Lavado de Dinero",
        description_en=(
            "Attorneys general from the western states, the Pacific territories and Mexico "
            "meet for two days to coordinate the fight against human trafficking and money "
            "laundering across the border.\n\nSessions are held in English and Spanish with "
            "simultaneous interpretation."
        ),
        description_es=(
            "Fiscales generales de los estados del oeste, los territorios del Pacífico y México "
            "se reúnen durante dos días para coordinar la lucha contra la trata de personas y "
            "el lavado de dinero en la frontera.\n\nLas sesiones se imparten en inglés y "
            "español con interpretación simultánea."
        ),
        start_date=start,
        end_date=start + timedelta(days=1),
        timezone=TIMEZONE,
        venue_name="Coronado Bay Conference Center",
        venue_address="1000 Harbor Drive",
        venue_city="San Diego",
        venue_country="United States",
        status=EventStatus.PUBLISHED,
        registration_opens_at=datetime.combine(opens, time(9), tzinfo=tz),
        registration_closes_at=datetime.combine(start - timedelta(days=8), time(17), tzinfo=tz),
        capacity=250,
        requires_approval=True,
        contact_email="summit@example.org",
        welcome_en="Welcome to San Diego. Thank you for joining the Alliance Summit.",
        welcome_es="Bienvenidos a San Diego. Gracias por acompañarnos en la Cumbre de la Alianza.",
        partners="Conference of Western Attorneys General\nFiscalía General de la República\n"
        "U.S. Department of Justice",
        signatory_name="Rebecca Lindqvist",
        signatory_title="Attorney General of Arizona, Summit Co-Chair",
    )
    db.session.add(event)
    db.session.flush()
    return event


def _accounts(event: Event) -> None:
    organizer = db.session.scalar(db.select(User).where(User.email == ORGANIZER_EMAIL))
    if organizer is None:
        organizer = User(email=ORGANIZER_EMAIL, name="Summit Organizer", is_admin=True)
        organizer.set_password(DEMO_PASSWORD)
        db.session.add(organizer)
    staff = demo_account("checkin@example.org", "Registration Desk")
    db.session.flush()
    db.session.add_all(
        [
            EventRole(user_id=organizer.id, event_id=event.id, role=EventRoleKind.ORGANIZER),
            EventRole(user_id=staff.id, event_id=event.id, role=EventRoleKind.CHECKIN),
        ]
    )


def demo_account(email: str, name: str) -> User:
    """An account with the demo password (kept if it exists)."""
    user = _get_or_add(User, {"email": email}, name=name)
    if not user.password_hash:
        user.set_password(DEMO_PASSWORD)
    return user


def _rooms_and_tracks(event: Event) -> tuple[list[Room], list[Track]]:
    rooms = [
        Room(event_id=event.id, name="Pacific Ballroom", capacity=300, position=0),
        Room(event_id=event.id, name="Sala Sonora", capacity=80, position=1),
        Room(event_id=event.id, name="Coronado Room", capacity=60, position=2),
    ]
    tracks = [
        Track(
            event_id=event.id,
            name_en="Human trafficking",
            name_es="Trata de personas",
            color="#b02a37",
        ),
        Track(
            event_id=event.id,
            name_en="Money laundering",
            name_es="Lavado de dinero",
            color="#1f6feb",
        ),
        Track(
            event_id=event.id,
            name_en="International cooperation",
            name_es="Cooperación internacional",
            color="#2f855a",
        ),
    ]
    db.session.add_all([*rooms, *tracks])
    db.session.flush()
    return rooms, tracks


def _delegations(event: Event, jurisdictions: dict[str, Jurisdiction]) -> list[Delegation]:
    delegations = [
        Delegation(
            event_id=event.id,
            jurisdiction_id=jurisdictions[name].id,
            seat_quota=quota,
            status=DelegationStatus.CONFIRMED if i % 3 else DelegationStatus.INVITED,
            protocol_position=i + 1,
        )
        for i, (name, quota) in enumerate(data.DELEGATIONS)
    ]
    db.session.add_all(delegations)
    db.session.flush()
    return delegations


def _person(
    event: Event,
    n: int,
    organization: Organization | None,
    jurisdiction_id: int | None,
    spanish: bool,
) -> Person:
    given = data.GIVEN_NAMES[n % len(data.GIVEN_NAMES)]
    family = data.FAMILY_NAMES[(n * 7) % len(data.FAMILY_NAMES)]
    position = data.POSITIONS[n % len(data.POSITIONS)][1 if spanish else 0]
    email = f"{_ascii(given)}.{_ascii(family)}.{n}@example.org"
    return _get_or_add(
        Person,
        {"event_id": event.id, "email": email},
        given_name=given,
        family_name=family,
        position=position,
        organization=organization,
        jurisdiction_id=jurisdiction_id,
        honorific=data.honorific(given, spanish, n),
        preferred_language=Language.ES if spanish else Language.EN,
        phone=f"+1 619 555 {1000 + n:04d}" if not spanish else f"+52 664 555 {1000 + n:04d}",
    )


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and c.isascii()).lower()


def _registrations(
    event: Event,
    delegations: list[Delegation],
    organizations: dict[str, Organization],
    start: date,
) -> None:
    n = 0
    statuses = [RegistrationStatus.CONFIRMED] * 5 + [RegistrationStatus.PENDING]
    for delegation in delegations:
        jurisdiction = delegation.jurisdiction
        if jurisdiction is None:  # never: each demo delegation is a jurisdiction's
            continue
        name = jurisdiction.name
        spanish = jurisdiction.country == "México"
        members = min(delegation.seat_quota, 7)
        for i in range(members):
            n += 1
            person = _person(event, n, organizations.get(name), delegation.jurisdiction_id, spanish)
            if spanish:  # passport details for visa letters (issue 13)
                person.passport_number = f"G{40000000 + n}"
                person.nationality = "México"
                person.date_of_birth = date(1970 + n % 25, 1 + n % 12, 1 + n % 28)
                person.passport_expiry = start + timedelta(days=900 + n)
            db.session.flush()
            if i == 0:
                delegation.head_person_id = person.id
            db.session.add(
                Registration(
                    event_id=event.id,
                    person_id=person.id,
                    delegation_id=delegation.id,
                    role=RegistrationRole.DELEGATE,
                    status=RegistrationStatus.CONFIRMED if i == 0 else statuses[n % len(statuses)],
                    needs_interpretation=(n % 3 == 0),
                    dietary="Vegetarian" if n % 5 == 0 else "",
                    accessibility="Wheelchair access" if n % 17 == 0 else "",
                    arrival_date=start - timedelta(days=1 if n % 4 else 2),
                    departure_date=start + timedelta(days=2),
                )
            )
    extra_roles = [
        RegistrationRole.PRESS,
        RegistrationRole.OBSERVER,
        RegistrationRole.GUEST,
        RegistrationRole.STAFF,
    ]
    for i in range(8):
        n += 1
        person = _person(
            event,
            n,
            organizations["DOJ"] if i % 2 else organizations["UNAM"],
            None,
            spanish=bool(i % 2 == 0),
        )
        db.session.flush()
        db.session.add(
            Registration(
                event_id=event.id,
                person_id=person.id,
                role=extra_roles[i % len(extra_roles)],
                status=RegistrationStatus.CONFIRMED,
            )
        )
    db.session.flush()


def _speakers(event: Event) -> list[Speaker]:
    speakers = []
    for i, (honorific, given, family, affiliation, bio_en, bio_es) in enumerate(data.SPEAKERS):
        spanish = any(word in affiliation for word in ("Fiscalía", "Unidad", "UNAM"))
        person = _get_or_add(
            Person,
            {"event_id": event.id, "email": f"speaker{i + 1}@example.org"},
            honorific=honorific,
            given_name=given,
            family_name=family,
            position="",
            preferred_language=Language.ES if spanish else Language.EN,
        )
        db.session.flush()
        speaker = Speaker(
            event_id=event.id,
            person_id=person.id,
            affiliation=affiliation,
            bio_en=bio_en,
            bio_es=bio_es,
        )
        db.session.add(speaker)
        db.session.add(
            Registration(
                event_id=event.id,
                person_id=person.id,
                role=RegistrationRole.SPEAKER,
                status=RegistrationStatus.CONFIRMED,
            )
        )
        speakers.append(speaker)
    db.session.flush()
    return speakers


def _agenda(event: Event, rooms: list[Room], tracks: list[Track], speakers: list[Speaker]) -> None:
    tz = ZoneInfo(event.timezone)
    for day, start, minutes, room, kind, track, title_en, title_es, lang, people in data.AGENDA:
        hour, minute = map(int, start.split(":"))
        starts = datetime.combine(event.start_date + timedelta(days=day), time(hour, minute), tz)
        session = AgendaSession(
            event_id=event.id,
            title_en=title_en,
            title_es=title_es,
            kind=SessionKind(kind),
            starts_at=starts,
            ends_at=starts + timedelta(minutes=minutes),
            room_id=rooms[room].id if room is not None else None,
            track_id=tracks[track].id if track is not None else None,
            language=SessionLanguage(lang),
            is_published=True,
            capacity=30 if kind == "workshop" else None,
        )
        session.speaker_links = [
            SessionSpeaker(speaker_id=speakers[s].id, role=SpeakerRole(role), position=p)
            for p, (s, role) in enumerate(people)
        ]
        db.session.add(session)
