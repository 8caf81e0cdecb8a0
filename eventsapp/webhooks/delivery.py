"""Sending a webhook delivery: signed, once per attempt, retried with a growing delay.

The body is signed with HMAC-SHA256 under the hook's secret over ``<timestamp>.<body>``; the
receiver recomputes it from the ``X-Eventsapp-Timestamp`` and ``X-Eventsapp-Signature``
headers and refuses old timestamps (replays). A 2xx answer delivers. Anything else (another
status, a redirect, a timeout, a refused connection) is retried after 1, 5 and 30 minutes,
then every 2 hours; a hook whose deliveries have all failed for ``WEBHOOK_FAIL_HOURS`` (24)
is switched off and its event's organizers are told by e-mail. Addresses on private,
loopback or link-local networks are refused (an organizer cannot make the server call its
own network) unless ``WEBHOOKS_ALLOW_PRIVATE``; plain http only with ``WEBHOOKS_ALLOW_HTTP``."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import update

from eventsapp.db import rowcount, utcnow
from eventsapp.extensions import db
from eventsapp.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery
from eventsapp.webhooks.notices import tell_organizers
from eventsapp.webhooks.services import refresh_flag

BACKOFF_MINUTES = (1, 5, 30, 120)
TIMEOUT_SECONDS = 10
EXCERPT = 500


class Refused(Exception):
    """The address may not be called."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def check_address(url: str) -> None:
    parts = urlsplit(url)
    allowed = ("https", "http") if current_app.config.get("WEBHOOKS_ALLOW_HTTP") else ("https",)
    if parts.scheme not in allowed or not parts.hostname:
        raise Refused("Only https:// addresses are called.")
    if current_app.config.get("WEBHOOKS_ALLOW_PRIVATE"):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise Refused(f"The host name does not resolve: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise Refused(f"{address} is not a public address.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> urllib.request.Request | None:
        return None  # a redirect is an answer, not a delivery (and could point inside)


def _post(hook: Webhook, delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """(status, response excerpt, error) of one POST."""
    body = delivery.payload.encode()
    stamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310  (scheme checked in check_address)
        hook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "eventsapp-webhooks/1",
            "X-Eventsapp-Event": delivery.event_type,
            "X-Eventsapp-Delivery": str(delivery.id),
            "X-Eventsapp-Timestamp": str(stamp),
            "X-Eventsapp-Signature": signature(hook.secret, stamp, body),
        },
    )
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        check_address(hook.url)
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read(EXCERPT).decode("utf-8", "replace"), ""
    except urllib.error.HTTPError as error:
        return error.code, error.read(EXCERPT).decode("utf-8", "replace"), ""
    except Refused as error:
        return None, "", str(error)
    except (OSError, ValueError) as error:
        return None, "", f"{type(error).__name__}: {error}"[:300]


def claim(delivery_id: int) -> bool:
    """Take the delivery for this worker if it is due (two workers never send it twice)."""
    taken = db.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status == DeliveryStatus.PENDING,
            WebhookDelivery.next_attempt_at <= utcnow(),
        )
        .values(status=DeliveryStatus.SENDING)
    )
    db.session.commit()
    return bool(rowcount(taken))


def attempt(delivery_id: int) -> DeliveryStatus | None:
    """One attempt; None when the delivery was not due or another worker has it."""
    if not claim(delivery_id):
        return None
    delivery = db.session.get(WebhookDelivery, delivery_id)
    assert delivery is not None
    hook = delivery.webhook
    status, excerpt, error = _post(hook, delivery)
    now = utcnow()
    delivery.attempts += 1
    delivery.response_status, delivery.response_excerpt, delivery.error = status, excerpt, error
    if status is not None and 200 <= status < 300:
        delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, now
        hook.failing_since = None
    else:
        hook.failing_since = hook.failing_since or now
        limit = timedelta(hours=float(current_app.config.get("WEBHOOK_FAIL_HOURS", 24)))
        if now - hook.failing_since >= limit:
            _switch_off(hook)
        else:
            step = BACKOFF_MINUTES[min(delivery.attempts - 1, len(BACKOFF_MINUTES) - 1)]
            delivery.status = DeliveryStatus.PENDING
            delivery.next_attempt_at = now + timedelta(minutes=step)
    db.session.commit()
    return delivery.status


def _switch_off(hook: Webhook) -> None:
    hook.active = False
    hook.disabled_reason = "Every delivery failed for a day."
    db.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.webhook_id == hook.id,
            WebhookDelivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING)),
        )
        .values(status=DeliveryStatus.FAILED)
    )
    tell_organizers(hook)
    refresh_flag(hook.event_id)


def due_ids(limit: int = 500) -> list[int]:
    """Deliveries whose attempt is due, and those a dead worker left "sending"."""
    now = utcnow()
    db.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.status == DeliveryStatus.SENDING,
            WebhookDelivery.next_attempt_at < now - timedelta(minutes=10),
        )
        .values(status=DeliveryStatus.PENDING)
    )
    db.session.commit()
    return list(
        db.session.scalars(
            db.select(WebhookDelivery.id)
            .where(
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.next_attempt_at <= now,
            )
            .order_by(WebhookDelivery.id)
            .limit(limit)
        )
    )
