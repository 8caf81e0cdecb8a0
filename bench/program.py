"""Benchmark: the program booklet for 3 days, 120 sessions, 150 speaker bios and 1,000
participants, in both languages, a quarter of the names in Arabic, Hebrew, Devanagari or
CJK (the font fallback on). Prints the time and the page count; asserts nothing.

    .venv/bin/python bench/program.py [--paper letter|a4] [--db] [-o booklet.pdf]

Without ``--db`` the booklet is built from plain dataclasses (the renderer alone); with
``--db`` the same volume is loaded into a temporary SQLite database and the whole path
(queries + renderer) is timed as well. Baseline target: at most 2 s on 2 cores.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# bench/http.py would shadow the standard library's http package: keep bench/ off the path.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
sys.path.insert(0, os.path.dirname(HERE))

from eventsapp.documents.booklet import render_booklet  # noqa: E402
from eventsapp.documents.data import (  # noqa: E402
    AgendaDay,
    Booklet,
    BookletLabels,
    Participant,
    ParticipantGroup,
    SessionEntry,
    SpeakerBio,
)

TARGET_SECONDS = 2.0
DAYS, SESSIONS, SPEAKERS, PARTICIPANTS, DELEGATIONS = 3, 120, 150, 1000, 50
BIO_EN = (
    "Served as a prosecutor for twelve years, leading cross-border investigations into "
    "human trafficking and money laundering networks. "
)
BIO_ES = (
    "Fue fiscal durante doce años y dirigió investigaciones transfronterizas sobre redes "
    "de trata de personas y lavado de dinero. "
)


# With the font fallback on: one speaker and participant in four has a name in Arabic,
# Hebrew, Devanagari or CJK (other fonts of the chain, right-to-left reordering).
SCRIPT_NAMES = ["لطيفة السلامي", "שרה כהן", "अनीता शर्मा", "王小明", "김민준"]


def _name(i: int, latin: str) -> str:
    return f"{SCRIPT_NAMES[i // 4 % len(SCRIPT_NAMES)]} {i}" if i % 4 == 3 else latin


def sample_booklet(paper: str = "letter") -> Booklet:
    speakers = [
        SpeakerBio(
            name=_name(i, f"María José Núñez {i}"),
            affiliation="Procuraduría General de Justicia",
            bio=(BIO_EN * (2 + i % 5), BIO_ES * (2 + i % 5)),
        )
        for i in range(SPEAKERS)
    ]
    per_day = SESSIONS // DAYS
    days = []
    for d in range(DAYS):
        entries = []
        for s in range(per_day):
            n = d * per_day + s
            is_break = s % 8 == 7
            names = ", ".join(speakers[(n * 3 + k) % SPEAKERS].name for k in range(3))
            entries.append(
                SessionEntry(
                    time=f"{8 + s // 4:02d}:{(s % 4) * 15:02d} – {9 + s // 4:02d}:00",
                    room=f"Salón {1 + s % 6}",
                    title=(f"Session {n}: cooperation", f"Sesión {n}: cooperación"),
                    track=() if is_break else ("Trafficking", "Trata de personas"),
                    people=() if is_break else (f"Speakers: {names}", f"Ponentes: {names}"),
                    is_break=is_break,
                )
            )
        days.append(AgendaDay((f"Day {d + 1}", f"Día {d + 1}"), entries))
    per_group = PARTICIPANTS // DELEGATIONS
    groups = [
        ParticipantGroup(
            (f"Jurisdicción {g:02d}", f"Jurisdicción {g:02d}"),
            [
                Participant(
                    _name(p, f"Hon. Ana Pérez {g}-{p}"),
                    "Attorney General, Office of the Attorney General",
                    ("Head of delegation", "Jefe de delegación") if p == 0 else (),
                )
                for p in range(per_group)
            ],
        )
        for g in range(DELEGATIONS)
    ]
    return Booklet(
        languages=("en", "es"),
        paper=paper,
        title=("Western Attorneys General Summit", "Cumbre de Procuradores Generales"),
        dates=("March 9 – 11, 2027", "9–11 de marzo de 2027"),
        venue="Convention Center, San Diego",
        labels=BookletLabels(
            contents=("Contents", "Contenido"),
            welcome=("Welcome", "Bienvenida"),
            agenda=("Agenda", "Programa"),
            speakers=("Speakers", "Ponentes"),
            participants=("Participants", "Participantes"),
            partners=("Partners and co-hosts", "Socios y coanfitriones"),
            page_of=("Page {page} of {pages}", "Página {page} de {pages}"),
        ),
        welcome=("Welcome to the summit.\n\nWe are glad.", "Bienvenidos a la cumbre."),
        days=days,
        speakers=speakers,
        participant_groups=groups,
        partners=["Fundación Ñandú", "Department of Justice"],
    )


def page_count(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:  # runtime-only install: count page objects instead
        return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")
    return len(PdfReader(io.BytesIO(pdf)).pages)


def time_dataclasses(paper: str) -> tuple[float, bytes]:
    booklet = sample_booklet(paper)
    render_booklet(sample_booklet(paper))  # warm-up: fonts, imports
    start = time.perf_counter()
    pdf = render_booklet(booklet)
    return time.perf_counter() - start, pdf


def load_database(db) -> str:
    """The same volume as ``sample_booklet`` in the database; returns the event slug."""
    from datetime import UTC, date, datetime, timedelta

    from eventsapp.agenda.models import AgendaSession, SessionKind, SessionSpeaker, Speaker
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
    from eventsapp.registration.models import Person, Registration, RegistrationStatus

    event = Event(
        slug="bench",
        kind=EventKind.SUMMIT,
        title_en="Western Attorneys General Summit",
        title_es="Cumbre de Procuradores Generales",
        start_date=date(2027, 3, 9),
        end_date=date(2027, 3, 11),
        timezone="America/Los_Angeles",
        status=EventStatus.PUBLISHED,
        welcome_en="Welcome.",
        welcome_es="Bienvenidos.",
        partners="Fundación Ñandú\nDepartment of Justice",
    )
    db.session.add(event)
    db.session.flush()
    rooms = [Room(event_id=event.id, name=f"Salón {i}", position=i) for i in range(6)]
    track = Track(event_id=event.id, name_en="Trafficking", name_es="Trata de personas")
    db.session.add_all([*rooms, track])
    people = [
        Person(
            event_id=event.id,
            given_name=f"Ana {i}",
            family_name=f"Pérez {i}",
            email=f"p{i}@example.org",
            position="Attorney General",
        )
        for i in range(PARTICIPANTS + SPEAKERS)
    ]
    db.session.add_all(people)
    db.session.flush()
    speakers = [
        Speaker(
            event_id=event.id,
            person_id=people[PARTICIPANTS + i].id,
            affiliation="Procuraduría",
            bio_en=BIO_EN * (2 + i % 5),
            bio_es=BIO_ES * (2 + i % 5),
        )
        for i in range(SPEAKERS)
    ]
    db.session.add_all(speakers)
    delegations = []
    for g in range(DELEGATIONS):
        jurisdiction = Jurisdiction(
            name=f"Jurisdicción {g:02d}", kind=JurisdictionKind.OTHER, country="México"
        )
        db.session.add(jurisdiction)
        db.session.flush()
        delegations.append(Delegation(event_id=event.id, jurisdiction_id=jurisdiction.id))
    db.session.add_all(delegations)
    db.session.flush()
    per_group = PARTICIPANTS // DELEGATIONS
    db.session.add_all(
        Registration(
            event_id=event.id,
            person_id=people[i].id,
            delegation_id=delegations[i // per_group].id,
            status=RegistrationStatus.CONFIRMED,
        )
        for i in range(PARTICIPANTS)
    )
    per_day = SESSIONS // DAYS
    for n in range(SESSIONS):
        day, slot = divmod(n, per_day)
        starts = datetime(2027, 3, 9 + day, 15, tzinfo=UTC) + timedelta(minutes=15 * slot)
        session = AgendaSession(
            event_id=event.id,
            title_en=f"Session {n}: cooperation",
            title_es=f"Sesión {n}: cooperación",
            starts_at=starts,
            ends_at=starts + timedelta(minutes=45),
            room_id=rooms[slot % 6].id,
            track_id=track.id,
            is_published=True,
            kind=SessionKind.BREAK if slot % 8 == 7 else SessionKind.PANEL,
        )
        db.session.add(session)
        db.session.flush()
        for k in range(3):
            speaker = speakers[(n * 3 + k) % SPEAKERS]
            db.session.add(SessionSpeaker(session_id=session.id, speaker_id=speaker.id, position=k))
    db.session.commit()
    return event.slug


def time_from_database(paper: str) -> tuple[float, float, bytes]:
    import tempfile

    from eventsapp import create_app
    from eventsapp.documents.queries import booklet_for
    from eventsapp.events.models import Event
    from eventsapp.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                "UPLOAD_FOLDER": folder,
                "TESTING": True,
            }
        )
        with app.app_context():
            db.create_all()
            slug = load_database(db)
            event = db.session.scalar(db.select(Event).where(Event.slug == slug))
            start = time.perf_counter()
            booklet = booklet_for(event, "both", paper)
            queried = time.perf_counter()
            pdf = render_booklet(booklet)
            done = time.perf_counter()
            db.session.remove()
            db.engine.dispose()
    return done - start, queried - start, pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paper", choices=("letter", "a4"), default="letter")
    parser.add_argument("--db", action="store_true", help="also time the path from SQLite")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    seconds, pdf = time_dataclasses(args.paper)
    print(
        f"booklet from dataclasses: {seconds:.2f} s, {page_count(pdf)} pages, "
        f"{len(pdf) / 1024:.0f} KiB (target ≤ {TARGET_SECONDS:.1f} s)"
    )
    if args.db:
        seconds, query_seconds, pdf = time_from_database(args.paper)
        print(
            f"booklet from SQLite:      {seconds:.2f} s ({query_seconds:.2f} s of queries), "
            f"{page_count(pdf)} pages"
        )
    if args.output:
        with open(args.output, "wb") as handle:
            handle.write(pdf)


if __name__ == "__main__":
    main()
