"""Benchmark: 1,000 queued mails delivered to a local aiosmtpd by one Celery worker, beside a
baseline in the same run (the same 1,000 messages sent directly over one SMTP connection).
Prints figures; asserts nothing.

    .venv/bin/python bench/jobs.py [--mails 1000] [--pool solo] [--concurrency 1]
                                   [--part all|mail|import|group] [--rows 20000]
                                   [--recipients 2000]

The import part (bench/jobs_import.py): a 20,000-row import run as a job (target <= 60 s)
beside reading and validating the same file, and the peak memory of refusing an XLSX bomb.
The group part (bench/jobs_group.py): a message to 2,000 registrants sent as a job, time to
the last delivery beside 2,000 plain mails delivered by the same worker.

Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/
postgres; a temporary database is created and dropped) and Redis (BENCH_REDIS_URL, default
redis://127.0.0.1:6379/12; a queue of its own). The worker is ``celery --app wsgi:celery
worker`` in a subprocess, as ``make worker`` runs it. Target: at least 100 mails/s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# bench/http.py would shadow the standard library's http package: keep bench/ off the path.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
sys.path.insert(0, ROOT)

from bench.celery_worker import worker_command  # noqa: E402
from bench.http import create_database, drop_database  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"
TARGET_PER_SECOND = 100


class Collector:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.count += 1
        return "250 OK"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _messages(n: int):
    from eventsapp.mail.models import DeliveryStatus, OutboxMessage

    return [
        OutboxMessage(
            recipient=f"person{i}@example.org",
            subject=f"Your registration #{i}",
            body_text="Hello,\n\nyour registration is confirmed: "
            f"https://events.example.org/events/wags-2027/my-registration/{uuid.uuid4().hex}\n",
            language="en",
            kind="bench",
            status=DeliveryStatus.QUEUED,
        )
        for i in range(n)
    ]


def baseline(app, n: int) -> float:
    """Seconds to send ``n`` messages over one SMTP connection, no database, no queue."""
    from eventsapp.mail.services import build_email, smtp_connection

    emails = [build_email(m) for m in _messages(n)]
    start = time.perf_counter()
    with smtp_connection() as smtp:
        for email in emails:
            smtp.send_message(email)
    return time.perf_counter() - start


def enqueue_all(n: int) -> float:
    """Write ``n`` outbox rows and enqueue their tasks after one commit (what requests do)."""
    from eventsapp.extensions import db
    from eventsapp.jobs.queue import enqueue_batch_after_commit
    from eventsapp.mail.services import SEND_BATCH_TASK

    start = time.perf_counter()
    for message in _messages(n):
        db.session.add(message)
        enqueue_batch_after_commit(SEND_BATCH_TASK, message)
    db.session.commit()
    return time.perf_counter() - start


def run_worker(env: dict, queue: str, args, n: int) -> tuple[float, float]:
    """Start one worker; returns (seconds from its start to the last mail sent, the rate
    from the first mail sent to the last)."""
    from sqlalchemy import func, select

    from eventsapp.extensions import db
    from eventsapp.mail.models import DeliveryStatus, OutboxMessage

    command = worker_command("wsgi:celery", queue, args.pool, args.concurrency)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        while True:
            done = db.session.scalar(
                select(func.count()).where(OutboxMessage.status == DeliveryStatus.SENT)
            )
            db.session.rollback()
            if done >= n or time.perf_counter() - start > 600:
                break
            time.sleep(0.1)
        total = time.perf_counter() - start
        first, last = db.session.execute(
            select(func.min(OutboxMessage.sent_at), func.max(OutboxMessage.sent_at))
        ).one()
        span = (last - first).total_seconds()
        return total, (done - 1) / span if span else float("inf")
    finally:
        process.terminate()
        process.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--pool", default="solo", help="worker pool (solo: one at a time)")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--part", choices=("all", "mail", "import", "group"), default="all")
    parser.add_argument("--recipients", type=int, default=2000, help="of the group send")
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the import")
    args = parser.parse_args()
    if args.part in ("all", "import"):
        from bench.jobs_import import bomb_part, import_part

        database_url = create_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
        try:
            import_part(database_url, args.rows)
        finally:
            drop_database(database_url)
        bomb_part()
        if args.part == "import":
            return
    if args.part in ("all", "group"):
        from bench.jobs_group import group_part

        database_url = create_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
        try:
            group_part(database_url, os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS), args)
        finally:
            drop_database(database_url)
        if args.part == "group":
            return

    from aiosmtpd.controller import Controller

    from eventsapp import create_app
    from eventsapp.extensions import db

    database_url = create_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    queue = f"bench-{uuid.uuid4().hex[:10]}"
    port = _free_port()
    collector = Collector()
    smtp = Controller(collector, hostname="127.0.0.1", port=port)
    smtp.start()
    settings = dict(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(port),
        EVENTSAPP_ENV="development",
        PYTHONPATH=ROOT,
    )
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "REDIS_URL": redis_url,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "CELERY": {"task_default_queue": queue},
        }
    )
    try:
        with app.app_context():
            db.create_all()
            direct = baseline(app, args.mails)
            sent_directly = collector.count
            queued = enqueue_all(args.mails)
            total, rate = run_worker(dict(os.environ, **settings), queue, args, args.mails)
            db.session.remove()
            db.engine.dispose()
    finally:
        smtp.stop()
        drop_database(database_url)
        import redis

        redis.Redis.from_url(redis_url).delete(queue)
    n = args.mails
    worker_mails = collector.count - sent_directly
    print(f"mails: {n}; worker: 1 (--pool {args.pool} --concurrency {args.concurrency})")
    print(f"baseline, one SMTP connection, no queue: {direct:6.2f} s  {n / direct:8.0f} mails/s")
    print(f"requests' part (rows + enqueue, 1 commit): {queued:6.2f} s  {n / queued:8.0f} mails/s")
    print(f"worker, start to last mail sent:         {total:6.2f} s  {n / total:8.0f} mails/s")
    print(
        f"worker, first to last mail sent:                   {rate:8.0f} mails/s "
        f"(target >= {TARGET_PER_SECOND}; {rate / (n / direct):.0%} of the baseline)"
    )
    print(
        f"received by the SMTP server from the worker: {worker_mails} "
        f"(each once: {worker_mails == n})"
    )


if __name__ == "__main__":
    main()
