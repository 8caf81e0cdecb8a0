"""Webhooks of an event and each delivery to them (with its attempts' outcome)."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.events.models import Event
from eventsapp.extensions import Model

EVENT_TYPES = (
    "registration.created",
    "registration.updated",
    "registration.cancelled",
    "checkin.created",
)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(Model):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    # Space-separated EVENT_TYPES this hook wants.
    event_types: Mapped[str] = mapped_column(String(200))
    # The HMAC key the receiver checks signatures with (it must be readable to sign).
    secret: Mapped[str] = mapped_column(String(64), default=new_secret)
    active: Mapped[bool] = mapped_column(default=True)
    # Since when every delivery failed (None: the last one succeeded); a day of it turns the
    # hook off and tells the organizers.
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()

    @property
    def types(self) -> set[str]:
        return set(self.event_types.split())


class DeliveryStatus(enum.Enum):
    PENDING = "pending"  # waiting for its (next) attempt
    SENDING = "sending"  # claimed by a worker
    DELIVERED = "delivered"
    FAILED = "failed"  # gave up (the hook was switched off)


class WebhookDelivery(Model):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    event_type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)  # the JSON body, exactly as signed and sent
    status: Mapped[DeliveryStatus] = mapped_column(
        enum_column(DeliveryStatus, "webhook_delivery_status"), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    response_status: Mapped[int | None]
    response_excerpt: Mapped[str] = mapped_column(String(500), default="")
    error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    webhook: Mapped[Webhook] = relationship()
