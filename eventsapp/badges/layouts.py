"""Badge stocks as data: a page, a badge size and a grid. Adding a stock is adding a row.

All lengths are in PDF points (1/72 in). A layout knows where each badge of a sheet goes,
front and back: for long-edge duplex printing the sheet turns over about its vertical axis,
so on the back page the column order of every row is reversed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def contains(self, other: Rect, tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.top <= self.top + tolerance
        )


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    page_width: float
    page_height: float
    badge_width: float
    badge_height: float
    columns: int = 1
    rows: int = 1
    margin_left: float = 0.0
    margin_top: float = 0.0
    gap_x: float = 0.0
    gap_y: float = 0.0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def orientation(self) -> str:
        return "landscape" if self.badge_width > self.badge_height else "portrait"

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.page_width, self.page_height)

    def slot(self, index: int, back: bool = False) -> Rect:
        """The rectangle of badge ``index`` (0-based, row by row from the top left) on a
        page; on the back of a long-edge duplex sheet the columns are mirrored."""
        row, column = divmod(index % self.per_page, self.columns)
        if back:
            column = self.columns - 1 - column
        x = self.margin_left + column * (self.badge_width + self.gap_x)
        top = self.page_height - self.margin_top - row * (self.badge_height + self.gap_y)
        return Rect(x, top - self.badge_height, self.badge_width, self.badge_height)

    @cached_property
    def slots(self) -> tuple[Rect, ...]:
        return tuple(self.slot(i) for i in range(self.per_page))

    @cached_property
    def back_slots(self) -> tuple[Rect, ...]:
        return tuple(self.slot(i, back=True) for i in range(self.per_page))

    def crop_marks_fit(self, reach: float) -> bool:
        """True when marks reaching ``reach`` points beyond each badge edge stay on the page
        on every side where they are drawn (outer edges, and inner ones with a gap)."""
        if self.gap_x == 0 and self.gap_y == 0 and self.per_page == 1:
            return False
        left = min(r.x for r in self.slots)
        bottom = min(r.y for r in self.slots)
        right = self.page_width - max(r.right for r in self.slots)
        top = self.page_height - max(r.top for r in self.slots)
        return min(left, bottom, right, top) >= reach - 0.01

    def fits_page(self) -> bool:
        page = Rect(0, 0, self.page_width, self.page_height)
        return all(page.contains(rect) for rect in self.slots)


def _one_per_page(name: str, description: str, width: float, height: float) -> Layout:
    return Layout(name, description, width, height, width, height)


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout(
            "avery-5392",
            "US Letter, 2 × 3 badges of 4 × 3 in (Avery 5392)",
            *LETTER,
            badge_width=4 * inch,
            badge_height=3 * inch,
            columns=2,
            rows=3,
            margin_left=0.25 * inch,
            margin_top=1 * inch,
        ),
        Layout(
            "a4-a6",
            "A4, 2 × 2 badges of A6 (105 × 148.5 mm)",
            *A4,
            badge_width=105 * mm,
            badge_height=148.5 * mm,
            columns=2,
            rows=2,
        ),
        _one_per_page("a6", "A6 (105 × 148.5 mm), one badge per page", 105 * mm, 148.5 * mm),
        _one_per_page("4x6in", "4 × 6 in, one badge per page", 4 * inch, 6 * inch),
        _one_per_page(
            "cr80", "CR80 ID card (85.6 × 54 mm), one badge per page", 85.6 * mm, 54 * mm
        ),
    )
}
DEFAULT_LAYOUT = "avery-5392"


def get_layout(name: str) -> Layout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise KeyError(f"unknown badge layout {name!r}; known: {', '.join(LAYOUTS)}") from None
