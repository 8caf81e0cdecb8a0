"""The webhooks' tasks (imported when the Celery app is built, eventsapp/jobs)."""

from __future__ import annotations

from celery import shared_task

from eventsapp.webhooks.delivery import attempt, due_ids
from eventsapp.webhooks.emitting import DELIVER_TASK


@shared_task(name=DELIVER_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def deliver(delivery_ids: list[int]) -> int:
    """The deliveries one transaction made; each is claimed first, so a redelivered task
    sends only what is still due."""
    return sum(1 for delivery_id in delivery_ids if attempt(delivery_id) is not None)


@shared_task(
    name="eventsapp.webhooks.sweep", ignore_result=True, acks_late=True, reject_on_worker_lost=True
)
def sweep() -> int:
    """Every minute: the retries that are due (without a broker, the only timer there is)."""
    return deliver(due_ids())
