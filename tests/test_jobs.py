"""Background work on Celery and Redis: a request only writes the outbox row; a worker (run
in-process, in a thread, against the real Redis on 127.0.0.1:6379, database 13, a queue of
its own per test) sends it once; /healthz for load balancers; production needs REDIS_URL."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
import redis

from eventsapp import create_app
from eventsapp.db import utcnow
from eventsapp.extensions import db as _db
from eventsapp.jobs.health import heartbeat_key, redis_connection
from eventsapp.jobs.queue import enqueue_after_commit
from eventsapp.mail.delivery import sweep
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from tests.conftest import FreshRequestClient, _test_config
from tests.jobs_helpers import (
    TEST_REDIS_URL,
    redis_config,
    scripted_smtp,
    use_smtp,
    wait_for,
    worker,
)
from tests.registration_helpers import free_port, outbox, signup_data


def _redis_available() -> bool:
    try:
        return redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not _redis_available() and not os.environ.get("CI"),
    reason="no Redis on 127.0.0.1:6379 (CI has one)",
)


@pytest.fixture
def redis_app(app, database_url, tmp_path):
    """An app on Redis, its context pushed over the plain ``app`` one (whose fixture empties
    the tables afterwards). Its queue and heartbeat are removed at the end."""
    on_redis = create_app(redis_config(_test_config(database_url, tmp_path / "redis-app")))
    on_redis.test_client_class = FreshRequestClient
    with on_redis.app_context():
        yield on_redis
        client = redis_connection(on_redis)
        queue = on_redis.extensions["celery"].conf.task_default_queue
        client.delete(queue, heartbeat_key(on_redis))
        _db.session.remove()
    _db.engine.dispose()


def _status(message_id: int) -> DeliveryStatus:
    return _db.session.get(OutboxMessage, message_id, populate_existing=True).status


@needs_redis
def test_a_sign_up_only_writes_the_row_and_the_worker_sends_it_once(redis_app, event):
    client = redis_app.test_client()
    with scripted_smtp() as (port, smtp):
        use_smtp(redis_app, port)
        response = client.post(f"/events/{event.slug}/register", data=signup_data("w@example.org"))
        assert response.status_code == 302
        [message] = outbox("w@example.org")
        message_id = message.id
        assert message.status is DeliveryStatus.QUEUED and message.attempts == 0
        assert smtp.sessions == 0  # the request never spoke to the mail server
        _db.session.rollback()
        with worker(redis_app):
            assert wait_for(lambda: _status(message_id) is DeliveryStatus.SENT)
            assert wait_for(lambda: len(smtp.messages) == 1)
    [received] = smtp.messages
    assert received["To"] == "w@example.org"
    assert _db.session.get(OutboxMessage, message_id).attempts == 1


@needs_redis
def test_with_smtp_refusing_a_sign_up_answers_and_the_mail_waits_for_a_retry(redis_app, event):
    port = free_port()  # nothing listens there yet
    use_smtp(redis_app, port)
    client = redis_app.test_client()
    response = client.post(f"/events/{event.slug}/register", data=signup_data("r@example.org"))
    assert response.status_code == 302
    [message] = outbox("r@example.org")
    message_id = message.id
    _db.session.rollback()
    with worker(redis_app):
        assert wait_for(
            lambda: _db.session.get(OutboxMessage, message_id, populate_existing=True).attempts == 1
        )
    retry = _db.session.get(OutboxMessage, message_id, populate_existing=True)
    assert retry.status is DeliveryStatus.QUEUED and "Connection refused" in retry.error
    assert retry.next_attempt_at is not None
    # The mail server comes up. The retry is due (its minute has passed, as written here);
    # the worker holding its timer is gone, so the sweep hands it to the new worker.
    retry.next_attempt_at = retry.last_attempt_at
    _db.session.commit()
    with scripted_smtp(port=port) as (_port, smtp), worker(redis_app):
        assert sweep(now=utcnow() + timedelta(minutes=10)) == 1
        _db.session.rollback()
        assert wait_for(lambda: _status(message_id) is DeliveryStatus.SENT)
    assert len(smtp.messages) == 1


@needs_redis
def test_a_call_enqueued_in_a_rolled_back_transaction_never_leaves(redis_app, event):
    message = OutboxMessage(
        event_id=event.id, recipient="x@example.org", subject="S", body_text="B"
    )
    _db.session.add(message)
    _db.session.flush()
    enqueue_after_commit("eventsapp.mail.send", message)
    _db.session.rollback()
    queue = redis_app.extensions["celery"].conf.task_default_queue
    assert redis_connection(redis_app).llen(queue) == 0


@needs_redis
def test_healthz_reports_database_redis_and_a_fresh_worker_heartbeat(redis_app):
    client = redis_app.test_client()
    before = client.get("/healthz")
    assert before.status_code == 503  # no worker has ever written its heartbeat
    assert before.get_json()["redis"] is True and before.get_json()["worker"] is False
    with worker(redis_app):
        assert wait_for(lambda: client.get("/healthz").status_code == 200)
    report = client.get("/healthz").get_json()
    assert report["database"] is True and report["redis"] is True
    assert 0 <= report["worker_heartbeat_age"] < 60


def test_healthz_answers_503_when_redis_is_down(app, database_url, tmp_path):
    down = create_app(
        dict(
            _test_config(database_url, tmp_path / "down"),
            REDIS_URL=f"redis://127.0.0.1:{free_port()}/13",
        )
    )
    with down.app_context():
        response = down.test_client().get("/healthz")
        _db.session.remove()
    assert response.status_code == 503
    assert response.get_json() == {
        "database": True,
        "redis": False,
        "worker": False,
        "worker_heartbeat_age": None,
        "status": "unhealthy",
    }


def test_healthz_without_redis_needs_no_session_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"database": True, "worker": "in-process", "status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_production_refuses_to_start_without_redis_url(app):
    config = dict(
        app.config,
        ENV_NAME="production",
        SECRET_KEY="p" * 40,
        SERVER_NAME="events.example.org",
        REDIS_URL=None,
    )
    with pytest.raises(RuntimeError, match="REDIS_URL"):
        create_app(config)
