"""``/healthz`` for load balancers, and the workers' heartbeat in Redis.

A worker writes the time into its heartbeat key (one per task queue) when it starts and
every 30 s (a beat task, so a fresh heartbeat proves the broker, the scheduler and a worker
all work). ``/healthz`` answers JSON: the database reachable, the file bucket (when
STORAGE_S3_BUCKET is set), Redis reachable and the heartbeat's age (when ``REDIS_URL`` is
set); 200 when all is well, 503 otherwise. No session, no sign-in, never
cached.
"""

from __future__ import annotations

import time
from typing import Any

import redis
from flask import Blueprint, Flask, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from eventsapp.extensions import db, limiter
from eventsapp.storage import s3

bp = Blueprint("health", __name__)


def redis_connection(app: Flask | None = None) -> redis.Redis | None:
    """The app's Redis client (one per app, short timeouts), or None without REDIS_URL."""
    app = app or current_app
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    client = app.extensions.get("jobs_redis")
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        app.extensions["jobs_redis"] = client
    return client


def heartbeat_key(app: Flask | None = None) -> str:
    """The heartbeat of the workers that serve this app's queue."""
    app = app or current_app
    return f"eventsapp:worker-heartbeat:{app.extensions['celery'].conf.task_default_queue}"


def write_heartbeat(app: Flask | None = None) -> None:
    client = redis_connection(app)
    if client is not None:
        client.set(heartbeat_key(app), repr(time.time()), ex=24 * 3600)


def heartbeat_age(client: redis.Redis) -> float | None:
    """Seconds since a worker last wrote its heartbeat; None if none ever did."""
    value = client.get(heartbeat_key())
    return None if value is None else max(0.0, time.time() - float(value))


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        return True
    except Exception:
        db.session.rollback()
        current_app.logger.exception("healthz: database unreachable")
        return False


def check() -> dict[str, Any]:
    report: dict[str, Any] = {"database": _database_ok()}
    healthy = report["database"]
    if s3.enabled():
        report["storage"] = s3.reachable()
        healthy = healthy and report["storage"]
    client = redis_connection()
    if client is not None:
        try:
            client.ping()
            report["redis"] = True
            age = heartbeat_age(client)
        except redis.RedisError:
            report["redis"], age = False, None
        report["worker_heartbeat_age"] = None if age is None else round(age, 1)
        fresh = age is not None and age <= current_app.config["WORKER_HEARTBEAT_MAX_AGE"]
        report["worker"] = fresh
        healthy = healthy and report["redis"] and fresh
    else:
        report["worker"] = "in-process"  # development: tasks run after each commit
    report["status"] = "ok" if healthy else "unhealthy"
    return report


@bp.get("/healthz")
@limiter.exempt
def healthz() -> ResponseReturnValue:
    report = check()
    response = jsonify(report)
    response.status_code = 200 if report["status"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
