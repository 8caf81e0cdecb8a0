"""Organizer pages for badges: print a filtered batch, preview each layout, reprint one
badge, reissue a badge's QR code."""

from __future__ import annotations

import io
import os
import tempfile
from enum import Enum
from typing import IO, Any, TypeVar

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import selectinload

from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.badges import print_runs, services
from eventsapp.badges.forms import ALL, PrintBadgesForm, ReprintForm
from eventsapp.badges.layouts import LAYOUTS
from eventsapp.confirm import confirmation_page
from eventsapp.crud import DeleteForm
from eventsapp.delegations.models import Delegation
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.inputs import id_arg
from eventsapp.navigation import add_event_menu_entry
from eventsapp.places import place_choices
from eventsapp.registration.labels import ROLE
from eventsapp.registration.models import Registration, RegistrationRole, RegistrationStatus

bp = Blueprint("badges_manage", __name__, url_prefix="/manage")

add_event_menu_entry("badges_manage.index", _l("Badges"), 50, "onsite")

EnumT = TypeVar("EnumT", bound=Enum)


def _registration_or_404(event: Event, registration_id: int) -> Registration:
    return event_object_or_404(Registration, event, registration_id)


def _pdf(data: bytes | IO[bytes], filename: str, download: bool = True) -> Response:
    """Send a PDF given as bytes or as an open binary file positioned at its start."""
    response = send_file(
        io.BytesIO(data) if isinstance(data, bytes) else data,
        mimetype="application/pdf",
        as_attachment=download,
        download_name=filename,
    )
    if not isinstance(data, bytes):  # werkzeug measures only paths and BytesIO
        response.content_length = os.fstat(data.fileno()).st_size
    return response


def _enum_or_400(enum_cls: type[EnumT], value: str) -> EnumT | None:
    if value == ALL:
        return None
    try:
        return enum_cls(value)
    except ValueError:  # a hand-made query string; a posted form validated its choices
        abort(400)


def _filter_from(form: PrintBadgesForm, picked: bool = True) -> services.BadgeFilter:
    """The form's filters (``picked``: with the people ticked by hand)."""
    status = _enum_or_400(RegistrationStatus, form.status.data or ALL)
    return services.BadgeFilter(
        delegation_id=form.delegation_id.data,
        role=_enum_or_400(RegistrationRole, form.role.data or ALL),
        statuses=(status,) if status else (),
        unprinted=form.unprinted.data,
        registration_ids=list(form.registration_ids.data or []) if picked else [],
        order=form.order.data,
        search=form.q.data or "",
    )


def _options_from(form: PrintBadgesForm) -> dict[str, Any]:
    return {
        "lang": form.language.data,
        "crop_marks": form.crop_marks.data,
        "start_at": form.start_at.data or 1,
        "duplex": form.duplex.data,
    }


def _print_now(
    event: Event, flt: services.BadgeFilter, layout: str, options: dict[str, Any]
) -> ResponseReturnValue:
    """A small run, in the request: rendered to an anonymous temporary file, then sent from
    it in blocks, so the whole PDF is never held in memory (send_file closes it)."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        count = services.print_badges(current_user, event, flt, layout, spool, **options)
    except BaseException:
        spool.close()
        raise
    db.session.commit()
    spool.seek(0)
    return _pdf(spool, f"badges-{event.slug}-{layout}-{count}.pdf")


@bp.route("/events/<slug>/badges", methods=["GET", "POST"])
@organizer_required
def index(event: Event) -> ResponseReturnValue:
    # The filters come from the search form's query string (GET) or the print form (POST).
    form = PrintBadgesForm(request.args) if request.method == "GET" else PrintBadgesForm()
    delegations = db.session.scalars(
        db.select(Delegation)
        .where(Delegation.event_id == event.id)
        .options(selectinload(Delegation.jurisdiction), selectinload(Delegation.organization))
    )
    form.delegation_id.set_choices(place_choices(delegations))
    if form.validate_on_submit():
        flt, options = _filter_from(form), _options_from(form)
        try:
            if print_runs.needs_job(services.count_registrations(event, flt)):
                job = print_runs.start_badge_job(
                    current_user, event, flt, form.layout.data, **options
                )
                db.session.commit()
                return redirect(url_for("jobs_manage.status", slug=event.slug, job_id=job.id))
            return _print_now(event, flt, form.layout.data, options)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
    page = db.paginate(
        services.badge_query(event, _filter_from(form, picked=False)),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "badges/index.html",
        event=event,
        form=form,
        page=page,
        picked=set(form.registration_ids.data or []),
        layouts=LAYOUTS.values(),
        roles=ROLE,
        reprint_form=ReprintForm(),
        action_form=DeleteForm(),
    )


@bp.route("/events/<slug>/badges/preview/<layout>")
@organizer_required
def preview(event: Event, layout: str) -> ResponseReturnValue:
    if layout not in LAYOUTS:
        abort(404)
    registration = None
    if registration_id := id_arg("registration_id"):
        registration = _registration_or_404(event, registration_id)
    pdf = services.preview_pdf(event, layout, registration)
    return _pdf(pdf, f"badge-preview-{layout}.pdf", download=False)


@bp.route("/events/<slug>/badges/<int:registration_id>/reprint", methods=["POST"])
@organizer_required
def reprint(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _registration_or_404(event, registration_id)
    form = ReprintForm()
    if not form.validate_on_submit():
        abort(400)
    pdf = services.single_badge_pdf(registration, form.layout.data, current_user)
    db.session.commit()
    return _pdf(pdf, f"badge-{registration.id}-{form.layout.data}.pdf")


@bp.route("/events/<slug>/badges/<int:registration_id>/reissue", methods=["GET", "POST"])
@organizer_required
def reissue(event: Event, registration_id: int) -> ResponseReturnValue:
    """GET: the confirmation (no JS); POST: a new QR code, the printed one stops working."""
    registration = _registration_or_404(event, registration_id)
    if request.method == "GET":
        return confirmation_page(
            title=_("New QR code for %(name)s?", name=registration.person.full_name),
            consequence=reissue_consequence(registration.person.full_name),
            action=request.path,
            button=_("Issue a new QR code"),
            back=url_for("badges_manage.index", slug=event.slug),
        )
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.reissue_badge(current_user, registration)
    db.session.commit()
    flash(
        _(
            "A new QR code was issued for %(name)s; the old badge no longer checks in.",
            name=registration.person.full_name,
        ),
        "success",
    )
    return redirect(url_for("badges_manage.index", slug=event.slug))


def reissue_consequence(name: str) -> str:
    return _(
        "%(name)s gets a new QR code: the badge already printed stops working at check-in, "
        "and a new badge must be printed.",
        name=name,
    )
