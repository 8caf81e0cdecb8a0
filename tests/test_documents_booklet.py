"""The program booklet: content, order, languages, layout, the CLI and the back office."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from eventsapp.delegations.models import Delegation
from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.data import Booklet, BookletLabels, SpeakerBio
from eventsapp.events.models import ProtocolOrder
from eventsapp.extensions import db
from eventsapp.registration.models import RegistrationRole, RegistrationStatus
from tests.documents_helpers import outline_titles, pdf_pages, pdf_text, summit
from tests.factories import (
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
    make_session,
    make_user,
)


def booklet_pdf(client, event, lang="both", paper="letter") -> bytes:
    response = client.get(
        f"/manage/events/{event.slug}/documents/program.pdf?lang={lang}&paper={paper}"
    )
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    return response.data


def test_cli_writes_booklet_with_every_published_session_and_speaker(runner, event, tmp_path):
    s = summit(event)
    out = tmp_path / "program.pdf"
    result = runner.invoke(args=["program", event.slug, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    for title in ("Opening plenary on cross-border cooperation", "Tracing illicit financial flows"):
        assert title in text
    assert "Lic. José Ángel Muñoz Peña" in text
    assert "Zoë Brontë" in text
    assert "Salón Cortés" in text and "Money laundering" in text
    assert "Fundación Ñandú" in text
    # Drafts, and speakers only in drafts, are not printed.
    assert "Secret draft panel" not in text
    assert s.draft_speaker.person.family_name not in text
    assert "Hidden Person" not in text


def test_cli_unknown_slug_fails(runner, db, tmp_path):
    result = runner.invoke(args=["program", "nope", "-o", str(tmp_path / "never.pdf")])
    assert result.exit_code != 0
    assert "nope" in result.output


def test_both_languages_side_by_side(client, login, organizer, event):
    summit(event)
    login(organizer)
    text = pdf_text(booklet_pdf(client, event, "both"))
    assert "Opening plenary on cross-border cooperation" in text
    assert "Plenaria inaugural sobre cooperación transfronteriza" in text
    assert "Contents / Contenido" in text
    assert "Speakers / Ponentes" in text
    assert "Lavado de dinero" in text and "Money laundering" in text


def test_spanish_booklet(client, login, organizer, event):
    summit(event)
    login(organizer)
    data = booklet_pdf(client, event, "es")
    text = pdf_text(data)
    assert "Rastreo de flujos financieros ilícitos" in text
    assert "Tracing illicit financial flows" not in text
    # "Agenda" is the one Spanish word for the agenda across every catalog.
    assert "Contenido" in text and "Agenda" in text and "Programa" not in text
    assert "Socios y coanfitriones" in text
    pages = pdf_pages(data)
    assert "Página" not in pages[0]  # no number on the cover
    assert f"Página 2 de {len(pages)}" in pages[1]


def test_toc_page_numbers_footer_and_outline(client, login, organizer, event):
    summit(event)
    login(organizer)
    data = booklet_pdf(client, event, "en")
    pages = pdf_pages(data)
    total = len(pages)
    assert "Page 1 of" not in pages[0]  # the cover carries no number
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page
    titles = outline_titles(data)
    assert {"Contents", "Welcome", "Agenda", "Speakers", "Partners and co-hosts"} <= set(titles)
    assert any("March 9, 2027" in t for t in titles)
    # The contents page gives, for every section and day, the page where its bookmark is.
    reader = PdfReader(io.BytesIO(data))
    bookmarked = sorted(
        reader.get_destination_page_number(item) + 1
        for item in _flatten(reader.outline)
        if item.title != "Contents"
    )
    listed = sorted(
        int(match)
        for line in pages[1].splitlines()
        for match in re.findall(r"\.\s*(\d+)\s*$", line)
    )
    assert listed == bookmarked
    assert len(listed) >= 5


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_breaks_and_meals_are_printed_apart(event):
    from eventsapp.documents.queries import booklet_for

    s = summit(event)
    booklet = booklet_for(event, "en")
    entries = {e.title[0]: e for day in booklet.days for e in day.sessions}
    assert entries["Lunch"].is_break
    assert not entries[s.plenary.title_en].is_break


def test_empty_sections_are_left_out(client, login, organizer, event):
    make_session(event, title_en="Only session", title_es="Única sesión")
    login(organizer)
    data = booklet_pdf(client, event, "en")
    text = pdf_text(data)
    assert "Only session" in text
    titles = outline_titles(data)
    assert "Agenda" in titles
    for absent in ("Welcome", "Speakers", "Participants", "Partners and co-hosts"):
        assert absent not in titles
        assert absent not in text


def test_empty_event_still_renders(client, login, organizer, event):
    login(organizer)
    data = booklet_pdf(client, event, "both")
    assert "Western Attorneys General Summit" in pdf_text(data)
    assert "Agenda" not in outline_titles(data)


def test_escapes_markup_in_user_text(client, login, organizer, event):
    make_session(event, title_en="<b>Tom & Jerry</b> <font size=40>law</font>")
    login(organizer)
    assert "<b>Tom & Jerry</b> <font size=40>law</font>" in pdf_text(
        booklet_pdf(client, event, "en")
    )


@pytest.mark.parametrize("lang", ["en", "both"])
def test_long_biography_flows_across_pages(lang):
    sentences = " ".join(f"Sentence number {i} of a long biography." for i in range(900))
    booklet = Booklet(
        languages=("en", "es")[: 2 if lang == "both" else 1],
        paper="a4",
        title=("T", "T"),
        dates=("d", "d"),
        venue="",
        labels=BookletLabels(*[("x", "y")] * 6, page_of=("Page {page} of {pages}",) * 2),
        speakers=[SpeakerBio("Ana Núñez", "", (sentences + " THE END.", sentences + " FIN."))],
    )
    pages = pdf_pages(render_booklet(booklet))
    first = next(i for i, p in enumerate(pages) if "Sentence number 0 " in p)
    last = next(i for i, p in enumerate(pages) if "THE END." in p)
    assert last > first
    text = " ".join(" ".join(pages).split())
    assert "Sentence number 899 of a long biography." in text
    if lang == "both":
        assert "FIN." in text


def test_paper_sizes(client, login, organizer, event):
    login(organizer)
    letter = PdfReader(io.BytesIO(booklet_pdf(client, event, "en", "letter"))).pages[0]
    a4 = PdfReader(io.BytesIO(booklet_pdf(client, event, "en", "a4"))).pages[0]
    assert round(float(letter.mediabox.width)) == 612
    assert round(float(a4.mediabox.width)) == 595


def _participants(event):
    zacatecas = make_delegation(event, make_jurisdiction("Zacatecas"))
    alaska = make_delegation(event, make_jurisdiction("Alaska"))
    head = make_person(given_name="Xavier", family_name="Zúñiga", honorific="Hon.")
    make_registration(
        event, make_person(given_name="Ana", family_name="Álvarez"), delegation_id=zacatecas.id
    )
    make_registration(event, head, delegation_id=zacatecas.id)
    make_registration(
        event,
        make_person(given_name="Bea", family_name="Bravo"),
        delegation_id=zacatecas.id,
        role=RegistrationRole.STAFF,
    )
    zacatecas.head_person_id = head.id
    make_registration(
        event, make_person(given_name="Carl", family_name="Cole"), delegation_id=alaska.id
    )
    make_registration(
        event,
        make_person(given_name="Pending", family_name="Person"),
        delegation_id=alaska.id,
        status=RegistrationStatus.PENDING,
    )
    make_registration(event, make_person(given_name="Free", family_name="Agent"))
    db.session.commit()
    return zacatecas, alaska


def _order(text: str, *names: str) -> list[int]:
    return [text.index(name) for name in names]


def test_participants_by_jurisdiction_name_head_first(client, login, organizer, event):
    _participants(event)
    login(organizer)
    text = pdf_text(booklet_pdf(client, event, "en"))
    positions = _order(
        text, "Carl Cole", "Hon. Xavier Zúñiga", "Ana Álvarez", "Bea Bravo", "Free Agent"
    )
    assert positions == sorted(positions)
    assert "Head of delegation" in text
    assert "Pending Person" not in text  # only confirmed participants are listed
    assert "Other participants" in text


def test_participants_in_manual_protocol_order(client, login, organizer, event):
    zacatecas, alaska = _participants(event)
    event.protocol_order = ProtocolOrder.MANUAL
    db.session.get(Delegation, zacatecas.id).protocol_position = 1
    db.session.get(Delegation, alaska.id).protocol_position = 2
    db.session.commit()
    login(organizer)
    text = pdf_text(booklet_pdf(client, event, "en"))
    assert _order(text, "Hon. Xavier Zúñiga", "Carl Cole") == sorted(
        _order(text, "Hon. Xavier Zúñiga", "Carl Cole")
    )
    assert text.index("Zacatecas", text.index("Participants")) < text.index("Alaska")


def test_logo_and_photos_are_drawn_when_files_exist(app, client, login, organizer, event):

    from PIL import Image

    s = summit(event)
    from eventsapp import storage
    from eventsapp.events.branding_models import BrandingSettings

    logo = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(logo, "PNG")
    db.session.add(
        BrandingSettings(event_id=event.id, logo_key=storage.put(logo.getvalue(), "image/png"))
    )
    photo = io.BytesIO()
    Image.new("RGB", (30, 30), "red").save(photo, "JPEG")
    s.speaker.photo_filename = storage.put(photo.getvalue(), "image/jpeg", event.id)
    s.moderator.photo_filename = "0" * 64 + ".jpg"  # a missing file is skipped, not an error
    db.session.commit()
    login(organizer)
    reader = PdfReader(io.BytesIO(booklet_pdf(client, event, "en")))
    images = sum(len(page.images) for page in reader.pages)
    # the logo on the cover and in every page's running head, and the one readable photo
    assert len(reader.pages[0].images) == 1
    assert images == len(reader.pages) + 1


def test_documents_page_and_permissions(client, login, organizer, event):
    other = make_event("other-summit")
    login(organizer)
    page = client.get(f"/manage/events/{event.slug}/documents/")
    assert page.status_code == 200
    assert "Download program (PDF)" in page.get_data(as_text=True)
    menu = client.get(f"/manage/events/{event.slug}/").get_data(as_text=True)
    assert f"/manage/events/{event.slug}/documents/" in menu
    assert client.get(f"/manage/events/{other.slug}/documents/").status_code == 403
    assert client.get(f"/manage/events/{other.slug}/documents/program.pdf").status_code == 403
    assert (
        client.get(f"/manage/events/{event.slug}/documents/program.pdf?lang=xx").status_code == 400
    )


def test_anonymous_and_non_organizer_cannot_download(client, login, event):
    response = client.get(f"/manage/events/{event.slug}/documents/program.pdf")
    assert response.status_code == 302
    login(make_user("someone@example.org"))
    assert client.get(f"/manage/events/{event.slug}/documents/program.pdf").status_code == 403


def test_many_long_titles_all_printed_across_pages(client, login, organizer, event):
    from tests.documents_helpers import link
    from tests.factories import make_person, make_speaker

    titles = []
    for n in range(36):
        title = f"Panel {n:02d} " + "on international judicial cooperation " * 6 + f"end{n:02d}"
        titles.append(title)
        session = make_session(
            event, day=n % 2, hour=8 + n // 4, title_en=title, title_es=f"Título {n:02d}"
        )
        if n % 3 == 0:
            speaker = make_speaker(
                event, make_person(given_name=f"Ñusta {n}", family_name="Quispe Núñez")
            )
            link(session, speaker)
    make_session(event, hour=20, published=False, title_en="Unpublished idea")
    login(organizer)
    data = booklet_pdf(client, event, "en")
    text = pdf_text(data)
    assert len(pdf_pages(data)) > 4
    for title in titles:
        assert title in text
    for n in range(0, 36, 3):
        assert f"Ñusta {n} Quispe Núñez" in text
    assert "Unpublished idea" not in text
    # Side by side the columns interleave where a row flows onto the next page.
    both = pdf_text(booklet_pdf(client, event, "both"))
    for n in range(36):
        assert f"Panel {n:02d} on international" in both and f"end{n:02d}" in both
        assert f"Título {n:02d}" in both


def test_spanish_catalog_is_complete():
    from pathlib import Path

    from babel.messages.pofile import read_po

    path = Path(__file__).parent.parent / "eventsapp/documents/translations/es/LC_MESSAGES"
    with open(path / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    assert len(messages) > 50
    assert [m.id for m in messages if not m.string or m.fuzzy] == []
