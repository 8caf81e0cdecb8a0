"""Where everything goes on one badge: a pure computation from ``BadgeData`` and the
badge's rectangle to positioned text lines, the band, the QR square and the logo box.

The renderer only draws this plan, and tests check it against real font metrics: every
line lies inside its badge, and names shrink, then wrap, but never overflow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.units import mm

from eventsapp.badges.content import BadgeData, FittedText, fit_text, unit_width
from eventsapp.badges.layouts import Rect
from eventsapp.badges.qr import modules_with_quiet_zone
from eventsapp.fonts import BOLD, REGULAR

LEADING = 1.18
REFERENCE_SIDE = 216.0  # the short side of a 4 × 3 in badge; sizes scale from it
SAFE = 3.6 * mm  # no glyph nearer a cut edge than 3 mm (the rest covers ascent overshoot)


@dataclass(frozen=True)
class TextLine:
    text: str
    font: str
    size: float
    x: float  # left end of the baseline
    y: float  # baseline
    colour: str = "#000000"


@dataclass(frozen=True)
class BadgePlan:
    badge: Rect
    lines: tuple[TextLine, ...]
    band: Rect
    band_colour: str
    qr: Rect | None = None  # the symbol itself; the quiet zone lies around it
    logo: Rect | None = None


def _place(
    fitted: FittedText, font: str, area: Rect, top: float, centred: bool, colour: str
) -> list[TextLine]:
    lines = []
    for i, text in enumerate(fitted.lines):
        baseline = top - fitted.size * (0.93 + i * LEADING)
        width = unit_width(text, font) * fitted.size
        x = area.x + (area.width - width) / 2 if centred else area.x
        lines.append(TextLine(text, font, fitted.size, x, baseline, colour))
    return lines


# (text, font, max size, floor size, gap after): a block of _stack; text may be fitted already
TextBlock = tuple[str | FittedText, str, float, float, float]


def _stack(blocks: Iterable[TextBlock], area: Rect, centred: bool) -> list[TextLine]:
    """Fit (text, font, max, floor, gap-after) blocks into ``area`` top-down, scaling all
    sizes down together if they would not fit its height."""
    fitted = [
        (
            text if isinstance(text, FittedText) else fit_text(text, font, area.width, size, floor),
            font,
            gap,
        )
        for text, font, size, floor, gap in blocks
        if text
    ]
    needed = sum(f.height(LEADING) + gap for f, _, gap in fitted)
    scale = min(1.0, area.height / needed) if needed else 1.0
    top, lines = area.top, []
    for f, font, gap in fitted:
        f = FittedText(f.lines, f.size * scale)
        lines += _place(f, font, area, top, centred, "#000000")
        top -= f.height(LEADING) + gap * scale
    return lines


def plan_front(badge: BadgeData, rect: Rect) -> BadgePlan:
    scale = min(rect.width, rect.height) / REFERENCE_SIDE
    pad = max(10 * scale, SAFE)
    inner = Rect(rect.x + pad, rect.y + pad, rect.width - 2 * pad, rect.height - 2 * pad)
    landscape = rect.width > rect.height

    band_text = fit_text(badge.band.label, BOLD, inner.width, 12 * scale, 6 * scale)
    # the label's descenders stay SAFE above the cut: the band grows to hold it
    band_h = max(rect.height * 0.13, 16 * scale, SAFE + band_text.height(LEADING) + 2 * scale)
    band = Rect(rect.x, rect.y, rect.width, band_h)

    header_h = rect.height * 0.15
    header = Rect(inner.x, inner.top - header_h, inner.width, header_h)
    logo = None
    if badge.logo_path:
        logo = Rect(header.right - header_h * 1.6, header.y, header_h * 1.6, header_h)
        header = Rect(header.x, header.y, header.width - logo.width - pad / 2, header_h)

    body = Rect(inner.x, band.top + pad / 2, inner.width, header.y - pad / 2 - band.top - pad / 2)
    qr = None
    if badge.qr_token:
        modules = modules_with_quiet_zone(badge.qr_token)
        if landscape:
            side = min(body.height, body.width * 0.36)
            qr_box = Rect(body.right - side, body.y, side, side)
            body = Rect(body.x, body.y, body.width - side - pad / 2, body.height)
        else:
            side = min(body.width * 0.42, body.height * 0.36)
            qr_box = Rect(body.x + (body.width - side) / 2, body.y, side, side)
            body = Rect(body.x, body.y + side, body.width, body.height - side)
        quiet = side * 4 / modules
        qr = Rect(qr_box.x + quiet, qr_box.y + quiet, side - 2 * quiet, side - 2 * quiet)

    name_scale = scale * (1.0 if landscape else 1.15)
    # Given and family name at one size (the smaller fit of the two), so the family name is
    # never smaller than another line; both wrap at spaces and hyphens before they shrink.
    names = [t for t in (badge.first_line, badge.family_name) if t]
    fits = [fit_text(t, BOLD, body.width, 26 * name_scale, 14 * name_scale) for t in names]
    name_size = min((f.size for f in fits), default=26 * name_scale)
    # the same lines at the common size: narrower than their own fit, so they still fit
    given_fit, family_fit = (
        FittedText(fit_text(t, BOLD, body.width, 26 * name_scale, 14 * name_scale).lines, name_size)
        if t
        else ""
        for t in (badge.first_line, badge.family_name)
    )
    small = min(10 * scale, name_size)
    extra = badge.answer_line
    body_lines = _stack(
        [
            (given_fit, BOLD, name_size, name_size, 2 * scale),
            (family_fit, BOLD, name_size, name_size, 7 * scale),
            (badge.position, REGULAR, small, min(small, 7 * scale), 2 * scale),
            (badge.affiliation, REGULAR, small, min(small, 7 * scale), 2 * scale),
            (badge.delegation, BOLD, small, min(small, 7 * scale), 2 * scale * bool(extra)),
            (extra, REGULAR, small, min(small, 7 * scale), 0),
        ],
        body,
        centred=not landscape or qr is None,
    )
    # the size the names were drawn at; no other line on the badge is larger
    cap = body_lines[0].size if names else 26 * name_scale
    lines = _stack(
        [
            (badge.event_name, BOLD, min(9 * scale, cap), min(6 * scale, cap), 1 * scale),
            (badge.event_dates, REGULAR, min(8 * scale, cap), min(6 * scale, cap), 0),
        ],
        header,
        centred=False,
    )
    if band_text.size > cap:
        band_text = fit_text(badge.band.label, BOLD, inner.width, cap, cap)
    band_lines = _place(
        band_text,
        BOLD,
        Rect(inner.x, band.y, inner.width, band_h),
        band.y + SAFE + (band_h - SAFE + band_text.height(LEADING)) / 2 - band_text.size * 0.12,
        True,
        badge.band.text_colour,
    )
    return BadgePlan(
        rect, tuple(lines + body_lines + band_lines), band, badge.band.colour, qr, logo
    )


def plan_back(badge: BadgeData, rect: Rect) -> BadgePlan:
    """The back side: event, dates, the holder's name and the optional extra lines."""
    scale = min(rect.width, rect.height) / REFERENCE_SIDE
    pad = max(12 * scale, SAFE)
    band = Rect(rect.x, rect.y, rect.width, max(rect.height * 0.05, 5 * scale))
    inner = Rect(
        rect.x + pad, band.top + pad, rect.width - 2 * pad, rect.height - 2 * pad - band.height
    )
    blocks = [
        (badge.event_name, BOLD, 14 * scale, 8 * scale, 2 * scale),
        (badge.event_dates, REGULAR, 10 * scale, 7 * scale, 8 * scale),
        (badge.first_line, BOLD, 16 * scale, 10 * scale, 1 * scale),
        (badge.family_name, BOLD, 16 * scale, 10 * scale, 8 * scale),
    ] + [(line, REGULAR, 9 * scale, 6 * scale, 1 * scale) for line in badge.back_lines]
    return BadgePlan(rect, tuple(_stack(blocks, inner, centred=True)), band, badge.band.colour)
