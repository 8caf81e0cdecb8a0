"""The registration domain's periodic tasks (imported when the Celery app is built)."""

from __future__ import annotations

from celery import shared_task

from eventsapp.extensions import db
from eventsapp.registration.retention import purge_due_events

PURGE_TASK = "eventsapp.registration.purge_personal_data"


@shared_task(name=PURGE_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def purge_personal_data() -> int:
    """Daily: erase the private details of every event past its retention period, as
    ``flask purge-personal-data`` does (idempotent: a purged event is not purged again)."""
    results = purge_due_events()
    db.session.commit()
    return sum(1 for result in results if result.purged)
