"""Enqueue tasks once the transaction that made their rows has committed.

``enqueue_after_commit(task, *args)`` keeps the call in ``db.session.info``; a rollback drops
it. When the session commits, a model instance among the arguments becomes its primary key
(it has one by then) and the call leaves: to Redis with ``REDIS_URL``, else it waits in the
session until the request ends (an ``after_request`` hook) or the application context does
(CLI commands) and then runs in-process. A call that cannot reach Redis is logged and
left: the periodic sweeps of each domain pick up rows that no task took.
"""

from __future__ import annotations

from typing import Any

from celery import Task
from flask import Flask, Response, current_app
from sqlalchemy import event, inspect
from sqlalchemy.exc import NoInspectionAvailable
from sqlalchemy.orm import Session

from eventsapp.extensions import db

PENDING = "jobs_pending"  # queued in the open transaction
BATCHES = "jobs_batches"  # items for one call of a batch task, per task name
READY = "jobs_ready"  # committed, waiting to run in-process (no broker)
BATCH_SIZE = 100


# A task, or its name (a module that cannot import the task names it).
TaskRef = str | Task[Any, Any]


def _task_name(task: TaskRef) -> str:
    return task if isinstance(task, str) else str(task.name)


def enqueue_after_commit(task: TaskRef, *args: Any, key: str | None = None) -> None:
    """Run ``task(*args)`` after the current transaction commits (never if it rolls back).
    ``key`` names the call (Celery's task id) so that duplicates can be recognised."""
    db.session.info.setdefault(PENDING, []).append((_task_name(task), args, key))


def enqueue_batch_after_commit(task: TaskRef, item: object) -> None:
    """Add ``item`` (a model instance or a plain value) to the list that ``task`` receives
    after the commit: a transaction that queues a thousand mails sends ten tasks of a
    hundred, not a thousand tasks, so one worker keeps one connection busy."""
    batches = db.session.info.setdefault(BATCHES, {})
    batches.setdefault(_task_name(task), []).append(item)


def enqueue(
    task: TaskRef, *args: Any, countdown: float | None = None, key: str | None = None
) -> None:
    """Send ``task(*args)`` now (to Redis), or run it in-process without a broker. Without a
    broker there is no timer either: a call with a ``countdown`` is left to the sweeps."""
    celery_app = current_app.extensions["celery"]
    found: Task[Any, Any] = celery_app.tasks[_task_name(task)]
    if current_app.config.get("REDIS_URL"):
        # celery-types types countdown as float; Celery takes None (its default) as none.
        found.apply_async(args=args, countdown=countdown, task_id=key)  # type: ignore[arg-type]
    elif not countdown:
        found.apply(args=args, task_id=key, throw=True)


def _resolve(args: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """Model instances become their primary key; None when one was never stored."""
    resolved: list[Any] = []
    for value in args:
        try:
            state = inspect(value)
        except NoInspectionAvailable:
            resolved.append(value)
            continue
        if state.identity is None or state.was_deleted:
            return None
        resolved.append(state.identity[0])
    return tuple(resolved)


def _after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None) or []
    batches = session.info.pop(BATCHES, None) or {}
    if not pending and not batches:
        return
    calls = []
    for name, args, key in pending:
        resolved = _resolve(args)
        if resolved is not None:
            calls.append((name, resolved, key))
    for name, items in batches.items():
        kept = [r[0] for r in (_resolve((item,)) for item in items) if r is not None]
        for start in range(0, len(kept), BATCH_SIZE):
            calls.append((name, (kept[start : start + BATCH_SIZE],), None))
    if not current_app.config.get("REDIS_URL"):
        session.info.setdefault(READY, []).extend(calls)
        return
    for name, args, key in calls:
        try:
            enqueue(name, *args, key=key)
        except Exception:  # Redis away: the row stays queued for the sweep
            current_app.logger.exception("could not enqueue %s%r", name, args)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(BATCHES, None)


def run_ready() -> int:
    """Run, in-process, the calls whose transaction has committed (no broker). Returns how
    many ran; a failing task is logged, never raised into the request."""
    done = 0
    while calls := db.session.info.pop(READY, None):
        for name, args, key in calls:
            try:
                enqueue(name, *args, key=key)
            except Exception:
                current_app.logger.exception("in-process task %s%r failed", name, args)
                db.session.rollback()
            done += 1
    return done


def register_queue_hooks(app: Flask) -> None:
    if not event.contains(db.session, "after_commit", _after_commit):
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_rollback", _after_rollback)

    @app.after_request
    def _run_after_request(response: Response) -> Response:
        if db.session.info.get(READY):
            run_ready()
        return response

    @app.teardown_appcontext
    def _run_at_teardown(_exc: BaseException | None) -> None:
        # CLI commands (and anything outside a request) commit, then end the context.
        if db.session.registry.has() and db.session.info.get(READY):
            run_ready()
