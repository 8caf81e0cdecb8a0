"""Mail delivery outside the request: attempts, retries with a growing delay for 24 h on
temporary failures (connection refused, 4xx), failure at once on 5xx, the retry button, the
sweep, one claim per row, a redelivered task that does nothing, the development console.

These run without Redis: a task runs in-process after the commit (tests/test_jobs.py runs a
real worker on Redis)."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy.orm import Session

from eventsapp.audit.models import AuditEntry
from eventsapp.db import utcnow
from eventsapp.mail.delivery import attempt, claim_statement, sweep
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.registration.links import registration_token
from tests.jobs_helpers import scripted_smtp, use_smtp
from tests.registration_helpers import free_port, registration_of, signup_data


def _queued(event, **fields) -> OutboxMessage:
    """A queued message that no task holds (as when Redis was away at the commit)."""
    message = OutboxMessage(
        event_id=event.id,
        recipient=fields.pop("recipient", "ana@example.org"),
        subject="Your registration",
        body_text="Hello Ana",
        status=DeliveryStatus.QUEUED,
        **fields,
    )
    from eventsapp.extensions import db

    db.session.add(message)
    db.session.commit()
    return message


def _reload(db, message) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message.id)


def _due_now(db, message) -> None:
    message.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


def test_a_4xx_reply_is_tried_again_with_a_growing_delay(app, db, event):
    with scripted_smtp("451 4.3.0 Mailbox busy, try later") as (port, smtp):
        use_smtp(app, port)
        message = _queued(event)
        assert attempt(message.id) is DeliveryStatus.QUEUED
        first = _reload(db, message)
        assert first.attempts == 1 and first.error.startswith("451 4.3.0 Mailbox busy")
        assert first.next_attempt_at - first.last_attempt_at == timedelta(minutes=1)
        assert attempt(message.id) is None  # not due yet: nothing happens
        _due_now(db, first)
        attempt(message.id)
        second = _reload(db, message)
        assert second.status is DeliveryStatus.QUEUED and second.attempts == 2
        assert second.next_attempt_at - second.last_attempt_at == timedelta(minutes=2)
        assert smtp.messages == []


def test_a_5xx_reply_fails_at_once_with_the_reason(app, db, event):
    with scripted_smtp("550 5.1.1 No such mailbox") as (port, _smtp):
        use_smtp(app, port)
        message = _queued(event)
        assert attempt(message.id) is DeliveryStatus.FAILED
    failed = _reload(db, message)
    assert failed.attempts == 1 and failed.next_attempt_at is None
    assert failed.error.startswith("550 5.1.1 No such mailbox")


def test_connection_errors_are_retried_for_24_hours_then_the_message_fails(app, db, event):
    use_smtp(app, free_port())  # nothing listens there
    created = utcnow() - timedelta(hours=23, minutes=59, seconds=30)
    message = _queued(event, created_at=created)
    assert attempt(message.id) is DeliveryStatus.QUEUED
    retry = _reload(db, message)
    assert retry.next_attempt_at <= created + timedelta(hours=24)  # the last try, at the end
    retry.created_at = utcnow() - timedelta(hours=24, seconds=1)
    _due_now(db, retry)
    assert attempt(message.id) is DeliveryStatus.FAILED
    failed = _reload(db, message)
    assert failed.attempts == 2 and "Connection refused" in failed.error


def test_the_retry_button_sends_a_failed_message_again(app, client, db, login, organizer, event):
    message = _queued(event, recipient="jefa@example.org")
    message.status, message.error, message.attempts = DeliveryStatus.FAILED, "550 Rejected", 3
    db.session.commit()
    login(organizer)
    page = client.get(f"/manage/events/{event.slug}/outbox/").get_data(as_text=True)
    assert "550 Rejected" in page and "Send again" in page and "3 attempts" in page
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        response = client.post(f"/manage/events/{event.slug}/outbox/{message.id}/retry")
        assert response.status_code == 302
    [received] = smtp.messages
    assert received["To"] == "jefa@example.org"
    sent = _reload(db, message)
    assert sent.status is DeliveryStatus.SENT and sent.attempts == 1 and sent.error == ""
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "mail.retry"))
    assert entry.user_id == organizer.id and entry.event_id == event.id


def test_the_retry_button_leaves_a_sent_message_alone(app, client, db, login, organizer, event):
    message = _queued(event)
    message.status = DeliveryStatus.SENT
    db.session.commit()
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/outbox/{message.id}/retry", follow_redirects=True
    )
    assert "Only a message that failed can be sent again." in response.get_data(as_text=True)
    assert _reload(db, message).status is DeliveryStatus.SENT


def test_the_sweep_sends_what_no_task_took_and_leaves_the_rest(app, db, event):
    now = utcnow()
    stale = _queued(event, recipient="stale@example.org", created_at=now - timedelta(minutes=10))
    stuck = _queued(event, recipient="stuck@example.org", created_at=now - timedelta(minutes=30))
    stuck.status, stuck.claimed_at = DeliveryStatus.SENDING, now - timedelta(minutes=20)
    fresh = _queued(event, recipient="fresh@example.org", created_at=now - timedelta(minutes=1))
    waiting = _queued(event, recipient="later@example.org", created_at=now - timedelta(hours=1))
    waiting.attempts, waiting.next_attempt_at = 4, now + timedelta(minutes=8)
    db.session.commit()
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        assert sweep() == 2
    assert sorted(m["To"] for m in smtp.messages) == ["stale@example.org", "stuck@example.org"]
    assert _reload(db, stale).status is DeliveryStatus.SENT
    assert _reload(db, stuck).status is DeliveryStatus.SENT
    assert _reload(db, fresh).status is DeliveryStatus.QUEUED
    assert _reload(db, waiting).status is DeliveryStatus.QUEUED


def test_two_claims_of_one_row_only_one_wins(app, db, event):
    """Two sessions (two connections) claim the same row at once: the second waits for the
    first's commit, then finds the row taken (row lock on PostgreSQL, BEGIN IMMEDIATE on
    SQLite)."""
    message_id = _queued(event).id
    db.session.commit()  # the test's own session holds no transaction (SQLite's lock)
    first, second = Session(db.engine), Session(db.engine)
    results = {}
    try:
        results["first"] = first.execute(claim_statement(message_id, utcnow())).rowcount

        def other_worker():
            results["second"] = second.execute(claim_statement(message_id, utcnow())).rowcount
            second.commit()

        thread = threading.Thread(target=other_worker)
        thread.start()
        thread.join(0.5)
        assert thread.is_alive()  # waiting for the first claim's transaction
        first.commit()
        thread.join(30)
    finally:
        first.close()
        second.close()
    assert results == {"first": 1, "second": 0}
    assert db.session.get(OutboxMessage, message_id).status is DeliveryStatus.SENDING


def test_a_redelivered_task_sends_nothing_the_second_time(app, db, event):
    task = app.extensions["celery"].tasks["eventsapp.mail.send"]
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        message = _queued(event)
        assert task.apply(args=(message.id,)).get() == "sent"
        assert task.apply(args=(message.id,)).get() is None  # the same message, delivered again
    assert len(smtp.messages) == 1
    assert _reload(db, message).attempts == 1


def test_console_delivery_prints_decoded_text_and_whole_links(app, client, db, event, capsys):
    app.config["MAIL_SERVER"] = None
    client.post(f"/events/{event.slug}/register", data=signup_data("es@example.org"))
    printed = capsys.readouterr().out
    token = registration_token(registration_of(event, "es@example.org"))
    assert f"http://events.test/events/{event.slug}/my-registration/{token}\n" in printed
    assert "Su inscripción" in printed and "está confirmada" in printed
    assert "=C3" not in printed and "=\n" not in printed


def test_one_transaction_queuing_many_mails_sends_batches_and_each_mail_once(app, db, event):
    """250 mails queued in one commit travel as three tasks (100, 100, 50), not 250; a batch
    delivered twice (a redelivered task) sends nothing the second time."""
    from eventsapp.jobs.queue import READY, run_ready
    from eventsapp.mail.delivery import attempt_many
    from eventsapp.mail.services import SEND_BATCH_TASK
    from eventsapp.mail.templating import queue_text

    for i in range(250):
        queue_text(
            f"p{i}@example.org", "Subject", "Body", lang="en", kind="cancelled", event_id=event.id
        )
    db.session.commit()
    calls = list(db.session.info.get(READY, []))
    assert [(name, len(args[0])) for name, args, _key in calls] == [
        (SEND_BATCH_TASK, 100),
        (SEND_BATCH_TASK, 100),
        (SEND_BATCH_TASK, 50),
    ]
    assert run_ready() == 3
    statuses = db.session.scalars(db.select(OutboxMessage.status)).all()
    assert statuses == [DeliveryStatus.PRINTED] * 250
    first_batch = calls[0][1][0]
    assert attempt_many(first_batch) == {}
    assert db.session.scalar(db.select(db.func.sum(OutboxMessage.attempts))) == 250
