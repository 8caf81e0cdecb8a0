"""Telling an event's organizers that one of its webhooks was switched off."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.extensions import db
from eventsapp.i18n import localized
from eventsapp.mail.services import queue_message
from eventsapp.urls import external_url
from eventsapp.webhooks.models import Webhook, WebhookDelivery


def tell_organizers(hook: Webhook) -> None:
    last = db.session.scalar(
        db.select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == hook.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(1)
    )
    answer = "-"
    if last is not None:
        answer = str(last.response_status) if last.response_status else last.error or "-"
    organizers = db.session.scalars(
        db.select(User)
        .join(EventRole, EventRole.user_id == User.id)
        .where(EventRole.event_id == hook.event_id, EventRole.role == EventRoleKind.ORGANIZER)
    ).all()
    link = external_url("webhooks_manage.webhook_detail", slug=hook.event.slug, hook_id=hook.id)
    for user in organizers:
        lang = user.preferred_language
        queue_message(
            user.email,
            "webhook_disabled",
            _l(
                "A webhook of %(event)s was switched off",
                event=localized(hook.event, "title", lang),
            ),
            lang=lang,
            event_id=hook.event_id,
            url=hook.url,
            event_title=localized(hook.event, "title", lang),
            last=answer,
            link=link,
        )
