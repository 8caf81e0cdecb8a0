"""The arrivals manifest for the shuttle desk: ``Manifest`` in, PDF bytes out (reportlab
only, no database, no request; everything already translated and formatted).

One section per day, one table per hour of arrival ("09:00 – 09:59 · 3 arrivals"), the
people who gave no time last in their day. The pages, fonts (every script, embedded),
footer and metadata are the documents' (eventsapp/documents/pages.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from eventsapp.documents.pages import MARGIN, PAGE_SIZES, RULE, para, render_pdf

# Time, name, delegation, flight, airport, hotel, phone: parts of the page's width.
COLUMN_SHARES = (0.08, 0.2, 0.16, 0.14, 0.13, 0.15, 0.14)
SHORT_HOUR = 8  # rows


@dataclass(frozen=True)
class ManifestRow:
    time: str
    name: str
    delegation: str
    flight: str  # carrier and number
    airport: str
    hotel: str
    phone: str


@dataclass(frozen=True)
class ManifestHour:
    heading: str  # "09:00 – 09:59 · 3 arrivals", or "Time not given · 1 arrival"
    rows: list[ManifestRow]


@dataclass(frozen=True)
class ManifestDay:
    heading: str  # "Monday, March 8, 2027 · 12 arrivals"
    hours: list[ManifestHour]


@dataclass(frozen=True)
class Manifest:
    title: str
    subtitle: str
    columns: tuple[str, ...]  # the seven column headings
    days: list[ManifestDay] = field(default_factory=list)
    empty: str = ""  # said when nobody gave an arrival date
    footer: str = "{page}/{pages}"
    lang: str = "en"
    paper: str = "letter"


def _table(hour: ManifestHour, columns: tuple[str, ...], width: float) -> Table:
    header = [para(text, "bold") for text in columns]
    body = [
        [
            para(row.time, "small"),
            para(row.name, "small"),
            para(row.delegation, "small"),
            para(row.flight, "small"),
            para(row.airport, "small"),
            para(row.hotel, "small"),
            para(row.phone, "small"),
        ]
        for row in hour.rows
    ]
    table = Table(
        [header, *body],
        colWidths=[width * share for share in COLUMN_SHARES],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def render_manifest(manifest: Manifest, author: str = "") -> bytes:
    width = PAGE_SIZES[manifest.paper][0] - 2 * MARGIN
    story: list[Flowable] = [para(manifest.title, "h1"), para(manifest.subtitle, "muted")]
    if not manifest.days:
        story.append(para(manifest.empty))
    for day in manifest.days:
        story += [CondPageBreak(40 * mm), para(day.heading, "h2")]
        for hour in day.hours:
            heading, table = para(hour.heading, "h3"), _table(hour, manifest.columns, width)
            if len(hour.rows) <= SHORT_HOUR:  # kept on one page with its heading
                story.append(KeepTogether([heading, table]))
            else:  # split across pages, the header row repeated; the heading not stranded
                story += [CondPageBreak(30 * mm), heading, table]
    return render_pdf(
        story,
        paper=manifest.paper,
        footer=manifest.footer,
        title=manifest.title,
        author=author,
        subject=manifest.subtitle,
        lang=manifest.lang,
    )
