"""Webhooks: signed deliveries of registration and check-in changes to a local receiver,
retries with backoff, a hook switched off after a day of failures (and organizers told),
private addresses refused, nothing for another event's hooks, nothing for a rollback."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from eventsapp.db import utcnow
from eventsapp.mail.models import OutboxMessage
from eventsapp.webhooks import services, tasks
from eventsapp.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery
from tests.api_helpers import bearer, organizer_token, url
from tests.factories import make_event, make_registration


class Receiver:
    """An HTTP endpoint on 127.0.0.1 that records what it gets and answers ``status``."""

    def __init__(self):
        self.requests: list[tuple[dict, bytes]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802  (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()
                self.wfile.write(b"thanks")

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(app):
    app.config.update(WEBHOOKS_ALLOW_HTTP=True, WEBHOOKS_ALLOW_PRIVATE=True)
    found = Receiver()
    yield found
    found.close()


def _hook(
    db,
    event,
    receiver_url,
    types="registration.created registration.updated registration.cancelled checkin.created",
):
    hook = services.add_webhook(None, event, receiver_url, types.split())
    db.session.commit()
    return hook


def _register(client, event, secret, email="ana@example.org"):
    return client.post(
        url(event, "/registrations"),
        json={"email": email, "given_name": "Ana", "family_name": "Ruiz"},
        headers=bearer(secret),
    )


def test_a_registration_is_announced_signed(client, event, db, receiver):
    hook = _hook(db, event, receiver.url, "registration.created")
    secret = organizer_token(event)
    assert _register(client, event, secret).status_code == 201
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    stamp = headers["X-Eventsapp-Timestamp"]
    expected = hmac.new(hook.secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256)
    assert headers["X-Eventsapp-Signature"] == "sha256=" + expected.hexdigest()
    assert headers["X-Eventsapp-Event"] == "registration.created"
    payload = json.loads(body)
    assert payload["type"] == "registration.created" and payload["event"] == event.slug
    assert payload["data"]["email"] == "ana@example.org"
    delivery = db.session.scalar(db.select(WebhookDelivery))
    assert delivery.status is DeliveryStatus.DELIVERED and delivery.response_status == 200


def test_check_in_and_cancellation_are_announced(client, event, db, receiver):
    _hook(db, event, receiver.url, "checkin.created registration.cancelled")
    registration = make_registration(event)
    secret = organizer_token(event)
    client.post(
        url(event, "/checkins"), json={"registration_id": registration.id}, headers=bearer(secret)
    )
    client.post(url(event, f"/registrations/{registration.id}/cancel"), headers=bearer(secret))
    kinds = [headers["X-Eventsapp-Event"] for headers, _ in receiver.requests]
    assert kinds == ["checkin.created", "registration.cancelled"]


def test_another_events_hook_hears_nothing(client, event, db, receiver):
    _hook(db, make_event(), receiver.url)
    assert _register(client, event, organizer_token(event)).status_code == 201
    assert receiver.requests == []


def test_a_rolled_back_change_is_never_announced(event, db, receiver):
    from eventsapp.registration.models import Registration
    from tests.factories import make_person

    _hook(db, event, receiver.url)
    person = make_person(event=event)
    db.session.add(Registration(event_id=event.id, person_id=person.id))
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert db.session.scalar(db.select(WebhookDelivery.id)) is None
    assert receiver.requests == []


def test_a_failed_delivery_is_tried_again_later(client, event, db, receiver):
    hook = _hook(db, event, receiver.url, "registration.created")
    receiver.status = 500
    _register(client, event, organizer_token(event))
    delivery = db.session.scalar(db.select(WebhookDelivery))
    assert delivery.status is DeliveryStatus.PENDING and delivery.attempts == 1
    assert delivery.response_status == 500
    assert delivery.next_attempt_at > utcnow() + timedelta(seconds=30)
    assert tasks.sweep() == 0  # not due yet
    delivery.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    receiver.status = 204
    assert tasks.sweep() == 1
    db.session.refresh(delivery)
    db.session.refresh(hook)
    assert delivery.status is DeliveryStatus.DELIVERED and delivery.attempts == 2
    assert hook.failing_since is None and len(receiver.requests) == 2


def test_a_day_of_failures_switches_the_hook_off_and_tells_organizers(client, event, db, receiver):
    hook = _hook(db, event, receiver.url, "registration.created")
    hook.failing_since = utcnow() - timedelta(hours=25)
    db.session.commit()
    receiver.status = 503
    _register(client, event, organizer_token(event, email="boss@example.org"))
    db.session.refresh(hook)
    assert hook.active is False
    assert db.session.scalar(db.select(WebhookDelivery.status)) is DeliveryStatus.FAILED
    notice = db.session.scalar(
        db.select(OutboxMessage).where(OutboxMessage.recipient == "boss@example.org")
    )
    assert notice is not None and "switched off" in notice.subject and hook.url in notice.body_text


def test_private_addresses_are_refused(client, app, event, db, receiver):
    app.config.update(WEBHOOKS_ALLOW_PRIVATE=False)
    _hook(db, event, receiver.url, "registration.created")
    _register(client, event, organizer_token(event))
    delivery = db.session.scalar(db.select(WebhookDelivery))
    assert "not a public address" in delivery.error and receiver.requests == []


def test_an_organizer_adds_a_hook_with_https_only(client, login, event, organizer, db):
    login(organizer)
    page = f"/manage/events/{event.slug}/webhooks"
    refused = client.post(
        page, data={"url": "http://x.example.org/h", "event_types": ["checkin.created"]}
    )
    assert refused.status_code == 200 and "https://" in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(Webhook.id)) is None
    done = client.post(
        page, data={"url": "https://x.example.org/h", "event_types": ["checkin.created"]}
    )
    assert done.status_code == 302
    hook = db.session.scalar(db.select(Webhook))
    assert hook.types == {"checkin.created"} and hook.event_id == event.id
    detail = client.get(done.headers["Location"]).get_data(as_text=True)
    assert hook.secret in detail
