"""Big print runs as background jobs: above PRINT_JOB_THRESHOLD people the print answers
with the job's page, the job ends done and offers the PDF for a day; below it the PDF comes
at once. Only the event's organizers see the job and its file."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.badges.models import BadgePrint
from eventsapp.db import utcnow
from eventsapp.jobs.models import Job, JobStatus
from eventsapp.jobs.services import purge_expired
from tests.badges_helpers import all_texts
from tests.factories import grant, make_event, make_user
from tests.test_badges_page import add_registrations

FORM = {
    "layout": "a6",
    "role": "",
    "status": "confirmed",
    "order": "family",
    "start_at": "1",
    "language": "en",
}


@pytest.fixture
def threshold(app):
    app.config["PRINT_JOB_THRESHOLD"] = 5
    yield 5
    app.config["PRINT_JOB_THRESHOLD"] = 300


def ended_with_everyone_there(db, event) -> None:
    """Certificates exist once the event has ended, for people who came."""
    from datetime import date

    from eventsapp.events.models import LetterLanguage
    from eventsapp.registration.models import Registration

    event.start_date = date.today() - timedelta(days=20)
    event.end_date = event.start_date + timedelta(days=1)
    event.letter_language = LetterLanguage.EN  # one page per person
    for registration in db.session.scalars(db.select(Registration).filter_by(event_id=event.id)):
        registration.checked_in_at = utcnow()
    db.session.commit()


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _print(client, event, **extra):
    return client.post(f"/manage/events/{event.slug}/badges", data={**FORM, **extra})


def test_a_run_above_the_threshold_becomes_a_job_with_a_download(
    client, login, organizer, event, db, threshold
):
    add_registrations(db, event, 7)
    login(organizer)
    response = _print(client, event)
    job = db.session.scalars(db.select(Job)).one()
    assert response.status_code == 302
    assert response.location.endswith(f"/manage/events/{event.slug}/jobs/{job.id}")
    db.session.refresh(job)
    assert job.status is JobStatus.DONE and job.kind == "badges.print"
    status = client.get(response.location)
    assert status.status_code == 200 and "Download badges-" in status.text
    as_json = client.get(f"/manage/events/{event.slug}/jobs/{job.id}.json").get_json()
    assert as_json["status"] == "done" and as_json["total"] == 7 and as_json["percent"] == 100
    download = client.get(as_json["download_url"])
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert _pages(download.data) == 7  # a6: one badge a page
    family = sorted(t for t in all_texts(download.data) if t.startswith("Family"))
    assert family == [f"Family{i:04d}" for i in range(7)]
    # Recorded like an immediate print, by the organizer who started it.
    prints = db.session.scalars(db.select(BadgePrint)).all()
    assert len(prints) == 7 and {p.printed_by_id for p in prints} == {organizer.id}
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "badges.print"))


def test_sheets_count_pages_not_people(client, login, organizer, event, db, threshold):
    add_registrations(db, event, 13)
    login(organizer)
    _print(client, event, layout="avery-5392", duplex="y")  # 6 a sheet, a back page each
    job = db.session.scalars(db.select(Job)).one()
    download = client.get(f"/manage/events/{event.slug}/jobs/{job.id}/download")
    assert _pages(download.data) == 6  # 3 sheets, front and back


def test_a_run_at_or_below_the_threshold_stays_immediate(
    client, login, organizer, event, db, threshold
):
    add_registrations(db, event, 5)
    login(organizer)
    response = _print(client, event)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert _pages(response.data) == 5
    assert db.session.scalars(db.select(Job)).all() == []


def test_a_mistake_shows_on_the_form_and_starts_no_job(
    client, login, organizer, event, db, threshold
):
    add_registrations(db, event, 7)
    login(organizer)
    response = _print(client, event, layout="avery-5392", start_at="9")
    assert response.status_code == 200 and "between 1 and 6" in response.text
    assert db.session.scalars(db.select(Job)).all() == []


def test_a_redelivered_task_does_nothing(client, login, organizer, event, db, threshold):
    from eventsapp.badges.tasks import print_badges_task

    add_registrations(db, event, 7)
    login(organizer)
    _print(client, event)
    job = db.session.scalars(db.select(Job)).one()
    key = job.result_key
    print_badges_task.run(job.id, {"filter": {}, "layout": "a6"})  # would fail if it ran
    db.session.refresh(job)
    assert job.status is JobStatus.DONE and job.result_key == key and job.attempts == 1
    assert len(db.session.scalars(db.select(BadgePrint)).all()) == 7


def test_another_events_organizer_sees_neither_the_job_nor_its_file(
    client, login, organizer, event, db, threshold
):
    add_registrations(db, event, 7)
    login(organizer)
    _print(client, event)
    job = db.session.scalars(db.select(Job)).one()
    other = make_event()
    stranger = make_user()
    grant(stranger, other, EventRoleKind.ORGANIZER)
    login(stranger)
    for slug in (event.slug, other.slug):
        for suffix in ("", ".json", "/download"):
            answer = client.get(f"/manage/events/{slug}/jobs/{job.id}{suffix}")
            assert answer.status_code in (403, 404), (slug, suffix)


def test_the_file_of_an_expired_job_is_gone(client, login, organizer, event, db, threshold):
    add_registrations(db, event, 7)
    login(organizer)
    _print(client, event)
    job = db.session.scalars(db.select(Job)).one()
    url = f"/manage/events/{event.slug}/jobs/{job.id}/download"
    assert client.get(url).status_code == 200
    assert purge_expired(now=utcnow() + timedelta(days=1, minutes=1)) == 1
    assert client.get(url).status_code == 404
    db.session.refresh(job)
    assert job.result_key is None
    assert (
        "kept for a day, then removed"
        in client.get(f"/manage/events/{event.slug}/jobs/{job.id}").text
    )


def test_certificates_of_a_big_event_are_made_by_a_job(
    client, login, organizer, event, db, threshold
):
    add_registrations(db, event, 7)
    ended_with_everyone_there(db, event)
    login(organizer)
    url = f"/manage/events/{event.slug}/documents/certificates.pdf"
    link = client.get(url)
    assert link.status_code == 303 and link.location.endswith("/documents/")
    page = client.get(f"/manage/events/{event.slug}/documents/")
    assert "Prepare all certificates of attendance (PDF)" in page.text
    response = client.post(url)
    job = db.session.scalars(db.select(Job)).one()
    assert response.status_code == 302 and response.location.endswith(f"/jobs/{job.id}")
    db.session.refresh(job)
    assert job.status is JobStatus.DONE and job.kind == "documents.certificates"
    download = client.get(f"/manage/events/{event.slug}/jobs/{job.id}/download")
    assert download.mimetype == "application/pdf" and _pages(download.data) == 7
    assert "Given0003 Family0003" in " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(download.data)).pages
    )


def test_certificates_of_a_small_event_come_at_once(client, login, organizer, event, db, threshold):
    add_registrations(db, event, 3)
    ended_with_everyone_there(db, event)
    login(organizer)
    response = client.get(f"/manage/events/{event.slug}/documents/certificates.pdf")
    assert response.status_code == 200 and _pages(response.data) == 3
    assert db.session.scalars(db.select(Job)).all() == []


def test_a_worker_without_a_request_makes_the_certificates(app, event, organizer, db):
    """A worker has an application context but no request (the tests above run the job
    in-process, inside the request)."""
    from eventsapp.documents.print_runs import run_certificates_job, start_certificates_job
    from eventsapp.jobs.services import run_job

    add_registrations(db, event, 2)
    ended_with_everyone_there(db, event)
    job = start_certificates_job(organizer, event)
    job_id = job.id
    db.session.info.clear()  # not run after the commit: this test runs it
    db.session.commit()
    db.session.close()  # SQLite: let the "worker" write
    with app.app_context():
        done = run_job(job_id, run_certificates_job)
        assert done.status is JobStatus.DONE and done.result_key
