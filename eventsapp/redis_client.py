"""The app's Redis client (REDIS_URL), made once per app and shared by its threads.

None without REDIS_URL: development and tests keep such state per process instead.
Short timeouts, so that a Redis in trouble slows a request by a fraction of a second, not
by a hung worker; callers decide what to do without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    import redis

EXTENSION_KEY = "eventsapp_redis"
TIMEOUT_SECONDS = 0.5


def redis_client(app: Flask | None = None) -> redis.Redis | None:
    app = app or current_app
    client = app.extensions.get(EXTENSION_KEY)
    if client is None:
        url = app.config.get("REDIS_URL")
        if not url:
            return None
        import redis

        client = app.extensions.setdefault(
            EXTENSION_KEY,
            redis.Redis.from_url(
                url,
                socket_timeout=TIMEOUT_SECONDS,
                socket_connect_timeout=TIMEOUT_SECONDS,
                health_check_interval=30,
            ),
        )
    found: redis.Redis | None = client
    return found
