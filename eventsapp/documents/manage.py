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
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.crud import DeleteForm
from eventsapp.db import utcnow
from eventsapp.delegations.models import Delegation
from eventsapp.documents import letter_runs, personal, print_runs, services
from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.certificate_pdf import render_certificates
from eventsapp.documents.eligibility import certificate_verdict, letter_verdict
from eventsapp.documents.forms import BookletForm, DelegationLettersForm, LetterOverrideForm
from eventsapp.documents.letters import (
    render_personal_agenda,
    render_visa_letters,
)
from eventsapp.documents.queries import booklet_for, display_name
from eventsapp.documents.views import not_available, pdf_response
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from, search_text
from eventsapp.navigation import add_event_menu_entry
from eventsapp.places import place_choices
from eventsapp.registration.models import Person, Registration

bp = Blueprint("documents_manage", __name__, url_prefix="/manage/events/<slug>/documents")

add_event_menu_entry("documents_manage.index", _l("Documents"), 55, "onsite")


def _delegations(event: Event) -> list[Delegation]:
    items = db.session.scalars(
        db.select(Delegation)
        .where(Delegation.event_id == event.id)
        .options(selectinload(Delegation.jurisdiction), selectinload(Delegation.organization))
    ).all()
    return sorted(items, key=lambda d: d.name.casefold())


def _letters_form(event: Event) -> DelegationLettersForm:
    form = DelegationLettersForm()
    form.delegation_id.set_choices(place_choices(_delegations(event)))
    return form


def _page(
    event: Event, letters_form: DelegationLettersForm, status: int = 200
) -> ResponseReturnValue:
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
        booklet_in_background=print_runs.needs_job(letter_runs.participant_count(event)),
        action_form=DeleteForm(),
        letter_verdict=letter_verdict,
    ), status


def _registration(event: Event, registration_id: int) -> Registration:
    return event_object_or_404(Registration, event, registration_id)


@bp.route("/")
@organizer_required
def index(event: Event) -> ResponseReturnValue:
    return _page(event, _letters_form(event))


@bp.route("/program.pdf", methods=["GET", "POST"])
@organizer_required
def program_pdf(event: Event) -> ResponseReturnValue:
    """The booklet at once; above PRINT_JOB_THRESHOLD participants a worker makes it (POST,
    the page's button; a GET link then leads back to that button)."""
    form = BookletForm(request.values)
    if not form.validate():
        abort(400)
    big = print_runs.needs_job(letter_runs.participant_count(event))
    if big and request.method == "GET":
        flash(_("A program this large is prepared in the background: use the button."), "info")
        return redirect(url_for("documents_manage.index", slug=event.slug), 303)
    if request.method == "POST" and not DeleteForm().validate_on_submit():
        abort(400)  # the CSRF token
    if big:
        job = letter_runs.start_booklet_job(current_user, event, form.lang.data, form.paper.data)
        db.session.commit()
        return redirect(url_for("jobs_manage.status", slug=event.slug, job_id=job.id))
    pdf = render_booklet(booklet_for(event, form.lang.data, form.paper.data))
    return pdf_response(pdf, f"program-{event.slug}-{form.lang.data}.pdf")


@bp.route("/registrations/<int:registration_id>/agenda.pdf")
@organizer_required
def agenda_pdf(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _registration(event, registration_id)
    data = personal.personal_agenda(event, registration, personal.language_of(registration))
    return pdf_response(render_personal_agenda(data), f"agenda-{registration.id}.pdf")


@bp.route("/registrations/<int:registration_id>/visa-letter.pdf", methods=["POST"])
@organizer_required
def visa_letter_pdf(event: Event, registration_id: int) -> ResponseReturnValue:
    """One letter. A registration that may not have one is refused with the reason; for a
    pending or waitlisted one the organizer may override (``override=1``, audited)."""
    registration = _registration(event, registration_id)
    form = LetterOverrideForm()
    if not form.validate_on_submit():  # the CSRF token (and the override box)
        abort(400)
    verdict = letter_verdict(registration, override=form.override.data)
    if not verdict:
        flash(f"{display_name(registration.person)}: {verdict.reason}", "warning")
        return redirect(url_for("documents_manage.index", slug=event.slug), 303)
    run = services.issue_visa_letters(
        current_user,
        event,
        [registration],
        via="back office",
        override=form.override.data,
    )
    db.session.commit()
    stem = services.file_stem(registration.person.family_name)
    return pdf_response(
        render_visa_letters(services.flat(run)), f"visa-letter-{stem}-{registration.id}.pdf"
    )


@bp.route("/visa-letters", methods=["POST"])
@organizer_required
def delegation_visa_letters(event: Event) -> ResponseReturnValue:
    """The letters of a delegation's members who may have one; who was skipped and why is
    flashed, and listed on a last page (PDF) or in SKIPPED.txt (ZIP)."""
    form = _letters_form(event)
    if not form.validate_on_submit():
        return _page(event, form, 400)
    delegation = db.session.get(Delegation, form.delegation_id.data)
    assert delegation is not None  # an id among the form's choices: this event's delegations
    registrations = services.delegation_members(event, delegation)
    if print_runs.needs_job(len(registrations)):
        job = letter_runs.start_letters_job(current_user, event, delegation, form.output.data)
        db.session.commit()
        return redirect(url_for("jobs_manage.status", slug=event.slug, job_id=job.id))
    try:
        run = services.issue_visa_letters(
            current_user,
            event,
            registrations,
            via="back office, delegation",
        )
    except DomainError as error:
        db.session.rollback()
        form_errors_from(form, error)
        return _page(event, form, 400)
    db.session.commit()
    if run.skipped:
        flash(services.skipped_message(run.skipped), "warning")
    stem = f"visa-letters-{services.file_stem(delegation.name)}"
    if form.output.data == "zip":
        archive = services.visa_letters_zip(run)
        return pdf_response(archive, f"{stem}.zip", mimetype="application/zip")
    skipped = [(s.name, s.reason) for s in run.skipped]
    pdf = render_visa_letters(services.flat(run), skipped=(_("Letters not issued"), skipped))
    return pdf_response(pdf, f"{stem}.pdf")


@bp.route("/registrations/<int:registration_id>/certificate.pdf")
@organizer_required
def certificate_pdf(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _registration(event, registration_id)
    now = utcnow()
    verdict = certificate_verdict(event, registration, now)
    if not verdict:
        return not_available(event, verdict, "certificate")
    data = services.issue_certificate(current_user, event, registration, now)
    db.session.commit()
    return pdf_response(render_certificates(data), f"certificate-{registration.id}.pdf")


@bp.route("/certificates.pdf", methods=["GET", "POST"])
@organizer_required
def certificates_pdf(event: Event) -> ResponseReturnValue:
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
    # Nobody who may have one: a DomainError, a 4xx page naming who was skipped and why.
    pdf, _count, skipped = print_runs.certificates_pdf(event, actor=current_user)
    db.session.commit()
    if skipped:
        flash(services.skipped_message(skipped), "warning")
    return pdf_response(pdf, f"certificates-{event.slug}.pdf")
