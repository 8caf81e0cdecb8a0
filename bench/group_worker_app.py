"""The Celery app of bench/jobs_group.py's worker: wsgi's app, with the bench's own task
queue (BENCH_QUEUE) as its default, so the tasks the worker itself enqueues (the mails a
group send writes) stay on the queue it listens to."""

import os

from eventsapp import create_app

app = create_app({"CELERY": {"task_default_queue": os.environ["BENCH_QUEUE"]}})
celery = app.extensions["celery"]
