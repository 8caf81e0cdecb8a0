"""Badge printing with the database: filters and order, print records, reprints,
reissued tokens, the back office page and the command line."""

from __future__ import annotations

import io

import pytest

from eventsapp.audit.models import AuditEntry
from eventsapp.badges.models import BadgePrint
from eventsapp.badges.services import (
    BadgeFilter,
    reissue_badge,
    select_registrations,
    single_badge_pdf,
)
from eventsapp.badges.tokens import parse_badge_token
from eventsapp.registration.models import RegistrationRole, RegistrationStatus
from tests.badges_helpers import all_texts, decode_qr_codes, page_texts
from tests.factories import (
    make_delegation,
    make_jurisdiction,
    make_person,
    make_registration,
)


@pytest.fixture
def people(event):
    alpha = make_delegation(event, make_jurisdiction("Arizona"))
    zulu = make_delegation(event, make_jurisdiction("Zacatecas"))
    regs = {
        "zed": make_registration(
            event, make_person(given_name="Ana", family_name="Zed"), delegation_id=alpha.id
        ),
        "bravo": make_registration(
            event,
            make_person(given_name="Íñigo", family_name="Bravo"),
            delegation_id=zulu.id,
            role=RegistrationRole.SPEAKER,
        ),
        "adams": make_registration(
            event, make_person(given_name="Bo", family_name="Adams"), delegation_id=zulu.id
        ),
        "cruz": make_registration(
            event, make_person(given_name="Cy", family_name="Cruz"), role=RegistrationRole.PRESS
        ),
        "waiting": make_registration(
            event,
            make_person(given_name="Wa", family_name="Ait"),
            status=RegistrationStatus.PENDING,
        ),
    }
    return {"alpha": alpha, "zulu": zulu, **regs}


def _names(regs):
    return [r.person.family_name for r in regs]


def test_order_by_delegation_then_family_name_or_by_family_name(event, people):
    assert _names(select_registrations(event, BadgeFilter())) == ["Zed", "Adams", "Bravo", "Cruz"]
    by_family = select_registrations(event, BadgeFilter(order="family"))
    assert _names(by_family) == ["Adams", "Bravo", "Cruz", "Zed"]


def test_filters(event, people):
    zulu = BadgeFilter(delegation_id=people["zulu"].id)
    assert _names(select_registrations(event, zulu)) == ["Adams", "Bravo"]
    speakers = BadgeFilter(role=RegistrationRole.SPEAKER)
    assert _names(select_registrations(event, speakers)) == ["Bravo"]
    pending = BadgeFilter(statuses=(RegistrationStatus.PENDING,))
    assert _names(select_registrations(event, pending)) == ["Ait"]
    picked = BadgeFilter(registration_ids=[people["cruz"].id, people["zed"].id])
    assert _names(select_registrations(event, picked)) == ["Zed", "Cruz"]


def test_print_page_renders_records_and_filters_unprinted(
    client, login, organizer, event, people, db
):
    login(organizer)
    page = client.get(f"/manage/events/{event.slug}/badges")
    assert page.status_code == 200 and "Íñigo Bravo" in page.text
    response = client.post(
        f"/manage/events/{event.slug}/badges",
        data={
            "layout": "avery-5392",
            "role": "",
            "status": "confirmed",
            "order": "family",
            "delegation_id": str(people["zulu"].id),
            "start_at": "1",
            "language": "en",
        },
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    texts = [t.text for t in page_texts(response.data)]
    assert "Íñigo" in texts and "Bravo" in texts and "Zed" not in texts
    assert "SPEAKER / PONENTE" in texts and "Zacatecas" in texts
    prints = db.session.scalars(db.select(BadgePrint)).all()
    assert sorted(p.registration_id for p in prints) == sorted(
        [people["adams"].id, people["bravo"].id]
    )
    assert all(p.printed_by_id == organizer.id and p.layout == "avery-5392" for p in prints)
    db.session.refresh(people["bravo"])
    assert people["bravo"].badge_printed_at is not None
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "badges.print"))

    again = client.post(
        f"/manage/events/{event.slug}/badges",
        data={
            "layout": "a6",
            "role": "",
            "status": "confirmed",
            "order": "family",
            "unprinted": "y",
            "start_at": "1",
            "language": "es",
        },
    )
    texts = all_texts(again.data)
    assert "Zed" in texts and "Bravo" not in texts


def test_print_with_nothing_to_print_or_bad_start_shows_an_error(client, login, organizer, event):
    login(organizer)
    empty = client.post(
        f"/manage/events/{event.slug}/badges",
        data={
            "layout": "avery-5392",
            "role": "",
            "status": "confirmed",
            "order": "family",
            "start_at": "1",
            "language": "en",
        },
    )
    assert empty.status_code == 200 and "No registrations match" in empty.text
    make_registration(event)
    bad = client.post(
        f"/manage/events/{event.slug}/badges",
        data={
            "layout": "a6",
            "role": "",
            "status": "confirmed",
            "order": "family",
            "start_at": "3",
            "language": "en",
        },
    )
    assert "between 1 and 1" in bad.text


def test_pages_need_an_organizer(client, login, event, people):
    from tests.factories import make_user

    assert client.get(f"/manage/events/{event.slug}/badges").status_code == 302
    login(make_user())
    assert client.get(f"/manage/events/{event.slug}/badges").status_code == 403
    url = f"/manage/events/{event.slug}/badges/{people['zed'].id}/reprint"
    assert client.post(url, data={"layout": "a6"}).status_code == 403


def test_reprint_one_badge_and_ids_are_scoped_to_the_event(
    client, login, organizer, event, people, db
):
    from tests.factories import make_event

    login(organizer)
    reg = people["bravo"]
    response = client.post(
        f"/manage/events/{event.slug}/badges/{reg.id}/reprint", data={"layout": "cr80"}
    )
    assert response.mimetype == "application/pdf"
    assert "Íñigo" in [t.text for t in page_texts(response.data)]
    decoded = decode_qr_codes(response.data, dpi=300)
    assert [parse_badge_token(event_secret(client), d).registration_id for d in decoded] == [reg.id]
    printed = db.session.scalars(db.select(BadgePrint)).one()
    assert (printed.registration_id, printed.layout) == (reg.id, "cr80")
    other = make_registration(make_event())
    assert (
        client.post(
            f"/manage/events/{event.slug}/badges/{other.id}/reprint", data={"layout": "a6"}
        ).status_code
        == 404
    )


def event_secret(client):
    return client.application.config["SECRET_KEY"]


def test_single_badge_pdf_service_records_the_print(app, event, people, organizer, db):
    pdf = single_badge_pdf(people["zed"], "a6", organizer)
    db.session.commit()
    assert pdf.startswith(b"%PDF") and "Zed" in [t.text for t in page_texts(pdf)]
    assert db.session.scalars(db.select(BadgePrint)).one().printed_by_id == organizer.id


def test_reissue_makes_the_old_badge_token_stale(client, login, organizer, event, people, db):
    login(organizer)
    reg = people["cruz"]
    old = decode_qr_codes(single_badge_pdf(reg, "a6"))[0]
    response = client.post(f"/manage/events/{event.slug}/badges/{reg.id}/reissue")
    assert response.status_code == 302
    db.session.refresh(reg)
    assert reg.badge_token_version == 2
    assert parse_badge_token(event_secret(client), old).version != reg.badge_token_version
    new = decode_qr_codes(single_badge_pdf(reg, "a6"))[0]
    assert parse_badge_token(event_secret(client), new).version == reg.badge_token_version
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "badges.reissue"))


def test_reissue_service_direct(app, event, people, organizer):
    assert reissue_badge(organizer, people["zed"]) == 2


def test_preview_each_layout_with_honorific_and_logo(
    client, login, organizer, event, people, db, app
):
    from PIL import Image

    from eventsapp import storage
    from eventsapp.events.branding_models import BrandingSettings

    logo = io.BytesIO()
    Image.new("RGB", (60, 30), "red").save(logo, "PNG")
    branding = BrandingSettings(
        event_id=event.id, logo_key=storage.put(logo.getvalue(), "image/png")
    )
    db.session.add(branding)
    event.badge_show_honorific = True
    people["zed"].person.honorific = "Hon."
    db.session.commit()
    login(organizer)
    for layout in ("avery-5392", "a4-a6", "a6", "4x6in", "cr80"):
        response = client.get(f"/manage/events/{event.slug}/badges/preview/{layout}")
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        assert b"/Subtype /Image" in response.data
    one = client.get(
        f"/manage/events/{event.slug}/badges/preview/a6?registration_id={people['zed'].id}"
    )
    assert "Hon. Ana" in [t.text for t in page_texts(one.data)]
    assert client.get(f"/manage/events/{event.slug}/badges/preview/nope").status_code == 404
    branding.logo_key = "0" * 64 + ".png"  # an absent logo is simply left out
    db.session.commit()
    assert client.get(f"/manage/events/{event.slug}/badges/preview/a6").status_code == 200


def test_cli_lists_layouts_and_prints(runner, event, people, tmp_path, db):
    listing = runner.invoke(args=["badge-layouts"])
    assert listing.exit_code == 0
    for name in ("avery-5392", "a4-a6", "a6", "4x6in", "cr80"):
        assert name in listing.output
    out = tmp_path / "badges.pdf"
    result = runner.invoke(
        args=[
            "badges",
            event.slug,
            "--layout",
            "avery-5392",
            "-o",
            str(out),
            "--delegation",
            "zacatecas",
            "--start-at",
            "2",
            "--crop-marks",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "2 badge(s)" in result.output
    texts = [t.text for t in page_texts(out.read_bytes())]
    assert "Adams" in texts and "Zed" not in texts
    again = runner.invoke(
        args=["badges", event.slug, "-o", str(out), "--unprinted", "--role", "press"]
    )
    assert again.exit_code == 0 and "1 badge(s)" in again.output
    none_left = runner.invoke(
        args=["badges", event.slug, "-o", str(out), "--unprinted", "--role", "press"]
    )
    assert none_left.exit_code != 0 and "No registrations match" in none_left.output
    assert runner.invoke(args=["badges", "nope", "-o", str(out)]).exit_code != 0
    assert not out.exists()  # a failed run leaves no half-written file


def test_a_batch_loaded_in_chunks_keeps_print_order_and_records_every_badge(
    client, login, organizer, event, people, db, monkeypatch
):
    from eventsapp.badges import services

    monkeypatch.setattr(services, "LOAD_CHUNK", 3)  # 4 badges: chunks of 3 and 1
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/badges",
        data={
            "layout": "a6",
            "role": "",
            "status": "confirmed",
            "order": "delegation",
            "start_at": "1",
            "language": "en",
        },
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    # Sent from the temporary file it was rendered into, with its length.
    assert int(response.headers["Content-Length"]) == len(response.data)
    family = [t for t in all_texts(response.data) if t in {"Zed", "Adams", "Bravo", "Cruz"}]
    assert family == ["Zed", "Adams", "Bravo", "Cruz"]  # delegation, then family name
    prints = db.session.scalars(db.select(BadgePrint)).all()
    assert sorted(p.registration_id for p in prints) == sorted(
        people[key].id for key in ("zed", "adams", "bravo", "cruz")
    )
    audit = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "badges.print"))
    assert "4 badge(s)" in audit.summary
