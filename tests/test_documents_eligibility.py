"""Who may have a visa letter or a certificate, and when (documents/eligibility.py): the
matrix status x checked-in x before/after the event, over the signed personal links and
the back office."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eventsapp.audit.models import AuditEntry
from eventsapp.db import utcnow
from eventsapp.extensions import db
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import RegistrationStatus
from tests.documents_helpers import attended, pdf_text
from tests.factories import make_person, make_registration, make_session

S = RegistrationStatus


def _people(event):
    """For every status: one not checked in, one checked in at the door, one only scanned
    at a session (the session on the event's first day)."""
    session = make_session(event, hour=9, title_en="Opening plenary", cle_hours=1)
    people = {}
    for status in S:
        for presence in ("absent", "door", "session"):
            person = make_person(
                given_name=f"{status.value}-{presence}",
                family_name="Tester",
                passport_number="P1234567",
                event=event,
            )
            registration = make_registration(
                event,
                person,
                status=status,
                waitlist_position=1 if status is S.WAITLISTED else None,
                checked_in_at=utcnow() if presence == "door" else None,
            )
            if presence == "session":
                attended(session, registration)
            people[(status, presence)] = registration
    return people


def _set_dates(event, when: str):
    offset = -20 if when == "after" else 20
    event.start_date = date.today() + timedelta(days=offset)
    event.end_date = event.start_date + timedelta(days=1)
    db.session.commit()


def _link(event, registration, doc):
    return f"/events/{event.slug}/my/{registration_token(registration)}/{doc}"


@pytest.mark.parametrize("when", ["before", "after"])
def test_the_eligibility_matrix_over_signed_links(client, event, when):
    _set_dates(event, when)
    people = _people(event)
    for (status, presence), registration in people.items():
        letter = client.get(_link(event, registration, "visa-letter.pdf"))
        certificate = client.get(_link(event, registration, "certificate.pdf"))
        case = f"{status.value}, {presence}, {when}"
        letter_ok = status is S.CONFIRMED
        certificate_ok = status is S.CONFIRMED and presence != "absent" and when == "after"
        assert letter.status_code == (200 if letter_ok else 403), case
        assert certificate.status_code == (200 if certificate_ok else 403), case
        if letter_ok:
            assert letter.mimetype == "application/pdf"
        else:
            assert "not available yet" in letter.get_data(as_text=True), case
        if not certificate_ok:
            html = certificate.get_data(as_text=True)
            assert "not available yet" in html, case
            if status is not S.CONFIRMED:
                assert "only for confirmed registrations" in html, case
            elif when == "before":
                assert "once the event has ended" in html, case
            else:
                assert "No attendance recorded" in html, case
        page = client.get(_link(event, registration, "documents")).get_data(as_text=True)
        assert ("visa-letter.pdf" in page) is letter_ok, case
        assert ("certificate.pdf" in page) is certificate_ok, case
    issued = db.session.scalar(
        db.select(db.func.count(AuditEntry.id)).where(
            AuditEntry.action == "documents.visa_letter_issued"
        )
    )
    assert issued == 3  # the three confirmed people, nobody else


@pytest.mark.parametrize("when", ["before", "after"])
def test_the_eligibility_matrix_in_the_back_office(client, login, organizer, event, when):
    _set_dates(event, when)
    people = _people(event)
    login(organizer)
    base = f"/manage/events/{event.slug}/documents/registrations"
    for (status, presence), registration in people.items():
        case = f"{status.value}, {presence}, {when}"
        letter = client.post(f"{base}/{registration.id}/visa-letter.pdf")
        certificate = client.get(f"{base}/{registration.id}/certificate.pdf")
        letter_ok = status is S.CONFIRMED
        certificate_ok = status is S.CONFIRMED and presence != "absent" and when == "after"
        assert letter.status_code == (200 if letter_ok else 303), case
        assert certificate.status_code == (200 if certificate_ok else 403), case
        if certificate_ok:
            assert "Opening plenary" in pdf_text(certificate.data) or presence == "door"
    flashed = client.get(f"/manage/events/{event.slug}/documents/").get_data(as_text=True)
    assert "the registration was declined" in flashed


def test_organizer_override_is_audited_and_limited(client, login, organizer, event):
    people = _people(event)
    login(organizer)
    base = f"/manage/events/{event.slug}/documents/registrations"
    for status in S:
        registration = people[(status, "absent")]
        response = client.post(f"{base}/{registration.id}/visa-letter.pdf", data={"override": "y"})
        overridable = status in (S.CONFIRMED, S.PENDING, S.WAITLISTED)
        assert response.status_code == (200 if overridable else 303), status
    overrides = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "documents.visa_letter_override")
    ).all()
    assert sorted(e.object_id for e in overrides) == sorted(
        [people[(S.PENDING, "absent")].id, people[(S.WAITLISTED, "absent")].id]
    )
    assert all(e.user_id == organizer.id and "override" in e.summary for e in overrides)


def test_certificate_hours_only_from_attended_sessions_that_ended(client, event):
    """During the event's last day, after its last session: available; sessions not
    attended never count, even a plenary."""
    _set_dates(event, "after")
    person = make_person(given_name="Ana", family_name="Hours", event=event)
    registration = make_registration(event, person)
    went = make_session(event, hour=9, title_en="Attended panel", cle_hours=2)
    make_session(event, hour=11, title_en="Missed plenary", cle_hours=1)
    attended(went, registration)
    text = pdf_text(client.get(_link(event, registration, "certificate.pdf")).data)
    assert "Attended panel" in text and "Missed plenary" not in text
    assert "Total 1 2" in text
