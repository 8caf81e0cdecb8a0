"""Helpers for the sign-in and security tests: a rate-limited app, real sign-in, links."""

from __future__ import annotations

import re

from eventsapp.mail.models import OutboxMessage
from tests.factories import PASSWORD


def client_of(app, **config):
    """A client of a second app built from the test app's config with ``config`` on top
    (for settings read when the app is built). It shares the test database."""
    from eventsapp import create_app

    other = create_app(dict(app.config, **config))
    other.test_client_class = app.test_client_class
    return other.test_client()


def limited_client(app, **config):
    """A client of an app with rate limits on."""
    return client_of(app, RATELIMIT_ENABLED=True, **config)


def sign_in(client, email: str, password: str = PASSWORD, **kwargs):
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def last_link(db) -> str:
    message = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    link = re.search(r"https?://\S+", message.body_text).group(0)
    db.session.rollback()  # end the read (SQLite: BEGIN IMMEDIATE) before a second app writes
    return link


def reset_path(client, db, email: str) -> str:
    client.post("/password/forgot", data={"email": email})
    return last_link(db).split("events.test", 1)[1]


def signed_in(client) -> bool:
    """Whether the client's session still opens a signed-in page."""
    return client.get("/manage/").status_code == 200


def reset_token_for(user) -> str:
    """A fresh password-reset link's token for ``user`` (committed)."""
    from eventsapp.auth.passwords import issue_reset
    from eventsapp.extensions import db

    token = issue_reset(user)
    db.session.commit()
    return token


def invitation_token_for(event, email: str, role=None, delegation=None, actor=None) -> str:
    """A fresh pending invitation's token (committed); a team role by default."""
    from eventsapp.auth.invitations import invite
    from eventsapp.auth.models import EventRoleKind
    from eventsapp.extensions import db

    role = role or (EventRoleKind.HEAD if delegation is not None else EventRoleKind.ORGANIZER)
    _invitation, token = invite(
        actor, event.id, email, role, delegation_id=delegation.id if delegation else None
    )
    db.session.commit()
    return token
