"""Where rate limits are counted: one store for every host and worker.

``RATELIMIT_STORAGE_URI`` when given (an explicit override), else the Redis of ``REDIS_URL``
(the one setting for broker, cache and limits), else memory (per process: development and
tests). A configured store that does not answer stops the start-up with a clear message,
instead of a first 500 on a sign-in (Flask-Limiter itself connects lazily); errors at
request time are not swallowed and there is no silent in-memory fallback, so that limits
are never quietly counted per worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from eventsapp.extensions import limiter

MEMORY = "memory://"


def storage_uri(config: Mapping[str, Any]) -> str:
    return str(config.get("RATELIMIT_STORAGE_URI") or config.get("REDIS_URL") or MEMORY)


def init_rate_limits(app: Flask) -> None:
    app.config["RATELIMIT_STORAGE_URI"] = storage_uri(app.config)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", False)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", False)
    limiter.init_app(app)
    if app.config.get("RATELIMIT_ENABLED", True):
        check_storage(app.config["RATELIMIT_STORAGE_URI"])


def check_storage(uri: str) -> None:
    """Raise RuntimeError when the store behind ``uri`` does not answer."""
    if uri.startswith(MEMORY):
        return
    if not limiter.storage.check():
        raise RuntimeError(
            f"The rate-limit store {_without_password(uri)} does not answer: start it, or "
            "correct REDIS_URL / RATELIMIT_STORAGE_URI (every host must count limits in the "
            "same store)"
        )


def _without_password(uri: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(uri)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return uri
