"""Certificates of attendance as PDF: landscape, a double border in the brand's colours,
the name large, the attended sessions with their hours, then the verification code, the
signature and the serial number along the bottom. One certificate per page (a long list of
sessions continues on a second bordered page)."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from eventsapp.documents.data import Certificate
from eventsapp.documents.letters import NO_PADDING, image, styled
from eventsapp.documents.pages import PAGE_SIZES, RULE, styles
from eventsapp.documents.qr import QrCode
from eventsapp.events.branding import DEFAULT_ACCENT, DEFAULT_PRIMARY
from eventsapp.fonts import ITALIC, register_fonts

BORDER = 9 * mm
MARGIN = 20 * mm
TABLE_WIDTH = 215 * mm


def _styles(primary: Color, accent: Color) -> dict[str, ParagraphStyle]:
    _regular, bold = register_fonts()
    base = styles()["body"]
    centred = ParagraphStyle("c", base, alignment=TA_CENTER)
    return {
        "org": ParagraphStyle("org", centred, fontName=bold, fontSize=11, textColor=accent),
        "heading": ParagraphStyle(
            "heading", centred, fontName=bold, fontSize=26, leading=32, textColor=primary
        ),
        "lead": ParagraphStyle("lead", centred, fontName=ITALIC, fontSize=12, leading=16),
        "name": ParagraphStyle("name", centred, fontName=bold, fontSize=30, leading=36),
        "statement": ParagraphStyle("statement", centred, fontSize=12, leading=16),
        "note": ParagraphStyle("note", centred, fontSize=8.5, leading=11, textColor=colors.grey),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=11),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=bold, fontSize=9, leading=11),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10),
        "small_right": ParagraphStyle(
            "small_right", base, fontSize=8, leading=10, alignment=TA_RIGHT
        ),
        "sign": ParagraphStyle("sign", centred, fontName=bold, fontSize=10, leading=12),
        "sign_title": ParagraphStyle("sign_title", centred, fontSize=8.5, leading=11),
    }


class AtBottom(Flowable):
    """``content`` at the foot of the frame: it takes the height left on the page (or, when
    that is too little, moves to the next page as it is)."""

    def __init__(self, content: Flowable) -> None:
        super().__init__()
        self.content = content

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _width, height = self.content.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, max(height, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)


def _colour(value: str, default: str) -> Color:
    return colors.HexColor(value or default)


def _sessions(cert: Certificate, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    if not cert.lines:
        return [styled(cert.empty_text, st["note"])]
    header = [styled(h, st["cell_bold"]) for h in cert.columns]
    rows: list[list[Paragraph | str]] = [
        [
            styled(c.date, st["cell"]),
            styled(c.title, st["cell"]),
            styled(c.hours, st["cell"]),
            styled(c.cle_hours, st["cell"]),
        ]
        for c in cert.lines
    ]
    label, hours, cle = cert.totals
    rows.append(
        [
            styled(label, st["cell_bold"]),
            "",
            styled(hours, st["cell_bold"]),
            styled(cle, st["cell_bold"]),
        ]
    )
    table = Table(
        [header, *rows], colWidths=[32 * mm, width - 82 * mm, 22 * mm, 28 * mm], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [table]


def _footer(cert: Certificate, st: dict[str, ParagraphStyle], width: float) -> Table:
    verify = Table(
        [[QrCode(cert.verify_url, 24 * mm), styled(cert.reference_line, st["small"])]],
        colWidths=[27 * mm, 62 * mm],
    )
    verify.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *NO_PADDING]))
    drawn = image(cert.signature, 55 * mm, 16 * mm, "CENTER")
    signature = [
        drawn if drawn is not None else Spacer(1, 16 * mm),
        HRFlowable(width=65 * mm, thickness=0.5, color=colors.black, hAlign="CENTER"),
        styled(cert.signatory_name, st["sign"]),
        styled(cert.signatory_title, st["sign_title"]),
    ]
    serial = [
        styled(cert.serial_label, st["small_right"]),
        styled(cert.issued_label, st["small_right"]),
    ]
    side = (width - 76 * mm) / 2
    table = Table([[verify, signature, serial]], colWidths=[side, 76 * mm, side])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *NO_PADDING]))
    return table


def _story(cert: Certificate, width: float) -> list[Any]:
    primary = _colour(cert.color, DEFAULT_PRIMARY)
    accent = _colour(cert.accent, DEFAULT_ACCENT)
    st = _styles(primary, accent)
    story: list[Any] = []
    logo = image(cert.logo, 40 * mm, 16 * mm, "CENTER")
    if logo is not None:
        story += [logo, Spacer(1, 2 * mm)]
    story += [
        styled(cert.organisation, st["org"]),
        Spacer(1, 3 * mm),
        styled(cert.heading.upper(), st["heading"]),
        Spacer(1, 3 * mm),
        styled(cert.lead, st["lead"]),
        Spacer(1, 2 * mm),
        styled(cert.name, st["name"]),
        HRFlowable(width="55%", thickness=0.8, color=accent, hAlign="CENTER", spaceAfter=3 * mm),
        styled(cert.statement, st["statement"]),
        Spacer(1, 5 * mm),
        *_sessions(cert, st, min(width, TABLE_WIDTH)),
    ]
    if cert.cle_note:
        story += [Spacer(1, 2 * mm), styled(cert.cle_note, st["note"])]
    story += [Spacer(1, 1 * mm), styled(cert.source_note, st["note"])]
    return [*story, AtBottom(_footer(cert, st, width))]


def render_certificates(certificates: list[Certificate], paper: str = "letter") -> bytes:
    size = landscape(PAGE_SIZES[paper])
    first = certificates[0] if certificates else None
    primary = _colour(first.color if first else "", DEFAULT_PRIMARY)
    accent = _colour(first.accent if first else "", DEFAULT_ACCENT)

    def border(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = size
        canvas.saveState()
        canvas.setStrokeColor(primary)
        canvas.setLineWidth(2.2)
        canvas.rect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER)
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(0.7)
        inset = BORDER + 2.5 * mm
        canvas.rect(inset, inset, width - 2 * inset, height - 2 * inset)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN - 4 * mm,
        bottomMargin=MARGIN - 4 * mm,
        title=first.heading if first else "",
        author=first.organisation if first else "",
        subject=first.heading if first else "",
        lang=first.lang if first else "en",
        creator="eventsapp",
    )
    body = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("certificate", [body], onPage=border)])
    story: list[Any] = []
    for i, cert in enumerate(certificates):
        if i:
            story.append(PageBreak())
        story += _story(cert, doc.width)
    doc.build(story)
    return buffer.getvalue()
