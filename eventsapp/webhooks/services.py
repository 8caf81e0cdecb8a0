"""Adding, switching and removing webhooks, and sending a delivery again."""

from __future__ import annotations

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import utcnow
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.jobs.queue import enqueue_batch_after_commit
from eventsapp.webhooks.emitting import DELIVER_TASK
from eventsapp.webhooks.models import EVENT_TYPES, DeliveryStatus, Webhook, WebhookDelivery


def refresh_flag(event_id: int) -> None:
    """Event.has_webhooks: whether any hook of the event is on (emitting reads it)."""
    db.session.flush()
    event = db.session.get(Event, event_id)
    if event is not None:
        event.has_webhooks = (
            db.session.scalar(
                db.select(Webhook.id)
                .where(Webhook.event_id == event_id, Webhook.active.is_(True))
                .limit(1)
            )
            is not None
        )


def add_webhook(actor: Actor, event: Event, url: str, types: list[str]) -> Webhook:
    hook = Webhook(
        event_id=event.id,
        url=url.strip(),
        event_types=" ".join(kind for kind in EVENT_TYPES if kind in types),
    )
    db.session.add(hook)
    db.session.flush()
    record(actor, "create", hook, summary=f"{hook.url}: {hook.event_types}")
    refresh_flag(event.id)
    return hook


def switch(actor: Actor, hook: Webhook, active: bool) -> None:
    hook.active = active
    if active:
        hook.failing_since = None
        hook.disabled_reason = ""
    record(actor, "update", hook, summary=f"{hook.url}: {'on' if active else 'off'}")
    refresh_flag(hook.event_id)


def remove(actor: Actor, hook: Webhook) -> None:
    record(actor, "delete", hook, summary=hook.url)
    event_id = hook.event_id
    db.session.delete(hook)
    refresh_flag(event_id)


def send_again(actor: Actor, delivery: WebhookDelivery) -> None:
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = utcnow()
    record(
        actor,
        "retry",
        delivery,
        event_id=delivery.webhook.event_id,
        summary=f"{delivery.event_type} to {delivery.webhook.url}",
    )
    enqueue_batch_after_commit(DELIVER_TASK, delivery)


def recent_deliveries(hook: Webhook, limit: int = 50) -> list[WebhookDelivery]:
    return list(
        db.session.scalars(
            db.select(WebhookDelivery)
            .where(WebhookDelivery.webhook_id == hook.id)
            .order_by(WebhookDelivery.id.desc())
            .limit(limit)
        )
    )
