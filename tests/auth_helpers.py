"""Helpers for the sign-in and security tests: a rate-limited app, real sign-in, links."""

from __future__ import annotations

import re

from eventsapp.mail.models import OutboxMessage
from tests.factories import PASSWORD


def limited_client(app, **config):
    """A client of a second app built from the test app's config with rate limits on."""
    from eventsapp import create_app

    limited = create_app(dict(app.config, RATELIMIT_ENABLED=True, **config))
    limited.test_client_class = app.test_client_class
    return limited.test_client()


def sign_in(client, email: str, password: str = PASSWORD, **kwargs):
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def last_link(db) -> str:
    message = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"https?://\S+", message.body_text).group(0)


def reset_path(client, db, email: str) -> str:
    client.post("/password/forgot", data={"email": email})
    return last_link(db).split("events.test", 1)[1]


def signed_in(client) -> bool:
    """Whether the client's session still opens a signed-in page."""
    return client.get("/manage/").status_code == 200
