"""The badges' background task: a big print run (eventsapp/badges/print_runs.py)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from eventsapp.badges.print_runs import run_badge_job
from eventsapp.jobs.services import run_job


@shared_task(
    name="eventsapp.badges.print", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def print_badges_task(job_id: int, params: dict[str, Any]) -> None:
    """Idempotent: ``run_job`` claims the job first, so a redelivered task for a job that is
    done (or running on a live worker) does nothing."""
    run_job(job_id, lambda job: run_badge_job(job, params))
