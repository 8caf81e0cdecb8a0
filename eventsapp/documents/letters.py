"""Renderers for one person's documents: personal agenda, visa letter, certificate.

Each takes plain dataclasses (see data.py) and returns PDF bytes; many letters or
certificates go into one PDF, one per page (or more when a list is long)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer, Table, TableStyle

from eventsapp.documents.data import Certificate, Letterhead, PersonalAgenda, VisaLetter
from eventsapp.documents.pages import RULE, Part, para, paragraphs, render_batch, render_pdf

GRID = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ("LEFTPADDING", (0, 0), (0, -1), 0),
]


def _letterhead(head: Letterhead) -> list:
    story: list = []
    if head.logo_path:
        story.append(Image(head.logo_path, 40 * mm, 20 * mm, kind="proportional", hAlign="LEFT"))
    story.append(para(head.title, "h2"))
    story += [para(line, "muted") for line in head.lines if line]
    return [*story, Spacer(1, 8 * mm)]


def _table(header: tuple[str, ...], rows: list[list[str]], widths: list[float]) -> Table:
    data = [[para(h, "bold") for h in header]] + [[para(c, "small") for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(GRID))
    return table


def _signature(name: str, title: str) -> list:
    return [Spacer(1, 14 * mm), para("_" * 34), para(name, "bold"), para(title, "muted")]


def render_personal_agenda(agenda: PersonalAgenda, paper: str = "letter") -> bytes:
    story: list = [
        para(agenda.heading, "h1"),
        para(agenda.event_title, "h2"),
        para(agenda.dates, "muted"),
        para(agenda.person_name, "bold"),
        Spacer(1, 5 * mm),
    ]
    if agenda.lines:
        rows = [
            [line.date, line.time, f"{line.title} ({line.kind})", line.room]
            for line in agenda.lines
        ]
        story.append(_table(agenda.columns, rows, [32 * mm, 28 * mm, 80 * mm, 34 * mm]))
    else:
        story.append(para(agenda.empty_text, "italic"))
    return render_pdf(story, paper=paper, footer=agenda.page_of, title=agenda.heading)


def _visa_story(letter: VisaLetter) -> list:
    story = _letterhead(letter.letterhead)
    story += [para(letter.date), Spacer(1, 5 * mm)]
    story += [para(line) for line in letter.addressee]
    story += [Spacer(1, 5 * mm), para(letter.subject, "bold"), Spacer(1, 4 * mm)]
    story.append(para(letter.salutation))
    story.append(Spacer(1, 3 * mm))
    for text in letter.body:
        story += paragraphs(text)
        story.append(Spacer(1, 2 * mm))
    details = Table(
        [[para(label, "bold"), para(value)] for label, value in letter.details],
        colWidths=[45 * mm, 110 * mm],
        hAlign="LEFT",
    )
    details.setStyle(TableStyle(GRID))
    story += [details, Spacer(1, 5 * mm), para(letter.closing)]
    return story + _signature(letter.signatory_name, letter.signatory_title)


def render_visa_letters(letters: list[VisaLetter], paper: str = "letter") -> bytes:
    # Each letter is numbered on its own, its footer in its own language (pages.render_batch).
    parts = [Part(_visa_story(letter), letter.page_of) for letter in letters]
    return render_batch(parts, paper=paper, title=letters[0].subject if letters else "")


def _certificate_story(cert: Certificate) -> list:
    story = _letterhead(cert.letterhead)
    story += [para(cert.heading, "h1"), *paragraphs(cert.statement), Spacer(1, 4 * mm)]
    if cert.lines:
        rows = [[c.date, c.title, c.hours, c.cle_hours] for c in cert.lines]
        rows.append(list(cert.totals[:1]) + [""] + list(cert.totals[1:]))
        table = _table(cert.columns, rows, [32 * mm, 90 * mm, 22 * mm, 30 * mm])
        story.append(table)
    else:
        story.append(para(cert.empty_text, "italic"))
    story += [Spacer(1, 4 * mm), para(cert.source_note, "italic")]
    return story + _signature(cert.signatory_name, cert.signatory_title)


def render_certificates(certificates: list[Certificate], paper: str = "letter") -> bytes:
    parts = [Part(_certificate_story(cert), cert.page_of) for cert in certificates]
    return render_batch(parts, paper=paper, title=certificates[0].heading if certificates else "")
