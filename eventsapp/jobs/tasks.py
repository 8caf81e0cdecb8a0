"""The jobs package's own tasks: the workers' heartbeat (see eventsapp/jobs/health.py)."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_init, worker_ready

from eventsapp.jobs.health import write_heartbeat


@shared_task(name="eventsapp.jobs.heartbeat", ignore_result=True)
def heartbeat() -> None:
    write_heartbeat()


@worker_init.connect
@worker_ready.connect
def _first_heartbeat(sender=None, **_kwargs) -> None:
    """A worker that starts says so at once (the beat task keeps it fresh)."""
    app = getattr(getattr(sender, "app", None), "flask_app", None)
    if app is not None:
        write_heartbeat(app)
