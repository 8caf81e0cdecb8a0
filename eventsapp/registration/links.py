"""Signed no-account links to one registration (view, edit, cancel, documents).

The token carries the registration id and its ``access_key``; rotating the key revokes
every link sent before.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from eventsapp.extensions import db
from eventsapp.registration.models import Registration

SALT = "registration-link"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def registration_token(registration: Registration) -> str:
    return _serializer().dumps([registration.id, registration.access_key])


def registration_from_token(token: str, event_id: int | None = None) -> Registration | None:
    """The registration this token names, or None when forged, revoked or of another event."""
    try:
        registration_id, key = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.access_key != key:
        return None
    if event_id is not None and registration.event_id != event_id:
        return None
    return registration
