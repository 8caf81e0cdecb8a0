"""The audit log page of an event: who changed what, when, before and after.

It lives in events, not in audit: audit sits below auth (auth's services write entries),
and the page needs auth's event-role decorator."""

from flask import Blueprint, current_app, render_template, request
from flask_babel import lazy_gettext as _l

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.permissions import organizer_required
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import search_text
from eventsapp.navigation import add_event_menu_entry

bp = Blueprint("audit_manage", __name__, url_prefix="/manage/events/<slug>/audit")

add_event_menu_entry("audit_manage.log", _l("Audit log"), 90, "records")


@bp.route("/")
@organizer_required
def log(event: Event):
    query = (
        db.select(AuditEntry)
        .where(AuditEntry.event_id == event.id)
        .options(db.joinedload(AuditEntry.user))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    object_type = search_text(request.args.get("type"))
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    types = db.session.scalars(
        db.select(AuditEntry.object_type)
        .where(AuditEntry.event_id == event.id)
        .distinct()
        .order_by(AuditEntry.object_type)
    ).all()
    page = db.paginate(query, per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template(
        "audit/log.html", event=event, page=page, types=types, object_type=object_type
    )
