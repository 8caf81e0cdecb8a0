"""The booklet as a print shop checks it, measured on the PDF (pypdfium2 character boxes):
time ranges on one line, nothing past the side margins, continued tables aligned with the
first page's, sessions and bios never split, a running head with the event name and logo,
no number on the cover."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import Image as PILImage

from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.data import AgendaDay, Booklet, BookletLabels, SessionEntry, SpeakerBio
from eventsapp.documents.pages import MARGIN
from tests.print_helpers import metadata

TIMES = [
    "9:00\u202fAM – 10:30\u202fAM",
    "10:45\u202fAM – 12:00\u202fPM",
    "12:00\u202fPM – 1:15\u202fPM",
]
LOREM = "The panel reviews cross-border cooperation between attorneys general. " * 3


def _booklet(lang: str, logo: bytes | None = None) -> Booklet:
    n = 2 if lang == "both" else 1
    sessions = [
        SessionEntry(
            time=TIMES[i % 3],
            room="Ballroom A",
            title=(f"Session {i}: cooperation and enforcement",) * n,
            track=("Track",) * n,
            people=(f"Speakers: Ana Núñez, Bo Li · Moderator: Person {i}",) * n,
            is_break=i % 7 == 3,
        )
        for i in range(40)
    ]
    return Booklet(
        languages=("en", "es")[:n],
        paper="letter",
        title=("Western Attorneys General Summit",) * n,
        dates=("March 9–10, 2027",) * n,
        venue="Convention Center",
        labels=BookletLabels(*[("Section",) * n] * 6, page_of=("Page {page} of {pages}",) * n),
        logo=logo,
        days=[AgendaDay(("Tuesday, March 9, 2027",) * n, sessions)],
        speakers=[
            SpeakerBio(f"Speaker {i} Fernández", "Office of the Attorney General", (LOREM * 4,) * n)
            for i in range(12)
        ],
    )


def _chars(pdf: bytes):
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            chars.append((text.get_text_range(i, 1), *text.get_charbox(i)))
        pages.append((page.get_width(), page.get_height(), chars, text.get_text_range()))
    document.close()
    return pages


@pytest.fixture(scope="module", params=["en", "both"])
def booklet_pages(request, tmp_path_factory):
    logo = io.BytesIO()
    PILImage.new("RGB", (200, 100), (30, 80, 160)).save(logo, "PNG")
    pdf = render_booklet(_booklet(request.param, logo.getvalue()))
    return pdf, _chars(pdf), 2 if request.param == "both" else 1


def test_nothing_past_the_side_margins(booklet_pages):
    _pdf, pages, _columns = booklet_pages
    for number, (width, _height, chars, _text) in enumerate(pages, start=1):
        for char, left, _bottom, right, _top in chars:
            if not char.strip():
                continue
            assert left >= MARGIN - 0.5 and right <= width - MARGIN + 0.5, (
                number,
                char,
                left,
                right,
            )


def test_time_ranges_stay_on_one_line(booklet_pages):
    _pdf, pages, _columns = booklet_pages
    for _w, _h, _chars, text in pages:
        lines = [" ".join(line.split()) for line in text.splitlines()]
        for line in lines:
            assert line not in ("AM", "PM"), "a time range wrapped"
    agenda_text = " ".join(" ".join(p[3].split()) for p in pages)
    for time in TIMES:
        assert " ".join(time.split()) in agenda_text


def test_continued_tables_are_aligned_with_the_first(booklet_pages):
    _pdf, pages, columns = booklet_pages
    # the left edges of the time column and of the session titles, page by page
    time_lefts, title_lefts = set(), set()
    for _w, _h, chars, _text in pages:
        joined = "".join(c[0] for c in chars)
        for start in _find_all(joined, "Session "):
            number = int(joined[start + 8 : joined.index(":", start)])
            if number % 7 != 3:  # breaks are set in italics: another glyph box
                title_lefts.add(round(chars[start][1], 1))
        for start in _find_all(joined, "Ballroom A"):
            time_lefts.add(round(chars[start][1], 1))
    # one left edge per language column and one for the times, on every page
    assert len(title_lefts) == columns and len(time_lefts) == 1, (title_lefts, time_lefts)


def _find_all(text: str, needle: str):
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def test_sessions_and_bios_are_not_split(booklet_pages):
    _pdf, pages, _columns = booklet_pages
    for _w, _h, _chars, text in pages:
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        body = [ln for ln in lines if not ln.startswith("Page ") and "Summit" not in ln]
        if not body:
            continue
        # a page never starts with the tail of a session (its people line) or of a bio
        assert not body[0].startswith("Speakers: Ana"), body[:3]
        assert not body[0].startswith("Track"), body[:3]


def test_running_head_and_no_number_on_the_cover(booklet_pages):
    pdf, pages, _columns = booklet_pages
    cover = pages[0][3]
    assert "Page " not in cover
    for number, (_w, height, chars, text) in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in text
        # above the text frame: the event's name (characters without the spaces)
        head = "".join(c[0] for c in chars if c[2] > height - MARGIN and c[0].strip())
        assert "WesternAttorneysGeneralSummit" in head, (number, head)
    document = pypdfium2.PdfDocument(pdf)
    images = [
        obj for obj in document[1].get_objects() if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE
    ]
    document.close()
    assert images, "no logo in the running head"
    info = metadata(pdf)
    assert info["title"] == "Western Attorneys General Summit" and info["lang"] == "en"
