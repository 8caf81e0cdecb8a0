"""Helpers for the check-in tests: staff users, badge tokens, JSON scans."""

from __future__ import annotations

from flask import current_app

from eventsapp.auth.models import EventRoleKind
from eventsapp.badges.tokens import make_badge_token
from tests.factories import grant, make_user


def token_for(registration, version: int | None = None) -> str:
    return make_badge_token(
        current_app.config["SECRET_KEY"],
        registration.id,
        registration.badge_token_version if version is None else version,
    )


def make_staff(event, email: str | None = None):
    user = make_user(email)
    grant(user, event, EventRoleKind.CHECKIN)
    return user


def set_desk(client, event, desk: str, session_id=None) -> None:
    with client.session_transaction() as session:
        session["checkin_desk"] = {str(event.id): {"desk": desk, "session_id": session_id}}
