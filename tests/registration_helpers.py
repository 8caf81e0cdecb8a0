"""Helpers for the registration, delegation and mail tests: form data, a real SMTP server
(aiosmtpd) and the app served by a threaded werkzeug server."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy

from eventsapp.extensions import db
from eventsapp.mail.models import OutboxMessage
from eventsapp.registration.models import Person, Registration


def signup_data(email: str = "ana@example.org", **overrides) -> dict:
    data = {
        "honorific": "Lic.",
        "given_name": "Ana",
        "family_name": "Muñoz",
        "email": email,
        "phone": "+52 55 1234",
        "position": "Fiscal",
        "organization_id": "",
        "jurisdiction_id": "",
        "preferred_language": "es",
        "role": "delegate",
        "delegation_id": "",
        "dietary": "",
        "accessibility": "",
        "arrival_date": "",
        "departure_date": "",
        "consent": "y",
    }
    data.update(overrides)
    return data


def registration_of(event, email: str) -> Registration | None:
    return db.session.scalar(
        db.select(Registration)
        .join(Person)
        .where(Registration.event_id == event.id, Person.email == email.lower())
    )


def outbox(recipient: str | None = None) -> list[OutboxMessage]:
    query = db.select(OutboxMessage).order_by(OutboxMessage.id)
    if recipient:
        query = query.where(OutboxMessage.recipient == recipient)
    return list(db.session.scalars(query))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@contextmanager
def smtp_server():
    """A real SMTP server on a free local port; yields (port, list of received messages)."""
    from aiosmtpd.controller import Controller

    handler = _Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, handler.messages
    finally:
        controller.stop()


@contextmanager
def served(app):
    """The app served by a threaded werkzeug server in a background thread."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    server.socket.listen(512)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
