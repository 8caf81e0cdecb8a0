"""The mail domain's tasks (imported when the Celery app is built, eventsapp/jobs)."""

from __future__ import annotations

from celery import shared_task

from eventsapp.mail.delivery import attempt, attempt_many, sweep
from eventsapp.mail.services import SEND_BATCH_TASK, SEND_TASK


@shared_task(name=SEND_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def send_message(message_id: int) -> str | None:
    """One delivery attempt; nothing happens when the row is not QUEUED and due (another
    worker has it, or it was sent already: a redelivered task does nothing)."""
    status = attempt(message_id)
    return status.value if status else None


@shared_task(name=SEND_BATCH_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def send_messages(message_ids: list[int]) -> int:
    """The messages one transaction queued, over one connection; each row is claimed as in
    ``send_message``, so a redelivered batch sends only what is still queued."""
    return len(attempt_many(message_ids))


@shared_task(
    name="eventsapp.mail.sweep", ignore_result=True, acks_late=True, reject_on_worker_lost=True
)
def sweep_outbox() -> int:
    return sweep()
