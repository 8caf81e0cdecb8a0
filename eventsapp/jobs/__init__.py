"""Background work: one Celery app bound to the Flask app (Flask's ``celery_init_app``).

With ``REDIS_URL`` the broker is Redis and ``celery --app wsgi:celery worker --beat`` (``make
worker``) runs the tasks and the periodic table below. Without it (development, tests) there
is no broker: a task enqueued after a commit runs in-process once the transaction has
committed (eventsapp/jobs/queue.py), so ``make run`` stays one command.

Tasks live in their domain (``eventsapp/<domain>/tasks.py``, ``@shared_task``); the modules
are listed in TASK_MODULES and imported when the Celery app is built. Every task is
acknowledged late and re-queued if its worker dies, so each must be idempotent: it claims
its row (a status compare-and-set) before doing anything, and does nothing when the claim
fails.
"""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

from celery import Celery, Task
from flask import Flask, current_app, has_app_context

TASK_MODULES = (
    "eventsapp.jobs.tasks",
    "eventsapp.mail.tasks",
    "eventsapp.registration.import_job",
    "eventsapp.registration.tasks",
    "eventsapp.badges.tasks",
    "eventsapp.documents.tasks",
    "eventsapp.webhooks.tasks",
    "eventsapp.comms.tasks",
)

# The periodic-task table, in one place (run by ``celery ... worker --beat``).
BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "eventsapp.jobs.heartbeat", "schedule": timedelta(seconds=30)},
    "mail-sweep": {"task": "eventsapp.mail.sweep", "schedule": timedelta(minutes=5)},
    "webhook-sweep": {"task": "eventsapp.webhooks.sweep", "schedule": timedelta(minutes=1)},
    "personal-data-purge": {
        "task": "eventsapp.registration.purge_personal_data",
        "schedule": timedelta(days=1),
    },
    # Every JOB_SWEEP_SECONDS (the interval is the app's setting, see celery_config).
    "job-sweep": {"task": "eventsapp.jobs.sweep", "schedule": timedelta(seconds=60)},
    "mail-reminders": {"task": "eventsapp.comms.reminders", "schedule": timedelta(hours=1)},
    "job-results-purge": {
        "task": "eventsapp.jobs.purge_results",
        "schedule": timedelta(minutes=30),
    },
}


def _beat_schedule(app: Flask) -> dict[str, Any]:
    schedule = {name: dict(entry) for name, entry in BEAT_SCHEDULE.items()}
    seconds = float(app.config.get("JOB_SWEEP_SECONDS", 60))
    schedule["job-sweep"]["schedule"] = timedelta(seconds=seconds)
    return schedule


def celery_config(app: Flask) -> dict[str, Any]:
    redis_url = app.config.get("REDIS_URL")
    return {
        "broker_url": redis_url or "memory://",
        "task_ignore_result": True,
        "result_backend": None,
        # In-process without a broker: apply() runs the task at once (see queue.py).
        "task_always_eager": not redis_url,
        "task_eager_propagates": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 4,
        # Retries wait up to an hour on the worker (countdown); Redis must not hand the
        # message to another worker meanwhile (it would be a harmless duplicate anyway).
        "broker_transport_options": {"visibility_timeout": 2 * 3600},
        "broker_connection_retry_on_startup": True,
        "worker_hijack_root_logger": False,
        "timezone": "UTC",
        "beat_schedule": _beat_schedule(app),
        "beat_schedule_filename": f"{app.instance_path}/celerybeat-schedule",
        **app.config.get("CELERY", {}),
    }


def celery_init_app(app: Flask) -> Celery[Any]:
    """Build the Celery app for ``app`` and keep it in ``app.extensions["celery"]``."""

    class FlaskTask(Task[Any, Any]):
        def __call__(self, *args: object, **kwargs: object) -> object:
            # In-process (no broker) the task runs inside the caller's context, on its
            # session; a worker gets a fresh application context per task.
            # current_app is a proxy; Flask documents _get_current_object (mypy sees a Flask).
            if has_app_context() and current_app._get_current_object() is app:  # type: ignore[attr-defined]
                return self.run(*args, **kwargs)
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app: Celery[Any] = Celery(app.import_name, task_cls=FlaskTask)
    celery_app.config_from_object(celery_config(app))
    celery_app.flask_app = app  # type: ignore[attr-defined]  # read by the worker signals
    for module in TASK_MODULES:
        importlib.import_module(module)
    celery_app.finalize()
    celery_app.set_default()
    app.extensions["celery"] = celery_app

    from eventsapp.jobs.queue import register_queue_hooks

    register_queue_hooks(app)
    return celery_app
