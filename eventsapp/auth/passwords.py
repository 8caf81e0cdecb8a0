"""Password reset by a signed, expiring, single-use link.

The token signs the user id with a fingerprint of the current password hash, so it stops
working once the password changes (single use) and after ``RESET_MAX_AGE`` seconds.
"""

from __future__ import annotations

import hashlib

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from eventsapp.audit.services import record
from eventsapp.auth.models import User
from eventsapp.auth.services import check_password_policy, find_user
from eventsapp.errors import DomainError
from eventsapp.extensions import db

RESET_MAX_AGE = 2 * 3600
SALT = "password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(f"{user.password_hash}|{user.session_token}".encode()).hexdigest()[:16]


def reset_token(user: User) -> str:
    return _serializer().dumps([user.id, _fingerprint(user)])


def site_url(endpoint: str, **values) -> str:
    """An absolute link on the configured site (SERVER_NAME), never the request's Host."""
    server = current_app.config.get("SERVER_NAME")
    path = url_for(endpoint, **values)
    if server:
        scheme = current_app.config.get("PREFERRED_URL_SCHEME", "http")
        return f"{scheme}://{server}{path}"
    return f"http://127.0.0.1:5000{path}"


def request_reset(email: str) -> bool:
    """Queue a reset e-mail when the account exists; the caller says the same either way."""
    from eventsapp.mail.services import queue_message

    user = find_user(email)
    if user is None or not user.active:
        return False
    link = site_url("auth.reset_password", token=reset_token(user))
    queue_message(
        user.email,
        "password_reset",
        _l("Set your eventsapp password"),
        lang=user.preferred_language,
        link=link,
        hours=RESET_MAX_AGE // 3600,
    )
    return True


def user_for_token(token: str) -> User | None:
    try:
        user_id, fingerprint = _serializer().loads(token, max_age=RESET_MAX_AGE)
    except (SignatureExpired, BadSignature, ValueError, TypeError):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or _fingerprint(user) != fingerprint:
        return None
    return user


def reset_password(token: str, password: str) -> User:
    user = user_for_token(token)
    if user is None:
        raise DomainError(_l("This link has expired or was already used."))
    check_password_policy(password)
    user.set_password(password)  # also ends every other session (new session token)
    record(user, "password_reset", user, summary=user.email)
    return user
