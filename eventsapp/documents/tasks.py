"""The documents' background task: certificates for a big event (documents/print_runs.py)."""

from __future__ import annotations

from celery import shared_task

from eventsapp.documents.print_runs import run_certificates_job
from eventsapp.jobs.services import run_job


@shared_task(
    name="eventsapp.documents.certificates",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def certificates_task(job_id: int) -> None:
    """Idempotent: ``run_job`` claims the job, so a redelivered task does nothing."""
    run_job(job_id, run_certificates_job)
