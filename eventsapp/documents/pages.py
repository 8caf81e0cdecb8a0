"""Page geometry, paragraph styles and the "page X of Y" canvas shared by every PDF."""

from __future__ import annotations

import io
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from eventsapp.fonts import ITALIC, register_fonts

PAGE_SIZES = {"letter": LETTER, "a4": A4}
MARGIN = 18 * mm
FOOTER_Y = 10 * mm
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#bbbbbb")


@cache
def styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=11),
        "muted": ParagraphStyle("muted", base, fontSize=8.5, leading=11, textColor=MUTED),
        "italic": ParagraphStyle("italic", base, fontName=ITALIC, textColor=MUTED),
        "bold": ParagraphStyle("bold", base, fontName=bold),
        "h1": ParagraphStyle(
            "h1", base, fontName=bold, fontSize=17, leading=21, spaceBefore=4, spaceAfter=10
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=bold, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=5
        ),
        "h3": ParagraphStyle("h3", base, fontName=bold, fontSize=10.5, leading=13, spaceBefore=6),
        "cover_title": ParagraphStyle(
            "cover_title",
            base,
            fontName=bold,
            fontSize=26,
            leading=32,
            alignment=TA_CENTER,
            spaceAfter=12,
        ),
        "cover": ParagraphStyle(
            "cover", base, fontSize=14, leading=19, alignment=TA_CENTER, spaceAfter=6
        ),
        "toc0": ParagraphStyle("toc0", base, fontName=bold, fontSize=10.5, leading=15),
        "toc1": ParagraphStyle("toc1", base, fontSize=9.5, leading=13, leftIndent=12),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """User text drawn as text: escaped before reportlab reads its mini-markup."""
    return Paragraph(escape(text or ""), styles()[style])


def paragraphs(text: str, style: str = "body") -> list[Paragraph]:
    """One Paragraph per blank-line-separated block (single newlines kept as breaks)."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [
        Paragraph(escape(block).replace("\n", "<br/>"), styles()[style])
        for block in blocks
        if block
    ]


class PageCount(Flowable):
    """An invisible indexing flowable: ``multiBuild`` repeats until the page count of
    one pass equals the previous one, so every footer can say "page X of Y"."""

    def __init__(self, doc: NumberedDocTemplate):
        super().__init__()
        self.doc = doc
        self.previous: int | None = None
        self.current: int | None = None

    def isIndexing(self):  # noqa: N802 (reportlab API)
        return 1

    def isSatisfied(self):  # noqa: N802 (reportlab API)
        return self.previous == self.current

    def beforeBuild(self):  # noqa: N802 (reportlab API)
        self.previous = self.current

    def afterBuild(self):  # noqa: N802 (reportlab API)
        self.current = self.doc.page
        self.doc.total_pages = self.current

    def notify(self, kind, stuff):
        pass

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


class NumberedDocTemplate(BaseDocTemplate):
    """A document on Letter or A4 whose every page carries ``footer`` ("Page {page} of
    {pages}"). Subclasses add page templates with ``onPage=self.draw_footer``."""

    def __init__(self, buffer, *, paper: str, footer: str, title: str = ""):
        self.pagesize_ = PAGE_SIZES[paper]
        super().__init__(
            buffer,
            pagesize=self.pagesize_,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            creator="eventsapp",
        )
        self.footer = footer
        self.total_pages: int | None = None
        self.content_width = self.pagesize_[0] - 2 * MARGIN

    def body_frame(self) -> Frame:
        width, height = self.pagesize_
        return Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="body")

    def draw_footer(self, canvas, doc) -> None:
        regular, _bold = register_fonts()
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        text = self.footer.format(page=doc.page, pages=self.total_pages or "…")
        canvas.drawCentredString(self.pagesize_[0] / 2, FOOTER_Y, text)
        canvas.restoreState()

    def render(self, story: list) -> None:
        self.multiBuild([PageCount(self), *story])


def render_pdf(story: list, *, paper: str, footer: str, title: str = "") -> bytes:
    """A simple numbered document: one frame per page, the footer on each."""
    buffer = io.BytesIO()
    doc = NumberedDocTemplate(buffer, paper=paper, footer=footer, title=title)
    doc.addPageTemplates([PageTemplate("body", [doc.body_frame()], onPage=doc.draw_footer)])
    doc.render(story)
    return buffer.getvalue()
