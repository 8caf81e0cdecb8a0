"""Editable mail texts: placeholders (``{given_name}``) checked on save and filled per
recipient; an event's wording of a kind in a language, or the default; reset to default;
the event's mail settings; and queuing an already-written text.

A placeholder is a name between braces. Saving a text with a name its kind does not know
is refused (the names are listed next to the field). Filling replaces only known names and
never interprets the text otherwise (no format specs, no attribute access).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.auth.permissions import Event
from eventsapp.extensions import db
from eventsapp.jobs.queue import enqueue_batch_after_commit
from eventsapp.mail.kinds import KINDS, default_text
from eventsapp.mail.models import (
    DeliveryStatus,
    MailOptOut,
    MailSettings,
    MailTemplate,
    OutboxMessage,
)
from eventsapp.mail.services import SEND_BATCH_TASK

LANGUAGES = ("en", "es")
PLACEHOLDER = re.compile(r"\{([^{}\n]{0,60})\}")


def placeholders_in(text: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(text or "")]


def placeholder_errors(text: str, allowed: Iterable[str]) -> list[str]:
    """Messages for each unknown placeholder in ``text`` (empty when all are known)."""
    unknown = sorted({name for name in placeholders_in(text) if name not in allowed})
    if not unknown:
        return []
    return [
        str(
            _l(
                "Unknown placeholder %(names)s. You can use: %(allowed)s.",
                names=", ".join("{" + name + "}" for name in unknown),
                allowed=", ".join("{" + name + "}" for name in allowed),
            )
        )
    ]


def fill(text: str, values: dict[str, Any]) -> str:
    """``text`` with each known placeholder replaced by its value (others left as typed)."""

    def _value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return PLACEHOLDER.sub(_value, text)


def stored_templates(event_id: int, kind: str) -> dict[str, MailTemplate]:
    rows = db.session.scalars(
        db.select(MailTemplate).where(MailTemplate.event_id == event_id, MailTemplate.kind == kind)
    )
    return {row.language: row for row in rows}


def wording(event_id: int | None, kind: str, lang: str) -> tuple[str, str]:
    """(subject, body) of ``kind`` in ``lang``: the event's own wording, else the default."""
    if event_id is not None:
        row = db.session.scalar(
            db.select(MailTemplate).where(
                MailTemplate.event_id == event_id,
                MailTemplate.kind == kind,
                MailTemplate.language == lang,
            )
        )
        if row is not None:
            return row.subject, row.body
    with force_locale(lang):
        return default_text(kind)


def save_templates(
    actor: Actor, event: Event, kind: str, texts: dict[str, tuple[str, str]]
) -> None:
    """Store the wording ``texts[lang] = (subject, body)`` of ``kind``. A text equal to the
    default is not stored (it keeps following the default and its translation)."""
    rows = stored_templates(event.id, kind)
    for lang, (subject, body) in texts.items():
        with force_locale(lang):
            default = default_text(kind)
        row = rows.get(lang)
        if (subject, body) == default:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = MailTemplate(event_id=event.id, kind=kind, language=lang)
            db.session.add(row)
        row.subject, row.body = subject, body
    db.session.flush()
    record(actor, "mail.template", event, event_id=event.id, summary=kind)


def reset_templates(actor: Actor, event: Event, kind: str) -> None:
    for row in stored_templates(event.id, kind).values():
        db.session.delete(row)
    db.session.flush()
    record(actor, "mail.template_reset", event, event_id=event.id, summary=kind)


def wording_and_reply_to(event_id: int, kind: str, lang: str) -> tuple[str, str, str]:
    """``wording`` and the event's Reply-To (``settings_of(event_id).reply_to``) in one
    statement: what one mail to a registrant reads."""

    def template(column: Any) -> Any:
        return (
            db.select(column)
            .where(
                MailTemplate.event_id == event_id,
                MailTemplate.kind == kind,
                MailTemplate.language == lang,
            )
            .scalar_subquery()
        )

    reply_to = db.select(MailSettings.reply_to).where(MailSettings.event_id == event_id)
    row = db.session.execute(
        db.select(
            reply_to.scalar_subquery(), template(MailTemplate.subject), template(MailTemplate.body)
        )
    ).one()
    if row[1] is not None:
        return row[1], row[2], row[0] or ""
    with force_locale(lang):
        return (*default_text(kind), row[0] or "")


def render(
    event_id: int | None,
    kind: str,
    lang: str,
    values: dict[str, Any],
    text: tuple[str, str] | None = None,
) -> tuple[str, str]:
    """``text``: the (subject, body) wording, when the caller has read it already."""
    subject, body = text or wording(event_id, kind, lang)
    return fill(subject, values).replace("\n", " ")[:300], fill(body, values)


def settings_of(event_id: int) -> MailSettings:
    """The event's mail settings (a transient default row when none is stored)."""
    settings = db.session.get(MailSettings, event_id)
    if settings is None:
        settings = MailSettings(
            event_id=event_id,
            reply_to="",
            closing_days=7,
            remind_closing=True,
            remind_passport=True,
            remind_day_before=True,
            remind_after_event=True,
        )
    return settings


def save_settings(actor: Actor, event: Event, data: dict[str, Any]) -> MailSettings:
    stored = db.session.get(MailSettings, event.id)
    if stored is None:
        stored = settings_of(event.id)
        db.session.add(stored)
    for name, value in data.items():
        setattr(stored, name, value)
    db.session.flush()
    record(actor, "mail.settings", event, event_id=event.id, summary=stored.reply_to)
    return stored


def opted_out(event_id: int, email: str) -> bool:
    return (
        db.session.scalar(
            db.select(MailOptOut.id).where(
                MailOptOut.event_id == event_id, MailOptOut.email == email.lower()
            )
        )
        is not None
    )


def opt_out(event_id: int, email: str) -> None:
    if not opted_out(event_id, email):
        db.session.add(MailOptOut(event_id=event_id, email=email.lower()))
        db.session.flush()


def queue_text(
    recipient: str,
    subject: str,
    body: str,
    *,
    lang: str,
    kind: str,
    event_id: int | None = None,
    automatic: bool = True,
    **fields: Any,
) -> OutboxMessage:
    """Queue an already-written message (sent after the commit). ``fields``: reply_to,
    unsubscribe_url, registration_id, group_message_id, attachment_kind."""
    if event_id is not None and "reply_to" not in fields:
        fields["reply_to"] = settings_of(event_id).reply_to
    message = OutboxMessage(
        event_id=event_id,
        recipient=recipient,
        subject=subject[:300],
        body_text=body,
        language=lang if lang in LANGUAGES else "en",
        kind=kind,
        status=DeliveryStatus.QUEUED,
        automatic=automatic,
        **fields,
    )
    db.session.add(message)
    enqueue_batch_after_commit(SEND_BATCH_TASK, message)
    return message


def known_kind(kind: str) -> bool:
    return kind in KINDS
