"""Jobs whose worker died (eventsapp/jobs/recovery.py): the beat sweep hands a job silent for
JOB_STALE_SECONDS back to the queue, its result is produced once, and a job whose workers
keep dying ends failed with the reason. On SQLite and PostgreSQL alike; the heartbeat thread
on PostgreSQL only (SQLite has one writer)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from eventsapp.db import utcnow
from eventsapp.jobs.models import Job, JobStatus
from eventsapp.jobs.queue import READY, run_ready
from eventsapp.jobs.recovery import sweep_jobs
from eventsapp.jobs.services import JobResult, run_job, start_job
from tests.factories import grant, make_user

ran: list[int] = []


def _count(job_id: int, n: int) -> None:
    def work(job):
        ran.append(job.id)
        return JobResult(report={"counted": n}, data=b"done", filename="n.txt")

    run_job(job_id, work)


@pytest.fixture
def count_task(app):
    ran.clear()
    return app.extensions["celery"].task(name="tests.recovery.count", acks_late=True)(_count)


@pytest.fixture
def owner(db, event):
    from eventsapp.auth.models import EventRoleKind

    user = make_user("owner@example.org")
    grant(user, event, EventRoleKind.ORGANIZER)
    return user


def _queued(db, owner, event, task) -> Job:
    """A job whose task went to a worker (nothing runs it in-process)."""
    job = start_job(owner, "tests.count", event, task, 7)
    db.session.commit()
    db.session.info.pop(READY, None)
    return job


def _worker_died(db, job: Job, attempts: int = 1, silent: float = 600) -> None:
    """The job as a worker killed mid-run leaves it: RUNNING, last touched ``silent`` s ago."""
    then = utcnow() - timedelta(seconds=silent)
    job.status, job.attempts, job.started_at, job.touched_at = (
        JobStatus.RUNNING,
        attempts,
        then,
        then,
    )
    db.session.commit()


def _reload(db, job_id: int) -> Job:
    db.session.expire_all()
    return db.session.get(Job, job_id)


def test_job_remembers_its_task_and_arguments(db, owner, event, count_task):
    job = _queued(db, owner, event, count_task)
    assert (job.task_name, job.task_args) == ("tests.recovery.count", [7])


def test_sweep_requeues_a_dead_workers_job_and_it_is_done_once(db, owner, event, count_task):
    job = _queued(db, owner, event, count_task)
    _worker_died(db, job)
    assert sweep_jobs(running=True) == {"requeued": 1, "failed": 0}
    assert _reload(db, job.id).status is JobStatus.QUEUED
    assert sweep_jobs(running=True) == {"requeued": 0, "failed": 0}  # just touched: left alone
    run_ready()  # the task the sweep enqueued (in-process here)
    job = _reload(db, job.id)
    assert job.status is JobStatus.DONE
    assert (job.attempts, job.report, ran) == (2, {"counted": 7}, [job.id])
    # The killed worker's own message, handed out again by Redis hours later: nothing.
    count_task.apply(args=(job.id, 7))
    assert ran == [job.id] and _reload(db, job.id).attempts == 2


def test_a_job_that_is_alive_is_left_alone(app, db, owner, event, count_task):
    job = _queued(db, owner, event, count_task)
    _worker_died(db, job, silent=app.config["JOB_STALE_SECONDS"] / 2)
    assert sweep_jobs(running=True) == {"requeued": 0, "failed": 0}
    assert _reload(db, job.id).status is JobStatus.RUNNING


def test_a_job_whose_workers_keep_dying_ends_failed_with_the_reason(
    app, client, login, db, owner, event, count_task
):
    job = _queued(db, owner, event, count_task)
    _worker_died(db, job, attempts=app.config["JOB_MAX_ATTEMPTS"])
    assert sweep_jobs(running=True) == {"requeued": 0, "failed": 1}
    run_ready()
    job = _reload(db, job.id)
    assert job.status is JobStatus.FAILED and ran == []
    assert "the worker running it stopped each time" in job.error
    login(owner)
    page = client.get(f"/manage/events/{event.slug}/jobs/{job.id}").get_data(as_text=True)
    assert "stopped each time" in page


def test_a_job_no_task_ever_took_is_enqueued_again(db, owner, event, count_task):
    job = _queued(db, owner, event, count_task)
    job.created_at = utcnow() - timedelta(hours=1)  # Redis was away at the commit
    db.session.commit()
    assert sweep_jobs(running=True) == {"requeued": 1, "failed": 0}
    run_ready()
    assert _reload(db, job.id).status is JobStatus.DONE and ran == [job.id]


def test_a_job_without_a_task_fails_rather_than_stay_running(db, owner, event):
    job = Job(kind="tests.old", event_id=event.id, status=JobStatus.RUNNING)
    db.session.add(job)
    db.session.commit()
    _worker_died(db, job)
    assert sweep_jobs(running=True) == {"requeued": 0, "failed": 1}
    assert "stopped" in _reload(db, job.id).error


def test_a_slow_worker_whose_job_was_taken_over_drops_its_result(db, owner, event, count_task):
    """The sweep (or another worker) took the job while this worker still ran it: this
    worker's work rolls back; only the new attempt's result counts."""
    job = _queued(db, owner, event, count_task)
    job_id = job.id

    def work(_job):
        db.session.execute(  # meanwhile: swept and claimed by another worker
            update(Job).where(Job.id == job_id).values(attempts=Job.attempts + 1)
        )
        db.session.commit()
        return JobResult(report={"from": "the slow worker"}, data=b"stale")

    assert run_job(job_id, work) is None
    job = _reload(db, job_id)
    assert job.status is JobStatus.RUNNING and job.attempts == 2
    assert job.report is None and job.result_key is None

    def fail(_job):
        db.session.execute(update(Job).where(Job.id == job_id).values(attempts=Job.attempts + 1))
        db.session.commit()
        raise RuntimeError("boom")

    job.status = JobStatus.QUEUED
    db.session.commit()
    run_job(job_id, fail)
    assert _reload(db, job_id).status is JobStatus.RUNNING  # not failed by the old attempt


def test_heartbeat_touches_a_running_job(app, db, database_url, owner, event, count_task):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has one writer: no heartbeat while the work's transaction is open")
    app.config["JOB_HEARTBEAT_SECONDS"] = 0.05
    job = _queued(db, owner, event, count_task)
    job_id = job.id
    seen = []

    def work(job):
        from eventsapp.extensions import db as _db

        with _db.engine.connect() as connection:
            first = connection.scalar(_db.select(Job.touched_at).where(Job.id == job_id))
            time.sleep(0.5)
            seen.append(connection.scalar(_db.select(Job.touched_at).where(Job.id == job_id)))
            seen.insert(0, first)
        return JobResult()

    run_job(job_id, work)
    assert seen[1] > seen[0]
    assert _reload(db, job_id).status is JobStatus.DONE


def test_beat_runs_the_sweep_every_job_sweep_seconds(app, database_url, tmp_path):
    from eventsapp import create_app
    from tests.conftest import _test_config

    schedule = app.extensions["celery"].conf.beat_schedule
    assert schedule["job-sweep"] == {
        "task": "eventsapp.jobs.sweep",
        "schedule": timedelta(seconds=60),
    }
    other = create_app(dict(_test_config(database_url, tmp_path / "x"), JOB_SWEEP_SECONDS=2))
    sweep_entry = other.extensions["celery"].conf.beat_schedule["job-sweep"]
    assert sweep_entry["schedule"] == timedelta(seconds=2)
    assert "eventsapp.jobs.sweep" in other.extensions["celery"].tasks


def test_the_sweep_task_takes_up_a_dead_workers_job(app, db, owner, event, count_task):
    job = _queued(db, owner, event, count_task)
    _worker_died(db, job)
    app.extensions["celery"].tasks["eventsapp.jobs.sweep"].apply()
    run_ready()
    job = _reload(db, job.id)
    if db.engine.dialect.name == "sqlite":
        # No heartbeat on SQLite: a long job would look dead, so the sweep leaves it.
        assert job.status is JobStatus.RUNNING and ran == []
    else:
        assert job.status is JobStatus.DONE and ran == [job.id]
