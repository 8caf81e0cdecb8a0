"""Public sign-up and the signed no-account page where a person sees, edits or cancels
their registration."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from eventsapp.crud import DeleteForm
from eventsapp.db import utcnow
from eventsapp.errors import Conflict, DomainError
from eventsapp.events.services import registration_state
from eventsapp.events.views import public_event_or_404
from eventsapp.extensions import db, limiter
from eventsapp.navigation import add_public_link
from eventsapp.registration import capacity, labels, notifications, services
from eventsapp.registration.forms import (
    SelfEditForm,
    SignupForm,
    form_data,
    prepare_registration_form,
)
from eventsapp.registration.links import registration_from_token, registration_token
from eventsapp.registration.models import Language, RegistrationStatus

bp = Blueprint("registration", __name__)

add_public_link("registration.signup", _l("Register"), 10)


def _errors_from(form, error: DomainError) -> None:
    target = getattr(form, error.field, None) if error.field else None
    (target.errors if target is not None else form.form_errors).append(error.message)


@bp.route("/events/<slug>/register", methods=["GET", "POST"])
@limiter.limit("30/minute;300/hour", methods=["POST"])
def signup(slug: str):
    event = public_event_or_404(slug)
    state = registration_state(event, utcnow())
    form = SignupForm()
    prepare_registration_form(form, event, open_only=True)
    if state != "open":
        return render_template(
            "registration/signup.html", event=event, form=None, state=state, full=_full(event)
        )
    if not form.is_submitted():
        form.preferred_language.data = Language(_current_lang())
    if form.validate_on_submit():
        try:
            registration = services.register(
                None, event, form_data(form), quota_full="waitlist", update_person=False
            )
        except Conflict as error:
            db.session.rollback()
            existing = services.find_registration(event, form.email.data)
            if existing is not None:
                notifications.notify_link(existing)
                db.session.commit()
            form.email.errors.append(error.message)
            form.email.errors.append(
                _("We have sent the link to the existing registration to this address again.")
            )
        except DomainError as error:
            db.session.rollback()
            _errors_from(form, error)
        else:
            token = registration_token(registration)  # before the commit expires it
            db.session.commit()
            return redirect(url_for("registration.confirmation", slug=slug, token=token))
    return render_template(
        "registration/signup.html", event=event, form=form, state=state, full=_full(event)
    )


def _full(event) -> bool:
    """Counted only for a page shown, not for a sign-up that succeeds."""
    return event.capacity is not None and not capacity.event_has_room(event)


def _current_lang() -> str:
    from eventsapp.i18n import current_language

    return current_language()


def _registration_or_404(event, token: str):
    registration = registration_from_token(token, event.id)
    if registration is None:
        abort(404)
    return registration


@bp.route("/events/<slug>/register/thanks/<token>")
def confirmation(slug: str, token: str):
    event = public_event_or_404(slug)
    registration = _registration_or_404(event, token)
    return render_template(
        "registration/confirmation.html",
        event=event,
        registration=registration,
        token=token,
        labels=labels,
    )


@bp.route("/events/<slug>/my-registration/<token>", methods=["GET", "POST"])
def manage_link(slug: str, token: str):
    event = public_event_or_404(slug)
    registration = _registration_or_404(event, token)
    person = registration.person
    form = SelfEditForm(obj=person)
    if not form.is_submitted():
        for name in (
            "needs_interpretation",
            "dietary",
            "accessibility",
            "arrival_date",
            "departure_date",
        ):
            getattr(form, name).data = getattr(registration, name)
    prepare_registration_form(form, event)
    active = registration.status in services.ACTIVE
    if active and form.validate_on_submit():
        try:
            services.update_own_registration(registration, form_data(form))
        except DomainError as error:
            db.session.rollback()
            _errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Your registration has been updated."), "success")
            return redirect(url_for("registration.manage_link", slug=slug, token=token))
    agenda_pdf = None
    if "documents.personal_agenda_pdf" in current_app.view_functions:
        agenda_pdf = url_for("documents.personal_agenda_pdf", slug=slug, token=token)
    return render_template(
        "registration/manage_link.html",
        event=event,
        registration=registration,
        form=form,
        token=token,
        labels=labels,
        active=active,
        cancel_form=DeleteForm(),
        agenda_pdf=agenda_pdf,
        Status=RegistrationStatus,
    )


@bp.route("/events/<slug>/my-registration/<token>/cancel", methods=["POST"])
def cancel_link(slug: str, token: str):
    event = public_event_or_404(slug)
    registration = _registration_or_404(event, token)
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        services.cancel(None, registration)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
    else:
        db.session.commit()
        flash(_("Your registration has been cancelled."), "success")
    return redirect(url_for("registration.manage_link", slug=slug, token=token))
