"""Devanagari is shaped (issue 13): a conjunct prints as one glyph (क्ष, श्र), the short i
before its consonants, marks on their base — and the text layer still reads each name in
logical order, on a badge, a letter and the booklet."""

from __future__ import annotations

import pypdfium2
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from eventsapp.badges.layouts import LAYOUTS
from eventsapp.badges.render import render_badges_pdf
from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.data import Booklet, BookletLabels, SpeakerBio
from eventsapp.documents.pages import Part, para, render_batch
from eventsapp.fonts import REGULAR, draw_string, font_for, string_width
from tests.badges_helpers import sample_badge
from tests.print_helpers import glyph_texts, notdef_glyphs, pdftotext

DEVANAGARI = "NotoSansDevanagari"
# (given, family): श्र and क्ष are conjuncts, the i of त्रि is drawn before त्र, ृ sits under क.
NAMES = [("श्री", "क्षत्रिय"), ("कृष्ण", "त्रिपाठी")]


def _one_line(draw) -> bytes:
    import io

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(300, 60))
    draw(canvas)
    canvas.save()
    return out.getvalue()


def _ink_columns(pdf: bytes) -> int:
    """How many pixel columns of the page have ink."""
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=2).to_pil().convert("L")
    document.close()
    width, height = image.size
    pixels = image.load()
    return sum(1 for x in range(width) if any(pixels[x, y] < 128 for y in range(height)))


def _devanagari_glyphs(pdf: bytes) -> list[str]:
    """The Devanagari font's glyphs the page uses (reportlab keeps codes for ASCII)."""
    return [text for text in glyph_texts(pdf, DEVANAGARI) if not text.isascii()]


def test_a_conjunct_is_one_glyph_and_the_line_is_narrower_than_its_letters():
    name = "क्षत्रिय"
    assert font_for(name[0]) == DEVANAGARI  # registers the font
    shaped = _one_line(lambda c: draw_string(c, 10, 20, name, REGULAR, 24))
    # the same letters, each drawn as its own glyph (what the PDFs printed before shaping)
    letters = _one_line(lambda c: (c.setFont(DEVANAGARI, 24), c.drawString(10, 20, name)))
    texts = _devanagari_glyphs(shaped)
    assert "क्ष" in texts  # one glyph stands for क, virama and ष
    assert len(texts) == 4 and len(_devanagari_glyphs(letters)) == 7
    assert string_width(name, REGULAR, 24) < 0.8 * pdfmetrics.stringWidth(name, DEVANAGARI, 24)
    assert _ink_columns(shaped) < 0.8 * _ink_columns(letters)
    assert pdftotext(shaped) == name == pdftotext(letters)


def _badge() -> bytes:
    badges = [
        sample_badge(i, given_name=g, family_name=f, qr_token=None)
        for i, (g, f) in enumerate(NAMES, start=1)
    ]
    return render_badges_pdf(badges, LAYOUTS["a6"], title="Badges", author="Org", lang="en")


def _letter() -> bytes:
    parts = [Part([para(f"Dear {g} {f},"), para(f"{g} {f}", "bold")], "Page {page} of {pages}")
             for g, f in NAMES]  # fmt: skip
    return render_batch(parts, paper="letter", title="Letters", author="Org")


def _booklet() -> bytes:
    booklet = Booklet(
        languages=("en",),
        paper="letter",
        title=("Summit",),
        dates=("March 9, 2027",),
        venue="",
        labels=BookletLabels(*[("x",)] * 6, page_of=("Page {page} of {pages}",)),
        speakers=[SpeakerBio(f"{g} {f}", "Office", ("Bio.",)) for g, f in NAMES],
    )
    return render_booklet(booklet)


@pytest.mark.parametrize("render", [_badge, _letter, _booklet])
def test_shaped_names_come_back_from_the_text_layer(render):
    data = render()
    text = pdftotext(data)
    for given, family in NAMES:
        assert given in text and family in text, (render.__name__, given, family)
    texts = glyph_texts(data, DEVANAGARI)
    assert "श्" in "".join(texts) and any(len(t) > 1 for t in texts)  # joined glyphs drawn
    assert notdef_glyphs(data) == []
