"""Organizer back office: the Documents page and its downloads."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.crud import DeleteForm
from eventsapp.db import utcnow
from eventsapp.delegations.models import Delegation
from eventsapp.documents import personal, print_runs, services
from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.forms import BookletForm, DelegationLettersForm
from eventsapp.documents.letters import (
    render_certificates,
    render_personal_agenda,
    render_visa_letters,
)
from eventsapp.documents.queries import booklet_for
from eventsapp.documents.views import pdf_response
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from, search_text
from eventsapp.navigation import add_event_menu_entry
from eventsapp.registration.models import Person, Registration

bp = Blueprint("documents_manage", __name__, url_prefix="/manage/events/<slug>/documents")

add_event_menu_entry("documents_manage.index", _l("Documents"), 55)


def _delegations(event: Event) -> list[Delegation]:
    items = db.session.scalars(
        db.select(Delegation)
        .where(Delegation.event_id == event.id)
        .options(selectinload(Delegation.jurisdiction), selectinload(Delegation.organization))
    ).all()
    return sorted(items, key=lambda d: d.name.casefold())


def _letters_form(event: Event) -> DelegationLettersForm:
    form = DelegationLettersForm()
    form.delegation_id.set_choices((d.id, d.name) for d in _delegations(event))
    return form


def _page(event: Event, letters_form: DelegationLettersForm, status: int = 200):
    search = search_text(request.args.get("q"))
    query = (
        db.select(Registration)
        .join(Person, Person.id == Registration.person_id)
        .where(Registration.event_id == event.id)
        .options(selectinload(Registration.person), selectinload(Registration.delegation))
        .order_by(Person.sort_name, Registration.id)
    )
    if search:
        like = f"%{search}%"
        query = query.where(or_(Person.family_name.ilike(like), Person.given_name.ilike(like)))
    page = db.paginate(query, per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template(
        "documents/index.html",
        event=event,
        booklet_form=BookletForm(formdata=None),
        letters_form=letters_form,
        page=page,
        search=search,
        certificates_in_background=print_runs.needs_job(print_runs.certificate_count(event)),
        action_form=DeleteForm(),
    ), status


def _registration(event: Event, registration_id: int) -> Registration:
    return event_object_or_404(Registration, event, registration_id)


@bp.route("/")
@organizer_required
def index(event: Event):
    return _page(event, _letters_form(event))


@bp.route("/program.pdf")
@organizer_required
def program_pdf(event: Event):
    form = BookletForm(request.args)
    if not form.validate():
        abort(400)
    pdf = render_booklet(booklet_for(event, form.lang.data, form.paper.data))
    return pdf_response(pdf, f"program-{event.slug}-{form.lang.data}.pdf")


@bp.route("/registrations/<int:registration_id>/agenda.pdf")
@organizer_required
def agenda_pdf(event: Event, registration_id: int):
    registration = _registration(event, registration_id)
    data = personal.personal_agenda(event, registration, personal.language_of(registration))
    return pdf_response(render_personal_agenda(data), f"agenda-{registration.id}.pdf")


@bp.route("/registrations/<int:registration_id>/visa-letter.pdf", methods=["POST"])
@organizer_required
def visa_letter_pdf(event: Event, registration_id: int):
    registration = _registration(event, registration_id)
    if not DeleteForm().validate_on_submit():  # an empty form: the CSRF token only
        abort(400)
    letters = services.issue_visa_letters(
        current_user, event, [registration], today=event.local_date(utcnow()), via="back office"
    )
    db.session.commit()
    stem = services.file_stem(registration.person.family_name)
    return pdf_response(render_visa_letters(letters), f"visa-letter-{stem}-{registration.id}.pdf")


@bp.route("/visa-letters", methods=["POST"])
@organizer_required
def delegation_visa_letters(event: Event):
    form = _letters_form(event)
    if not form.validate_on_submit():
        return _page(event, form, 400)
    delegation = db.session.get(Delegation, form.delegation_id.data)
    registrations = services.delegation_members(event, delegation)
    try:
        letters = services.issue_visa_letters(
            current_user,
            event,
            registrations,
            today=event.local_date(utcnow()),
            via="back office, delegation",
        )
    except DomainError as error:
        db.session.rollback()
        form_errors_from(form, error)
        return _page(event, form, 400)
    db.session.commit()
    stem = f"visa-letters-{services.file_stem(delegation.name)}"
    if form.output.data == "zip":
        archive = services.visa_letters_zip(letters, registrations)
        return pdf_response(archive, f"{stem}.zip", mimetype="application/zip")
    return pdf_response(render_visa_letters(letters), f"{stem}.pdf")


@bp.route("/registrations/<int:registration_id>/certificate.pdf")
@organizer_required
def certificate_pdf(event: Event, registration_id: int):
    registration = _registration(event, registration_id)
    data = personal.certificate(event, registration)
    return pdf_response(render_certificates([data]), f"certificate-{registration.id}.pdf")


@bp.route("/certificates.pdf", methods=["GET", "POST"])
@organizer_required
def certificates_pdf(event: Event):
    """Small events: the PDF at once. Above PRINT_JOB_THRESHOLD people a worker makes it
    (POST, the page's button); a GET link then leads back to that button."""
    big = print_runs.needs_job(print_runs.certificate_count(event))
    if big and request.method == "GET":
        flash(_("So many certificates are prepared in the background: use the button."), "info")
        return redirect(url_for("documents_manage.index", slug=event.slug), 303)
    if request.method == "POST" and not DeleteForm().validate_on_submit():
        abort(400)  # the CSRF token only
    if big:
        job = print_runs.start_certificates_job(current_user, event)
        db.session.commit()
        return redirect(url_for("jobs_manage.status", slug=event.slug, job_id=job.id))
    pdf, _count = print_runs.certificates_pdf(event)  # none: a DomainError, a 4xx page
    return pdf_response(pdf, f"certificates-{event.slug}.pdf")
