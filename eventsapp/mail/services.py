"""Outgoing mail: render in the recipient's language and keep it in the outbox.

``queue_message`` renders ``templates/mail/<template>.txt`` under ``force_locale(lang)``, adds
an ``OutboxMessage`` (QUEUED) to the session and asks for the delivery task once the
surrounding transaction commits (eventsapp/jobs/queue.py): a request only writes the row.
The task (eventsapp/mail/delivery.py) sends it through SMTP (``MAIL_*`` settings) or, without
``MAIL_SERVER``, prints it to the console, and records the outcome on the row.
"""

from __future__ import annotations

import html
import re
import smtplib
import threading
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from eventsapp.auth.models import User
from eventsapp.auth.signals import reset_link_issued
from eventsapp.extensions import db
from eventsapp.jobs.queue import enqueue_batch_after_commit, run_ready
from eventsapp.mail.models import DeliveryStatus, OutboxMessage

SEND_TASK = "eventsapp.mail.send"
SEND_BATCH_TASK = "eventsapp.mail.send_batch"
SUPPORTED = ("en", "es")


def _language(lang: str | None) -> str:
    return lang if lang in SUPPORTED else "en"


def queue_message(
    recipient: str,
    template: str,
    subject: object,
    *,
    lang: str | None = "en",
    event_id: int | None = None,
    **context: Any,
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
        automatic=True,
    )
    db.session.add(message)
    enqueue_batch_after_commit(SEND_BATCH_TASK, message)
    return message


def deliver_queued() -> int:
    """Run now the deliveries whose transaction has committed, in-process (no broker; the
    request hook does this by itself). Returns how many ran."""
    return run_ready()


def message_id_domain() -> str:
    """The site's own host (SERVER_NAME without its port), so Message-IDs match the
    sending domain."""
    server = current_app.config.get("SERVER_NAME") or "localhost"
    return server.rsplit(":", 1)[0] if not server.startswith("[") else server


def build_email(
    message: OutboxMessage, attachment: tuple[str, bytes, str] | None = None
) -> EmailMessage:
    """The message as sent: a plain part and an HTML alternative generated from it (both
    escaped), Reply-To, Auto-Submitted on automatic mails, List-Unsubscribe (one click) on
    group messages, and ``attachment`` (filename, bytes, MIME type) when given."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain=message_id_domain())
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    if message.automatic:
        email["Auto-Submitted"] = "auto-generated"
    if message.unsubscribe_url:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(message.body_text)
    email.add_alternative(html_body(message.body_text, message.language), subtype="html")
    if attachment is not None:
        filename, data, mimetype = attachment
        maintype, _slash, subtype = mimetype.partition("/")
        email.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    email["Content-Language"] = message.language  # after set_content, which resets Content-*
    return email


_URL = re.compile(r"https?://[^\s<>\"']+")


def html_body(text: str, lang: str = "en") -> str:
    """A simple HTML version of ``text``: every character escaped, paragraphs at blank
    lines, line breaks kept, web addresses made links."""

    def _paragraph(chunk: str) -> str:
        escaped = html.escape(chunk)
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        return "<p>" + linked.replace("\n", "<br>\n") + "</p>"

    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = "\n".join(_paragraph(p) for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8"></head>'
        f"<body>\n{body}\n</body></html>\n"
    )


def print_message(message: OutboxMessage) -> None:
    """Development without MAIL_SERVER: the message as a person reads it (decoded text,
    whole links), not its transfer encoding."""
    print(
        "\n".join(
            [
                f"--- mail #{message.id} (printed, not sent) ---",
                f"From: {current_app.config['MAIL_DEFAULT_SENDER']}",
                f"To: {message.recipient}",
                f"Subject: {message.subject}",
                f"Content-Language: {message.language}",
                "",
                message.body_text.rstrip("\n"),
                "--- end of mail ---",
            ]
        ),
        flush=True,
    )


def smtp_connection() -> smtplib.SMTP:
    """An open, signed-in connection to MAIL_SERVER (MAIL_TIMEOUT seconds per operation)."""
    config = current_app.config
    host, port = config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25)
    timeout = float(config.get("MAIL_TIMEOUT") or 10)
    connection: smtplib.SMTP
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout)
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            connection.starttls()
        if config.get("MAIL_USERNAME"):
            connection.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    except BaseException:
        connection.close()
        raise
    return connection


_kept = threading.local()  # one open connection per worker thread, reused by the next mail


def _settings_key() -> tuple[Any, ...]:
    config = current_app.config
    return tuple(
        config.get(k)
        for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USERNAME", "MAIL_USE_TLS", "MAIL_USE_SSL")
    )


def close_kept_connection() -> None:
    connection = getattr(_kept, "connection", None)
    _kept.connection = _kept.key = None
    if connection is not None:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()


def smtp_send(email: EmailMessage) -> None:
    """Send over this thread's open connection (opened when missing or the settings
    changed); a connection the server has closed meanwhile is replaced once."""
    key = _settings_key()
    reused = getattr(_kept, "connection", None) is not None and _kept.key == key
    if not reused:
        close_kept_connection()
        _kept.connection, _kept.key = smtp_connection(), key
    try:
        _kept.connection.send_message(email)
    except smtplib.SMTPServerDisconnected:
        close_kept_connection()
        if not reused:
            raise
        _kept.connection, _kept.key = smtp_connection(), key
        _kept.connection.send_message(email)
    except BaseException:
        close_kept_connection()
        raise


def _queue_reset_mail(user: User, **values: Any) -> None:
    queue_message(user.email, "password_reset", _l("Set your eventsapp password"), **values)


reset_link_issued.connect(_queue_reset_mail)
