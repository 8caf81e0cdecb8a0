"""The outbox page: every message sent for an event, with its delivery status. Staff see
message bodies with the secret part of every personal link masked."""

import re

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.auth.permissions import Event, event_object_or_404, organizer_required
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.forms import search_text
from eventsapp.mail.delivery import retry_message
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.navigation import add_event_menu_entry

bp = Blueprint("mail_manage", __name__, url_prefix="/manage")

add_event_menu_entry("mail_manage.outbox", _l("Outbox"), 80, "records")

STATUS_LABELS = {
    DeliveryStatus.QUEUED: _l("Queued"),
    DeliveryStatus.SENDING: _l("Sending"),
    DeliveryStatus.SENT: _l("Sent"),
    DeliveryStatus.PRINTED: _l("Printed to the console"),
    DeliveryStatus.FAILED: _l("Failed"),
}


MASK = "••••••"
_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
_SEGMENT = r"[^/\s?#<>\"']+"
_QUERY_SECRET = re.compile(r"([?&](?:token|key|code)=)[^&#\s]+", re.IGNORECASE)


def _link_patterns() -> list[re.Pattern[str]]:
    """One pattern per route whose path carries a secret (a ``<token>`` argument): the
    links to a registration, a personal agenda or document, an invitation, a reset."""
    cached: list[re.Pattern[str]] | None = current_app.extensions.get("mail_link_patterns")
    if cached is not None:
        return cached
    patterns: list[re.Pattern[str]] = []
    for rule in current_app.url_map.iter_rules():
        if "token" not in rule.arguments:
            continue
        parts, last = [], 0
        for match in _PARAM.finditer(rule.rule):
            parts.append(re.escape(rule.rule[last : match.start()]))
            name = match.group(1)
            parts.append(f"(?P<token>{_SEGMENT})" if name == "token" else _SEGMENT)
            last = match.end()
        parts.append(re.escape(rule.rule[last:]))
        patterns.append(re.compile("".join(parts)))
    current_app.extensions["mail_link_patterns"] = patterns
    return patterns


def mask_personal_links(text: str) -> str:
    """``text`` with the token of every personal link (and any token-like query value)
    replaced by a mask: staff can see that a link was sent, never use it."""

    def _mask(match: re.Match[str]) -> str:
        start, end = match.span("token")
        return match.string[match.start() : start] + MASK + match.string[end : match.end()]

    for pattern in _link_patterns():
        text = pattern.sub(_mask, text)
    return _QUERY_SECRET.sub(lambda m: m.group(1) + MASK, text)


@bp.route("/events/<slug>/outbox/")
@organizer_required
def outbox(event: Event) -> ResponseReturnValue:
    query = db.select(OutboxMessage).where(OutboxMessage.event_id == event.id)
    status = request.args.get("status", "")
    if status:
        try:
            query = query.where(OutboxMessage.status == DeliveryStatus(status))
        except ValueError:
            abort(400)
    group = request.args.get("group", type=int)
    if group:
        query = query.where(OutboxMessage.group_message_id == group)
    q = search_text(request.args.get("q"))
    if q:
        query = query.where(OutboxMessage.recipient.ilike(f"%{q.lower()}%"))
    page = db.paginate(
        query.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "mail/outbox.html",
        event=event,
        page=page,
        q=q,
        status=status,
        group=group,
        labels=STATUS_LABELS,
    )


@bp.route("/events/<slug>/outbox/<int:message_id>")
@organizer_required
def message(event: Event, message_id: int) -> ResponseReturnValue:
    item = event_object_or_404(OutboxMessage, event, message_id)
    return render_template(
        "mail/message.html",
        event=event,
        message=item,
        body=mask_personal_links(item.body_text),
        labels=STATUS_LABELS,
    )


@bp.route("/events/<slug>/outbox/<int:message_id>/retry", methods=["POST"])
@organizer_required
def retry(event: Event, message_id: int) -> ResponseReturnValue:
    item = event_object_or_404(OutboxMessage, event, message_id)
    try:
        retry_message(item, current_user)
    except DomainError as error:
        flash(error.message, "warning")
    else:
        db.session.commit()
        flash(
            _("The message to %(recipient)s is queued again.", recipient=item.recipient), "success"
        )
    return redirect(url_for("mail_manage.outbox", slug=event.slug))
