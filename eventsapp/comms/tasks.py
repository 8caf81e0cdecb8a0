"""The communications tasks (imported when the Celery app is built, eventsapp/jobs): a
message to a group, and the reminders' schedule (beat, hourly). Importing this module also
registers the attachments the mail worker makes (eventsapp/comms/attachments.py)."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from flask_babel import force_locale

from eventsapp.comms import (
    attachments,  # noqa: F401  (registers the attachment makers)
    group_send,
)
from eventsapp.comms.reminders import run_reminders
from eventsapp.jobs.services import run_job

REMINDERS_TASK = "eventsapp.comms.reminders"


@shared_task(
    name=group_send.GROUP_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True
)
def send_group_message(job_id: int, group_id: int, locale: str = "en") -> None:
    with force_locale(locale):
        run_job(job_id, lambda job: group_send.run(job, group_id))


@shared_task(name=REMINDERS_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def send_reminders() -> dict[str, Any]:
    """Hourly: every reminder due (each reaches a registration once, whatever reruns)."""
    return run_reminders()
