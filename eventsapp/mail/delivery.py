"""Delivery of outbox rows, by a worker (or in-process without Redis).

One attempt: claim the row (QUEUED -> SENDING with a compare-and-set on the status, checked
by rowcount: of two workers handed the same row, one wins and the other does nothing, so a
redelivered task never sends twice), send, record the outcome. A connection error, a
timeout or a 4xx reply puts the row back to QUEUED with the next attempt's time
(MAIL_RETRY_FIRST_SECONDS, by default a minute, doubled each time, at most an hour apart)
for MAIL_RETRY_HOURS; a 5xx reply, or the end of that window, marks it FAILED with the
reason. The sweep re-queues rows that no task took (Redis was away at the commit, a worker
died): QUEUED and overdue, or SENDING for too long.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Update, and_, or_, select, update

from eventsapp import storage
from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.jobs.queue import enqueue, enqueue_after_commit
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.mail.services import SEND_TASK, build_email, print_message, smtp_send

STALE_QUEUED = timedelta(minutes=5)  # queued and due this long ago: no task has it
STALE_SENDING = timedelta(minutes=15)  # an attempt lasts MAIL_TIMEOUT per SMTP step
EARLY = timedelta(seconds=5)  # a retry's timer may fire a little before its time
MAX_DELAY = 3600


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [f"{rcpt}: {code} {_text(text)}" for rcpt, (code, text) in error.recipients.items()]
        return "; ".join(parts) or "recipients refused"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _is_permanent(error: BaseException) -> bool:
    """5xx replies are final; connection errors, timeouts and 4xx replies are worth a retry."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return not isinstance(error, (OSError, smtplib.SMTPException))


def _claimable(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        OutboxMessage.status == DeliveryStatus.QUEUED,
        or_(
            OutboxMessage.next_attempt_at.is_(None),
            OutboxMessage.next_attempt_at <= now + EARLY,
        ),
    )


def claim_statement(message_id: int, now: datetime) -> Update:
    """QUEUED and due -> SENDING, in one statement: the database decides who got the row."""
    return (
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, *_claimable(now))
        .values(status=DeliveryStatus.SENDING, claimed_at=now)
        .execution_options(synchronize_session=False)
    )


def claim(message_id: int, now: datetime | None = None) -> bool:
    """Take the row for one attempt; False when another worker has it or it is not due."""
    return bool(claim_many([message_id], now))


def claim_many(message_ids: list[int], now: datetime | None = None) -> list[int]:
    """Take the rows among ``message_ids`` that are QUEUED and due, in one statement (the
    same compare-and-set as ``claim``); the ids this caller won."""
    now = now or utcnow()
    won = db.session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(message_ids), *_claimable(now))
        .values(status=DeliveryStatus.SENDING, claimed_at=now)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return sorted(won)


# Attachments the worker makes before sending: kind -> function(message) giving
# (filename, bytes, MIME type) or None (nothing to attach). Higher domains register theirs
# (eventsapp/comms/attachments.py); the made file is stored, so a retry sends the same bytes.
ATTACHMENT_MAKERS: dict[str, Callable[[OutboxMessage], tuple[str, bytes, str] | None]] = {}


def attachment_of(message: OutboxMessage) -> tuple[str, bytes, str] | None:
    if not message.attachment_kind:
        return None
    if message.attachment_key:
        stored = storage.get(message.attachment_key)
        if stored is not None:
            return message.attachment_name, storage.read(stored), stored.content_type
    make = ATTACHMENT_MAKERS.get(message.attachment_kind)
    try:
        made = make(message) if make is not None else None
    except Exception:  # the mail still goes, with the link in its text
        current_app.logger.exception("attachment of mail #%s", message.id)
        made = None
    if made is None:
        return None
    filename, data, mimetype = made
    message.attachment_key = storage.put(data, mimetype, event_id=message.event_id)
    message.attachment_name = filename[:200]
    return made


def _send(message: OutboxMessage) -> DeliveryStatus:
    attachment = attachment_of(message)
    if not current_app.config.get("MAIL_SERVER"):
        print_message(message)
        return DeliveryStatus.PRINTED
    try:
        smtp_send(build_email(message, attachment))
    except Exception as error:
        current_app.logger.warning("mail #%s to %s: %s", message.id, message.recipient, error)
        failure = PermanentFailure if _is_permanent(error) else TemporaryFailure
        raise failure(_reason(error)[:2000]) from error
    return DeliveryStatus.SENT


def backoff_seconds(attempts: int) -> float:
    first = float(current_app.config.get("MAIL_RETRY_FIRST_SECONDS", 60))
    return min(first * 2.0 ** max(attempts - 1, 0), MAX_DELAY)


COMMIT_EVERY = 20  # a worker that dies mid-batch resends at most this many (the sweep)


def attempt(message_id: int) -> DeliveryStatus | None:
    """One delivery attempt of a row, if this caller wins the claim (None otherwise)."""
    return attempt_many([message_id]).get(message_id)


def attempt_many(message_ids: list[int]) -> dict[int, DeliveryStatus]:
    """One attempt for each row among ``message_ids`` that this caller claims, over one
    SMTP connection; outcomes are committed every COMMIT_EVERY messages."""
    won = claim_many(message_ids)
    if not won:
        return {}
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.id.in_(won)).order_by(OutboxMessage.id),
        execution_options={"populate_existing": True},
    ).all()
    outcomes: dict[int, DeliveryStatus] = {}
    retries: list[tuple[int, int, float]] = []
    session = db.session()
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    try:  # the rows stay loaded across the intermediate commits (no reload per row)
        for done, message in enumerate(messages, start=1):
            retry_in = _attempt_claimed(message)
            outcomes[message.id] = message.status
            if retry_in is not None:
                retries.append((message.id, message.attempts, retry_in))
            if done % COMMIT_EVERY == 0:
                session.commit()
        session.commit()
    finally:
        session.expire_on_commit = expire_on_commit
    for message_id, attempts, retry_in in retries:
        enqueue(SEND_TASK, message_id, countdown=retry_in, key=f"mail-{message_id}-{attempts}")
    return outcomes


def _attempt_claimed(message: OutboxMessage) -> float | None:
    """Send a claimed row and record the outcome on it; seconds until its retry, if any."""
    now = utcnow()
    message.attempts += 1
    message.last_attempt_at = now
    message.claimed_at = None
    message.next_attempt_at = None
    try:
        message.status = _send(message)
    except PermanentFailure as error:
        message.status, message.error = DeliveryStatus.FAILED, str(error)
    except TemporaryFailure as error:
        message.error = str(error)
        deadline = (message.requeued_at or message.created_at) + timedelta(
            hours=float(current_app.config.get("MAIL_RETRY_HOURS", 24))
        )
        if now >= deadline:
            message.status = DeliveryStatus.FAILED
            return None
        wait = timedelta(seconds=backoff_seconds(message.attempts))
        message.status = DeliveryStatus.QUEUED
        message.next_attempt_at = min(now + wait, deadline)
        return (message.next_attempt_at - now).total_seconds()
    else:
        message.sent_at, message.error = now, ""
    return None


def sweep(now: datetime | None = None, limit: int = 1000) -> int:
    """Re-queue rows that no task holds: SENDING far too long (the worker died mid-attempt)
    and QUEUED rows overdue. Returns how many were handed to a task again."""
    now = now or utcnow()
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == DeliveryStatus.SENDING,
            OutboxMessage.claimed_at < now - STALE_SENDING,
        )
        .values(status=DeliveryStatus.QUEUED, claimed_at=None, next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    stale = now - STALE_QUEUED
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == DeliveryStatus.QUEUED,
            or_(
                OutboxMessage.next_attempt_at <= stale,
                and_(
                    OutboxMessage.next_attempt_at.is_(None),
                    db.func.coalesce(OutboxMessage.requeued_at, OutboxMessage.created_at) <= stale,
                ),
            ),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    db.session.commit()
    for message_id in ids:
        enqueue(SEND_TASK, message_id, key=f"mail-{message_id}-sweep-{int(now.timestamp())}")
    return len(ids)


def retry_message(message: OutboxMessage, actor: Actor) -> None:
    """An organizer sends a failed message again: back to the queue, with a new 24 h."""
    if message.status is not DeliveryStatus.FAILED:
        raise DomainError(_("Only a message that failed can be sent again."))
    message.status = DeliveryStatus.QUEUED
    message.attempts = 0
    message.next_attempt_at = message.claimed_at = None
    message.requeued_at = utcnow()
    db.session.flush()
    record(actor, "mail.retry", message, summary=f"{message.recipient}: {message.subject}")
    enqueue_after_commit(SEND_TASK, message)
