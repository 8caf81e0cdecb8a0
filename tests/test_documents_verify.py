"""Issued documents as records and their public verification page ``/verify/<reference>``:
the same reference on every download, revoked when the registration is cancelled, and a
page that shows what a consulate checks, never the passport number."""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventsapp.documents.models import DocumentKind, IssuedDocument
from eventsapp.extensions import db
from eventsapp.registration import services as registration_services
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language
from tests.auth_helpers import limited_client
from tests.documents_helpers import attended, pdf_text
from tests.factories import make_person, make_registration, make_session

REFERENCE = re.compile(r"\b(VL|CA)-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b")


def _delegate(event):
    person = make_person(
        given_name="Renée",
        family_name="Ibáñez",
        honorific="Lic.",
        passport_number="G12345678",
        nationality="Mexico",
        preferred_language=Language.ES,
        event=event,
    )
    return make_registration(event, person)


def _letter(client, event, registration) -> str:
    token = registration_token(registration)
    response = client.get(f"/events/{event.slug}/my/{token}/visa-letter.pdf")
    assert response.status_code == 200
    return pdf_text(response.data)


def _references(text: str) -> set[str]:
    return {m.group(0) for m in REFERENCE.finditer(text)}


def test_downloading_again_gives_the_same_reference(client, event):
    registration = _delegate(event)
    first, second = _letter(client, event, registration), _letter(client, event, registration)
    [reference] = _references(first)
    assert _references(second) == {reference}
    rows = db.session.scalars(db.select(IssuedDocument)).all()
    assert [(r.reference, r.kind, r.registration_id) for r in rows] == [
        (reference, DocumentKind.VISA_LETTER, registration.id)
    ]
    assert f"events.test/verify/{reference}" in first.replace(" ", "")


def test_the_verification_page_of_a_valid_letter(client, event):
    registration = _delegate(event)
    [reference] = _references(_letter(client, event, registration))
    page = client.get(f"/verify/{reference}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for expected in (reference, "Valid", "Renée Ibáñez", "Visa invitation letter"):
        assert expected in html
    assert "Western Attorneys General Summit" in html
    assert "G12345678" not in html and "Lic." not in html
    assert "no-store" in page.headers["Cache-Control"]
    # Typed by hand: lower case, spaces instead of dashes.
    typed = reference.lower().replace("-", " ")
    assert client.get(f"/verify?reference={typed}").location.endswith(f"/verify/{reference}")


def test_cancelling_revokes_and_the_page_says_so(client, event):
    registration = _delegate(event)
    [reference] = _references(_letter(client, event, registration))
    registration_services.cancel(None, registration)
    db.session.commit()
    html = client.get(f"/verify/{reference}").get_data(as_text=True)
    assert "Revoked" in html and "the registration was cancelled" in html
    assert "Valid</strong>" not in html
    document = db.session.scalar(db.select(IssuedDocument))
    assert document.revoked_at is not None and document.revoke_reason == "cancelled"


def test_deleting_the_registration_leaves_a_revoked_record(client, event):
    registration = _delegate(event)
    [reference] = _references(_letter(client, event, registration))
    registration_services.delete_registration(None, registration)
    db.session.commit()
    page = client.get(f"/verify/{reference}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Revoked" in html and "Ibáñez" not in html


def test_an_unknown_reference_is_a_404_that_says_so(client, event):
    for reference in ("VL-2345-6789-ABCD", "nonsense", "CA-0000-0000-0000"):
        page = client.get(f"/verify/{reference}")
        assert page.status_code == 404
        assert "No document has the reference" in page.get_data(as_text=True)


def test_a_certificate_has_a_serial_and_verifies(client, event):
    event.start_date = date.today() - timedelta(days=20)
    event.end_date = event.start_date + timedelta(days=1)
    db.session.commit()
    registration = _delegate(event)
    attended(make_session(event, title_en="Panel", title_es="Panel", cle_hours=1), registration)
    token = registration_token(registration)
    texts = [
        pdf_text(client.get(f"/events/{event.slug}/my/{token}/certificate.pdf").data)
        for _ in range(2)
    ]
    [serial] = _references(texts[0])
    assert serial.startswith("CA-") and _references(texts[1]) == {serial}
    html = client.get(f"/verify/{serial}").get_data(as_text=True)
    assert "Constancia de asistencia" not in html  # the page speaks the reader's language
    assert "Certificate of attendance" in html and "Valid" in html


def test_the_verification_page_is_rate_limited(app, db, event):
    client = limited_client(app)
    codes = [client.get("/verify/VL-2345-6789-ABCD").status_code for _ in range(31)]
    assert codes == [404] * 30 + [429]
