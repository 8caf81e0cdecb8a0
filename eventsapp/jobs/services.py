"""Background jobs with progress, for every domain.

In a request::

    job = start_job(current_user, "registration.import", event, import_task, only_valid,
                    input_key=key, input_name=filename)
    db.session.commit()
    return redirect(url_for("jobs_manage.status", slug=event.slug, job_id=job.id))

The domain's task (acknowledged late) takes the job id first and hands its work to
``run_job``, which claims the job (a redelivered task for a job done or running does
nothing), runs ``work(job)`` and ends the job with what it returns (``JobResult``), or
FAILED with the DomainError's message (any other exception: a generic message, logged)::

    @shared_task(name="eventsapp.registration.import", acks_late=True,
                 reject_on_worker_lost=True, ignore_result=True)
    def import_task(job_id, only_valid):
        run_job(job_id, lambda job: importer.run(job, only_valid))

``work`` calls ``report_progress(job.id, done, total)`` now and then; it is written in a
short transaction of its own, so the status page sees it while the work's own transaction
stays open (all-or-nothing). Results are kept for RESULT_TTL, then ``purge_expired`` (a beat
task) removes their files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, update

from eventsapp import storage
from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.auth.permissions import Event
from eventsapp.db import rowcount, utcnow
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.jobs.liveness import Heartbeat
from eventsapp.jobs.models import Job, JobStatus
from eventsapp.jobs.queue import TaskRef, enqueue_after_commit

RESULT_TTL = timedelta(days=1)  # "kept for a day, then removed"


@dataclass
class JobResult:
    """What a finished job leaves: a JSON ``report`` and/or a file to download."""

    report: dict[str, Any] | None = None
    data: bytes | None = None
    content_type: str = "application/octet-stream"
    filename: str = ""
    message: str = ""


def start_job(
    actor: Actor,
    kind: str,
    event: Event,
    task: TaskRef,
    *args: Any,
    input_key: str | None = None,
    input_name: str = "",
) -> Job:
    """Create a QUEUED job and enqueue ``task(job.id, *args)`` after the commit (keyed by
    the job id). The caller commits."""
    job = Job(
        kind=kind,
        event_id=event.id,
        created_by_id=getattr(actor, "id", None),
        input_key=input_key,
        input_name=input_name[:200],
        task_name=task if isinstance(task, str) else task.name,
        task_args=list(args),
    )
    db.session.add(job)
    db.session.flush()
    record(actor, "create", job, event_id=event.id, summary=kind)
    enqueue_after_commit(task, job.id, *args, key=f"job-{job.id}")
    return job


def claim(job_id: int) -> Job | None:
    """QUEUED (or RUNNING with a worker silent for JOB_STALE_SECONDS) -> RUNNING, one more
    attempt, committed; None when another worker has the job or it has finished (a
    redelivered task then does nothing)."""
    now = utcnow()
    stale = now - timedelta(seconds=float(current_app.config.get("JOB_STALE_SECONDS", 120)))
    claimed = rowcount(
        db.session.execute(
            update(Job)
            .where(
                Job.id == job_id,
                or_(
                    Job.status == JobStatus.QUEUED,
                    (Job.status == JobStatus.RUNNING) & (Job.touched_at < stale),
                ),
            )
            .values(
                status=JobStatus.RUNNING, started_at=now, touched_at=now, attempts=Job.attempts + 1
            )
            .execution_options(synchronize_session=False)
        )
    )
    db.session.commit()
    return db.session.get(Job, job_id) if claimed else None


def report_progress(job_id: int, done: int, total: int) -> None:
    """Store ``done`` of ``total`` in a transaction of its own (the caller's stays open).

    SQLite serialises writers and an open transaction of the work holds the write lock:
    there the progress is written only between the work's transactions (a group message
    commits each chunk), else it shows when the job ends."""
    if db.engine.dialect.name == "sqlite" and db.session().in_transaction():
        return
    with db.engine.begin() as connection:
        connection.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.RUNNING)
            .values(progress_done=done, progress_total=total, touched_at=utcnow())
        )


def finish_job(job: Job, result: JobResult | None = None) -> Job:
    """DONE with ``result`` (its file stored now), kept for RESULT_TTL. The caller commits."""
    result = result or JobResult()
    now = utcnow()
    job.status = JobStatus.DONE
    job.progress_done = max(job.progress_done, job.progress_total)
    job.report = result.report
    job.message = result.message
    if result.data is not None:
        job.result_key = storage.put(result.data, result.content_type, event_id=job.event_id)
        job.result_name = result.filename[:200]
    job.finished_at = now
    job.result_expires_at = now + RESULT_TTL
    db.session.flush()
    return job


def fail_job(job_id: int, error: str, attempt: int | None = None) -> None:
    """FAILED with a message for the user, committed (after the work's rollback); with
    ``attempt``, only while the job is still that attempt's (not taken over)."""
    db.session.rollback()
    now = utcnow()
    mine = (Job.status == JobStatus.RUNNING, Job.attempts == attempt) if attempt else ()
    db.session.execute(
        update(Job)
        .where(Job.id == job_id, *mine)
        .values(status=JobStatus.FAILED, error=error, finished_at=now)
        .values(result_expires_at=now + RESULT_TTL)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _still_mine(job_id: int, attempt: int) -> bool:
    """Lock the job row in the work's transaction if it still carries this attempt: a sweep
    or another worker that took the job over meanwhile makes this worker's result void."""
    return bool(
        rowcount(
            db.session.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == JobStatus.RUNNING, Job.attempts == attempt)
                .values(touched_at=utcnow())
                .execution_options(synchronize_session=False)
            )
        )
    )


def run_job(job_id: int, work: Callable[[Job], JobResult | None]) -> Job | None:
    """Claim the job, run ``work(job)`` and commit it with the job DONE; on an error roll
    the work back and mark the job FAILED. Returns the job, or None when not claimed.

    While the work runs a heartbeat touches the job; the result commits only if the job is
    still this attempt's (eventsapp/jobs/recovery.py), else the work is rolled back."""
    job = claim(job_id)
    if job is None:
        return None
    attempt = job.attempts
    with Heartbeat(job_id, attempt) as heartbeat:
        try:
            result = work(job)
            heartbeat.halt()
            if not _still_mine(job_id, attempt):
                db.session.rollback()
                current_app.logger.warning("job %s: taken over, result dropped", job_id)
                return None
            finish_job(job, result)
            db.session.commit()
        except DomainError as error:
            fail_job(job_id, str(error.message), attempt)
        except Exception:
            current_app.logger.exception("job %s (%s) failed", job_id, job.kind)
            fail_job(
                job_id, str(_l("Something went wrong; the work was not done. Try again.")), attempt
            )
    return db.session.get(Job, job_id)


def _still_named(key: str, except_id: int) -> bool:
    """Another job still uses the stored file ``key`` (equal bytes share a key)."""
    return (
        db.session.scalar(
            db.select(Job.id)
            .where(
                Job.id != except_id,
                Job.result_removed_at.is_(None),
                or_(Job.result_key == key, Job.input_key == key),
            )
            .limit(1)
        )
        is not None
    )


def purge_expired(now: datetime | None = None) -> int:
    """Remove the results (files and reports) and the input files of jobs whose result
    expired; the rows stay, marked removed. Commits; returns how many jobs were purged."""
    now = now or utcnow()
    expired = db.session.scalars(
        db.select(Job).where(Job.result_expires_at < now, Job.result_removed_at.is_(None))
    ).all()
    for job in expired:
        keys = {key for key in (job.result_key, job.input_key) if key is not None}
        job.result_key = job.input_key = None
        job.report = None
        job.result_removed_at = now
        db.session.flush()
        for key in keys:
            if not _still_named(key, job.id):
                storage.delete(key)
    db.session.commit()
    return len(expired)
