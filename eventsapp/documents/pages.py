"""Page geometry, paragraph styles and the "page X of Y" canvas shared by every PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO, TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from eventsapp.fonts import ITALIC, REGULAR, draw_string, markup, register_fonts, string_width

PAGE_SIZES = {"letter": LETTER, "a4": A4}
MARGIN = 18 * mm
FOOTER_Y = 10 * mm
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#bbbbbb")

# A TableStyle command on a cell range: (opcode, (col, row) from, (col, row) to, *arguments),
# as reportlab's stubs take it (a list literal of mixed commands infers no such type).
TableCommand: TypeAlias = tuple[str, tuple[int, int], tuple[int, int], *tuple[Any, ...]]


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
    """User text drawn as text: escaped before reportlab reads its mini-markup, in display
    order (right-to-left scripts) and with each run in a font that has its glyphs."""
    chosen = styles()[style]
    return Paragraph(markup(text or "", chosen.fontName), chosen)


def paragraphs(text: str, style: str = "body") -> list[Paragraph]:
    """One Paragraph per blank-line-separated block (single newlines kept as breaks)."""
    chosen = styles()[style]
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [
        Paragraph("<br/>".join(markup(line, chosen.fontName) for line in block.split("\n")), chosen)
        for block in blocks
        if block
    ]


DEFAULT_AUTHOR = "Event organizers"


@dataclass
class Part:
    """One document of a batch (one letter, one certificate): its story and its footer
    ("Page {page} of {pages}" in that document's language); it starts on a new page and
    its pages are numbered from 1."""

    story: list[Any]
    footer: str
    lang: str = "en"


class PartStart(Flowable):
    """An invisible marker at the head of each part: pages drawn after it belong to it."""

    def __init__(self, doc: NumberedDocTemplate, index: int) -> None:
        super().__init__()
        self.doc, self.index = doc, index

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.doc.start_part(self.index)


class PageCount(Flowable):
    """An invisible indexing flowable: ``multiBuild`` repeats until the page counts of
    one pass equal the previous one's, so every footer can say "page X of Y"."""

    def __init__(self, doc: NumberedDocTemplate) -> None:
        super().__init__()
        self.doc = doc
        self.previous: dict[int, int] | None = None
        self.current: dict[int, int] | None = None

    def isIndexing(self) -> int:  # noqa: N802 (reportlab API)
        return 1

    def isSatisfied(self) -> bool:  # noqa: N802 (reportlab API)
        return self.previous == self.current

    def beforeBuild(self) -> None:  # noqa: N802 (reportlab API)
        self.previous = self.current

    def afterBuild(self) -> None:  # noqa: N802 (reportlab API)
        self.current = dict(self.doc.part_pages)
        self.doc.total_pages = dict(self.current)

    def notify(self, kind: str, stuff: Any) -> None:
        pass

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class NumberedDocTemplate(BaseDocTemplate):
    """A document on Letter or A4 whose every page carries its part's footer ("Page {page}
    of {pages}", counted within the part). Subclasses add page templates with
    ``onPageEnd=self.draw_footer``. The metadata says title, author (the organisation),
    subject and language; every font is embedded (the canvas starts in DejaVu Sans, so
    not even an unused Helvetica is referenced)."""

    def __init__(
        self,
        buffer: BinaryIO,
        *,
        paper: str,
        footer: str,
        title: str = "",
        author: str = DEFAULT_AUTHOR,
        subject: str = "",
        lang: str = "en",
    ) -> None:
        register_fonts()
        self.pagesize_ = PAGE_SIZES[paper]
        super().__init__(
            buffer,
            pagesize=self.pagesize_,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=author or DEFAULT_AUTHOR,
            subject=subject or title,
            creator="eventsapp",
            lang=lang,
            initialFontName=REGULAR,
        )
        self.footers = [footer]
        self.total_pages: dict[int, int] = {}
        self.part_pages: dict[int, int] = {}
        self.part, self.part_first_page = 0, 1
        self.content_width = self.pagesize_[0] - 2 * MARGIN

    def start_part(self, index: int) -> None:
        self.part, self.part_first_page = index, self.page

    def handle_documentBegin(self) -> None:  # noqa: N802 (reportlab API)
        self.part_pages, self.part, self.part_first_page = {}, 0, 1
        super().handle_documentBegin()

    def body_frame(self) -> Frame:
        width, height = self.pagesize_
        return Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="body")

    def page_in_part(self) -> int:
        return self.page - self.part_first_page + 1

    def draw_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """At the end of each page: the page number within its part, in its language."""
        page = self.page_in_part()
        self.part_pages[self.part] = page
        regular, _bold = register_fonts()
        total = self.total_pages.get(self.part)
        text = self.footers[self.part].format(page=page, pages=total or "…")
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        width = string_width(text, regular, 8)
        draw_string(canvas, (self.pagesize_[0] - width) / 2, FOOTER_Y, text, regular, 8)
        canvas.restoreState()

    def render(self, story: list[Any]) -> None:
        self.multiBuild([PageCount(self), *story])

    def render_parts(self, parts: list[Part]) -> None:
        self.footers = [part.footer for part in parts] or self.footers
        story: list[Any] = [PageCount(self)]
        for index, part in enumerate(parts):
            if index:
                story.append(PageBreak())
            story += [PartStart(self, index), *part.story]
        self.multiBuild(story)


def render_pdf(
    story: list[Any],
    *,
    paper: str,
    footer: str,
    title: str = "",
    author: str = DEFAULT_AUTHOR,
    subject: str = "",
    lang: str = "en",
) -> bytes:
    """A simple numbered document: one frame per page, the footer on each."""
    return render_batch(
        [Part(story, footer, lang)],
        paper=paper,
        title=title,
        author=author,
        subject=subject,
        lang=lang,
    )


def render_batch(
    parts: list[Part],
    *,
    paper: str,
    title: str = "",
    author: str = DEFAULT_AUTHOR,
    subject: str = "",
    lang: str | None = None,
) -> bytes:
    """Several documents in one PDF (a batch of letters): each starts on a new page and is
    numbered on its own, its footer in its own language. The PDF's /Lang is ``lang`` or
    the first part's."""
    buffer = io.BytesIO()
    first = parts[0] if parts else Part([], "{page}/{pages}")
    doc = NumberedDocTemplate(
        buffer,
        paper=paper,
        footer=first.footer,
        title=title,
        author=author,
        subject=subject,
        lang=lang or first.lang,
    )
    doc.addPageTemplates([PageTemplate("body", [doc.body_frame()], onPageEnd=doc.draw_footer)])
    doc.render_parts(parts or [first])
    return buffer.getvalue()
