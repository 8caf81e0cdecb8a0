"""The badge renderer: ``BadgeData`` in, PDF out. reportlab only; no database, no request.

Badges are consumed from any iterable one sheet at a time, so a caller can stream them
from a query. The PDF is drawn on reportlab's public ``Canvas``, which keeps every page
until ``save()``: 10,000 badges on avery-5392 add about 45 MiB to the process, 10,000 on
a one-per-page stock printed duplex (20,000 pages) about 160 MiB (bench/badges.py). User
text is drawn with ``drawString`` (never parsed as markup).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import islice
from typing import IO, Any

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from eventsapp.badges.content import BadgeData
from eventsapp.badges.design import BadgePlan, plan_back, plan_front
from eventsapp.badges.layouts import Layout, Rect
from eventsapp.badges.qr import draw_qr
from eventsapp.fonts import REGULAR, draw_string, register_fonts

DEFAULT_AUTHOR = "Event organizers"
CROP_MARK = 12.0  # length of a crop mark, points
CROP_OFFSET = 3.0  # gap between a badge corner and its marks
CROP_REACH = CROP_OFFSET + CROP_MARK  # how far the marks reach beyond a badge edge


def _colour(hex_value: str, cache: dict[str, Color] = {}) -> Color:  # noqa: B006  (a memo)
    if hex_value not in cache:
        cache[hex_value] = HexColor(hex_value)
    return cache[hex_value]


def _draw_plan(canvas: Canvas, plan: BadgePlan, badge: BadgeData, front: bool) -> None:
    canvas.setFillColor(_colour(plan.band_colour))
    band = plan.band
    canvas.rect(band.x, band.y, band.width, band.height, stroke=0, fill=1)
    if front and plan.logo is not None and badge.logo_path:
        logo = plan.logo
        with suppress(OSError):  # an unreadable logo must not stop the night's printing
            canvas.drawImage(
                badge.logo_path,
                logo.x,
                logo.y,
                logo.width,
                logo.height,
                preserveAspectRatio=True,
                anchor="ne",
                mask="auto",
            )
    font = colour = None
    for line in plan.lines:
        if (line.font, line.size) != font:
            font = (line.font, line.size)
            canvas.setFont(line.font, line.size)
        if line.colour != colour:
            colour = line.colour
            canvas.setFillColor(_colour(colour))
        draw_string(canvas, line.x, line.y, line.text, line.font, line.size)
    if front and plan.qr is not None and badge.qr_token:
        qr = plan.qr
        draw_qr(canvas, badge.qr_token, qr.x, qr.y, qr.width)


def _crop_marks(canvas: Canvas, layout: Layout, rect: Rect, index: int) -> None:
    """Marks outside each corner, only where they cannot fall on a neighbouring badge."""
    row, column = divmod(index, layout.columns)
    left_free = column == 0 or layout.gap_x > 0
    right_free = column == layout.columns - 1 or layout.gap_x > 0
    top_free = row == 0 or layout.gap_y > 0
    bottom_free = row == layout.rows - 1 or layout.gap_y > 0
    canvas.setLineWidth(0.25)
    canvas.setStrokeColorRGB(0, 0, 0)
    for y, vertical_free, sign_y in ((rect.y, bottom_free, -1), (rect.top, top_free, 1)):
        for x, horizontal_free, sign_x in ((rect.x, left_free, -1), (rect.right, right_free, 1)):
            if horizontal_free:
                start = x + sign_x * CROP_OFFSET
                canvas.line(start, y, start + sign_x * CROP_MARK, y)
            if vertical_free:
                start = y + sign_y * CROP_OFFSET
                canvas.line(x, start, x, start + sign_y * CROP_MARK)


def _sheets(badges: Iterable[BadgeData], per_page: int, skip: int) -> Iterator[list[Any]]:
    """Lists of (slot index, badge) for each sheet; the first sheet starts at ``skip``."""
    iterator = iter(badges)
    first = True
    while True:
        offset = skip if first else 0
        chunk = list(islice(iterator, per_page - offset))
        if not chunk:
            return
        yield list(enumerate(chunk, start=offset))
        first = False


def render_badges(
    badges: Iterable[BadgeData],
    layout: Layout,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    crop_marks: bool = False,
    start_at: int = 1,
    duplex: bool = False,
    title: str = "Badges",
    author: str = DEFAULT_AUTHOR,
    lang: str = "en",
) -> int:
    """Draw ``badges`` onto ``layout`` sheets into ``out`` (a path or a binary file).

    ``start_at`` (1-based) skips the used badges of a partly printed first sheet.
    ``duplex`` adds a back page after each sheet, mirrored for long-edge duplex printing.
    Returns the number of badges drawn.
    """
    if not 1 <= start_at <= layout.per_page:
        raise ValueError(f"start_at must be between 1 and {layout.per_page}")
    if crop_marks and not layout.crop_marks_fit(CROP_REACH):
        raise ValueError(f"crop marks do not fit on the page of {layout.name}: no margin")
    register_fonts()
    if isinstance(out, os.PathLike):
        out = os.fspath(out)  # reportlab takes a str path or a binary file
    # typeshed's reportlab stubs type initialFontName as a float; it is the font's name.
    canvas = Canvas(
        out,
        pagesize=layout.page_size,
        initialFontName=REGULAR,  # type: ignore[arg-type]
        lang=lang,
    )
    canvas.setTitle(title)
    canvas.setAuthor(author or DEFAULT_AUTHOR)
    canvas.setSubject(f"{title}: {layout.description}")
    count = 0
    for sheet in _sheets(badges, layout.per_page, start_at - 1):
        for index, badge in sheet:
            rect = layout.slots[index]
            _draw_plan(canvas, plan_front(badge, rect), badge, front=True)
            if crop_marks:
                _crop_marks(canvas, layout, rect, index)
        canvas.showPage()
        if duplex:
            for index, badge in sheet:
                rect = layout.back_slots[index]
                _draw_plan(canvas, plan_back(badge, rect), badge, front=False)
            canvas.showPage()
        count += len(sheet)
    if count == 0:
        canvas.showPage()  # an empty but valid document
    canvas.save()
    return count


def render_badges_pdf(badges: Iterable[BadgeData], layout: Layout, **options: Any) -> bytes:
    buffer = io.BytesIO()
    render_badges(badges, layout, buffer, **options)
    return buffer.getvalue()
