"""The badge renderer without a database: layouts, fitted names, text and QR codes read
back from the PDF."""

from __future__ import annotations

import pytest
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from eventsapp.badges.content import ROLE_BANDS, fit_text
from eventsapp.badges.design import plan_back, plan_front
from eventsapp.badges.layouts import LAYOUTS, Rect
from eventsapp.badges.render import render_badges_pdf
from eventsapp.badges.tokens import parse_badge_token
from eventsapp.fonts import BOLD, register_fonts
from eventsapp.registration.models import RegistrationRole
from tests.badges_helpers import SECRET, decode_qr_codes, page_texts, sample_badge

register_fonts()

LONG_NAMES = [
    ("W" * 40, "M" * 40),
    ("WWWWWWWWWWWW MMMMMMMMMMMM WWWWWWWWW", "MMMMMMMM WWWWWWWWWW MMMMMMMMMMM"),
    ("María de los Ángeles Guadalupe Concepción", "Fernández de Córdoba y Villalobos-Núñez"),
    ("Wolfgang Maximilian Wilhelm", "Wüstenhöfer-Mmmmmmmmmmmm"),
]


def test_layouts_match_the_stock_specifications():
    avery = LAYOUTS["avery-5392"]
    assert (avery.page_width, avery.page_height) == (8.5 * inch, 11 * inch)
    assert (avery.columns, avery.rows) == (2, 3)
    assert (avery.badge_width, avery.badge_height) == (4 * inch, 3 * inch)
    first, last = avery.slots[0], avery.slots[-1]
    assert first.x == pytest.approx(0.25 * inch)
    assert first.top == pytest.approx(10 * inch)  # 1 in top margin
    assert last.y == pytest.approx(1 * inch)  # 1 in bottom margin
    assert last.right == pytest.approx(8.25 * inch)
    a4 = LAYOUTS["a4-a6"]
    assert (a4.columns, a4.rows) == (2, 2)
    assert a4.badge_width == pytest.approx(105 * mm) and a4.badge_height == pytest.approx(
        148.5 * mm
    )
    for name, size in (
        ("a6", (105 * mm, 148.5 * mm)),
        ("4x6in", (4 * inch, 6 * inch)),
        ("cr80", (85.6 * mm, 54 * mm)),
    ):
        layout = LAYOUTS[name]
        assert layout.per_page == 1
        assert (layout.badge_width, layout.badge_height) == pytest.approx(size)
    assert LAYOUTS["cr80"].orientation == "landscape"
    assert all(layout.fits_page() for layout in LAYOUTS.values())


def test_back_side_mirrors_columns_for_long_edge_duplex():
    avery = LAYOUTS["avery-5392"]
    for index in range(avery.per_page):
        front, back = avery.slot(index), avery.slot(index, back=True)
        assert back.y == front.y  # same row
        # Turned over about the vertical axis, a badge's back lies behind its front.
        assert back.x == pytest.approx(avery.page_width - front.right)


def test_duplex_pdf_prints_each_back_behind_its_front():
    layout = LAYOUTS["avery-5392"]
    badges = [sample_badge(i, given_name=f"Person{i}") for i in range(1, 4)]
    pdf = render_badges_pdf(badges, layout, duplex=True)
    front = {t.text: t for t in page_texts(pdf, 0)}
    back = {t.text: t for t in page_texts(pdf, 1)}
    for i in range(len(badges)):
        name = f"Person{i + 1}"
        front_slot, back_slot = layout.slot(i), layout.slot(i, back=True)
        assert front_slot.x <= front[name].x <= front_slot.right
        assert back_slot.x <= back[name].x <= back_slot.right
        assert back_slot.y <= back[name].y <= back_slot.top
    assert back["Person1"].x > layout.page_width / 2  # column 0 on the front -> right on back


def _inside(line, rect: Rect) -> bool:
    font = getFont(line.font)
    width = stringWidth(line.text, line.font, line.size)
    ascent = font.face.ascent / 1000 * line.size
    descent = -font.face.descent / 1000 * line.size
    return (
        line.x >= rect.x - 0.01
        and line.x + width <= rect.right + 0.01
        and line.y - descent >= rect.y - 0.01
        and line.y + ascent <= rect.top + 0.01
    )


@pytest.mark.parametrize("layout_name", list(LAYOUTS))
@pytest.mark.parametrize(("given", "family"), LONG_NAMES)
def test_long_names_stay_inside_the_badge_and_do_not_overlap(layout_name, given, family):
    rect = LAYOUTS[layout_name].slots[0]
    badge = sample_badge(given_name=given, family_name=family, honorific="Dr.")
    for plan in (plan_front(badge, rect), plan_back(badge, rect)):
        assert all(_inside(line, rect) for line in plan.lines), layout_name
        ordered = sorted((line for line in plan.lines), key=lambda line: -line.y)
        for upper, lower in zip(ordered, ordered[1:], strict=False):
            if upper.y != lower.y:  # consecutive lines never overlap vertically
                assert upper.y - lower.y >= lower.size * 0.9
    front = plan_front(badge, rect)
    name_lines = [line.text for line in front.lines if line.font == BOLD]
    # Wrapped or not, every letter of the name is printed.
    assert "".join(name_lines).replace(" ", "").count("W") >= (given + family).count("W")
    if front.qr:
        for line in front.lines:  # text never covers the code
            width = stringWidth(line.text, line.font, line.size)
            overlaps_x = line.x < front.qr.right and line.x + width > front.qr.x
            overlaps_y = line.y < front.qr.top and line.y + line.size > front.qr.y
            assert not (overlaps_x and overlaps_y)


def test_fit_text_shrinks_then_wraps_at_spaces_and_hyphens_only():
    short = fit_text("Ana", BOLD, 200, 30, 16)
    assert short.lines == ("Ana",) and short.size == 30
    shrunk = fit_text("Maximiliano", BOLD, 200, 30, 16)
    assert len(shrunk.lines) == 1 and 16 <= shrunk.size < 30
    assert stringWidth("Maximiliano", BOLD, shrunk.size) <= 200.01
    wrapped = fit_text("María de los Ángeles Guadalupe", BOLD, 200, 30, 16)
    assert wrapped.lines == ("María de los", "Ángeles Guadalupe")
    assert all(stringWidth(line, BOLD, wrapped.size) <= 200.01 for line in wrapped.lines)
    hyphen = fit_text("Villaseñor-Montenegro", BOLD, 200, 30, 16)
    assert hyphen.lines == ("Villaseñor-", "Montenegro")
    # one endless word is shrunk, never cut ("Villa|señor")
    endless = fit_text("W" * 60, BOLD, 200, 30, 16)
    assert endless.lines == ("W" * 60,)
    assert stringWidth("W" * 60, BOLD, endless.size) <= 200.01


def test_pdf_text_equals_the_stored_names_and_positions_are_inside(tmp_path):
    layout = LAYOUTS["avery-5392"]
    names = [("Zoë", "Ångström-Øre"), ("José Ñandú", "Müller Çelik"), ("Łukasz", "Dvořák")]
    badges = [sample_badge(i, given_name=g, family_name=f) for i, (g, f) in enumerate(names, 1)]
    pdf = render_badges_pdf(badges, layout)
    texts = page_texts(pdf)
    found = [t.text for t in texts]
    for given, family in names:
        assert given in found and family in found
    for i, (given, _family) in enumerate(names):
        run = next(t for t in texts if t.text == given)
        slot = layout.slots[i]
        assert slot.x <= run.x and run.x + stringWidth(given, BOLD, run.size) <= slot.right
        assert slot.y <= run.y <= slot.top


def test_user_text_is_not_parsed_as_markup():
    evil = "<b>Bold</b> &amp; <font color=red>x</font>"
    pdf = render_badges_pdf([sample_badge(given_name=evil)], LAYOUTS["a6"])
    printed = "".join(t.text for t in page_texts(pdf)).replace(" ", "")
    assert evil.replace(" ", "") in printed  # (long: wrapped onto two lines)


def test_role_bands_are_bilingual_and_printed():
    assert ROLE_BANDS[RegistrationRole.STAFF].label == "STAFF / ORGANIZACIÓN"
    assert set(ROLE_BANDS) == set(RegistrationRole)
    badges = [sample_badge(i, role=role) for i, role in enumerate(RegistrationRole, 1)]
    pdf = render_badges_pdf(badges, LAYOUTS["a4-a6"])
    text = " ".join(t.text for page in (0, 1) for t in page_texts(pdf, page))
    for band in ROLE_BANDS.values():
        assert band.label in text


@pytest.mark.parametrize("layout_name", ["avery-5392", "a4-a6", "cr80"])
def test_every_qr_code_on_a_page_decodes_at_150_dpi(layout_name):
    layout = LAYOUTS[layout_name]
    ids = [7, 42, 1295, 46656, 999999, 123][: layout.per_page]
    badges = [sample_badge(i, given_name="W" * 30) for i in ids]
    pdf = render_badges_pdf(badges, layout)
    decoded = decode_qr_codes(pdf)
    parsed = sorted(parse_badge_token(SECRET, text).registration_id for text in decoded)
    assert parsed == sorted(ids)


def test_start_at_skips_used_badges_on_the_first_sheet():
    layout = LAYOUTS["avery-5392"]
    badges = [sample_badge(i, given_name=f"Person{i}") for i in range(1, 5)]
    pdf = render_badges_pdf(badges, layout, start_at=5)
    first = {t.text: t for t in page_texts(pdf, 0)}
    second = {t.text: t for t in page_texts(pdf, 1)}
    assert set(first) >= {"Person1", "Person2"} and "Person3" not in first
    assert first["Person1"].y < layout.slots[3].y  # row 3, not row 1
    assert first["Person2"].x > layout.page_width / 2
    assert "Person3" in second and "Person4" in second
    with pytest.raises(ValueError):
        render_badges_pdf(badges, layout, start_at=7)
