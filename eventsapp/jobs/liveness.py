"""A job's sign of life while a worker runs it (see eventsapp/jobs/recovery.py)."""

from __future__ import annotations

import threading
from typing import Any

from flask import current_app
from sqlalchemy import update

from eventsapp.db import utcnow
from eventsapp.extensions import db
from eventsapp.jobs.models import Job, JobStatus


class Heartbeat:
    """Touch the job every ``interval`` seconds while its work runs (a daemon thread).

    Nothing on SQLite: the work's transaction holds the database's one write lock there
    (SQLite serves development, where jobs run in-process and no sweep runs)."""

    def __init__(self, job_id: int, attempt: int) -> None:
        self.job_id, self.attempt = job_id, attempt
        self.interval = float(current_app.config.get("JOB_HEARTBEAT_SECONDS", 15))
        self.engine = db.engine
        self.logger = current_app.logger
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Heartbeat:
        if self.interval > 0 and self.engine.dialect.name != "sqlite":
            self.thread = threading.Thread(
                target=self._run, name=f"job-{self.job_id}-heartbeat", daemon=True
            )
            self.thread.start()
        return self

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        update(Job)
                        .where(
                            Job.id == self.job_id,
                            Job.status == JobStatus.RUNNING,
                            Job.attempts == self.attempt,
                        )
                        .values(touched_at=utcnow())
                    )
            except Exception:  # the database away for a moment: try at the next beat
                self.logger.warning("job %s: heartbeat not written", self.job_id, exc_info=True)

    def halt(self) -> None:
        """Stop beating (before the result commits: the thread may be waiting on the row)."""
        self.stop.set()

    def __exit__(self, *_exc: Any) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=self.interval + 30)
