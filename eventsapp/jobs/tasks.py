"""The jobs package's own tasks: the workers' heartbeat (see eventsapp/jobs/health.py), the
removal of job results older than a day (eventsapp/jobs/services.py) and the sweep that
takes up jobs whose worker died (eventsapp/jobs/recovery.py)."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.signals import worker_init, worker_ready

from eventsapp.jobs.health import write_heartbeat
from eventsapp.jobs.recovery import sweep_jobs
from eventsapp.jobs.services import purge_expired


@shared_task(name="eventsapp.jobs.heartbeat", ignore_result=True)
def heartbeat() -> None:
    write_heartbeat()


@shared_task(
    name="eventsapp.jobs.purge_results",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def purge_results() -> int:
    """Job results (reports, files) are kept for a day, then removed."""
    return purge_expired()


@shared_task(name="eventsapp.jobs.sweep", ignore_result=True)
def sweep_dead_jobs() -> dict[str, int]:
    """Not acknowledged late: a lost sweep is simply the next one."""
    return sweep_jobs()


@worker_init.connect
@worker_ready.connect
def _first_heartbeat(sender: object = None, **_kwargs: Any) -> None:
    """A worker that starts says so at once (the beat task keeps it fresh)."""
    app = getattr(getattr(sender, "app", None), "flask_app", None)
    if app is not None:
        write_heartbeat(app)
