"""The audit log page of an event: who did what, when, in sentences, searchable by person,
filtered by action, and as a CSV file.

It lives in events, not in audit: audit sits below auth (auth's services write entries),
and the page needs auth's event-role decorator. The sentences and names come from
eventsapp.audit.describe (one query per kind of record on a page)."""

from flask import Blueprint, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, or_

from eventsapp import csv_files
from eventsapp.audit import describe
from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import User
from eventsapp.auth.permissions import organizer_required
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import search_text
from eventsapp.http import download
from eventsapp.navigation import add_event_menu_entry

bp = Blueprint("audit_manage", __name__, url_prefix="/manage/events/<slug>/audit")

add_event_menu_entry("audit_manage.log", _l("Audit log"), 90, "records")

CSV_LIMIT = 50_000  # entries in one file


def _filtered(event: Event, action: str, q: str) -> Select[tuple[AuditEntry]]:
    query = (
        db.select(AuditEntry)
        .where(AuditEntry.event_id == event.id)
        .options(db.joinedload(AuditEntry.user))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    if action:
        query = query.where(AuditEntry.action == action)
    if q:
        found = describe.matching_objects(event.id, q)
        pattern = f"%{q}%"
        users = db.select(User.id).where(or_(User.email.ilike(pattern), User.name.ilike(pattern)))
        query = query.where(
            or_(
                AuditEntry.user_id.in_(users),
                AuditEntry.summary.ilike(pattern),
                *(
                    and_(AuditEntry.object_type == kind, AuditEntry.object_id.in_(ids))
                    for kind, ids in found.items()
                    if ids
                ),
            )
        )
    return query


def _filters() -> tuple[str, str]:
    return search_text(request.args.get("action"), 60), search_text(request.args.get("q"))


@bp.route("/")
@organizer_required
def log(event: Event) -> ResponseReturnValue:
    action, q = _filters()
    page = db.paginate(
        _filtered(event, action, q), per_page=current_app.config["PER_PAGE"], error_out=False
    )
    actions = db.session.scalars(
        db.select(AuditEntry.action).where(AuditEntry.event_id == event.id).distinct()
    ).all()
    choices = sorted(((a, describe.action_label(a)) for a in actions), key=lambda c: c[1])
    return render_template(
        "audit/log.html",
        event=event,
        page=page,
        lines=describe.describe(page.items, event.timezone),
        actions=choices,
        action=action,
        q=q,
    )


@bp.route("/log.csv")
@organizer_required
def log_csv(event: Event) -> ResponseReturnValue:
    action, q = _filters()
    entries = list(db.session.scalars(_filtered(event, action, q).limit(CSV_LIMIT)).unique())
    header = [_("When"), _("Who"), _("Desk"), _("What"), _("Changes")]
    rows = [
        [
            line.when,
            line.who,
            line.entry.desk,
            line.sentence,
            "; ".join(f"{label}: {old} → {new}" for label, old, new in line.changes),
        ]
        for line in describe.describe(entries, event.timezone)
    ]
    return download(
        csv_files.to_csv(rows, header), "text/csv", f"{event.slug}-audit-log.csv", inline=False
    )
