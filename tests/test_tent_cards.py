"""Tent cards: one folded landscape page per person, the face printed on both halves (the
upper one upside down), in protocol order, from the documents page and the CLI."""

from __future__ import annotations

import pypdfium2
import pytest
from reportlab.lib.units import mm

from eventsapp.delegations.models import Delegation
from eventsapp.documents.tent_cards import TentCard, render_tent_cards
from eventsapp.events.models import ProtocolOrder
from eventsapp.extensions import db
from eventsapp.registration.models import RegistrationRole, RegistrationStatus
from tests.factories import (
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
    make_user,
)
from tests.print_helpers import font_names, metadata, notdef_glyphs, pdftotext


def _pages(pdf: bytes):
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        chars = [
            (text.get_text_range(i, 1), *text.get_charbox(i)) for i in range(text.count_chars())
        ]
        pages.append((page.get_width(), page.get_height(), [c for c in chars if c[0].strip()]))
    document.close()
    return pages


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_each_card_is_a_folded_landscape_page_with_an_upside_down_upper_face(paper):
    cards = [
        TentCard("Hon. María de los Ángeles Fernández de Córdoba", "Baja California"),
        TentCard("Ana Li", "Alaska"),
        TentCard("لطيفة السلامي", "Office of the Attorney General"),
    ]
    pdf = render_tent_cards(cards, paper=paper, title="Tent cards", author="Org")
    pages = _pages(pdf)
    assert len(pages) == 3
    for (width, height, chars), card in zip(pages, cards, strict=True):
        assert width > height  # landscape
        fold = height / 2
        lower = [c for c in chars if (c[2] + c[4]) / 2 < fold]
        upper = [c for c in chars if (c[2] + c[4]) / 2 > fold]
        letters = len(card.name.replace(" ", "")) + len(card.detail.replace(" ", ""))
        assert len(lower) == len(upper) == letters
        # the upper face is turned 180°: its characters run right to left on the page
        if card.name.isascii():
            upper_name = [c for c in upper if c[0] in card.name][:5]
            assert all(a[1] > b[1] for a, b in zip(upper_name, upper_name[1:], strict=False))
            lower_name = [c for c in lower if c[0] in card.name][:5]
            assert all(a[1] < b[1] for a, b in zip(lower_name, lower_name[1:], strict=False))
        for _char, left, bottom, right, top in chars:
            assert left >= 15 * mm - 0.5 and right <= width - 15 * mm + 0.5
            assert bottom >= 15 * mm - 0.5 and top <= height - 15 * mm + 0.5
            assert top <= fold - 10 * mm or bottom >= fold + 10 * mm  # clear of the fold
        # the name is the large line: at least 40 pt tall glyph boxes for the first letter
        first = next(c for c in lower if c[0] == card.name.replace(" ", "")[0])
        assert first[4] - first[2] >= 20
    text = pdftotext(pdf)
    for card in cards:
        for word in card.name.split():
            assert text.count(word) >= 2  # both faces are in the text layer
    assert notdef_glyphs(pdf) == []
    assert all(embedded for _name, embedded in font_names(pdf))
    info = metadata(pdf)
    assert info["title"] == "Tent cards" and info["author"] == "Org" and info["lang"] == "en"


def _table(event):
    zacatecas = make_delegation(event, make_jurisdiction("Zacatecas"))
    alaska = make_delegation(event, make_jurisdiction("Alaska"))
    head = make_person(given_name="Xavier", family_name="Zúñiga", honorific="Hon.")
    make_registration(
        event, make_person(given_name="Ana", family_name="Álvarez"), delegation_id=zacatecas.id
    )
    make_registration(event, head, delegation_id=zacatecas.id)
    zacatecas.head_person_id = head.id
    make_registration(
        event,
        make_person(given_name="Bea", family_name="Staffer"),
        delegation_id=zacatecas.id,
        role=RegistrationRole.STAFF,
    )
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


def _names(pdf: bytes) -> list[str]:
    text = pdftotext(pdf)
    wanted = ["Carl Cole", "Hon. Xavier Zúñiga", "Ana Álvarez", "Free Agent"]
    found = sorted((text.index(n), n) for n in wanted if n in text)
    return [n for _i, n in found]


def test_documents_page_downloads_cards_in_protocol_order(client, login, organizer, event):
    zacatecas, alaska = _table(event)
    login(organizer)
    page = client.get(f"/manage/events/{event.slug}/documents/").get_data(as_text=True)
    assert "Tent cards for plenary tables" in page and "Download tent cards (PDF)" in page
    url = f"/manage/events/{event.slug}/documents/tent-cards.pdf"
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = response.data
    # alphabetical delegations, the head first; staff, press and pending people get none
    assert _names(pdf) == ["Carl Cole", "Hon. Xavier Zúñiga", "Ana Álvarez", "Free Agent"]
    assert "Staffer" not in pdftotext(pdf) and "Pending" not in pdftotext(pdf)
    assert "Zacatecas" in pdftotext(pdf)
    one = client.get(f"{url}?delegation_id={zacatecas.id}&paper=a4").data
    assert _names(one) == ["Hon. Xavier Zúñiga", "Ana Álvarez"]
    # the event's manual protocol order is followed, as in the printed program
    event.protocol_order = ProtocolOrder.MANUAL
    db.session.get(Delegation, zacatecas.id).protocol_position = 1
    db.session.get(Delegation, alaska.id).protocol_position = 2
    db.session.commit()
    assert _names(client.get(url).data)[:2] == ["Hon. Xavier Zúñiga", "Ana Álvarez"]


def test_another_events_organizer_or_delegation_gets_nothing(client, login, organizer, event):
    zacatecas, _alaska = _table(event)
    other = make_event("other-summit")
    foreign = make_delegation(other, make_jurisdiction("Elsewhere"))
    db.session.commit()
    url = f"/manage/events/{event.slug}/documents/tent-cards.pdf"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    login(make_user("someone@example.org"))
    assert client.get(url).status_code == 403
    login(organizer)
    assert client.get(f"/manage/events/{other.slug}/documents/tent-cards.pdf").status_code == 403
    assert client.get(f"{url}?delegation_id={foreign.id}").status_code == 400
    assert client.get(f"{url}?paper=a3").status_code == 400


def test_cli_writes_the_cards(runner, event, tmp_path):
    _table(event)
    out = tmp_path / "cards.pdf"
    result = runner.invoke(
        args=["tent-cards", event.slug, "--delegation", "zacatecas", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 tent card(s)" in result.output
    assert _names(out.read_bytes()) == ["Hon. Xavier Zúñiga", "Ana Álvarez"]
    missing = runner.invoke(args=["tent-cards", event.slug, "--delegation", "nope", "-o", str(out)])
    assert missing.exit_code != 0 and "No delegation" in missing.output
