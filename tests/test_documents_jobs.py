"""A delegation's visa letters and the printed program as background jobs above
PRINT_JOB_THRESHOLD people (as badges and certificates): the job ends done, offers the file
for a day and says who was skipped."""

from __future__ import annotations

import pytest

from eventsapp.events.models import LetterLanguage
from eventsapp.extensions import db
from eventsapp.jobs.models import Job, JobStatus
from tests.documents_helpers import pdf_pages
from tests.factories import make_delegation, make_person, make_registration


@pytest.fixture
def threshold(app):
    app.config["PRINT_JOB_THRESHOLD"] = 3
    yield 3
    app.config["PRINT_JOB_THRESHOLD"] = 300


def _members(event, delegation, count: int):
    for i in range(count):
        person = make_person(
            given_name=f"Member{i}",
            family_name="Big",
            passport_number="" if i == 0 else f"P{i}",
            event=event,
        )
        make_registration(event, person, delegation_id=delegation.id)


def test_a_big_delegations_letters_are_made_by_a_job(client, login, organizer, event, threshold):
    event.letter_language = LetterLanguage.EN
    delegation = make_delegation(event, seat_quota=20)
    _members(event, delegation, 5)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/documents/visa-letters",
        data={"delegation_id": delegation.id, "output": "pdf"},
    )
    job = db.session.scalars(db.select(Job)).one()
    assert response.status_code == 302 and response.location.endswith(f"/jobs/{job.id}")
    db.session.refresh(job)
    assert job.status is JobStatus.DONE and job.kind == "documents.visa_letters"
    page = client.get(f"/manage/events/{event.slug}/jobs/{job.id}").get_data(as_text=True)
    assert "Skipped (1)" in page and "Member0 Big" in page
    download = client.get(f"/manage/events/{event.slug}/jobs/{job.id}/download")
    pages = pdf_pages(download.data)
    assert len(pages) == 5  # four letters and the list of who was left out
    assert "Letters not issued" in pages[-1]


def test_a_big_program_is_made_by_a_job(client, login, organizer, event, threshold):
    for i in range(4):
        make_registration(event, make_person(given_name=f"P{i}", event=event))
    login(organizer)
    url = f"/manage/events/{event.slug}/documents/program.pdf?lang=en&paper=letter"
    link = client.get(url)
    assert link.status_code == 303 and link.location.endswith("/documents/")
    page = client.get(f"/manage/events/{event.slug}/documents/").get_data(as_text=True)
    assert "Prepare the program (PDF)" in page
    response = client.post(url)
    job = db.session.scalars(db.select(Job)).one()
    assert response.status_code == 302 and response.location.endswith(f"/jobs/{job.id}")
    db.session.refresh(job)
    assert job.status is JobStatus.DONE and job.kind == "documents.booklet"
    download = client.get(f"/manage/events/{event.slug}/jobs/{job.id}/download")
    assert download.mimetype == "application/pdf"
    assert "P3" in " ".join(pdf_pages(download.data))


def test_a_small_program_comes_at_once(client, login, organizer, event, threshold):
    make_registration(event, make_person(event=event))
    login(organizer)
    response = client.get(f"/manage/events/{event.slug}/documents/program.pdf?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert db.session.scalars(db.select(Job)).all() == []
