"""Tokens and requests for the API v1 tests."""

from eventsapp.api import tokens
from eventsapp.api.models import Scope
from eventsapp.auth.models import EventRoleKind
from eventsapp.extensions import db
from tests.factories import grant, make_user

ALL = {Scope.READ, Scope.WRITE, Scope.CHECKIN}


def organizer_token(event, scopes=frozenset(ALL), email=None, name="Ministry dashboard") -> str:
    user = make_user(email)
    grant(user, event, EventRoleKind.ORGANIZER)
    _, secret = tokens.issue(user, event, name, set(scopes))
    db.session.commit()
    return secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def url(event, path: str = "") -> str:
    return f"/api/v1/events/{event.slug}{path}"
