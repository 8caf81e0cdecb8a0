"""Outgoing mail: render in the recipient's language, keep it in the outbox, deliver.

``queue_message`` renders ``templates/mail/<template>.txt`` under ``force_locale(lang)`` and
adds an ``OutboxMessage`` (status QUEUED) to the session; nothing leaves the machine before
the surrounding transaction commits. ``deliver_queued`` (called after the commit: by the
``after_app_request`` hook for web requests, explicitly by CLI commands) sends each queued
message through SMTP (``MAIL_*`` settings) or, without ``MAIL_SERVER``, prints it to the
console, and stores the outcome (sent / printed / failed) on the outbox row.
"""

from __future__ import annotations

import smtplib
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import inspect

from eventsapp.db import utcnow
from eventsapp.extensions import db
from eventsapp.mail.models import DeliveryStatus, OutboxMessage

PENDING_KEY = "outbox_pending"
SUPPORTED = ("en", "es")


def _language(lang: str | None) -> str:
    return lang if lang in SUPPORTED else "en"


def queue_message(
    recipient: str,
    template: str,
    subject,
    *,
    lang: str | None = "en",
    event_id: int | None = None,
    **context,
) -> OutboxMessage:
    """Render ``mail/<template>.txt`` and ``subject`` (a lazy string or a callable taking no
    argument) in ``lang`` and queue the message for delivery after commit."""
    lang = _language(lang)
    with force_locale(lang):
        body = render_template(f"mail/{template}.txt", lang=lang, **context)
        subject_text = str(subject() if callable(subject) else subject)
    message = OutboxMessage(
        event_id=event_id,
        recipient=recipient,
        subject=subject_text[:300],
        body_text=body,
        language=lang,
        kind=template,
        status=DeliveryStatus.QUEUED,
    )
    db.session.add(message)
    db.session.info.setdefault(PENDING_KEY, []).append(message)
    return message


def _build(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain="eventsapp")
    email.set_content(message.body_text)
    email["Content-Language"] = message.language  # after set_content, which resets Content-*
    return email


def _smtp_send(email: EmailMessage) -> None:
    config = current_app.config
    host, port = config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25)
    timeout = config.get("MAIL_TIMEOUT", 30)
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout)
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    with connection as smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(email)


def deliver(message: OutboxMessage) -> DeliveryStatus:
    """Send one message now and record the outcome on it (the caller commits)."""
    email = _build(message)
    if not current_app.config.get("MAIL_SERVER"):
        print(f"--- mail ({message.status.value} → printed) ---", file=sys.stdout)
        print(email.as_string(), file=sys.stdout)
        message.status = DeliveryStatus.PRINTED
        message.sent_at = utcnow()
        return message.status
    try:
        _smtp_send(email)
    except (OSError, smtplib.SMTPException) as error:
        message.status = DeliveryStatus.FAILED
        message.error = str(error)[:2000]
        current_app.logger.warning("mail to %s failed: %s", message.recipient, error)
    else:
        message.status = DeliveryStatus.SENT
        message.sent_at = utcnow()
        message.error = ""
    return message.status


def deliver_queued() -> int:
    """Deliver the messages queued in this session, once their transaction has committed."""
    pending = db.session.info.pop(PENDING_KEY, [])
    delivered = 0
    for message in pending:
        state = inspect(message)
        if not state.persistent:  # rolled back: never sent
            continue
        if message.status is DeliveryStatus.QUEUED:
            deliver(message)
            delivered += 1
    if delivered:
        db.session.commit()
    return delivered


def forget_queued() -> None:
    db.session.info.pop(PENDING_KEY, None)
