"""The group-send part of bench/jobs.py: a message to 2,000 registrants (half in English,
half in Spanish, each with their own link) sent as a job and delivered to a local aiosmtpd
by one Celery worker, beside the plain-mail baseline in the same run (2,000 ready-written
outbox rows delivered by the same kind of worker). Prints figures; asserts nothing.

Both figures are "from the worker's start to the last mail accepted by the SMTP server":
the group send includes the job (recipients read, each mail written in its language with
its link, committed 200 at a time so delivery starts while the job goes on).
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid

from bench.celery_worker import worker_command


def _worker(env: dict, queue: str, args) -> subprocess.Popen:
    command = worker_command("bench.group_worker_app:celery", queue, args.pool, args.concurrency)
    return subprocess.Popen(command, cwd=env["PYTHONPATH"], env=env)


def _until_sent(kind: str, n: int, started: float) -> float:
    from sqlalchemy import func, select

    from eventsapp.extensions import db
    from eventsapp.mail.models import DeliveryStatus, OutboxMessage

    while True:
        done = db.session.scalar(
            select(func.count()).where(
                OutboxMessage.kind == kind, OutboxMessage.status == DeliveryStatus.SENT
            )
        )
        db.session.rollback()
        if done >= n or time.perf_counter() - started > 900:
            return time.perf_counter() - started
        time.sleep(0.1)


def _span(kind: str, since=None) -> float:
    """Seconds from ``since`` (default: this kind's first delivery attempt) to its last
    mail sent, from the rows' own times (the worker's start-up left out)."""
    from sqlalchemy import func, select

    from eventsapp.extensions import db
    from eventsapp.mail.models import OutboxMessage

    first, last = db.session.execute(
        select(func.min(OutboxMessage.last_attempt_at), func.max(OutboxMessage.sent_at)).where(
            OutboxMessage.kind == kind
        )
    ).one()
    db.session.rollback()
    return (last - (since or first)).total_seconds()


def _registrants(n: int):
    """An event, its organizer and ``n`` confirmed registrations (alternating languages)."""
    from datetime import date

    from eventsapp.auth.models import User
    from eventsapp.events.models import Event, EventKind, EventStatus
    from eventsapp.extensions import db
    from eventsapp.registration.models import Language, Person, Registration, RegistrationStatus

    event = Event(
        slug="bench-summit",
        kind=EventKind.SUMMIT,
        title_en="Bench Summit",
        title_es="Cumbre de prueba",
        start_date=date(2027, 3, 9),
        end_date=date(2027, 3, 10),
        status=EventStatus.PUBLISHED,
    )
    user = User(email="organizer@example.org", is_admin=True)
    user.set_password("bench-password-long")
    db.session.add_all([event, user])
    db.session.flush()
    people = [
        Person(
            event_id=event.id,
            given_name=f"Name{i}",
            family_name=f"Family{i}",
            email=f"person{i}@example.org",
            preferred_language=Language.ES if i % 2 else Language.EN,
        )
        for i in range(n)
    ]
    db.session.add_all(people)
    db.session.flush()
    db.session.add_all(
        Registration(event_id=event.id, person_id=p.id, status=RegistrationStatus.CONFIRMED)
        for p in people
    )
    db.session.commit()
    return event, user


def group_part(database_url: str, redis_url: str, args) -> None:
    from aiosmtpd.controller import Controller

    from bench.jobs import Collector, _free_port, _messages
    from eventsapp import create_app
    from eventsapp.comms import group_send
    from eventsapp.comms.recipients import RecipientFilter
    from eventsapp.extensions import db
    from eventsapp.jobs.queue import enqueue_batch_after_commit
    from eventsapp.mail.services import SEND_BATCH_TASK

    n = args.recipients
    port = _free_port()
    collector = Collector()
    smtp = Controller(collector, hostname="127.0.0.1", port=port)
    smtp.start()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    queue = f"bench-{uuid.uuid4().hex[:10]}"
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(port),
        EVENTSAPP_ENV="development",
        SERVER_NAME="events.example.org",
        PYTHONPATH=root,
        BENCH_QUEUE=queue,
    )
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "REDIS_URL": redis_url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "SERVER_NAME": "events.example.org",
        "CELERY": {"task_default_queue": queue},
    }
    app = create_app(config)
    try:
        with app.app_context():
            db.create_all()
            event, user = _registrants(n)
            # Baseline: n ready-written mails, queued in one commit, one worker.
            for message in _messages(n):
                db.session.add(message)
                enqueue_batch_after_commit(SEND_BATCH_TASK, message)
            db.session.commit()
            started = time.perf_counter()
            worker = _worker(env, queue, args)
            try:
                plain = _until_sent("bench", n, started)
            finally:
                worker.terminate()
                worker.wait(30)
            plain_span = _span("bench")
            # The group send: the request's part, then the job and the deliveries.
            request_started = time.perf_counter()
            texts = {
                "en": ("News for {event}", "Dear {given_name},\n\nyour link: {link}\n"),
                "es": ("Noticias de {event}", "Estimado/a {given_name}:\n\nsu enlace: {link}\n"),
            }
            job = group_send.start(user, event, texts, RecipientFilter())
            db.session.commit()
            job_id = job.id
            request_part = time.perf_counter() - request_started
            started = time.perf_counter()
            worker = _worker(env, queue, args)
            try:
                group = _until_sent("group", n, started)
            finally:
                worker.terminate()
                worker.wait(30)
            from eventsapp.jobs.models import Job

            job = db.session.get(Job, job_id)
            group_span = _span("group", job.started_at)
            job_seconds = (job.finished_at - job.started_at).total_seconds()
            db.session.remove()
            db.engine.dispose()
    finally:
        smtp.stop()
        import redis

        redis.Redis.from_url(redis_url).delete(queue)
    print(f"group send: {n} recipients (half en, half es); worker: 1 (--pool {args.pool})")
    print(f"plain mails, worker start to last sent:   {plain:6.2f} s")
    print(
        f"plain mails, first attempt to last sent:  {plain_span:6.2f} s  "
        f"{n / plain_span:6.0f} mails/s  (baseline)"
    )
    print(f"group send, request's part (ids + job):   {request_part:6.2f} s")
    print(f"group send, worker start to last sent:    {group:6.2f} s")
    print(f"group send, the job alone (2,000 written): {job_seconds:6.2f} s")
    print(
        f"group send, job start to last sent:       {group_span:6.2f} s  "
        f"{n / group_span:6.0f} mails/s  ({group_span / plain_span:.2f}x the baseline)"
    )
    print(f"received by the SMTP server: {collector.count} (expected {2 * n})")
