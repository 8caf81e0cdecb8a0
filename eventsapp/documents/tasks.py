"""The documents' background tasks: certificates, visa letters and the booklet of a big
event (documents/print_runs.py, documents/letter_runs.py)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from eventsapp.documents.letter_runs import run_booklet_job, run_letters_job
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


@shared_task(
    name="eventsapp.documents.visa_letters",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def visa_letters_task(job_id: int, params: dict[str, Any]) -> None:
    run_job(job_id, lambda job: run_letters_job(job, params))


@shared_task(
    name="eventsapp.documents.booklet",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def booklet_task(job_id: int, params: dict[str, Any]) -> None:
    run_job(job_id, lambda job: run_booklet_job(job, params))
