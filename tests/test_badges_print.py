"""Badges as a print shop checks them, measured on the rendered PDF: no glyph within 3 mm of
a cut edge on any layout, the family name never smaller than another line and never under
9 pt on the 4 × 3 in stock, names broken only at spaces and hyphens, roles told apart on a
mono printer, crop marks only where the page has room."""

from __future__ import annotations

import itertools

import pypdfium2
import pytest
from PIL import ImageStat
from reportlab.lib.units import mm

from eventsapp.badges.content import ROLE_BANDS
from eventsapp.badges.design import plan_front
from eventsapp.badges.layouts import LAYOUTS, Rect
from eventsapp.badges.render import render_badges_pdf
from eventsapp.badges.services import check_print_options
from eventsapp.errors import DomainError
from eventsapp.fonts import register_fonts
from eventsapp.registration.models import RegistrationRole
from tests.badges_helpers import sample_badge
from tests.print_helpers import pdftotext

register_fonts()

HARD_NAMES = [
    ("María de los Ángeles Guadalupe Concepción", "Fernández de Córdoba y Villalobos-Núñez"),
    ("Wolfgang Maximilian Wilhelm", "Wüstenhöfer-Mmmmmmmmmmmm"),
    ("Renée", "Villaseñor"),
    ("Bartholomew", "Papadopoulos-Konstantinopoulos"),
    ("Ana", "Li"),
]


def _badges(**overrides):
    roles = list(RegistrationRole)
    return [
        sample_badge(i, given_name=g, family_name=f, role=roles[i % len(roles)], **overrides)
        for i, (g, f) in enumerate(HARD_NAMES)
    ]


def _char_boxes(pdf: bytes):
    """(page index, char, left, bottom, right, top) for every visible character."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            text = document[index].get_textpage()
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if char.strip():
                    yield (index, char, *text.get_charbox(i))
    finally:
        document.close()


def _nearest_edge(box, slots: tuple[Rect, ...]) -> float:
    left, bottom, right, top = box
    cx, cy = (left + right) / 2, (bottom + top) / 2
    slot = next(s for s in slots if s.x <= cx <= s.right and s.y <= cy <= s.top)
    return min(left - slot.x, slot.right - right, bottom - slot.y, slot.top - top)


@pytest.mark.parametrize("layout_name", list(LAYOUTS))
def test_no_glyph_within_3_mm_of_a_cut_edge(layout_name):
    layout = LAYOUTS[layout_name]
    pdf = render_badges_pdf(_badges(), layout, duplex=True)
    boxes = list(_char_boxes(pdf))
    assert len(boxes) > 100
    worst = min(
        (
            _nearest_edge(box, layout.slots if page % 2 == 0 else layout.back_slots),
            char,
        )
        for page, char, *box in boxes
    )
    assert worst[0] >= 3 * mm, f"{layout_name}: {worst[1]!r} at {worst[0] / mm:.2f} mm"


@pytest.mark.parametrize("layout_name", list(LAYOUTS))
@pytest.mark.parametrize(("given", "family"), HARD_NAMES)
def test_family_name_is_never_smaller_than_another_line(layout_name, given, family):
    plan = plan_front(
        sample_badge(given_name=given, family_name=family), LAYOUTS[layout_name].slots[0]
    )
    family_words = set(family.replace("-", "- ").split())
    family_lines = [
        line for line in plan.lines if set(line.text.replace("-", "- ").split()) <= family_words
    ]
    assert family_lines
    family_size = min(line.size for line in family_lines)
    assert all(line.size <= family_size + 0.01 for line in plan.lines)
    if layout_name == "avery-5392":
        assert family_size >= 9


@pytest.mark.parametrize("layout_name", list(LAYOUTS))
def test_names_break_only_at_spaces_and_hyphens(layout_name):
    rect = LAYOUTS[layout_name].slots[0]
    for given, family in HARD_NAMES:
        plan = plan_front(sample_badge(given_name=given, family_name=family), rect)
        words = set((given + " " + family).replace("-", "- ").split())
        for line in plan.lines:
            pieces = line.text.replace("-", "- ").split()
            if any(p in words for p in pieces):  # a name line: made of whole words
                assert all(p in words for p in pieces), line.text


def test_roles_differ_in_greyscale_and_are_always_printed():
    layout = LAYOUTS["a6"]
    roles = list(ROLE_BANDS)
    badges = [sample_badge(i, role=role, qr_token=None) for i, role in enumerate(roles)]
    pdf = render_badges_pdf(badges, layout)
    text = pdftotext(pdf)
    for role in roles:
        assert ROLE_BANDS[role].label in text
    document = pypdfium2.PdfDocument(pdf)
    scale = 2
    greys = []
    for index in range(len(roles)):
        image = document[index].render(scale=scale, grayscale=True).to_pil().convert("L")
        # a strip of the band clear of its label: the left 2 mm, 2 mm above the bottom cut
        slot = layout.slots[0]
        height = image.height
        box = (
            int((slot.x + 1 * mm) * scale),
            int(height - (slot.y + 4 * mm) * scale),
            int((slot.x + 2.5 * mm) * scale),
            int(height - (slot.y + 2 * mm) * scale),
        )
        greys.append(ImageStat.Stat(image.crop(box)).mean[0])
    document.close()
    for (a, grey_a), (b, grey_b) in itertools.combinations(zip(roles, greys, strict=True), 2):
        assert abs(grey_a - grey_b) >= 25, (a, b, greys)


def test_crop_marks_only_where_the_page_has_room(app):
    pdf = render_badges_pdf(_badges(qr_token=None), LAYOUTS["avery-5392"], crop_marks=True)
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    width, height = page.get_size()
    bounds = [obj.get_bounds() for obj in page.get_objects()]
    document.close()
    assert bounds
    for left, bottom, right, top in bounds:
        assert left >= -0.01 and bottom >= -0.01 and right <= width + 0.01 and top <= height + 0.01
    refused = [name for name, layout in LAYOUTS.items() if not layout.crop_marks_fit(15)]
    assert set(refused) == {"a4-a6", "a6", "4x6in", "cr80"}
    for name in refused:
        with pytest.raises(ValueError, match="crop marks"):
            render_badges_pdf(_badges(), LAYOUTS[name], crop_marks=True)
        with app.test_request_context(), pytest.raises(DomainError) as error:
            check_print_options(name, 1, crop_marks=True)
        assert "Crop marks need a margin" in error.value.message
        assert error.value.field == "crop_marks"
