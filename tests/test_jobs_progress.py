"""Background jobs (eventsapp/jobs): the status page and its JSON for the event's
organizers only, a redelivered task that does nothing, results removed after a day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from eventsapp import storage
from eventsapp.auth.models import EventRoleKind
from eventsapp.db import utcnow
from eventsapp.jobs.models import Job, JobStatus
from eventsapp.jobs.queue import READY, enqueue
from eventsapp.jobs.services import JobResult, purge_expired, run_job, start_job
from tests.factories import grant, make_event, make_user

ran_jobs: list[int] = []


def _count_to(job_id: int, n: int) -> None:
    """A test job: counts to ``n`` and leaves a report and a file."""

    def work(job):
        ran_jobs.append(job.id)
        return JobResult(
            report={"counted": n},
            data=b"1,2,3\n",
            content_type="text/csv",
            filename="count.csv",
            message="Counted.",
        )

    run_job(job_id, work)


def _fail(job_id: int) -> None:
    def work(_job):
        raise RuntimeError("boom")

    run_job(job_id, work)


def _register(app, function, name):
    """A task of this test's Celery app (as a domain's ``@shared_task`` would be)."""
    return app.extensions["celery"].task(name=name, acks_late=True, ignore_result=True)(function)


@pytest.fixture
def count_to(app):
    ran_jobs.clear()
    return _register(app, _count_to, "tests.jobs.count_to")


@pytest.fixture
def organizer(db, event):
    user = make_user("organizer@example.org")
    grant(user, event, EventRoleKind.ORGANIZER)
    return user


@pytest.fixture
def job(db, event, organizer, count_to):
    """A job queued for a worker: nothing runs it in-process until the test says so."""
    job = start_job(organizer, "tests.count", event, count_to, 3)
    db.session.commit()
    db.session.info.pop(READY, None)
    return job


def _url(event, job, suffix=""):
    return f"/manage/events/{event.slug}/jobs/{job.id}{suffix}"


def test_queued_job_page_shows_a_progress_bar_that_polls(client, login, event, organizer, job):
    login(organizer)
    page = client.get(_url(event, job)).get_data(as_text=True)
    assert "Waiting for a worker" in page
    assert "<progress" in page
    assert "js/job_progress.js" in page
    assert 'http-equiv="refresh"' in page  # without script, the page reloads itself
    assert f'data-url="{_url(event, job, ".json")}"' in page
    status = client.get(_url(event, job, ".json")).get_json()
    assert status["status"] == "queued"
    assert status["finished"] is False


def test_finished_job_shows_its_report_and_download(
    client, login, db, event, organizer, job, count_to
):
    enqueue(count_to, job.id, 3, key=f"job-{job.id}")
    login(organizer)
    status = client.get(_url(event, job, ".json")).get_json()
    assert status["status"] == "done"
    assert status["percent"] == 100
    assert status["download_url"] == _url(event, job, "/download")
    page = client.get(_url(event, job)).get_data(as_text=True)
    assert "Counted." in page
    assert "counted" in page
    assert 'http-equiv="refresh"' not in page
    download = client.get(_url(event, job, "/download"))
    assert download.data == b"1,2,3\n"
    assert 'filename="count.csv"' in download.headers["Content-Disposition"]


def test_redelivered_task_does_nothing(db, event, job, count_to):
    enqueue(count_to, job.id, 3, key=f"job-{job.id}")
    enqueue(count_to, job.id, 3, key=f"job-{job.id}")  # the broker hands it out again
    assert ran_jobs == [job.id]
    db.session.refresh(job)
    assert job.status is JobStatus.DONE
    assert job.attempts == 1


def test_task_for_a_running_job_does_nothing(db, event, job, count_to):
    job.status, job.touched_at = JobStatus.RUNNING, utcnow()
    db.session.commit()
    enqueue(count_to, job.id, 3)
    assert ran_jobs == []
    db.session.refresh(job)
    assert job.status is JobStatus.RUNNING


def test_job_of_a_worker_that_died_is_taken_up_again(db, event, job, count_to):
    job.status, job.touched_at = JobStatus.RUNNING, utcnow() - timedelta(hours=1)
    db.session.commit()
    enqueue(count_to, job.id, 3)
    assert ran_jobs == [job.id]
    db.session.refresh(job)
    assert job.status is JobStatus.DONE


def test_other_events_organizer_and_anonymous_see_nothing(client, login, db, event, job):
    for suffix in ("", ".json", "/download"):
        assert client.get(_url(event, job, suffix)).status_code == 302  # to sign in
    other = make_event("other-summit")
    stranger = make_user("stranger@example.org")
    grant(stranger, other, EventRoleKind.ORGANIZER)
    login(stranger)
    for suffix in ("", ".json", "/download"):
        assert client.get(_url(event, job, suffix)).status_code == 403
        # this job through the stranger's own event: not found
        assert client.get(f"/manage/events/{other.slug}/jobs/{job.id}{suffix}").status_code in (
            403,
            404,
        )


def test_own_event_url_with_another_events_job_is_not_found(client, login, db, event, organizer):
    other = make_event("other-summit")
    foreign = Job(kind="tests.count", event_id=other.id)
    db.session.add(foreign)
    db.session.commit()
    login(organizer)
    assert client.get(f"/manage/events/{event.slug}/jobs/{foreign.id}").status_code == 404
    assert client.get(f"/manage/events/{event.slug}/jobs/{foreign.id}.json").status_code == 404


def test_expired_results_are_removed(client, login, db, event, organizer, job, count_to):
    enqueue(count_to, job.id, 3)
    db.session.refresh(job)
    key = job.result_key
    assert storage.get(key) is not None
    assert purge_expired() == 0  # kept for a day
    assert purge_expired(now=utcnow() + timedelta(days=1, minutes=1)) == 1
    db.session.expire_all()
    assert storage.get(key) is None
    assert job.result_key is None and job.report is None
    login(organizer)
    page = client.get(_url(event, job)).get_data(as_text=True)
    assert "The result was kept for a day, then removed." in page
    assert client.get(_url(event, job, "/download")).status_code == 404


def test_a_failing_job_says_so(client, login, db, event, organizer, app):
    fail = _register(app, _fail, "tests.jobs.fail")
    job = start_job(organizer, "tests.fail", event, fail)
    db.session.commit()
    enqueue(fail, job.id)
    login(organizer)
    page = client.get(_url(event, job)).get_data(as_text=True)
    assert "Something went wrong; the work was not done." in page
    assert client.get(_url(event, job, ".json")).get_json()["status"] == "failed"
