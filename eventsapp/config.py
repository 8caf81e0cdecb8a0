"""Settings, read from the environment (12-factor); one class per deployment kind."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

# The instance folder: INSTANCE_PATH, or instance/ beside the package (Flask's default).
INSTANCE_DIR = Path(
    os.environ.get("INSTANCE_PATH") or Path(__file__).resolve().parent.parent / "instance"
)
DEV_SECRET = "dev-only-insecure-secret"  # noqa: S105  (refused in production)


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET)
    # Former keys, comma-separated: what they signed (sessions, badge QR codes, personal
    # links) still opens, while everything new is signed with SECRET_KEY (eventsapp/signing.py).
    SECRET_KEY_FALLBACKS = [
        key.strip() for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()
    ]
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'eventsapp.sqlite'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    # The site's address: every absolute link (e-mails, exports, CLI output, QR codes) is
    # built from it (eventsapp/urls.py), never from a request's Host header. Production
    # requires it and answers 400 to requests for any host outside TRUSTED_HOSTS (default:
    # SERVER_NAME alone; a comma-separated list adds e.g. an internal health-check name).
    SERVER_NAME = os.environ.get("SERVER_NAME")
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")
    APPLICATION_ROOT = os.environ.get("APPLICATION_ROOT", "/")
    TRUSTED_HOSTS = [
        h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()
    ] or None
    # Flask-Babel: one catalog per domain package (see eventsapp/i18n.py).
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    LANGUAGES = ("en", "es")
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    # Every form: at most 16 MB per request (files included; per-field limits such as the
    # 5 MB speaker photo sit below it), 500 kB of text outside files, 1,000 fields. Beyond
    # that the answer is a 413 page that says so (eventsapp/errorpages.py).
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 16 * 1024 * 1024))
    MAX_FORM_MEMORY_SIZE = 500_000
    MAX_FORM_PARTS = 1_000
    # Session cookies: never readable by scripts, not sent on cross-site POSTs, and Secure
    # always in production and, elsewhere, whenever the request came over HTTPS
    # (eventsapp/security.py). The session ends when the browser closes or after
    # IDLE_TIMEOUT_MINUTES without a request (0 turns the idle timeout off).
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE")
    IDLE_TIMEOUT_MINUTES = int(os.environ.get("IDLE_TIMEOUT_MINUTES", 60))
    # However active, a session ends this many hours after sign-in (0 turns it off).
    SESSION_ABSOLUTE_HOURS = float(os.environ.get("SESSION_ABSOLUTE_HOURS", 12))
    # Invitations (a role on an event) and password-reset links: single use, and valid for
    # this long after they are sent.
    INVITATION_MAX_AGE_DAYS = float(os.environ.get("INVITATION_MAX_AGE_DAYS", 7))
    PASSWORD_RESET_MAX_AGE_HOURS = float(os.environ.get("PASSWORD_RESET_MAX_AGE_HOURS", 2))
    # Private details given to an event are kept this many days after it ends (an event's
    # own retention_days overrides it); then `flask purge-personal-data` blanks them.
    RETENTION_DAYS_AFTER_EVENT = int(os.environ.get("RETENTION_DAYS_AFTER_EVENT", 90))
    # A registrant's personal link works until this many days after the event ends.
    PERSONAL_LINK_DAYS_AFTER_EVENT = int(os.environ.get("PERSONAL_LINK_DAYS_AFTER_EVENT", 30))
    # No "remember me": sign-in never sets the remember cookie; should one ever be set it is
    # bounded, HttpOnly, Lax and Secure like the session cookie.
    REMEMBER_COOKIE_DURATION = timedelta(hours=12)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto (0: none, do
    # not trust those headers). Needed for HTTPS detection and per-address rate limits.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
    # Public agenda pages are kept per worker for at most AGENDA_CACHE_SECONDS (0: no
    # cache); with REDIS_URL a version key there tells every worker of every host of a
    # change at once (eventsapp/agenda/cache.py).
    AGENDA_CACHE_SECONDS = float(os.environ.get("AGENDA_CACHE_SECONDS", 60))
    # Redis: one address for the Celery broker, the shared cache and rate limits (e.g.
    # redis://127.0.0.1:6379/0). Without it (development, tests) background tasks run
    # in-process right after the commit; production refuses to start without it.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # A print run (badges, certificates, visa letters, the booklet) for more people than
    # this runs as a background job with a progress bar and a download kept for a day.
    PRINT_JOB_THRESHOLD = int(os.environ.get("PRINT_JOB_THRESHOLD", 300))
    # Jobs whose worker died (eventsapp/jobs/recovery.py): a worker running a job touches it
    # every JOB_HEARTBEAT_SECONDS; every JOB_SWEEP_SECONDS the beat sweep hands a job silent
    # for JOB_STALE_SECONDS back to the queue, and ends it failed once JOB_MAX_ATTEMPTS
    # workers have died on it.
    JOB_HEARTBEAT_SECONDS = float(os.environ.get("JOB_HEARTBEAT_SECONDS", 15))
    JOB_STALE_SECONDS = float(os.environ.get("JOB_STALE_SECONDS", 120))
    JOB_SWEEP_SECONDS = float(os.environ.get("JOB_SWEEP_SECONDS", 60))
    JOB_MAX_ATTEMPTS = int(os.environ.get("JOB_MAX_ATTEMPTS", 3))
    # /healthz answers 503 when the workers' heartbeat is older than this (seconds).
    WORKER_HEARTBEAT_MAX_AGE = float(os.environ.get("WORKER_HEARTBEAT_MAX_AGE", 180))
    # Mail: without MAIL_SERVER messages are printed to the console (and kept in the outbox).
    # A message that meets a connection error, a timeout or a 4xx reply is tried again with a
    # growing delay for MAIL_RETRY_HOURS, then marked failed; a 5xx reply fails it at once.
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", 10))
    MAIL_RETRY_HOURS = float(os.environ.get("MAIL_RETRY_HOURS", 24))
    # Webhooks (eventsapp/webhooks/delivery.py): https to public addresses only, unless
    # these allow plain http or the private network (development: a receiver on this host);
    # a hook failing for WEBHOOK_FAIL_HOURS is switched off.
    WEBHOOKS_ALLOW_HTTP = _bool("WEBHOOKS_ALLOW_HTTP", False)
    WEBHOOKS_ALLOW_PRIVATE = _bool("WEBHOOKS_ALLOW_PRIVATE", False)
    WEBHOOK_FAIL_HOURS = float(os.environ.get("WEBHOOK_FAIL_HOURS", 24))
    # The first retry's delay (seconds); each later one waits twice as long, at most an hour.
    MAIL_RETRY_FIRST_SECONDS = float(os.environ.get("MAIL_RETRY_FIRST_SECONDS", 60))
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 25))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS")
    MAIL_USE_SSL = _bool("MAIL_USE_SSL")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "eventsapp <no-reply@localhost>")
    # Uploaded files; by default <instance folder>/uploads (INSTANCE_PATH, see create_app).
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER")
    # Stored files' bytes in an S3-compatible bucket instead of the database (optional):
    # credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the instance's role.
    STORAGE_S3_BUCKET = os.environ.get("STORAGE_S3_BUCKET") or None
    STORAGE_S3_ENDPOINT_URL = os.environ.get("STORAGE_S3_ENDPOINT_URL") or None  # MinIO…
    STORAGE_S3_REGION = os.environ.get("STORAGE_S3_REGION") or None
    STORAGE_S3_PREFIX = os.environ.get("STORAGE_S3_PREFIX", "")
    # Rate limits are counted in REDIS_URL's Redis (shared by every host), or in this
    # explicit store; in memory, per process, without either (eventsapp/ratelimits.py).
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or None
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    PER_PAGE = 50


class DevelopmentConfig(Config):
    DEBUG = True
    SERVER_NAME = os.environ.get("SERVER_NAME", "127.0.0.1:5000")  # where `make run` serves
    WEBHOOKS_ALLOW_HTTP = _bool("WEBHOOKS_ALLOW_HTTP", True)
    WEBHOOKS_ALLOW_PRIVATE = _bool("WEBHOOKS_ALLOW_PRIVATE", True)


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"  # noqa: S105
    SERVER_NAME = "localhost"  # the test client's host
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_ENABLED = False
    MAIL_SERVER = None
    REDIS_URL = None  # tasks in-process; tests that need Redis set their own database number


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None) -> type[Config]:
    return CONFIGS[name or os.environ.get("EVENTSAPP_ENV", "development")]


def check_production_secret(secret: str | None) -> None:
    """Refuse to run production on the development secret or a short one."""
    if not secret or secret == DEV_SECRET or len(secret) < 32:
        raise RuntimeError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production"
        )


def check_production_server_name(config: dict[str, Any]) -> None:
    """Refuse to run production without its address; trust no other Host than SERVER_NAME
    (and the TRUSTED_HOSTS given)."""
    server = (config.get("SERVER_NAME") or "").strip()
    if not server or "/" in server:
        raise RuntimeError(
            "SERVER_NAME must be set to the site's host name (e.g. events.example.org, no "
            "scheme or path) in production: every link in e-mails is built from it"
        )
    hosts = list(config.get("TRUSTED_HOSTS") or [])
    config["TRUSTED_HOSTS"] = hosts if server in hosts else [server, *hosts]


def check_production_redis(config: dict[str, Any]) -> None:
    """Refuse to run production without Redis: mail, jobs, the cache and rate limits need
    one store that every host and worker shares."""
    if not (config.get("REDIS_URL") or "").strip():
        raise RuntimeError(
            "REDIS_URL must be set in production (e.g. redis://127.0.0.1:6379/0): the workers, "
            "the cache and the rate limits of every host share it"
        )
