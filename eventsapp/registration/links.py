"""Signed no-account links to one registration (view, edit, cancel, documents).

The token carries the registration id and its ``access_key``. A link works until
PERSONAL_LINK_DAYS_AFTER_EVENT days after the event ends; rotating the key (a new link was
sent, or the registration was cancelled) revokes every link sent before.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from eventsapp.db import utcnow
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import Registration
from eventsapp.signing import signing_keys

SALT = "registration-link"
DEFAULT_DAYS_AFTER_EVENT = 30


class LinkState(enum.Enum):
    VALID = "valid"
    REPLACED = "replaced"  # genuine, but a newer link was sent or the registration cancelled
    EXPIRED = "expired"
    INVALID = "invalid"  # forged, of a deleted registration or of another event


@dataclass(frozen=True)
class LinkCheck:
    state: LinkState
    registration: Registration | None = None

    @property
    def valid(self) -> bool:
        return self.state is LinkState.VALID


def _serializer() -> URLSafeSerializer:
    # Signed with SECRET_KEY; links signed with a key in SECRET_KEY_FALLBACKS still open.
    return URLSafeSerializer(signing_keys(), salt=SALT)


def registration_token(registration: Registration) -> str:
    return _serializer().dumps([registration.id, registration.access_key])


def rotate_key(registration: Registration) -> None:
    """Revoke every link sent so far."""
    registration.access_key = secrets.token_urlsafe(16)


def link_expires_on(event: Event) -> date:
    days = current_app.config.get("PERSONAL_LINK_DAYS_AFTER_EVENT", DEFAULT_DAYS_AFTER_EVENT)
    return event.end_date + timedelta(days=days)


def check_token(token: str, event_id: int, today: date | None = None) -> LinkCheck:
    """What ``token`` opens at the event ``event_id`` on ``today`` (default: the event's
    own calendar day)."""
    try:
        registration_id, key = _serializer().loads(token)
        registration = db.session.get(Registration, int(registration_id))
    except (BadSignature, ValueError, TypeError, OverflowError):
        return LinkCheck(LinkState.INVALID)
    if registration is None or registration.event_id != event_id:
        return LinkCheck(LinkState.INVALID)
    if today is None:
        today = registration.event.local_date(utcnow())
    if today > link_expires_on(registration.event):
        return LinkCheck(LinkState.EXPIRED, registration)
    if not secrets.compare_digest(str(registration.access_key), str(key)):
        return LinkCheck(LinkState.REPLACED, registration)
    return LinkCheck(LinkState.VALID, registration)


def registration_from_token(
    token: str, event_id: int, today: date | None = None
) -> Registration | None:
    """The registration a valid, current, unexpired link names, else None."""
    check = check_token(token, event_id, today)
    return check.registration if check.valid else None
