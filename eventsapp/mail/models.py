"""The outbox: every message the app sends, with its delivery status and attempts.

A request writes a QUEUED row; a task claims it (QUEUED -> SENDING, a compare-and-set on the
status, so two workers never send one row) and ends it SENT, PRINTED (development console)
or FAILED, or puts it back to QUEUED with the next attempt's time after a temporary failure.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.extensions import Model


class DeliveryStatus(enum.Enum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed by a worker, attempt in progress
    SENT = "sent"
    PRINTED = "printed"  # development: printed to the console
    FAILED = "failed"


class OutboxMessage(Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2), default="en")
    kind: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[DeliveryStatus] = mapped_column(
        enum_column(DeliveryStatus, "delivery_status"), default=DeliveryStatus.QUEUED
    )
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Delivery attempts: how many, the last, the next (after a temporary failure), when a
    # worker claimed the row, and when it was last re-queued by hand (the 24 h of automatic
    # retries count from then, else from created_at).
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requeued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Any] = relationship("Event")  # upward link: Event | None

    __table_args__ = (Index("ix_outbox_messages_status_next", "status", "next_attempt_at"),)
