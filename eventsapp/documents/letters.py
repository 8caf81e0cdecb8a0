"""Renderers for one person's documents: personal agenda, visa letter, certificate.

Each takes plain dataclasses (see data.py) and returns PDF bytes; many letters or
certificates go into one PDF, one per page (or more when a list is long)."""

from __future__ import annotations

import io
from functools import cache
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from eventsapp.documents.data import Letterhead, PersonalAgenda, VisaLetter
from eventsapp.documents.pages import (
    RULE,
    Part,
    TableCommand,
    para,
    paragraphs,
    render_batch,
    render_pdf,
    styles,
)
from eventsapp.documents.qr import QrCode

NO_PADDING: list[TableCommand] = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]
GRID: list[TableCommand] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ("LEFTPADDING", (0, 0), (0, -1), 0),
]


@cache
def _right_style() -> ParagraphStyle:
    return ParagraphStyle("right", styles()["body"], alignment=TA_RIGHT)


def right(text: str) -> Paragraph:
    return Paragraph(escape(text or ""), _right_style())


def styled(text: str, style: ParagraphStyle) -> Paragraph:
    """User text in ``style``, escaped before reportlab reads its mini-markup."""
    return Paragraph(escape(text or ""), style)


def image(
    data: bytes | None,
    width: float,
    height: float,
    align: Literal["LEFT", "CENTER", "RIGHT"] = "LEFT",
) -> Image | None:
    """An uploaded image (bytes) scaled into width x height, or None."""
    if not data:
        return None
    return Image(io.BytesIO(data), width, height, kind="proportional", hAlign=align)


def _letterhead(head: Letterhead) -> list[Any]:
    color = colors.HexColor(head.color) if head.color else RULE
    text = [para(head.title, "h2")] + [para(line, "muted") for line in head.lines if line]
    logo = image(head.logo, 30 * mm, 18 * mm)
    if logo is not None:
        block = Table([[logo, text]], colWidths=[34 * mm, None], hAlign="LEFT")
        block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *NO_PADDING]))
        story: list[Any] = [block]
    else:
        story = text
    return [*story, HRFlowable(width="100%", thickness=1.2, color=color), Spacer(1, 6 * mm)]


def _table(header: tuple[str, ...], rows: list[list[str]], widths: list[float]) -> Table:
    data = [[para(h, "bold") for h in header]] + [[para(c, "small") for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(GRID))
    return table


def _signature(name: str, title: str, signature: bytes | None = None) -> list[Any]:
    drawn = image(signature, 50 * mm, 16 * mm)
    mark = drawn if drawn is not None else Spacer(1, 16 * mm)
    rule = HRFlowable(width=60 * mm, thickness=0.5, color=colors.black, hAlign="LEFT")
    return [KeepTogether([Spacer(1, 4 * mm), mark, rule, para(name, "bold"), para(title, "muted")])]


def _verification(url: str, text: str) -> Table:
    """The QR code of the verification link beside the sentence that gives it."""
    table = Table([[QrCode(url, 22 * mm), para(text, "muted")]], colWidths=[26 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *NO_PADDING]))
    return table


def render_personal_agenda(agenda: PersonalAgenda, paper: str = "letter") -> bytes:
    story: list[Any] = [
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


def _visa_story(letter: VisaLetter) -> list[Any]:
    story = _letterhead(letter.letterhead)
    story += [right(letter.date), right(letter.reference_label), Spacer(1, 4 * mm)]
    story += [para(line) for line in letter.addressee]
    story += [Spacer(1, 4 * mm), para(letter.subject, "bold"), Spacer(1, 3 * mm)]
    story += [para(letter.salutation), Spacer(1, 2 * mm)]
    for text in letter.body:
        story += paragraphs(text)
        story.append(Spacer(1, 2 * mm))
    details = Table(
        [[para(label, "bold"), para(value)] for label, value in letter.details],
        colWidths=[52 * mm, None],
        hAlign="LEFT",
    )
    details.setStyle(TableStyle(GRID))
    story += [details, Spacer(1, 4 * mm), para(letter.closing)]
    story += _signature(letter.signatory_name, letter.signatory_title, letter.signature)
    if letter.verify_url:
        story += [Spacer(1, 5 * mm), _verification(letter.verify_url, letter.reference_line)]
    return story


def render_visa_letters(
    letters: list[VisaLetter],
    paper: str = "letter",
    skipped: tuple[str, list[tuple[str, str]]] | None = None,
) -> bytes:
    """Each letter numbered on its own, its footer in its own language (pages.render_batch).
    ``skipped``: (heading, [(name, reason)]) printed on a last page for the organizer when a
    run left people out."""
    parts = [Part(_visa_story(letter), letter.page_of, letter.lang) for letter in letters]
    if skipped and skipped[1]:
        story = [para(skipped[0], "h2")]
        story += [para(f"{name}: {reason}") for name, reason in skipped[1]]
        parts.append(Part(story, "{page}/{pages}"))
    return render_batch(parts, paper=paper, title=letters[0].subject if letters else "")
