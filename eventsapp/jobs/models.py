"""A background job: work a request started and a worker does (an import, a print run).

A request creates the row QUEUED (``services.start_job``) and enqueues the domain's task
after the commit; the task claims it (QUEUED -> RUNNING, a compare-and-set, so a redelivered
task does nothing), reports its progress (``done`` of ``total``) in short transactions of
their own, and ends it DONE with a result (a JSON ``report`` and/or a stored file,
``result_key``) or FAILED with an ``error``. The result is kept for a day
(``result_expires_at``), then a beat task removes it (``result_removed_at``); the row stays.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from eventsapp.auth.models import User


class JobStatus(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class Job(Model):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the job does, "<domain>.<action>" (e.g. "registration.import"); the status page
    # renders a report with the template "<domain>/<action>_report.html" when it exists.
    kind: Mapped[str] = mapped_column(String(60))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[JobStatus] = mapped_column(
        enum_column(JobStatus, "job_status"), default=JobStatus.QUEUED
    )
    progress_done: Mapped[int] = mapped_column(default=0, server_default="0")
    progress_total: Mapped[int] = mapped_column(default=0, server_default="0")
    message: Mapped[str] = mapped_column(Text, default="")  # shown to the user as it is
    error: Mapped[str] = mapped_column(Text, default="")  # why it FAILED (user-facing)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # The task that does the work and its arguments after the job id (JSON, as the broker
    # carries them): the sweep (eventsapp/jobs/recovery.py) enqueues it again when the
    # worker running the job died.
    task_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    task_args: Mapped[list[Any] | None] = mapped_column(JSON)
    # Input: a stored file the job reads (an uploaded spreadsheet), removed with the result.
    input_key: Mapped[str | None] = mapped_column(String(80))
    input_name: Mapped[str] = mapped_column(String(200), default="")
    # Result: a JSON report and/or a stored file offered for download as ``result_name``.
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    result_key: Mapped[str | None] = mapped_column(String(80))
    result_name: Mapped[str] = mapped_column(String(200), default="")
    result_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result_removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Last sign of life of the worker running it (claim, progress, its heartbeat thread): a
    # RUNNING job silent for JOB_STALE_SECONDS lost its worker (eventsapp/jobs/recovery.py).
    touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Any] = relationship("Event")  # upward link: Event
    created_by: Mapped[User | None] = relationship("User")

    __table_args__ = (Index("ix_jobs_result_expires_at", "result_expires_at"),)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status is JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
