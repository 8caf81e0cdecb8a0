"""The Celery worker command the job benchmarks start (one queue of their own)."""

from __future__ import annotations

import os
import sys


def worker_command(app: str, queue: str, pool: str, concurrency: int) -> list[str]:
    celery = os.path.join(os.path.dirname(sys.executable), "celery")
    return [
        celery,
        "--app",
        app,
        "worker",
        "--pool",
        pool,
        "--concurrency",
        str(concurrency),
        "-Q",
        queue,
        "--loglevel",
        "WARNING",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
