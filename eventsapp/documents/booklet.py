"""The program booklet renderer: a Booklet dataclass in, PDF bytes out (reportlab only)."""

from __future__ import annotations

import io
import os

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
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
    MARGIN,
    PAGE_SIZES,
    RULE,
    NumberedDocTemplate,
    para,
    paragraphs,
    styles,
)
from eventsapp.fonts import markup

BREAK_BACKGROUND = colors.HexColor("#f0f0f0")
PHOTO_SIZE = 22 * mm


def joined(text: Text, sep: str = " / ") -> str:
    return sep.join(dict.fromkeys(t for t in text if t))


class Heading(Paragraph):
    """A section heading that becomes a PDF bookmark (and a contents line when ``toc``)."""

    def __init__(self, text: str, style: str, level: int, key: str, toc: bool = True):
        super().__init__(markup(text, styles()[style].fontName), styles()[style])
        self.outline = (text, level, key, toc)


class BookletTemplate(NumberedDocTemplate):
    def __init__(self, buffer, booklet: Booklet):
        super().__init__(
            buffer,
            paper=booklet.paper,
            footer=joined(booklet.labels.page_of, " · "),
            title=joined(booklet.title),
        )
        frame = self.body_frame()
        self.addPageTemplates(
            [
                PageTemplate("cover", frames=[frame], onPageEnd=self.count_page),
                PageTemplate("body", frames=[frame], onPageEnd=self.draw_footer),
            ]
        )

    def count_page(self, canvas, doc) -> None:
        """The cover: counted, but no number printed on it."""
        self.part_pages[self.part] = self.page_in_part()

    def afterFlowable(self, flowable):  # noqa: N802 (reportlab API)
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        text, level, key, toc = outline
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if toc:
            self.notify("TOCEntry", (level, markup(text), self.page, key))


class BookletBuilder:
    def __init__(self, booklet: Booklet):
        self.b = booklet
        self.width = PAGE_SIZES[booklet.paper][0] - 2 * MARGIN
        self.both = len(booklet.languages) > 1
        self._keys = 0

    def key(self) -> str:
        self._keys += 1
        return f"k{self._keys}"

    def heading(self, text: Text, style: str = "h1", level: int = 0, toc: bool = True):
        return Heading(joined(text), style, level, self.key(), toc)

    def side_by_side(self, cells: list[list]) -> list:
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

    # Sections -------------------------------------------------------------------------
    def cover(self) -> list:
        story: list = [Spacer(1, 30 * mm)]
        if self.b.logo_path and os.path.exists(self.b.logo_path):
            story += [
                Image(self.b.logo_path, 60 * mm, 35 * mm, kind="proportional"),
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

    def contents(self) -> list:
        toc = TableOfContents(levelStyles=[styles()["toc0"], styles()["toc1"]], dotsMinLevel=0)
        return [Heading(joined(self.b.labels.contents), "h1", 0, self.key(), toc=False), toc]

    def welcome(self) -> list:
        if not any(t.strip() for t in self.b.welcome):
            return []
        cells = [paragraphs(text) for text in self.b.welcome]
        return [PageBreak(), self.heading(self.b.labels.welcome), *self.side_by_side(cells)]

    def agenda(self) -> list:
        days = [day for day in self.b.days if day.sessions]
        if not days:
            return []
        story: list = [PageBreak(), self.heading(self.b.labels.agenda)]
        n = len(self.b.languages)
        time_width = 36 * mm
        col = (self.width - time_width) / n
        for day in days:
            story += [CondPageBreak(40 * mm), self.heading(day.heading, "h2", 1)]
            rows, style = (
                [],
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("LEFTPADDING", (0, 0), (0, -1), 2),
                ],
            )
            for i, entry in enumerate(day.sessions):
                when = [para(entry.time, "bold")]
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
            table = Table(rows, colWidths=[time_width] + [col] * n, splitInRow=1, hAlign="LEFT")
            table.setStyle(TableStyle(style))
            story.append(table)
        return story

    def speakers(self) -> list:
        if not self.b.speakers:
            return []
        story: list = [PageBreak(), self.heading(self.b.labels.speakers)]
        for speaker in self.b.speakers:
            header = [para(speaker.name, "h3")]
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
            story += [
                CondPageBreak(30 * mm),
                KeepTogether(header),
                Spacer(1, 2 * mm),
                *first,
                Spacer(1, 4 * mm),
            ]
        return story

    def participants(self) -> list:
        groups = [g for g in self.b.participant_groups if g.participants]
        if not groups:
            return []
        story: list = [PageBreak(), self.heading(self.b.labels.participants)]
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

    def partners(self) -> list:
        names = [name for name in self.b.partners if name.strip()]
        if not names:
            return []
        return [
            CondPageBreak(60 * mm),
            Spacer(1, 6 * mm),
            self.heading(self.b.labels.partners),
            *[para(name, "body") for name in names],
        ]

    def story(self) -> list:
        return [
            *self.cover(),
            *self.contents(),
            *self.welcome(),
            *self.agenda(),
            *self.speakers(),
            *self.participants(),
            *self.partners(),
        ]


def render_booklet(booklet: Booklet) -> bytes:
    buffer = io.BytesIO()
    BookletTemplate(buffer, booklet).render(BookletBuilder(booklet).story())
    return buffer.getvalue()
