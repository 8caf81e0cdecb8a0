"""The communications tasks (imported when the Celery app is built, eventsapp/jobs): a
message to a group, and the reminders' schedule (beat, hourly)."""

from __future__ import annotations

from celery import shared_task
from flask_babel import force_locale

from eventsapp.comms import group_send
from eventsapp.jobs.services import run_job


@shared_task(
    name=group_send.GROUP_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True
)
def send_group_message(job_id: int, group_id: int, locale: str = "en") -> None:
    with force_locale(locale):
        run_job(job_id, lambda job: group_send.run(job, group_id))
