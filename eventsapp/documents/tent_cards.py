"""Tent cards for plenary tables: ``TentCard`` in, PDF out (reportlab only, no database).

One card per landscape Letter or A4 page, folded along the middle into a tent: the lower
half faces the room upright; the upper half carries the same text turned 180°, so once
folded the person's name reads the right way up from both sides of the table. The name is
as large as the width allows (wrapped at a space into two lines before it shrinks below
48 pt), the jurisdiction or organization below it. Short ticks at both edges mark the fold;
no text comes within 12 mm of the fold or 15 mm of any edge.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from eventsapp.fonts import BOLD, REGULAR, draw_string, register_fonts, string_width

PAGE_SIZES = {"letter": landscape(LETTER), "a4": landscape(A4)}
SIDE = 15 * mm  # clear of the page's edges (printers' unprintable margin and more)
FOLD_CLEAR = 12 * mm  # clear of the fold
NAME_MAX, NAME_WRAP = 96.0, 48.0
DETAIL_MAX, DETAIL_WRAP = 30.0, 16.0
TICK = 8 * mm
MUTED = HexColor("#444444")
FOLD = HexColor("#999999")


@dataclass(frozen=True)
class TentCard:
    name: str
    detail: str = ""  # jurisdiction, else organization


def _fit(
    text: str, font: str, width: float, largest: float, wrap_below: float
) -> tuple[list[str], float]:
    """(lines, size): one line as large as fits up to ``largest``; if that is under
    ``wrap_below``, two lines split at a space when that allows a larger size. Never cut
    inside a word."""
    size = min(largest, width / (string_width(text, font, 1.0) or 1.0))
    words = text.split()
    if size >= wrap_below or len(words) < 2:
        return [text], size
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    widest = min(max(string_width(p, font, 1.0) for p in pair) for pair in splits)
    best = next(p for p in splits if max(string_width(q, font, 1.0) for q in p) == widest)
    two = min(largest * 0.75, width / widest)
    return (list(best), two) if two > size else ([text], size)


def _draw_face(canvas: Canvas, card: TentCard, width: float, half: float) -> None:
    """The card's face in the lower half of the page (0 ≤ y ≤ half)."""
    room = width - 2 * SIDE
    lines, size = _fit(card.name, BOLD, room, NAME_MAX, NAME_WRAP)
    detail_lines: list[str]
    detail_lines, detail_size = [], 0.0
    if card.detail:
        detail_lines, detail_size = _fit(card.detail, REGULAR, room, DETAIL_MAX, DETAIL_WRAP)
        detail_size = min(detail_size, size * 0.45)
    leading = size * 1.1
    gap = detail_size * 0.6
    block = leading * len(lines) + (gap + detail_size * 1.2 * len(detail_lines))
    usable_top, usable_bottom = half - FOLD_CLEAR, SIDE
    if block > usable_top - usable_bottom:  # too tall: scale everything down together
        scale = (usable_top - usable_bottom) / block
        size, detail_size, leading, gap, block = (
            v * scale for v in (size, detail_size, leading, gap, block)
        )
    top = usable_bottom + (usable_top - usable_bottom + block) / 2
    y = top
    canvas.setFillColorRGB(0, 0, 0)
    for line in lines:
        y -= leading
        x = (width - string_width(line, BOLD, size)) / 2
        canvas.setFont(BOLD, size)
        draw_string(canvas, x, y + size * 0.2, line, BOLD, size)
    y -= gap
    canvas.setFillColor(MUTED)
    for line in detail_lines:
        y -= detail_size * 1.2
        canvas.setFont(REGULAR, detail_size)
        x = (width - string_width(line, REGULAR, detail_size)) / 2
        draw_string(canvas, x, y + detail_size * 0.2, line, REGULAR, detail_size)


def render_tent_cards(
    cards: list[TentCard],
    *,
    paper: str = "letter",
    title: str = "Tent cards",
    author: str = "Event organizers",
    lang: str = "en",
) -> bytes:
    register_fonts()
    width, height = PAGE_SIZES[paper]
    half = height / 2
    buffer = io.BytesIO()
    # typeshed's reportlab stubs type initialFontName as a float; it is the font's name.
    canvas = Canvas(
        buffer,
        pagesize=(width, height),
        initialFontName=REGULAR,  # type: ignore[arg-type]
        lang=lang,
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(f"{title}: {len(cards)} card(s), folded along the middle")
    for card in cards:
        canvas.setStrokeColor(FOLD)
        canvas.setLineWidth(0.5)
        canvas.line(0, half, TICK, half)
        canvas.line(width - TICK, half, width, half)
        _draw_face(canvas, card, width, half)
        canvas.saveState()
        canvas.translate(width, height)
        canvas.rotate(180)  # the upper half: the same face, upside down
        _draw_face(canvas, card, width, half)
        canvas.restoreState()
        canvas.showPage()
    if not cards:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
