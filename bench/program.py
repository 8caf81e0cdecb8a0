"""Benchmark: the program booklet for 3 days, 120 sessions, 150 speaker bios and 1,000
participants, in both languages. Prints the time and the page count; asserts nothing.

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

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

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


def sample_booklet(paper: str = "letter") -> Booklet:
    speakers = [
        SpeakerBio(
            name=f"María José Núñez {i}",
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
                    f"Hon. Ana Pérez {g}-{p}",
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
        from bench.program_db import time_from_database

        seconds, pdf = time_from_database(args.paper)
        print(f"booklet from SQLite:      {seconds:.2f} s, {page_count(pdf)} pages")
    if args.output:
        with open(args.output, "wb") as handle:
            handle.write(pdf)


if __name__ == "__main__":
    main()
