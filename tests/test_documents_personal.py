"""Per-person documents: personal agenda, visa invitation letters, certificates."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

from pypdf import PdfReader

from eventsapp.agenda.models import SignupStatus
from eventsapp.audit.models import AuditEntry
from eventsapp.events.models import LetterLanguage
from eventsapp.extensions import db
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language, RegistrationStatus
from tests.badges_helpers import decode_qr_codes
from tests.documents_helpers import attended, pdf_pages, pdf_text, signup, summit
from tests.factories import (
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
    make_session,
)


def delegate(event, **person):
    values = dict(
        given_name="Renée",
        family_name="Ibáñez",
        honorific="Lic.",
        position="Fiscal Adjunta",
        passport_number="G12345678",
        nationality="Mexicana",
        preferred_language=Language.ES,
    )
    values.update(person)
    return make_registration(event, make_person(**values))


def my(event, registration, doc: str) -> str:
    return f"/events/{event.slug}/my/{registration_token(registration)}/{doc}"


# Personal agenda ---------------------------------------------------------------------


def test_personal_agenda_has_plenaries_and_confirmed_workshops(client, event):
    s = summit(event)
    waitlisted = make_session(event, day=1, hour=16, title_en="Full workshop")
    registration = delegate(event, preferred_language=Language.EN)
    signup(s.workshop, registration)
    signup(waitlisted, registration, SignupStatus.WAITLISTED)
    response = client.get(my(event, registration, "agenda.pdf"))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    text = pdf_text(response.data)
    assert "Opening plenary on cross-border cooperation" in text
    assert "Tracing illicit financial flows" in text
    assert "Salón Cortés" in text and "Studio B" in text
    assert "Lic. Renée Ibáñez" in text
    assert "Full workshop" not in text
    assert "Secret draft panel" not in text
    assert "Lunch" not in text


def test_personal_agenda_in_the_persons_language(client, event):
    s = summit(event)
    registration = delegate(event)
    signup(s.workshop, registration)
    text = pdf_text(client.get(my(event, registration, "agenda.pdf")).data)
    assert "Mi agenda" in text
    assert "Rastreo de flujos financieros ilícitos" in text


def test_personal_agenda_url_endpoint(app, event):
    from flask import url_for

    registration = delegate(event)
    token = registration_token(registration)
    url = url_for("documents.personal_agenda_pdf", slug=event.slug, token=token)
    assert url.endswith(f"/events/{event.slug}/my/{token}/agenda.pdf")


def test_forged_revoked_or_other_event_token_is_404(client, event):
    registration = delegate(event)
    other = make_event("other-summit")
    good = registration_token(registration)
    for doc in ("agenda.pdf", "visa-letter.pdf", "certificate.pdf"):
        assert client.get(f"/events/{event.slug}/my/{good}x/{doc}").status_code == 404
        assert client.get(f"/events/{other.slug}/my/{good}/{doc}").status_code == 404
        assert client.get(f"/events/nope/my/{good}/{doc}").status_code == 404
    registration.access_key = "rotated"
    db.session.commit()
    assert client.get(f"/events/{event.slug}/my/{good}/agenda.pdf").status_code == 404


# Visa letters ------------------------------------------------------------------------


def test_organizer_issues_a_visa_letter_in_the_delegates_language(client, login, organizer, event):
    summit(event)
    event.letter_language = LetterLanguage.ES
    registration = delegate(event)
    login(organizer)
    url = f"/manage/events/{event.slug}/documents/registrations/{registration.id}/visa-letter.pdf"
    assert client.get(url).status_code == 405  # issuing is a POST
    response = client.post(url)
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Lic." not in text  # the name as in the passport
    for expected in (
        "Renée Ibáñez",
        "Fiscal Adjunta",
        "G12345678",
        "Mexicana",
        "Íñigo Saldaña",
        "Executive Director",
        "Sección Consular",
        "Embajada o Consulado de los Estados Unidos de América",
        "Cumbre de Procuradores Generales del Oeste",
        "trata de personas",  # the purpose (event description) in Spanish
    ):
        assert expected in text
    entry = db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.action == "documents.visa_letter_issued")
    )
    assert entry.user_id == organizer.id
    assert entry.object_id == registration.id
    assert entry.event_id == event.id
    assert "G12345678" not in (entry.summary or "")


def test_visa_letter_in_english(client, login, organizer, event):
    registration = delegate(event, preferred_language=Language.EN)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/registrations/{registration.id}/visa-letter.pdf"
    )
    text = pdf_text(response.data)
    assert "Dear Consular Officer:" in text and "Passport number" in text


def test_visa_letter_needs_csrf_token(app, client, login, organizer, event):
    registration = delegate(event)
    login(organizer)
    app.config["WTF_CSRF_ENABLED"] = True
    url = f"/manage/events/{event.slug}/documents/registrations/{registration.id}/visa-letter.pdf"
    assert client.post(url).status_code == 400
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0


def test_visa_letter_refused_without_passport(client, login, organizer, event):
    registration = delegate(event, passport_number="")
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/registrations/{registration.id}/visa-letter.pdf",
        follow_redirects=True,
    )
    assert response.mimetype == "text/html"
    assert "No passport number on file" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0


def test_visa_letter_permissions(client, login, organizer, event):
    other = make_event("other-summit")
    theirs = delegate(other)
    mine = delegate(event, email="mine@example.org")
    login(organizer)
    base = f"/manage/events/{other.slug}/documents/registrations/{theirs.id}"
    assert client.post(f"{base}/visa-letter.pdf").status_code == 403
    assert client.get(f"{base}/certificate.pdf").status_code == 403
    # A registration of another event through my event's URL is not found.
    base = f"/manage/events/{event.slug}/documents/registrations/{theirs.id}"
    assert client.post(f"{base}/visa-letter.pdf").status_code == 404
    assert client.get(f"{base}/certificate.pdf").status_code == 404
    assert client.get(f"{base}/agenda.pdf").status_code == 404
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0
    assert mine.id != theirs.id


def test_documents_page_shows_passports_only_to_organizers(client, login, organizer, event):
    delegate(event)
    page = client.get(f"/manage/events/{event.slug}/documents/")
    assert page.status_code == 302
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/documents/").get_data(as_text=True)
    assert "G12345678" in html and "Ibáñez" in html
    public = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "G12345678" not in public


def _delegation_with_three(event):
    delegation = make_delegation(event, make_jurisdiction("Sonora"))
    regs = [
        delegate(event, given_name=name, family_name=family, passport_number=f"P{i}")
        for i, (name, family) in enumerate(
            [("Ana", "Zapata"), ("Luis", "Álvarez"), ("Eva", "Ríos")]
        )
    ]
    for registration in regs:
        registration.delegation_id = delegation.id
    delegation.head_person_id = regs[0].person_id
    outsider = delegate(event, given_name="Not", family_name="Member", passport_number="X")
    cancelled = delegate(event, given_name="Gone", family_name="Away", passport_number="Y")
    cancelled.delegation_id = delegation.id
    cancelled.status = RegistrationStatus.CANCELLED
    event.letter_language = LetterLanguage.EN
    db.session.commit()
    return delegation, regs, outsider


def test_delegation_letters_one_pdf_one_letter_per_page(client, login, organizer, event):
    delegation, regs, _outsider = _delegation_with_three(event)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/visa-letters",
        data={"delegation_id": delegation.id, "output": "pdf"},
    )
    assert response.status_code == 200
    pages = pdf_pages(response.data)
    assert len(pages) == 3
    # Head first, then by family name; one person per page.
    assert "Ana Zapata" in pages[0] and "P0" in pages[0]
    assert "Luis Álvarez" in pages[1]
    assert "Eva Ríos" in pages[2]
    text = " ".join(pages)
    assert "Not Member" not in text and "Gone Away" not in text
    count = db.session.scalar(
        db.select(db.func.count(AuditEntry.id)).where(
            AuditEntry.action == "documents.visa_letter_issued"
        )
    )
    assert count == 3


def test_delegation_letters_as_zip(client, login, organizer, event):
    delegation, regs, _ = _delegation_with_three(event)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/visa-letters",
        data={"delegation_id": delegation.id, "output": "zip"},
    )
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(archive.namelist())
    assert len(names) == 3
    assert any("alvarez" in n for n in names)
    texts = [pdf_text(archive.read(n)) for n in names]
    assert sum("Eva Ríos" in t for t in texts) == 1


def test_delegation_letters_refuse_other_events_delegation(client, login, organizer, event):
    other = make_event("other-summit")
    theirs = make_delegation(other)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/visa-letters",
        data={"delegation_id": theirs.id, "output": "pdf"},
    )
    assert response.status_code == 400
    assert response.mimetype == "text/html"


def test_delegation_letters_skip_who_lacks_a_passport(client, login, organizer, event):
    """One member without a passport number never stops the others' letters."""
    delegation, regs, _ = _delegation_with_three(event)
    regs[1].person.passport_number = ""
    db.session.commit()
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/visa-letters",
        data={"delegation_id": delegation.id, "output": "pdf"},
    )
    assert response.status_code == 200
    pages = pdf_pages(response.data)
    assert len(pages) == 3  # two letters, then the list of who was left out
    assert "Ana Zapata" in pages[0] and "Eva Ríos" in pages[1]
    assert "Letters not issued" in pages[2]
    assert "Álvarez" in pages[2] and "No passport number on file" in pages[2]
    assert "Álvarez" not in pages[0] + pages[1]
    count = db.session.scalar(db.select(db.func.count(AuditEntry.id)))
    assert count == 2
    page = client.get(f"/manage/events/{event.slug}/documents/").get_data(as_text=True)
    assert "Skipped (1)" in page and "Álvarez" in page


def test_delegation_letters_zip_lists_who_was_skipped(client, login, organizer, event):
    delegation, regs, _ = _delegation_with_three(event)
    regs[2].status = RegistrationStatus.PENDING
    db.session.commit()
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/visa-letters",
        data={"delegation_id": delegation.id, "output": "zip"},
    )
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert len([n for n in archive.namelist() if n.endswith(".pdf")]) == 2
    skipped = archive.read("SKIPPED.txt").decode()
    assert "Eva Ríos" in skipped and "not confirmed yet" in skipped


def test_delegation_letters_when_nobody_can_have_one(client, login, organizer, event):
    delegation, regs, _ = _delegation_with_three(event)
    for registration in regs:
        registration.person.passport_number = ""
    db.session.commit()
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/visa-letters",
        data={"delegation_id": delegation.id, "output": "pdf"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Skipped (3)" in html and "No passport number on file" in html
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0


def test_person_gets_own_visa_letter_through_signed_link(client, event):
    registration = delegate(event)
    response = client.get(my(event, registration, "visa-letter.pdf"))
    assert response.status_code == 200
    assert "G12345678" in pdf_text(response.data)
    entry = db.session.scalar(db.select(AuditEntry))
    assert entry.user_id is None and "signed link" in entry.summary


# Certificates ------------------------------------------------------------------------


def ended(event):
    """Move ``event`` into the past (before its sessions are made): certificates exist only
    once it has ended."""
    event.start_date = date.today() - timedelta(days=20)
    event.end_date = event.start_date + timedelta(days=1)
    event.letter_language = LetterLanguage.EN
    event.cle_provider = "State Bar of California"
    event.cle_accreditation = "MCLE-4455"
    db.session.commit()


def test_certificate_from_checkin_records(client, login, organizer, event):
    ended(event)
    s = summit(event)
    registration = delegate(event, preferred_language=Language.EN)
    signup(s.workshop, registration)  # signed up but not scanned: not counted
    attended(s.plenary, registration)
    login(organizer)
    response = client.get(
        f"/manage/events/{event.slug}/documents/registrations/{registration.id}/certificate.pdf"
    )
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "CERTIFICATE OF ATTENDANCE" in text
    assert "Renée Ibáñez" in text and "Lic." not in text
    assert "State Bar of California" in text and "MCLE-4455" in text
    assert "Serial number: CA-" in text and "Issued on" in text
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape, like a certificate
    serial = text.split("Serial number: ")[1].split()[0]
    assert decode_qr_codes(response.data) == [f"http://events.test/verify/{serial}"]
    assert "Opening plenary on cross-border cooperation" in text
    assert "Tracing illicit financial flows" not in text
    assert "check-in records" in text and "sign-ups" not in text
    assert "Total 1 1" in text  # one hour, one CLE hour
    assert "Íñigo Saldaña" in text


def test_no_certificate_from_signups_alone(client, event):
    """No fallback: sign-ups and plenaries without attendance give no certificate."""
    ended(event)
    s = summit(event)
    registration = delegate(event, preferred_language=Language.EN)
    signup(s.workshop, registration)
    response = client.get(my(event, registration, "certificate.pdf"))
    assert response.status_code == 403
    assert response.mimetype == "text/html"
    assert "No attendance recorded" in response.get_data(as_text=True)


def test_certificate_in_spanish(client, event):
    ended(event)
    event.letter_language = LetterLanguage.ES
    s = summit(event)
    registration = delegate(event)
    attended(s.plenary, registration)
    attended(s.workshop, registration)
    attended(s.lunch, registration)  # a meal never counts
    text = pdf_text(client.get(my(event, registration, "certificate.pdf")).data)
    assert "CONSTANCIA DE ASISTENCIA" in text
    assert "Total 2,5 2,5" in text
    assert "Proveedor de CLE: State Bar of California" in text
    assert "Almuerzo" not in text


def test_bulk_certificates_one_pdf(client, login, organizer, event):
    ended(event)
    s = summit(event)
    first = delegate(event, given_name="Uno", family_name="Alfa")
    second = delegate(event, given_name="Dos", family_name="Beta")
    gone = delegate(event, given_name="Tres", family_name="Gamma")
    absent = delegate(event, given_name="Cuatro", family_name="Delta")
    for registration in (first, second, gone):
        attended(s.plenary, registration)
    gone.status = RegistrationStatus.CANCELLED
    db.session.commit()
    login(organizer)
    response = client.get(f"/manage/events/{event.slug}/documents/certificates.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 2
    assert "Uno Alfa" in reader.pages[0].extract_text()
    assert "Dos Beta" in reader.pages[1].extract_text()
    text = pdf_text(response.data)
    assert "Tres Gamma" not in text and "Cuatro Delta" not in text
    page = client.get(f"/manage/events/{event.slug}/documents/").get_data(as_text=True)
    assert "Skipped (1)" in page and "Delta" in page and "No attendance recorded" in page
    assert absent.id


def test_bulk_certificates_without_registrations_is_a_4xx(client, login, organizer, event):
    login(organizer)
    assert client.get(f"/manage/events/{event.slug}/documents/certificates.pdf").status_code == 400


def test_signed_link_documents_of_a_draft_event_are_404(client, db):
    from eventsapp.events.models import EventStatus
    from eventsapp.registration.links import registration_token
    from tests.factories import make_event, make_registration

    event = make_event("draft-docs", status=EventStatus.DRAFT)
    token = registration_token(make_registration(event))
    for name in ("agenda.pdf", "certificate.pdf"):
        assert client.get(f"/events/draft-docs/my/{token}/{name}").status_code == 404
