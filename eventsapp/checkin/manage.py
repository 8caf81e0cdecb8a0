"""The check-in desk pages: scan (camera, scanner, typed code), search, undo, reprint, and the
live arrivals dashboard with its exports. For organizers and check-in staff of the event.

Without JavaScript every action is a plain form post that renders the result; with it,
static/js/checkin.js sends the same actions to the JSON API (api.py) and shows the result
in place."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from eventsapp import storage
from eventsapp.agenda.models import AgendaSession, SessionKind
from eventsapp.auth.models import EventRoleKind
from eventsapp.auth.permissions import event_role_required
from eventsapp.checkin import desk as desk_state
from eventsapp.checkin import (
    export,
    labels,
    overview,  # noqa: F401  (adds its Overview panel)
    queries,
    services,
)
from eventsapp.checkin.forms import DeskForm, RegistrationActionForm, ReprintForm, ScanForm
from eventsapp.checkin.present import describe
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import search_text
from eventsapp.i18n import fmt_datetime, localized
from eventsapp.navigation import add_event_menu_entry
from eventsapp.registration.models import Registration
from eventsapp.signing import signing_keys

bp = Blueprint("checkin", __name__, url_prefix="/manage/events/<slug>/checkin")

add_event_menu_entry("checkin.desk", _l("Check-in desk"), 60, "onsite", audience="staff")
add_event_menu_entry("checkin.dashboard", _l("Arrivals"), 61, "onsite", audience="staff")

staff_required = event_role_required(EventRoleKind.ORGANIZER, EventRoleKind.CHECKIN)


def session_choices(event: Event) -> list[tuple[int, str]]:
    sessions = db.session.scalars(
        select(AgendaSession)
        .where(
            AgendaSession.event_id == event.id,
            AgendaSession.kind.not_in([SessionKind.BREAK, SessionKind.MEAL]),
        )
        .order_by(AgendaSession.starts_at, AgendaSession.id)
    )
    return [
        (s.id, f"{fmt_datetime(s.starts_at, event.timezone, 'short')} · {localized(s, 'title')}")
        for s in sessions
    ]


def _desk_form(event: Event) -> DeskForm:
    form = DeskForm()
    form.session_id.set_choices(session_choices(event))
    if not form.is_submitted():
        form.desk.data = desk_state.desk_name(event)
        current = desk_state.desk_session(event)
        form.session_id.data = current.id if current else None
    return form


def badge_layouts() -> list[tuple[str, str]]:
    """The badge layouts offered for a reprint, one-per-page ones first."""
    try:
        from eventsapp.badges.layouts import LAYOUTS
    except ImportError:  # the badges module is not there: no reprint button
        return []
    ordered = sorted(LAYOUTS.values(), key=lambda layout: layout.per_page)
    return [(layout.name, layout.description) for layout in ordered]


def _render(
    event: Event, result: dict[str, Any] | None = None, status: int = 200, query: str = ""
) -> tuple[str, int]:
    reprint = ReprintForm()
    reprint.layout.choices = badge_layouts()
    found = queries.search(event, query) if query else []
    return (
        render_template(
            "checkin/desk.html",
            event=event,
            desk_form=_desk_form(event),
            scan_form=ScanForm(formdata=None),
            action_form=RegistrationActionForm(formdata=None),
            reprint_form=reprint,
            desk=desk_state.desk_name(event),
            attendance_session=desk_state.desk_session(event),
            result=result,
            query=query,
            found=found,
            labels=labels,
        ),
        status,
    )


@bp.route("/", methods=["GET", "POST"])
@staff_required
def desk(event: Event) -> ResponseReturnValue:
    form = ScanForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        token = form.token.data
        assert token is not None  # DataRequired, validated above
        result = services.scan(
            event,
            token,
            actor=current_user,
            desk=desk_state.desk_name(event),
            secret=signing_keys(),
            session=desk_state.desk_session(event),
        )
        db.session.commit()
        return _render(event, describe(result, event))
    return _render(event, query=search_text(request.args.get("q"), 100))


@bp.route("/setup", methods=["POST"])
@staff_required
def setup(event: Event) -> ResponseReturnValue:
    form = _desk_form(event)
    if not form.validate_on_submit():
        if form.desk.errors:
            flash(_("Please give the desk a name."), "danger")
        else:
            flash(_("Choose a session of this event."), "danger")
        return redirect(url_for("checkin.desk", slug=event.slug))
    desk = form.desk.data
    assert desk is not None  # DataRequired, validated above
    desk_state.set_desk(event, desk, form.session_id.data)
    flash(_("Desk saved."), "success")
    return redirect(url_for("checkin.desk", slug=event.slug))


def _posted_registration(event: Event, form: RegistrationActionForm) -> Registration:
    if not form.validate_on_submit():
        abort(400)
    registration = services.event_registration(event, form.registration_id.data)
    if registration is None:
        abort(404)
    return registration


@bp.route("/admit", methods=["POST"])
@staff_required
def admit(event: Event) -> ResponseReturnValue:
    """Check in (or record attendance for) a person found by search."""
    registration = _posted_registration(event, RegistrationActionForm())
    result = services.admit(
        registration,
        actor=current_user,
        desk=desk_state.desk_name(event),
        session=desk_state.desk_session(event),
    )
    db.session.commit()
    return _render(event, describe(result, event))


@bp.route("/undo", methods=["POST"])
@staff_required
def undo(event: Event) -> ResponseReturnValue:
    registration = _posted_registration(event, RegistrationActionForm())
    try:
        result = services.take_back(
            registration,
            actor=current_user,
            desk=desk_state.desk_name(event),
            session=desk_state.desk_session(event),
        )
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("checkin.desk", slug=event.slug))
    db.session.commit()
    return _render(event, describe(result, event))


@bp.route("/reprint", methods=["POST"])
@staff_required
def reprint(event: Event) -> ResponseReturnValue:
    form = ReprintForm()
    form.layout.choices = badge_layouts()
    registration = _posted_registration(event, form)
    from eventsapp.checkin.reprint import reprint_badge

    pdf = reprint_badge(
        registration, form.layout.data, actor=current_user, desk=desk_state.desk_name(event)
    )
    db.session.commit()
    filename = f"badge-{registration.id}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


@bp.route("/photo/<int:registration_id>")
@staff_required
def photo(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = services.event_registration(event, registration_id)
    filename = queries.speaker_photo(registration) if registration else None
    stored = storage.get(filename) if filename else None
    if stored is None:
        abort(404)
    return storage.send(stored, private=True)


@bp.route("/dashboard")
@staff_required
def dashboard(event: Event) -> ResponseReturnValue:
    tally = queries.arrivals(event, labels.ROLE, _("No delegation"))
    return render_template("checkin/dashboard.html", event=event, tally=tally)


@bp.route("/arrivals.<fmt>")
@staff_required
def export_arrivals(event: Event, fmt: str) -> ResponseReturnValue:
    registrations = queries.arrived_registrations(event)
    if fmt == "csv":
        # Werkzeug adds "; charset=utf-8" to text types (naming it here sent it twice).
        body, mimetype = export.arrivals_csv(event, registrations), "text/csv"
    elif fmt == "xlsx":
        body = export.arrivals_xlsx(event, registrations)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        abort(404)
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="arrivals-{event.slug}.{fmt}"'},
    )
