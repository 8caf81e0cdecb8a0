"""Helpers for the documents tests: PDF text, and a small summit with everything in it."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

from eventsapp.agenda.models import (
    AgendaSession,
    SessionKind,
    SessionSpeaker,
    SignupStatus,
    Speaker,
    SpeakerRole,
    WorkshopSignup,
)
from eventsapp.checkin.models import SessionAttendance
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import Registration
from tests.factories import make_person, make_room, make_session, make_speaker, make_track


def pdf_pages(data: bytes) -> list[str]:
    assert data[:5] == b"%PDF-", data[:200]
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


FOOTER = re.compile(r"^\s*(Page|Página) \d+ (of|de) \d+.*$", re.MULTILINE)


def pdf_text(data: bytes) -> str:
    """All text, footers left out and line breaks folded to spaces, so that a title that
    wraps (or flows onto the next page) reads as one string."""
    return " ".join(FOOTER.sub("", "\n".join(pdf_pages(data))).split())


def outline_titles(data: bytes) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(io.BytesIO(data)).outline)
    return titles


def link(session: AgendaSession, speaker: Speaker, role=SpeakerRole.SPEAKER, position=0):
    db.session.add(
        SessionSpeaker(session_id=session.id, speaker_id=speaker.id, role=role, position=position)
    )
    db.session.commit()


def signup(session, registration: Registration, status=SignupStatus.CONFIRMED):
    db.session.add(
        WorkshopSignup(
            session_id=session.id,
            registration_id=registration.id,
            status=status,
            waitlist_position=1 if status is SignupStatus.WAITLISTED else None,
        )
    )
    db.session.commit()


def attended(session, registration: Registration):
    db.session.add(SessionAttendance(session_id=session.id, registration_id=registration.id))
    db.session.commit()


@dataclass
class Summit:
    event: Event
    plenary: AgendaSession
    workshop: AgendaSession
    lunch: AgendaSession
    draft: AgendaSession
    speaker: Speaker
    moderator: Speaker
    draft_speaker: Speaker


def summit(event: Event) -> Summit:
    """Two days: a plenary, a workshop, lunch, and a draft session with its own speaker."""
    event.welcome_en = "Welcome to San Diego."
    event.welcome_es = "Bienvenidos a San Diego."
    event.partners = "Fundación Ñandú\nDepartment of Justice\n"
    event.signatory_name = "Íñigo Saldaña"
    event.signatory_title = "Executive Director"
    db.session.commit()
    hall = make_room(event, "Salón Cortés")
    studio = make_room(event, "Studio B")
    track = make_track(event, "Money laundering", "Lavado de dinero")
    plenary = make_session(
        event,
        hour=9,
        room=hall,
        kind=SessionKind.PLENARY,
        title_en="Opening plenary on cross-border cooperation",
        title_es="Plenaria inaugural sobre cooperación transfronteriza",
        cle_hours=1,
    )
    workshop = make_session(
        event,
        day=1,
        hour=10,
        minutes=90,
        room=studio,
        track_id=track.id,
        kind=SessionKind.WORKSHOP,
        title_en="Tracing illicit financial flows",
        title_es="Rastreo de flujos financieros ilícitos",
        cle_hours=1.5,
    )
    lunch = make_session(
        event, hour=12, room=hall, kind=SessionKind.MEAL, title_en="Lunch", title_es="Almuerzo"
    )
    draft = make_session(
        event, day=1, hour=15, published=False, title_en="Secret draft panel", title_es="Borrador"
    )
    speaker = make_speaker(
        event,
        make_person(given_name="José Ángel", family_name="Muñoz Peña", honorific="Lic."),
        affiliation="Fiscalía General",
        bio_en="Prosecutor in Sonora.",
        bio_es="Fiscal en Sonora.",
    )
    moderator = make_speaker(
        event, make_person(given_name="Zoë", family_name="Brontë"), bio_en="Judge.", bio_es="Jueza."
    )
    draft_speaker = make_speaker(
        event, make_person(given_name="Hidden", family_name="Person"), bio_en="Secret."
    )
    link(plenary, speaker)
    link(plenary, moderator, SpeakerRole.MODERATOR, 1)
    link(workshop, speaker)
    link(draft, draft_speaker)
    return Summit(event, plenary, workshop, lunch, draft, speaker, moderator, draft_speaker)
