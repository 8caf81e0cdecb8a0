"""Jobs whose worker died: a heartbeat while a job runs, and the beat sweep that takes them up.

Tasks are acknowledged late, but a worker killed outright (SIGKILL, out of memory, a host
gone) leaves its message unacknowledged in Redis until the visibility timeout (hours), and
the job "running" meanwhile. So a worker running a job touches the row every
JOB_HEARTBEAT_SECONDS (``liveness.Heartbeat``, a thread with a connection of its own;
progress reports touch it too), and every JOB_SWEEP_SECONDS the beat task ``sweep_jobs`` looks for:

- RUNNING jobs silent for JOB_STALE_SECONDS: put back to QUEUED (a compare-and-set on the
  status and the attempt, so two sweeps never both do it) and their task enqueued again,
  keyed by job and attempt; after JOB_MAX_ATTEMPTS dead workers the job ends FAILED with the
  reason instead (a job that kills its worker must not kill every worker in turn);
- QUEUED jobs that no task took for as long (Redis was away at the commit): enqueued again.

The work itself stays exactly-once: ``services.claim`` is a compare-and-set that counts the
attempt, and a worker commits its result only while the row still carries its own attempt
(``services.run_job``), so a worker that was merely slow and then comes back finds the job
taken over and rolls its work back. A message Redis hands out again hours later finds the
job finished and does nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select, update

from eventsapp.db import rowcount, utcnow
from eventsapp.extensions import db
from eventsapp.jobs.models import Job, JobStatus
from eventsapp.jobs.queue import enqueue_after_commit
from eventsapp.jobs.services import RESULT_TTL


def _seconds(name: str, default: float) -> timedelta:
    return timedelta(seconds=float(current_app.config.get(name, default)))


def _give_up(job: Job, now: datetime) -> bool:
    """FAILED with the reason, if the row is still as the sweep saw it."""
    error = str(
        _l(
            "The work was started %(count)d times and the worker running it stopped each "
            "time; it was not done. Try again with fewer people, or ask the administrator.",
            count=job.attempts,
        )
        if job.task_name
        else _l("The worker running this job stopped; the work was not done. Try again.")
    )
    return bool(
        rowcount(
            db.session.execute(
                update(Job)
                .where(Job.id == job.id, Job.status == job.status, Job.attempts == job.attempts)
                .values(
                    status=JobStatus.FAILED,
                    error=error,
                    finished_at=now,
                    result_expires_at=now + RESULT_TTL,
                )
                .execution_options(synchronize_session=False)
            )
        )
    )


def _requeue(job: Job, now: datetime) -> bool:
    """Back to QUEUED (touched now, so the next sweep leaves it alone for a while), if the
    row is still as the sweep saw it; its task leaves after the commit."""
    taken = rowcount(
        db.session.execute(
            update(Job)
            .where(Job.id == job.id, Job.status == job.status, Job.attempts == job.attempts)
            .values(status=JobStatus.QUEUED, touched_at=now, progress_done=0)
            .execution_options(synchronize_session=False)
        )
    )
    if taken:
        enqueue_after_commit(
            job.task_name,
            job.id,
            *(job.task_args or []),
            key=f"job-{job.id}-{job.attempts}-{int(now.timestamp())}",
        )
    return bool(taken)


def sweep_jobs(
    now: datetime | None = None, limit: int = 100, running: bool | None = None
) -> dict[str, int]:
    """Take up the jobs whose worker died (see the module's text). Commits; returns how many
    jobs were enqueued again and how many ended failed.

    ``running``: look at RUNNING jobs too; by default not on SQLite, where no heartbeat can
    be written while a job's transaction is open (a long job there would look dead). A job
    whose worker died there is taken up when Redis hands its message out again."""
    now = now or utcnow()
    if running is None:
        running = db.engine.dialect.name != "sqlite"
    stale = now - _seconds("JOB_STALE_SECONDS", 120)
    max_attempts = int(current_app.config.get("JOB_MAX_ATTEMPTS", 3))
    lost = [
        and_(Job.status == JobStatus.QUEUED, func.coalesce(Job.touched_at, Job.created_at) < stale)
    ]
    if running:
        silent = func.coalesce(Job.touched_at, Job.started_at, Job.created_at) < stale
        lost.append(and_(Job.status == JobStatus.RUNNING, silent))
    jobs = db.session.scalars(select(Job).where(or_(*lost)).order_by(Job.id).limit(limit)).all()
    counts = {"requeued": 0, "failed": 0}
    for job in jobs:
        dead = job.status is JobStatus.RUNNING
        if not job.task_name or (dead and job.attempts >= max_attempts):
            if _give_up(job, now):
                counts["failed"] += 1
                current_app.logger.warning("job %s (%s) failed: workers died", job.id, job.kind)
        elif _requeue(job, now):
            counts["requeued"] += 1
            if dead:
                current_app.logger.warning(
                    "job %s (%s): worker silent since %s, enqueued again",
                    job.id,
                    job.kind,
                    job.touched_at,
                )
    db.session.commit()
    return counts
