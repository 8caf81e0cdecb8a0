"""Every script prints: names in twelve scripts on a badge, in the booklet's speaker list
and on a letter page come back from pdftotext (right-to-left ones in logical order), no
glyph is .notdef, every font is embedded; every PDF says title, author, subject and
language; a batch numbers each document on its own, in its own language."""

from __future__ import annotations

import pytest

from eventsapp.badges.layouts import LAYOUTS
from eventsapp.badges.render import render_badges_pdf
from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.data import Booklet, BookletLabels, SpeakerBio
from eventsapp.documents.pages import Part, para, render_batch
from eventsapp.fonts import unsupported, visual
from eventsapp.forms import name_error
from tests.badges_helpers import sample_badge
from tests.print_helpers import (
    NAMES,
    RTL_NAMES,
    font_names,
    metadata,
    notdef_glyphs,
    pdftotext,
)


def _badges() -> bytes:
    badges = [
        sample_badge(i, given_name=given, family_name=family, qr_token=None)
        for i, (given, family) in enumerate(NAMES, start=1)
    ]
    return render_badges_pdf(badges, LAYOUTS["a6"], title="Badges", author="Org", lang="en")


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


def _letters() -> bytes:
    parts = [Part([para(f"Dear {g} {f},"), para(f"{g} {f}", "bold")], "Page {page} of {pages}")
             for g, f in NAMES]  # fmt: skip
    return render_batch(parts, paper="letter", title="Letters", author="Org")


RENDERERS = {"badge": _badges, "booklet": _booklet, "letter": _letters}


@pytest.fixture(scope="module", params=list(RENDERERS))
def rendered(request) -> tuple[str, bytes]:
    return request.param, RENDERERS[request.param]()


def test_every_name_comes_back_from_the_text_layer(rendered):
    kind, data = rendered
    text = pdftotext(data)
    for given, family in NAMES:
        # a substring match: a right-to-left name read back reversed would not match
        assert given in text, (kind, given)
        assert family in text, (kind, family)


def test_right_to_left_names_are_in_logical_order(rendered):
    kind, data = rendered
    text = pdftotext(data)
    for name in RTL_NAMES:
        assert name in text
        assert name[::-1] not in text
        assert visual(name) != name  # what is drawn is reordered (and, for Arabic, joined)


def test_no_glyph_is_notdef_and_every_font_is_embedded(rendered):
    kind, data = rendered
    assert notdef_glyphs(data) == []
    fonts = font_names(data)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert not any("Helvetica" in name or "Times" in name for name, _ in fonts)
    names = " ".join(name for name, _ in fonts)
    for family in ("DejaVuSans", "NotoSansArabic", "NotoSansDevanagari", "WenQuanYiMicroHei"):
        assert family in names, (kind, family)


def test_metadata_says_title_author_subject_and_language(rendered):
    kind, data = rendered
    info = metadata(data)
    assert info["title"] and info["subject"] and info["lang"] == "en", info
    assert info["author"] not in ("", "anonymous"), info


def test_a_batch_numbers_each_document_in_its_own_language():
    parts = [
        Part([para("First letter")], "Page {page} of {pages}", "en"),
        Part([para(f"Line {i}") for i in range(120)], "Página {page} de {pages}", "es"),
        Part([para("Third letter")], "Page {page} of {pages}", "en"),
    ]
    data = render_batch(parts, paper="letter", title="Letters", author="Org")
    pages = [" ".join(p.split()) for p in pdftotext_pages(data)]
    spanish = [p for p in pages if "Line " in p]
    assert len(spanish) >= 2 and len(pages) == len(spanish) + 2
    assert pages[0].endswith("First letter Page 1 of 1")
    for number, page in enumerate(spanish, start=1):
        assert page.endswith(f"Página {number} de {len(spanish)}")
    assert pages[-1].endswith("Third letter Page 1 of 1")


def pdftotext_pages(data: bytes) -> list[str]:
    import subprocess

    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode().split("\f")[:-1]


@pytest.mark.parametrize(
    "value, refused",
    [
        ("Ana María", False),
        ("김민준", False),
        ("محمد", False),
        ("Ana \U0001f9d1\u200d\U0001f4bb", True),  # an emoji sequence no font has
        ("\U00013000 Ra", True),  # Egyptian hieroglyph
    ],
)
def test_names_no_font_can_print_are_refused_with_a_message(app, value, refused):
    with app.test_request_context():
        message = name_error(value)
        assert (message is not None) == refused
        if refused:
            assert unsupported(value) in str(message).replace(" ", "")
            assert "cannot be printed" in str(message)


def test_the_registration_form_and_the_import_refuse_unprintable_names(app, client, db):
    """Characters no shipped font has (an Egyptian hieroglyph, a technologist emoji
    sequence) are refused next to the field, and the import names their line."""
    import io

    from eventsapp.registration.models import Person
    from tests.hostile_helpers import make_world, sign_in

    world = make_world()
    count = lambda email: db.session.scalar(  # noqa: E731
        db.select(db.func.count()).where(Person.email == email)
    )
    response = client.post(
        f"/events/{world.event.slug}/register",
        data={
            "given_name": "Ana \U00013000",
            "family_name": "Pérez",
            "email": "glyph@example.org",
            "preferred_language": "en",
            "role": "delegate",
            "consent": "y",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "cannot be printed on badges and letters" in body
    assert count("glyph@example.org") == 0
    sign_in(client, world.admin)
    content = (
        "given_name,family_name,email\r\n"
        "Ana,Pérez,ana@example.org\r\n"
        "王,小明,wang@example.org\r\n"
        "Luis,Ruiz \U0001f9d1\u200d\U0001f4bb,luis@example.org\r\n"
    ).encode()
    response = client.post(
        f"/manage/events/{world.event.slug}/registrations/import",
        data={"file": (io.BytesIO(content), "people.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    body = response.get_data(as_text=True)
    assert "<td>4</td><td>family_name</td><td>These characters cannot be printed" in body
    db.session.expire_all()
    assert count("luis@example.org") == 0
