"""Back office: registrations of an event (list, detail, create, edit, delete, approval)
and the admin-only list of people across events."""

from collections.abc import Callable, Mapping

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import Select
from sqlalchemy.orm import contains_eager, joinedload

from eventsapp import collation
from eventsapp.actor import Actor
from eventsapp.auth.permissions import admin_required, event_object_or_404, organizer_required
from eventsapp.crud import DeleteForm, post_action
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from, search_text
from eventsapp.inputs import id_arg
from eventsapp.navigation import add_event_menu_entry
from eventsapp.questions import filters as answer_filters
from eventsapp.questions.fields import Block, registration_rows
from eventsapp.questions.models import QuestionForm
from eventsapp.registration import (
    capacity,
    labels,
    overview,  # noqa: F401  (adds its Overview panel)
    self_service,
    services,
)
from eventsapp.registration.delegation_port import delegations
from eventsapp.registration.forms import (
    ManageRegistrationForm,
    OrganizationMapForm,
    event_delegations,
    form_data,
    prepare_registration_form,
)
from eventsapp.registration.models import (
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

bp = Blueprint("registration_manage", __name__, url_prefix="/manage")

add_event_menu_entry("registration_manage.registrations_list", _l("Registrations"), 20, "people")


def filtered_registrations(
    event: Event, args: Mapping[str, str] | None = None
) -> Select[tuple[Registration]]:
    """Registrations of ``event`` with their person and delegation loaded in the same query,
    filtered by the request's ``q``, ``status``, ``role``, ``delegation`` and an answer
    (``question`` with ``answer`` or ``contains``, see questions.filters)."""
    args = args if args is not None else request.args
    query = (
        db.select(Registration)
        .join(Registration.person)
        .options(
            contains_eager(Registration.person),
            *delegations().name_options(),
        )
        .where(Registration.event_id == event.id)
    )
    q = search_text(args.get("q"))
    if (matches := collation.contains_words(Person.search_key, q)) is not None:
        query = query.where(matches)
    for name, enum_cls, column in (
        ("status", RegistrationStatus, Registration.status),
        ("role", RegistrationRole, Registration.role),
    ):
        value = args.get(name) or ""
        if value:
            try:
                query = query.where(column == enum_cls(value))
            except ValueError:
                abort(400)
    delegation = args.get("delegation") or ""
    if delegation == "none":
        query = query.where(Registration.delegation_id.is_(None))
    elif (delegation_id := id_arg("delegation", args)) is not None:
        query = query.where(Registration.delegation_id == delegation_id)
    if (requested_id := id_arg("requested", args)) is not None:  # asking to join it
        query = query.where(Registration.requested_delegation_id == requested_id)
    question = answer_filters.filter_question(event.id, id_arg("question", args))
    if question is not None:
        answer, contains = args.get("answer") or "", args.get("contains") or ""
        query = query.where(
            answer_filters.answer_condition(Registration.id, question, answer, contains)
        )
    return query.order_by(Person.sort_name, Registration.id)


@bp.route("/events/<slug>/registrations/")
@organizer_required
def registrations_list(event: Event) -> ResponseReturnValue:
    questions = answer_filters.filter_questions(event.id)  # before the filter: no 2nd query
    page = db.paginate(
        filtered_registrations(event),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
        count=True,
    )
    return render_template(
        "registration/manage_list.html",
        event=event,
        page=page,
        args=request.args,
        labels=labels,
        delegations=event_delegations(event),
        questions=questions,
        by_value=answer_filters.by_value,
        Status=RegistrationStatus,
        Role=RegistrationRole,
        form=DeleteForm(),
        bulk_consequences={k: str(v) for k, v in labels.BULK_CONSEQUENCES.items()},
    )


def _get(event: Event, registration_id: int) -> Registration:
    return event_object_or_404(Registration, event, registration_id)


@bp.route("/events/<slug>/registrations/<int:registration_id>")
@organizer_required
def registration_detail(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _get(event, registration_id)
    reprint = None
    if "badges_manage.reprint" in current_app.view_functions:
        reprint = url_for("badges_manage.reprint", slug=event.slug, registration_id=registration.id)
    return render_template(
        "registration/manage_detail.html",
        event=event,
        registration=registration,
        person=registration.person,
        labels=labels,
        reprint=reprint,
        Status=RegistrationStatus,
        map_form=OrganizationMapForm() if registration.person.organization_other else None,
        answers=registration_rows(
            event, registration, registration.person.preferred_language.value
        ),
        consequences=labels.consequences(registration.person.full_name),
    )


@bp.route("/events/<slug>/registrations/new", methods=["GET", "POST"])
@bp.route("/events/<slug>/registrations/<int:registration_id>/edit", methods=["GET", "POST"])
@organizer_required
def registration_form(event: Event, registration_id: int | None = None) -> ResponseReturnValue:
    registration = _get(event, registration_id) if registration_id else None
    questions = Block.load(event, QuestionForm.MANAGE, registration)
    form = questions.form(ManageRegistrationForm, obj=registration and registration.person)
    if registration is not None and not form.is_submitted():
        for name in services.REGISTRATION_FIELDS:
            getattr(form, name).data = getattr(registration, name)
    prepare_registration_form(form, event)
    valid = form.validate_on_submit()
    answers = questions.check(form, form.role.data) if form.is_submitted() else None
    if valid and answers is not None:
        data = form_data(form)
        try:
            if registration is None:
                registration = services.register(
                    current_user, event, data, approved=True, notify=False, answers=answers
                )
            else:
                services.update_registration(current_user, registration, data, answers=answers)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(
                url_for(
                    "registration_manage.registration_detail",
                    slug=event.slug,
                    registration_id=registration.id,
                )
            )
    return render_template(
        "registration/manage_form.html",
        event=event,
        form=form,
        registration=registration,
        questions=questions.items(form),
    )


def _post_action(
    event: Event,
    registration_id: int,
    action: Callable[[Actor, Registration], object],
    message: str,
) -> ResponseReturnValue:
    registration = _get(event, registration_id)

    def target() -> str:
        if action is services.delete_registration and registration not in db.session:
            return url_for("registration_manage.registrations_list", slug=event.slug)
        return url_for(
            "registration_manage.registration_detail",
            slug=event.slug,
            registration_id=registration_id,
        )

    return post_action(lambda: action(current_user, registration), target, message)


@bp.route("/events/<slug>/registrations/<int:registration_id>/delete", methods=["POST"])
@organizer_required
def registration_delete(event: Event, registration_id: int) -> ResponseReturnValue:
    return _post_action(event, registration_id, services.delete_registration, _("Deleted."))


@bp.route("/events/<slug>/registrations/<int:registration_id>/approve", methods=["POST"])
@organizer_required
def registration_approve(event: Event, registration_id: int) -> ResponseReturnValue:
    """Approve; a registration that finds no seat stays waiting and the page says so. With
    ``beyond_capacity=1`` and a ``reason``, it gets a seat although the event is full."""
    registration = _get(event, registration_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    reason = None
    if request.form.get("beyond_capacity") == "1":
        reason = (request.form.get("reason") or "").strip()[:500]
        if not reason:
            flash(_("Say why this person gets a seat beyond capacity."), "danger")
            return redirect(_detail_url(event, registration_id))
    try:
        status = services.approve(current_user, registration, beyond_capacity_reason=reason)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(_detail_url(event, registration_id))
    db.session.commit()
    if status is RegistrationStatus.CONFIRMED:
        flash(_("Registration approved."), "success")
    else:
        flash(
            _(
                "Not approved: there is no free seat, so %(name)s stays on the waiting list "
                "(#%(position)s). You may approve beyond capacity below.",
                name=registration.person.full_name,
                position=registration.waitlist_position,
            ),
            "warning",
        )
    return redirect(_detail_url(event, registration_id))


def _detail_url(event: Event, registration_id: int) -> str:
    return url_for(
        "registration_manage.registration_detail", slug=event.slug, registration_id=registration_id
    )


@bp.route("/events/<slug>/registrations/<int:registration_id>/decline", methods=["POST"])
@organizer_required
def registration_decline(event: Event, registration_id: int) -> ResponseReturnValue:
    return _post_action(event, registration_id, services.decline, _("Registration declined."))


@bp.route("/events/<slug>/registrations/<int:registration_id>/cancel", methods=["POST"])
@organizer_required
def registration_cancel(event: Event, registration_id: int) -> ResponseReturnValue:
    return _post_action(event, registration_id, services.cancel, _("Registration cancelled."))


@bp.route("/events/<slug>/registrations/<int:registration_id>/send-link", methods=["POST"])
@organizer_required
def registration_send_link(event: Event, registration_id: int) -> ResponseReturnValue:
    """A new personal link by e-mail; the links sent before stop working."""
    return _post_action(
        event, registration_id, self_service.resend_link, _("A new link has been e-mailed.")
    )


@bp.route("/events/<slug>/registrations/fill-seats", methods=["POST"])
@organizer_required
def registrations_fill_seats(event: Event) -> ResponseReturnValue:
    """Give free seats to the waiting list now (e.g. after the event's capacity was raised)."""
    if not DeleteForm().validate_on_submit():
        abort(400)
    promoted = capacity.fill_free_seats(event.id)
    db.session.commit()
    flash(_("%(n)d registrations promoted from the waiting list.", n=len(promoted)), "success")
    return redirect(url_for("registration_manage.registrations_list", slug=event.slug))


@bp.route("/people/")
@admin_required
def people_list() -> ResponseReturnValue:
    query = db.select(Person).options(
        joinedload(Person.organization), joinedload(Person.jurisdiction)
    )
    q = search_text(request.args.get("q"))
    if (matches := collation.contains_words(Person.search_key, q)) is not None:
        query = query.where(matches)
    page = db.paginate(
        query.order_by(Person.sort_name, Person.id),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template("registration/people_list.html", page=page, q=q, event=None)
