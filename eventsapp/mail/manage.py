"""The outbox page: every message sent for an event, with its delivery status."""

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l

from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.extensions import db
from eventsapp.forms import search_text
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.mail.services import deliver_queued
from eventsapp.navigation import add_event_menu_entry

bp = Blueprint("mail_manage", __name__, url_prefix="/manage")

add_event_menu_entry("mail_manage.outbox", _l("Outbox"), 40)

STATUS_LABELS = {
    DeliveryStatus.QUEUED: _l("Queued"),
    DeliveryStatus.SENT: _l("Sent"),
    DeliveryStatus.PRINTED: _l("Printed to the console"),
    DeliveryStatus.FAILED: _l("Failed"),
}


@bp.after_app_request
def _deliver_after_commit(response):
    """Messages queued by a request leave once the view has committed its transaction."""
    if db.session.info.get("outbox_pending"):
        deliver_queued()
    return response


@bp.route("/events/<slug>/outbox/")
@organizer_required
def outbox(event):
    query = db.select(OutboxMessage).where(OutboxMessage.event_id == event.id)
    status = request.args.get("status", "")
    if status:
        try:
            query = query.where(OutboxMessage.status == DeliveryStatus(status))
        except ValueError:
            abort(400)
    q = search_text(request.args.get("q"))
    if q:
        query = query.where(OutboxMessage.recipient.ilike(f"%{q.lower()}%"))
    page = db.paginate(
        query.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()),
        per_page=50,
        error_out=False,
    )
    return render_template(
        "mail/outbox.html", event=event, page=page, q=q, status=status, labels=STATUS_LABELS
    )


@bp.route("/events/<slug>/outbox/<int:message_id>")
@organizer_required
def message(event, message_id: int):
    item = event_object_or_404(OutboxMessage, event, message_id)
    return render_template("mail/message.html", event=event, message=item, labels=STATUS_LABELS)
