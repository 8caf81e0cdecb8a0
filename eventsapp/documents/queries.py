"""The program booklet's data, read from the database and turned into plain dataclasses."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from eventsapp import storage
from eventsapp.agenda.models import AgendaSession, SessionKind, SessionSpeaker, Speaker, SpeakerRole
from eventsapp.delegations.models import Delegation
from eventsapp.documents.data import (
    AgendaDay,
    Booklet,
    BookletLabels,
    Participant,
    ParticipantGroup,
    SessionEntry,
    SpeakerBio,
)
from eventsapp.documents.labels import languages_for, page_of, per_language, role_heading
from eventsapp.events.branding import branding_for
from eventsapp.events.models import Event, ProtocolOrder
from eventsapp.extensions import db
from eventsapp.i18n import fmt_date, fmt_date_range, fmt_time, localized
from eventsapp.registration.models import Person, Registration, RegistrationRole, RegistrationStatus

BREAK_KINDS = (SessionKind.BREAK, SessionKind.MEAL)
ROLE_ORDER = {role: i for i, role in enumerate(RegistrationRole)}


def plain(text: str) -> str:
    """For sorting: case and accents ignored (Álvarez sorts with the A's)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(person: Person) -> tuple[str, str]:
    return plain(person.family_name), plain(person.given_name)


def display_name(person: Person) -> str:
    return " ".join(p for p in (person.honorific, person.given_name, person.family_name) if p)


def venue_line(event: Event) -> str:
    parts = (event.venue_name, event.venue_address, event.venue_city, event.venue_country)
    return ", ".join(p for p in parts if p)


def published_sessions(event: Event) -> list[AgendaSession]:
    query = (
        db.select(AgendaSession)
        .where(AgendaSession.event_id == event.id, AgendaSession.is_published.is_(True))
        .options(
            selectinload(AgendaSession.room),
            selectinload(AgendaSession.track),
            selectinload(AgendaSession.speaker_links)
            .selectinload(SessionSpeaker.speaker)
            .selectinload(Speaker.person),
        )
        .order_by(AgendaSession.starts_at, AgendaSession.ends_at, AgendaSession.id)
    )
    return list(db.session.scalars(query))


def time_span(session: AgendaSession, tz: str, lang: str) -> str:
    return (
        f"{fmt_time(session.starts_at, tz, lang=lang)} – {fmt_time(session.ends_at, tz, lang=lang)}"
    )


def _people(session: AgendaSession, languages: tuple[str, ...]) -> tuple[str, ...]:
    by_role: dict[SpeakerRole, list[str]] = defaultdict(list)
    for link in session.speaker_links:
        by_role[link.role].append(display_name(link.speaker.person))
    if not by_role:
        return ()

    def line(lang: str) -> str:
        return " · ".join(
            f"{role_heading(role.value)}: {', '.join(names)}"
            for role in SpeakerRole
            if (names := by_role.get(role))
        )

    return per_language(languages, line)


def _days(
    event: Event, sessions: list[AgendaSession], languages: tuple[str, ...]
) -> list[AgendaDay]:
    zone = ZoneInfo(event.timezone)
    grouped: dict[date, list[AgendaSession]] = defaultdict(list)
    for session in sessions:
        grouped[session.starts_at.astimezone(zone).date()].append(session)
    days = []
    for day, items in sorted(grouped.items()):
        entries = [
            SessionEntry(
                time=time_span(s, event.timezone, languages[0]),
                room=s.room.name if s.room else "",
                title=per_language(languages, lambda lang, s=s: localized(s, "title", lang)),
                track=per_language(languages, lambda lang, s=s: localized(s.track, "name", lang))
                if s.track
                else (),
                people=_people(s, languages),
                is_break=s.kind in BREAK_KINDS,
            )
            for s in items
        ]
        heading = per_language(languages, lambda lang, d=day: fmt_date(d, "full", lang=lang))
        days.append(AgendaDay(heading, entries))
    return days


def _speakers(sessions: list[AgendaSession], languages: tuple[str, ...]) -> list[SpeakerBio]:
    speakers = {link.speaker.id: link.speaker for s in sessions for link in s.speaker_links}
    ordered = sorted(speakers.values(), key=lambda sp: name_key(sp.person))
    photos = storage.contents(sp.photo_filename for sp in ordered)
    return [
        SpeakerBio(
            name=display_name(sp.person),
            affiliation=sp.affiliation,
            bio=per_language(languages, lambda lang, sp=sp: localized(sp, "bio", lang))
            if (sp.bio_en or sp.bio_es)
            else (),
            photo=photos.get(sp.photo_filename or ""),
        )
        for sp in ordered
    ]


def _delegation_key(event: Event) -> Callable[[Delegation], tuple[bool, int, str]]:
    def key(delegation: Delegation) -> tuple[bool, int, str]:
        name = plain(delegation.name)
        if event.protocol_order is ProtocolOrder.MANUAL:
            position = delegation.protocol_position
            return (position is None, position or 0, name)
        return (False, 0, name)

    return key


def participant_groups(event: Event, languages: tuple[str, ...]) -> list[ParticipantGroup]:
    registrations = db.session.scalars(
        db.select(Registration)
        .where(
            Registration.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED
        )
        .options(
            selectinload(Registration.person).selectinload(Person.organization),
            selectinload(Registration.delegation).selectinload(Delegation.jurisdiction),
            selectinload(Registration.delegation).selectinload(Delegation.organization),
        )
    ).all()
    by_delegation: dict[int | None, list[Registration]] = defaultdict(list)
    delegations: dict[int, Delegation] = {}
    for registration in registrations:
        by_delegation[registration.delegation_id].append(registration)
        if registration.delegation is not None:
            delegations[registration.delegation.id] = registration.delegation
    head_note = per_language(languages, lambda lang: _("Head of delegation"))

    def members(items: list[Registration], head_id: int | None) -> list[Participant]:
        items = sorted(
            items,
            key=lambda r: (r.person_id != head_id, ROLE_ORDER[r.role], name_key(r.person)),
        )
        return [
            Participant(
                name=display_name(r.person),
                detail=", ".join(
                    p for p in (r.person.position, getattr(r.person.organization, "name", "")) if p
                ),
                note=head_note if head_id is not None and r.person_id == head_id else (),
            )
            for r in items
        ]

    groups = [
        ParticipantGroup((d.name,), members(by_delegation[d.id], d.head_person_id))
        for d in sorted(delegations.values(), key=_delegation_key(event))
    ]
    if by_delegation.get(None):
        others = per_language(languages, lambda lang: _("Other participants"))
        groups.append(ParticipantGroup(others, members(by_delegation[None], None)))
    return groups


def booklet_for(event: Event, lang: str = "en", paper: str = "letter") -> Booklet:
    languages = languages_for(lang)
    sessions = published_sessions(event)
    return Booklet(
        languages=languages,
        paper=paper,
        title=per_language(languages, lambda lg: localized(event, "title", lg)),
        dates=per_language(
            languages, lambda lg: fmt_date_range(event.start_date, event.end_date, lg)
        ),
        venue=venue_line(event),
        labels=BookletLabels(
            contents=per_language(languages, lambda lg: _("Contents")),
            welcome=per_language(languages, lambda lg: _("Welcome")),
            agenda=per_language(languages, lambda lg: _("Agenda")),
            speakers=per_language(languages, lambda lg: _("Speakers")),
            participants=per_language(languages, lambda lg: _("Participants")),
            partners=per_language(languages, lambda lg: _("Partners and co-hosts")),
            page_of=per_language(languages, lambda lg: page_of()),
        ),
        logo=branding_for(event).logo,
        welcome=per_language(languages, lambda lg: localized(event, "welcome", lg)),
        days=_days(event, sessions, languages),
        speakers=_speakers(sessions, languages),
        participant_groups=participant_groups(event, languages),
        partners=[line.strip() for line in event.partners.splitlines() if line.strip()],
    )
