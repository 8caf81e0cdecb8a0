"""Public sign-up and the signed no-account page where a person sees, edits or cancels
their registration. No page reached without the link says whether an address is
registered, and none shows a link: links travel only by e-mail to the address on file."""

import json

from flask import (
    Blueprint,
    Response,
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

from eventsapp.confirm import confirmation_page
from eventsapp.crud import DeleteForm
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.events.services import registration_state
from eventsapp.events.views import public_event_or_404
from eventsapp.extensions import db, limiter
from eventsapp.forms import form_errors_from
from eventsapp.i18n import localized, use_language
from eventsapp.navigation import add_public_link
from eventsapp.questions.fields import Block
from eventsapp.questions.models import QuestionForm
from eventsapp.questions.services import answers_open, event_with_questions
from eventsapp.registration import capacity, labels, privacy, self_service, services
from eventsapp.registration.forms import (
    LinkRequestForm,
    SelfEditForm,
    SignupForm,
    form_data,
    prepare_posted_choices,
    prepare_registration_form,
)
from eventsapp.registration.links import LinkCheck, LinkState, check_token, link_expires_on
from eventsapp.registration.models import Language, Registration, RegistrationStatus

bp = Blueprint("registration", __name__)

add_public_link("registration.signup", _l("Register"), 10)


@bp.route("/events/<slug>/register", methods=["GET", "POST"])
@limiter.limit("30/minute;300/hour", methods=["POST"])
def signup(slug: str) -> ResponseReturnValue:
    # The event and its questions in one query: a sign-up to an event without questions
    # asks the database nothing more than before questions existed.
    event, asked = event_with_questions(slug, form=QuestionForm.PUBLIC)
    if event is None or not event.is_public:
        abort(404)
    state = registration_state(event, utcnow())
    questions = Block(asked, {})
    form = questions.form(SignupForm)
    if state != "open":
        return render_template(
            "registration/signup.html", event=event, form=None, state=state, full=_full(event)
        )
    if form.is_submitted():
        prepare_posted_choices(form, event)  # the whole lists only for a page shown
    else:
        form.preferred_language.data = Language(_current_lang())
    valid = form.validate_on_submit()
    answers = questions.check(form, form.role.data) if form.is_submitted() else None
    if valid and answers is not None:
        try:
            self_service.sign_up(event, form_data(form), answers)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            return redirect(url_for("registration.check_email", slug=slug))
    prepare_registration_form(form, event, open_only=True)
    return render_template(
        "registration/signup.html",
        event=event,
        form=form,
        state=state,
        full=_full(event),
        questions=questions.items(form),
    )


def _full(event: Event) -> bool:
    """Counted only for a page shown, not for a sign-up that succeeds."""
    return event.capacity is not None and not capacity.event_has_room(event)


def _current_lang() -> str:
    from eventsapp.i18n import current_language

    return current_language()


@bp.route("/events/<slug>/register/check-your-email")
def check_email(slug: str) -> ResponseReturnValue:
    """The one answer to a sign-up or a link request, whoever the address belongs to."""
    event = public_event_or_404(slug)
    return render_template("registration/check_email.html", event=event)


@bp.route("/events/<slug>/my-registration", methods=["GET", "POST"])
@limiter.limit("10/minute;60/hour", methods=["POST"])
def request_link(slug: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    form = LinkRequestForm()
    if form.validate_on_submit():
        self_service.request_link(event, form.email.data or "")  # DataRequired: never empty
        db.session.commit()
        return redirect(url_for("registration.check_email", slug=slug))
    return render_template("registration/request_link.html", event=event, form=form)


def _valid_registration_or_404(event: Event, token: str) -> Registration:
    check = check_token(token, event.id)
    if not check.valid or check.registration is None:  # a valid link has its registration
        abort(404)
    use_language(check.registration.person.preferred_language.value)
    return check.registration


def _dead_link_page(event: Event, token: str, check: LinkCheck) -> ResponseReturnValue:
    """A genuine link that no longer works says why; a replaced one offers a fresh link to
    the address on file (without showing it)."""
    if check.state is LinkState.INVALID:
        abort(404)
    return (
        render_template(
            "registration/link_dead.html",
            event=event,
            token=token,
            replaced=check.state is LinkState.REPLACED,
            expired_on=link_expires_on(event),
            form=DeleteForm(),
        ),
        410,
    )


@bp.route("/events/<slug>/my-registration/<token>", methods=["GET", "POST"])
def manage_link(slug: str, token: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    check = check_token(token, event.id)
    registration = check.registration
    if not check.valid or registration is None:  # a valid link always has its registration
        return _dead_link_page(event, token, check)
    person = registration.person
    use_language(person.preferred_language.value)
    role = registration.role.value
    questions = Block.load(
        event, QuestionForm.PUBLIC, registration, role=role, editable=answers_open(event)
    )
    form = questions.form(SelfEditForm, obj=person)
    if not form.is_submitted():
        for name in services.REGISTRATION_FIELDS:
            if name in form:
                getattr(form, name).data = getattr(registration, name)
    prepare_registration_form(form, event)
    active = registration.status in services.ACTIVE
    valid = active and form.validate_on_submit()
    answers = questions.check(form, role) if active and form.is_submitted() else None
    if valid and answers is not None:
        try:
            self_service.update_own_registration(registration, form_data(form), answers)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Your registration has been updated."), "success")
            return redirect(url_for("registration.manage_link", slug=slug, token=token))
    workshops_url = None
    if "agenda.my_agenda" in current_app.view_functions:
        workshops_url = url_for("agenda.my_agenda", slug=slug, token=token)
    agenda_pdf = documents_page = None
    if "documents.personal_agenda_pdf" in current_app.view_functions:
        agenda_pdf = url_for("documents.personal_agenda_pdf", slug=slug, token=token)
    if "documents.my_documents" in current_app.view_functions:
        documents_page = url_for("documents.my_documents", slug=slug, token=token)
    travel_url = None  # the travel section, while the event collects it
    if event.collect_travel and "travel.my_travel" in current_app.view_functions:
        travel_url = url_for("travel.my_travel", slug=slug, token=token)
    return render_template(
        "registration/manage_link.html",
        event=event,
        registration=registration,
        form=form,
        token=token,
        labels=labels,
        active=active,
        can_register_again=(
            registration.status is RegistrationStatus.CANCELLED
            and registration_state(event, utcnow()) == "open"
        ),
        cancel_form=DeleteForm(),
        cancel_consequence=self_cancel_consequence(event),
        agenda_pdf=agenda_pdf,
        workshops_url=workshops_url,
        documents_page=documents_page,
        questions=questions,
        travel_url=travel_url,
        expires_on=link_expires_on(event),
        Status=RegistrationStatus,
    )


def self_cancel_consequence(event: Event) -> str:
    return _(
        "Your registration for %(event)s is cancelled and your seat goes to the waiting list; "
        "this link stops working. You may register again while registration is open.",
        event=localized(event, "title"),
    )


@bp.route("/events/<slug>/my-registration/<token>/data.json")
def download_data(slug: str, token: str) -> ResponseReturnValue:
    """A copy of what the person gave to this event, only through a working link."""
    event = public_event_or_404(slug)
    registration = _valid_registration_or_404(event, token)
    body = json.dumps(privacy.personal_data(registration), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{event.slug}-my-data.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/events/<slug>/my-registration/<token>/new-link", methods=["POST"])
@limiter.limit("10/minute", methods=["POST"])
def new_link(slug: str, token: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    check = check_token(token, event.id)
    registration = check.registration  # set for a valid or a replaced link
    if (
        check.state not in (LinkState.VALID, LinkState.REPLACED)
        or registration is None
        or not DeleteForm().validate()
    ):
        abort(404)
    self_service.send_link(None, registration)
    db.session.commit()
    return redirect(url_for("registration.check_email", slug=slug))


@bp.route("/events/<slug>/my-registration/<token>/cancel", methods=["GET", "POST"])
def cancel_link(slug: str, token: str) -> ResponseReturnValue:
    """GET: the confirmation (no JS); POST: the registration is cancelled."""
    event = public_event_or_404(slug)
    registration = _valid_registration_or_404(event, token)
    if request.method == "GET":
        return confirmation_page(
            title=_("Cancel my registration"),
            consequence=self_cancel_consequence(event),
            action=request.path,
            button=_("Yes, cancel my registration"),
            back=url_for("registration.manage_link", slug=slug, token=token),
        )
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        services.cancel(None, registration)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
        return redirect(url_for("registration.manage_link", slug=slug, token=token))
    db.session.commit()
    return render_template("registration/cancelled.html", event=event)


@bp.route("/events/<slug>/my-registration/<token>/register-again", methods=["POST"])
def register_again(slug: str, token: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    registration = _valid_registration_or_404(event, token)
    if not DeleteForm().validate_on_submit() or registration_state(event, utcnow()) != "open":
        abort(400)
    try:
        self_service.register_again(registration)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
    else:
        db.session.commit()
        flash(_("You are registered again."), "success")
    return redirect(url_for("registration.manage_link", slug=slug, token=token))
