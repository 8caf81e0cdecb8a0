"""The outbox: every message the app sends, with its delivery status and attempts.

A request writes a QUEUED row; a task claims it (QUEUED -> SENDING, a compare-and-set on the
status, so two workers never send one row) and ends it SENT, PRINTED (development console)
or FAILED, or puts it back to QUEUED with the next attempt's time after a temporary failure.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
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
    # Headers (issue 15): the event's reply-to address; "auto-generated" for automatic mails
    # (Auto-Submitted); a group message's one-click unsubscribe address (List-Unsubscribe).
    reply_to: Mapped[str] = mapped_column(String(254), default="", server_default="")
    automatic: Mapped[bool] = mapped_column(default=False, server_default="0")
    unsubscribe_url: Mapped[str] = mapped_column(String(500), default="", server_default="")
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="SET NULL"), index=True
    )
    group_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_messages.id", ondelete="SET NULL"), index=True
    )
    # An attachment the worker makes before sending (ATTACHMENT_MAKERS[attachment_kind]) and
    # keeps as a stored file (attachment_key), so a retry sends the same bytes.
    attachment_kind: Mapped[str] = mapped_column(String(30), default="", server_default="")
    attachment_key: Mapped[str | None] = mapped_column(String(80))
    attachment_name: Mapped[str] = mapped_column(String(200), default="", server_default="")

    event: Mapped[Any] = relationship("Event")  # upward link: Event | None

    __table_args__ = (Index("ix_outbox_messages_status_next", "status", "next_attempt_at"),)


class MailTemplate(Model):
    """An organizer's wording of one automatic mail in one language (none: the default)."""

    __tablename__ = "mail_templates"
    __table_args__ = (UniqueConstraint("event_id", "kind", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class MailSettings(Model):
    """An event's mail settings: the reply-to address and which reminders go out
    (no row: no reply-to, every reminder on, "registration closes" 7 days before)."""

    __tablename__ = "mail_settings"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    reply_to: Mapped[str] = mapped_column(String(254), default="")
    closing_days: Mapped[int] = mapped_column(default=7)
    remind_closing: Mapped[bool] = mapped_column(default=True)
    remind_passport: Mapped[bool] = mapped_column(default=True)
    remind_day_before: Mapped[bool] = mapped_column(default=True)
    remind_after_event: Mapped[bool] = mapped_column(default=True)


class MailOptOut(Model):
    """An address that asked for no more group messages of one event (transactional mails,
    such as a confirmation or a new link, still go)."""

    __tablename__ = "mail_optouts"
    __table_args__ = (UniqueConstraint("event_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
