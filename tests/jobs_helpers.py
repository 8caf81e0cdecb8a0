"""Helpers for the background-work tests: an SMTP server that answers what it is told, the
app on a Redis of its own (a database number for the tests, a queue per test) and a Celery
worker running in a thread."""

from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from email import message_from_bytes, policy

from eventsapp.extensions import db
from tests.registration_helpers import free_port

TEST_REDIS_URL = "redis://127.0.0.1:6379/13"


class ScriptedHandler:
    """Answers DATA with ``reply`` ("250 OK", "451 ...", "550 ..."); keeps what it accepted
    and counts every session (connection) it saw."""

    def __init__(self, reply: str = "250 OK"):
        self.reply = reply
        self.messages = []
        self.sessions = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        if self.reply.startswith("2"):
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return self.reply


@contextmanager
def scripted_smtp(reply: str = "250 OK", port: int | None = None):
    """A real SMTP server on a local port; yields (port, handler)."""
    from aiosmtpd.controller import Controller

    handler = ScriptedHandler(reply)
    port = port or free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, handler
    finally:
        controller.stop()


def use_smtp(app, port: int) -> None:
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_USE_SSL=False
    )


def redis_config(config: dict, redis_url: str = TEST_REDIS_URL) -> dict:
    """``config`` on Redis, with a task queue of its own (tests run in parallel)."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    return dict(config, REDIS_URL=redis_url, CELERY={"task_default_queue": queue})


@contextmanager
def worker(app):
    """A Celery worker for ``app`` in a thread (solo pool), stopped on exit."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(
        app.extensions["celery"],
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=30,
    ):
        yield


def wait_for(predicate, timeout: float = 30.0):
    """Poll ``predicate`` (which may read the database) until it holds. The test's own
    transaction ends after each look, so it never holds SQLite's lock against the worker."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        finally:
            db.session.rollback()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)
