"""Branding: the site's settings and an event's override (names, colours, signatory, logo
and signature images checked by Pillow and stored in the database), on the letters and
certificates, the public header and the e-mail footer."""

from __future__ import annotations

import io
from datetime import date, timedelta

from PIL import Image
from pypdf import PdfReader

from eventsapp import storage
from eventsapp.events.branding import branding_for
from eventsapp.events.branding_models import BrandingSettings
from eventsapp.events.models import LetterLanguage
from eventsapp.extensions import db
from eventsapp.registration.links import registration_token
from tests.documents_helpers import attended, pdf_text
from tests.factories import make_person, make_registration, make_session, make_user


def png(width: int, height: int, colour=(20, 60, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def _post(client, url, **fields):
    data = {"name_en": "", "name_es": "", "primary_color": "", "accent_color": ""}
    data.update(fields)
    return client.post(url, data=data, content_type="multipart/form-data")


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_site_branding_with_images_reaches_the_letter(client, login, event):
    admin = make_user("root@example.org", is_admin=True)
    login(admin)
    response = _post(
        client,
        "/manage/branding",
        name_en="Conference of Western Attorneys General",
        name_es="Conferencia de Procuradores Generales del Oeste",
        signatory_name="Karen White",
        signatory_title="Executive Director",
        logo=(io.BytesIO(png(400, 160)), "logo.png"),
        signature=(io.BytesIO(png(600, 150, (0, 0, 0))), "signature.png"),
    )
    assert response.status_code == 302
    row = db.session.scalar(db.select(BrandingSettings))
    assert row.event_id is None and row.logo_key and row.signature_key
    assert storage.get(row.logo_key).content_type == "image/png"
    event.letter_language = LetterLanguage.EN
    db.session.commit()
    person = make_person(given_name="Ana", family_name="Ríos", passport_number="P1", event=event)
    registration = make_registration(event, person)
    token = registration_token(registration)
    letter = client.get(f"/events/{event.slug}/my/{token}/visa-letter.pdf").data
    text = pdf_text(letter)
    assert "Conference of Western Attorneys General" in text
    assert "Karen White" in text and "Executive Director" in text
    assert _images(letter) == 2  # the logo and the signature
    # The public header names the organisation and shows the logo; the signature is never
    # served.
    page = client.get("/").get_data(as_text=True)
    assert "Conference of Western Attorneys General" in page
    assert f"/branding/logo/{row.logo_key}" in page
    assert client.get(f"/branding/logo/{row.logo_key}").status_code == 200
    assert client.get(f"/branding/logo/{row.signature_key}").status_code == 404


def test_an_event_overrides_the_site(client, login, organizer, event):
    db.session.add(BrandingSettings(event_id=None, name_en="Site Org", name_es="Org del sitio"))
    db.session.commit()
    assert branding_for(event).name("es") == "Org del sitio"
    login(organizer)
    response = _post(
        client,
        f"/manage/events/{event.slug}/branding",
        name_en="Event Org",
        primary_color="#123456",
    )
    assert response.status_code == 302
    branding = branding_for(event)
    assert branding.name("en") == "Event Org"
    assert branding.name("es") == "Org del sitio"  # empty here: the site's
    assert branding.primary_color == "#123456"
    # The certificate carries the organisation too.
    event.start_date = date.today() - timedelta(days=20)
    event.end_date = event.start_date + timedelta(days=1)
    event.letter_language = LetterLanguage.EN
    db.session.commit()
    registration = make_registration(event, make_person(event=event))
    attended(make_session(event, title_en="Panel"), registration)
    token = registration_token(registration)
    text = pdf_text(client.get(f"/events/{event.slug}/my/{token}/certificate.pdf").data)
    assert "Event Org" in text


def test_bad_images_are_refused_next_to_the_field(client, login, organizer, event):
    login(organizer)
    url = f"/manage/events/{event.slug}/branding"
    cases = [
        ("logo", (io.BytesIO(b"not an image"), "logo.png"), "Upload a PNG or JPEG image."),
        ("logo", (io.BytesIO(png(20, 20)), "tiny.png"), "it must be between 64 × 32"),
        ("signature", (io.BytesIO(png(4000, 100)), "wide.png"), "3000 × 1500"),
        ("logo", (io.BytesIO(b"x" * (2 * 1024 * 1024 + 1)), "big.png"), "larger than 2 MB"),
    ]
    for field, upload, message in cases:
        response = _post(client, url, name_en="Never saved", **{field: upload})
        assert response.status_code == 400, message
        assert message in response.get_data(as_text=True), message
    assert db.session.scalar(db.select(db.func.count(BrandingSettings.id))) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(storage.files.StoredFile)) == 0


def test_a_bad_colour_is_refused(client, login, organizer, event):
    login(organizer)
    response = _post(client, f"/manage/events/{event.slug}/branding", primary_color="red")
    assert response.status_code == 400
    assert "A colour such as #1f3a5f." in response.get_data(as_text=True)


def test_the_confirmation_mail_is_signed_by_the_organisation_in_each_language(
    app, client, db, event
):
    """The default footer of every mail kind ends with the organisation's name in the
    recipient's language (lost once when the mail texts became editable)."""
    from flask_babel import force_locale

    from eventsapp.mail.kinds import KINDS, WITH_FOOTER, default_text
    from eventsapp.registration.models import Registration, RegistrationStatus
    from tests.jobs_helpers import scripted_smtp, use_smtp
    from tests.registration_helpers import signup_data

    db.session.add(
        BrandingSettings(
            event_id=None,
            name_en="Conference of Western Attorneys General",
            name_es="Conferencia de Procuradores Generales del Oeste",
        )
    )
    db.session.commit()
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        for email, lang in (("en@example.org", "en"), ("es@example.org", "es")):
            client.post(
                f"/events/{event.slug}/register",
                data=signup_data(email, preferred_language=lang),
            )
    statuses = db.session.scalars(db.select(Registration.status)).all()
    assert statuses == [RegistrationStatus.CONFIRMED] * 2
    mails = {m["To"]: m.get_body(("plain",)).get_content() for m in smtp.messages}
    english, spanish = mails["en@example.org"], mails["es@example.org"]
    assert "Kind regards," in english and "Atentamente," in spanish
    assert english.rstrip().endswith("Conference of Western Attorneys General")
    assert spanish.rstrip().endswith("Conferencia de Procuradores Generales del Oeste")
    assert "Conferencia" not in english and "Conference" not in spanish
    assert set(WITH_FOOTER) | {"invitation"} == set(KINDS)
    for kind in KINDS:
        assert "organisation" in KINDS[kind].placeholders, kind
        for lang in ("en", "es"):
            with app.test_request_context(), force_locale(lang):
                assert default_text(kind)[1].rstrip().endswith("{organisation}"), (kind, lang)
