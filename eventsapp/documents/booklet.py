"""The program booklet renderer: a Booklet dataclass in, PDF bytes out (reportlab only)."""

from __future__ import annotations

import io
from contextlib import suppress
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from eventsapp.documents.data import Booklet, Text
from eventsapp.documents.pages import (
    DEFAULT_AUTHOR,
    MARGIN,
    MUTED,
    PAGE_SIZES,
    RULE,
    NumberedDocTemplate,
    TableCommand,
    para,
    paragraphs,
    styles,
)
from eventsapp.fonts import draw_string, markup, string_width

BREAK_BACKGROUND = colors.HexColor("#f0f0f0")
PHOTO_SIZE = 22 * mm
HEAD_GAP = 6 * mm  # the running head's baseline above the text frame
HEAD_LOGO_HEIGHT = 7 * mm
TIME_PADDING = (2, 6)  # left, right padding of the time column, points


def joined(text: Text, sep: str = " / ") -> str:
    return sep.join(dict.fromkeys(t for t in text if t))


class Heading(Paragraph):
    """A section heading that becomes a PDF bookmark (and a contents line when ``toc``)."""

    def __init__(self, text: str, style: str, level: int, key: str, toc: bool = True) -> None:
        super().__init__(markup(text, styles()[style].fontName), styles()[style])
        self.outline = (text, level, key, toc)


class BookletTemplate(NumberedDocTemplate):
    """The cover has no number; every other page a running head (event name, logo) and
    the numbered footer."""

    def __init__(self, buffer: BinaryIO, booklet: Booklet, author: str = DEFAULT_AUTHOR) -> None:
        super().__init__(
            buffer,
            paper=booklet.paper,
            footer=joined(booklet.labels.page_of, " · "),
            title=joined(booklet.title),
            author=author,
            subject=joined(booklet.dates),
            lang=booklet.languages[0] if booklet.languages else "en",
        )
        self.head_title = joined(booklet.title)
        # The branding's logo (bytes from eventsapp.storage), read once for every page.
        self.logo_path = ImageReader(io.BytesIO(booklet.logo)) if booklet.logo else None
        frame = self.body_frame()
        self.addPageTemplates(
            [
                PageTemplate("cover", frames=[frame], onPageEnd=self.count_page),
                PageTemplate(
                    "body", frames=[frame], onPage=self.draw_head, onPageEnd=self.draw_footer
                ),
            ]
        )

    def draw_head(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Above the text frame: the event's name at the left, the logo at the right, a
        rule under both, all inside the side margins."""
        width, height = self.pagesize_
        baseline = height - MARGIN + HEAD_GAP
        logo_width = 0.0
        canvas.saveState()
        if self.logo_path:
            logo_width = HEAD_LOGO_HEIGHT * 2.5
            with suppress(OSError):
                canvas.drawImage(
                    self.logo_path,
                    width - MARGIN - logo_width,
                    baseline - 1,
                    logo_width,
                    HEAD_LOGO_HEIGHT,
                    preserveAspectRatio=True,
                    anchor="e",
                    mask="auto",
                )
        regular, _bold = styles()["body"].fontName, None
        room = width - 2 * MARGIN - logo_width - 4 * mm
        size = 8.0
        title = self.head_title
        while size > 5 and string_width(title, regular, size) > room:
            size -= 0.5
        while title and string_width(title, regular, size) > room:
            title = title[:-2] + "…"
        canvas.setFont(regular, size)
        canvas.setFillColor(MUTED)
        draw_string(canvas, MARGIN, baseline, title, regular, size)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, baseline - 3, width - MARGIN, baseline - 3)
        canvas.restoreState()

    def count_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The cover: counted, but no number printed on it."""
        self.part_pages[self.part] = self.page_in_part()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab API)
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        text, level, key, toc = outline
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if toc:
            self.notify("TOCEntry", (level, markup(text), self.page, key))


class BookletBuilder:
    def __init__(self, booklet: Booklet) -> None:
        self.b = booklet
        self.width = PAGE_SIZES[booklet.paper][0] - 2 * MARGIN
        self.both = len(booklet.languages) > 1
        self._keys = 0

    def key(self) -> str:
        self._keys += 1
        return f"k{self._keys}"

    def heading(self, text: Text, style: str = "h1", level: int = 0, toc: bool = True) -> Heading:
        return Heading(joined(text), style, level, self.key(), toc)

    def side_by_side(self, cells: list[list[Any]]) -> list[Any]:
        """One column per language; rows split across pages, so long text is never cut."""
        if not self.both:
            return cells[0]
        table = Table([cells], colWidths=[self.width / 2] * 2, splitInRow=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                    ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE),
                ]
            )
        )
        return [table]

    @staticmethod
    def one_line(time: str) -> str:
        """A time range that never wraps: its spaces made non-breaking."""
        return " ".join(time.split()).replace(" ", "\u00a0")

    def time_lines(self, time: str, stack: bool) -> list[str]:
        if stack and " – " in " ".join(time.split()):
            start, end = " ".join(time.split()).split(" – ", 1)
            return [self.one_line(start + " –"), self.one_line(end)]
        return [self.one_line(time)]

    # Sections -------------------------------------------------------------------------
    def cover(self) -> list[Any]:
        story: list[Any] = [Spacer(1, 30 * mm)]
        if self.b.logo:
            story += [
                Image(io.BytesIO(self.b.logo), 60 * mm, 35 * mm, kind="proportional"),
                Spacer(1, 10 * mm),
            ]
        for title in dict.fromkeys(self.b.title):
            story.append(para(title, "cover_title"))
        story.append(Spacer(1, 6 * mm))
        for dates in dict.fromkeys(self.b.dates):
            story.append(para(dates, "cover"))
        if self.b.venue:
            story.append(para(self.b.venue, "cover"))
        return story + [NextPageTemplate("body"), PageBreak()]

    def contents(self) -> list[Any]:
        toc = TableOfContents(levelStyles=[styles()["toc0"], styles()["toc1"]], dotsMinLevel=0)
        return [Heading(joined(self.b.labels.contents), "h1", 0, self.key(), toc=False), toc]

    def welcome(self) -> list[Any]:
        if not any(t.strip() for t in self.b.welcome):
            return []
        cells = [paragraphs(text) for text in self.b.welcome]
        return [PageBreak(), self.heading(self.b.labels.welcome), *self.side_by_side(cells)]

    def agenda(self) -> list[Any]:
        days = [day for day in self.b.days if day.sessions]
        if not days:
            return []
        story: list[Any] = [PageBreak(), self.heading(self.b.labels.agenda)]
        n = len(self.b.languages)
        bold = styles()["bold"].fontName
        times = [self.one_line(e.time) for day in days for e in day.sessions]
        widest = max((string_width(t, bold, styles()["bold"].fontSize) for t in times), default=0)
        # wide enough for the longest time range on one line; if even that is over a third
        # of the width, the ranges are deliberately stacked (start, then "– end")
        time_width = min(max(24 * mm, widest + sum(TIME_PADDING) + 1), self.width / 3)
        stack = widest + sum(TIME_PADDING) + 1 > time_width
        col = (self.width - time_width) / n
        for day in days:
            story += [CondPageBreak(40 * mm), self.heading(day.heading, "h2", 1)]
            rows: list[list[Any]]
            style: list[TableCommand]
            rows, style = (
                [],
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("LEFTPADDING", (0, 0), (0, -1), TIME_PADDING[0]),
                    ("RIGHTPADDING", (0, 0), (0, -1), TIME_PADDING[1]),
                    ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                ],
            )
            for i, entry in enumerate(day.sessions):
                when = [para(part, "bold") for part in self.time_lines(entry.time, stack)]
                if entry.room:
                    when.append(para(entry.room, "muted"))
                row = [when]
                for lang in range(n):
                    cell = [para(entry.title[lang], "italic" if entry.is_break else "bold")]
                    if entry.track and entry.track[lang]:
                        cell.append(para(entry.track[lang], "muted"))
                    if entry.people and entry.people[lang]:
                        cell.append(para(entry.people[lang], "small"))
                    row.append(cell)
                rows.append(row)
                if entry.is_break:
                    style.append(("BACKGROUND", (0, i), (-1, i), BREAK_BACKGROUND))
            # a session row is never split across pages (no stranded speakers line)
            table = Table(rows, colWidths=[time_width] + [col] * n, splitInRow=0, hAlign="LEFT")
            table.setStyle(TableStyle(style))
            story.append(table)
        return story

    def speakers(self) -> list[Any]:
        if not self.b.speakers:
            return []
        story: list[Any] = [PageBreak(), self.heading(self.b.labels.speakers)]
        for speaker in self.b.speakers:
            header: list[Flowable] = [para(speaker.name, "h3")]
            if speaker.affiliation:
                header.append(para(speaker.affiliation, "muted"))
            if speaker.photo:
                photo = Image(
                    io.BytesIO(speaker.photo), PHOTO_SIZE, PHOTO_SIZE, kind="proportional"
                )
                header = [
                    Table(
                        [[photo, header]],
                        colWidths=[PHOTO_SIZE + 4 * mm, self.width - PHOTO_SIZE - 4 * mm],
                        style=[
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ],
                        hAlign="LEFT",
                    )
                ]
            bio = [paragraphs(text) for text in speaker.bio]
            first = self.side_by_side(bio) if any(bio) else []
            # a speaker's name and bio stay on one page (a bio longer than a page flows on)
            story += [
                CondPageBreak(30 * mm),
                KeepTogether([*header, Spacer(1, 2 * mm), *first]),
                Spacer(1, 4 * mm),
            ]
        return story

    def participants(self) -> list[Any]:
        groups = [g for g in self.b.participant_groups if g.participants]
        if not groups:
            return []
        story: list[Any] = [PageBreak(), self.heading(self.b.labels.participants)]
        half = self.width / 2
        for group in groups:
            story += [CondPageBreak(25 * mm), self.heading(group.name, "h2", 1, toc=False)]
            rows = []
            for person in group.participants:
                name = para(person.name, "bold")
                detail = [para(person.detail, "small")] if person.detail else []
                if person.note:
                    detail.append(para(joined(person.note), "muted"))
                rows.append([name, detail])
            table = Table(rows, colWidths=[half * 0.8, half * 1.2], hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                        ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ]
                )
            )
            story.append(table)
        return story

    def partners(self) -> list[Any]:
        names = [name for name in self.b.partners if name.strip()]
        if not names:
            return []
        return [
            CondPageBreak(60 * mm),
            Spacer(1, 6 * mm),
            self.heading(self.b.labels.partners),
            *[para(name, "body") for name in names],
        ]

    def story(self) -> list[Any]:
        return [
            *self.cover(),
            *self.contents(),
            *self.welcome(),
            *self.agenda(),
            *self.speakers(),
            *self.participants(),
            *self.partners(),
        ]


def render_booklet(booklet: Booklet, author: str = DEFAULT_AUTHOR) -> bytes:
    buffer = io.BytesIO()
    BookletTemplate(buffer, booklet, author).render(BookletBuilder(booklet).story())
    return buffer.getvalue()
