"""The head of delegation's portal. A head sees and changes only the delegations they head
(any other id is a 404). Invitations are accepted at auth.accept_invitation."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import joinedload

from eventsapp.auth.models import EventRoleKind
from eventsapp.auth.permissions import (
    event_object_or_404,
    event_role_required,
    has_event_role,
    headed_delegation_ids,
)
from eventsapp.confirm import confirmation_page
from eventsapp.crud import DeleteForm
from eventsapp.delegations import labels, services
from eventsapp.delegations.forms import MemberForm
from eventsapp.delegations.models import Delegation
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.navigation import add_public_link
from eventsapp.questions.fields import Block
from eventsapp.questions.models import QuestionForm
from eventsapp.registration import joining
from eventsapp.registration import labels as registration_labels
from eventsapp.registration import services as registrations
from eventsapp.registration.forms import form_data, prepare_registration_form
from eventsapp.registration.models import Person, Registration

bp = Blueprint("delegations", __name__)

head_required = event_role_required(EventRoleKind.HEAD)


def _may_open_portal(event: Event) -> bool:
    """Visitors not signed in (a head signs in first) and the event's heads."""
    if not current_user.is_authenticated:
        return True
    return has_event_role(current_user, event, EventRoleKind.HEAD)


# Heads of delegation reach their portal from the public event page (sign-in first).
add_public_link("delegations.my_delegations", _l("Delegation portal"), 90, show=_may_open_portal)


def _headed(event: Event, delegation_id: int) -> Delegation:
    if delegation_id not in headed_delegation_ids(current_user, event):
        abort(404)
    return event_object_or_404(Delegation, event, delegation_id)


@bp.route("/events/<slug>/my-delegation/")
@head_required
def my_delegations(event: Event) -> ResponseReturnValue:
    ids = headed_delegation_ids(current_user, event)
    if len(ids) == 1:
        return redirect(url_for("delegations.portal", slug=event.slug, delegation_id=ids.pop()))
    delegations = db.session.scalars(db.select(Delegation).where(Delegation.id.in_(ids))).all()
    return render_template("delegations/my_delegations.html", event=event, delegations=delegations)


@bp.route("/events/<slug>/my-delegation/<int:delegation_id>/")
@head_required
def portal(event: Event, delegation_id: int) -> ResponseReturnValue:
    delegation = _headed(event, delegation_id)
    members = db.session.scalars(
        db.select(Registration)
        .join(Registration.person)
        .options(joinedload(Registration.person))
        .where(Registration.delegation_id == delegation.id)
        .order_by(Person.sort_name, Person.id)
    ).all()
    return render_template(
        "delegations/portal.html",
        event=event,
        delegation=delegation,
        members=members,
        requests=joining.pending_requests(delegation),
        taken=services.seats_taken(delegation),
        labels=labels,
        registration_labels=registration_labels,
        form=DeleteForm(),
        active=registrations.ACTIVE,
    )


def _member_page(
    event: Event, delegation: Delegation, registration: Registration | None = None
) -> ResponseReturnValue:
    questions = Block.load(event, QuestionForm.HEAD, registration)
    form = questions.form(MemberForm, obj=registration.person if registration else None)
    # A head offers the roles the public may choose (speaker or staff badges are the
    # organizers' to give); a role the organizers gave a member stays possible.
    allowed = set(registration_labels.PUBLIC_ROLES) | {registration.role if registration else None}
    form.role.choices = [
        (role.value, label) for role, label in registration_labels.ROLE.items() if role in allowed
    ]
    if registration is not None and not form.is_submitted():
        for name in registrations.REGISTRATION_FIELDS:
            if name != "delegation_id":
                getattr(form, name).data = getattr(registration, name)
    prepare_registration_form(form, event)
    valid = form.validate_on_submit()
    answers = questions.check(form, form.role.data) if form.is_submitted() else None
    if valid and answers is not None:
        data = form_data(form)
        try:
            if registration is None:
                services.add_member(current_user, delegation, data, answers=answers)
            else:
                registrations.update_registration(current_user, registration, data, answers=answers)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(
                url_for("delegations.portal", slug=event.slug, delegation_id=delegation.id)
            )
    return render_template(
        "delegations/member_form.html",
        event=event,
        delegation=delegation,
        form=form,
        registration=registration,
        questions=questions.items(form),
    )


@bp.route("/events/<slug>/my-delegation/<int:delegation_id>/members/new", methods=["GET", "POST"])
@head_required
def member_new(event: Event, delegation_id: int) -> ResponseReturnValue:
    return _member_page(event, _headed(event, delegation_id))


@bp.route(
    "/events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/edit",
    methods=["GET", "POST"],
)
@head_required
def member_edit(event: Event, delegation_id: int, registration_id: int) -> ResponseReturnValue:
    delegation = _headed(event, delegation_id)
    registration = services.member_of(delegation, registration_id) or abort(404)
    return _member_page(event, delegation, registration)


@bp.route(
    "/events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/remove",
    methods=["GET", "POST"],
)
@head_required
def member_remove(event: Event, delegation_id: int, registration_id: int) -> ResponseReturnValue:
    """GET: the confirmation (no JS); POST: the registration is cancelled."""
    delegation = _headed(event, delegation_id)
    registration = services.member_of(delegation, registration_id) or abort(404)
    portal_url = url_for("delegations.portal", slug=event.slug, delegation_id=delegation.id)
    if request.method == "GET":
        name = registration.person.full_name
        return confirmation_page(
            title=_("Remove %(name)s?", name=name),
            consequence=_(REMOVE_CONSEQUENCE, name=name),
            action=request.path,
            button=_("Remove"),
            back=portal_url,
        )
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        registrations.cancel(current_user, registration)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
    else:
        db.session.commit()
        flash(_("Member removed."), "success")
    return redirect(portal_url)


# Translated at run time; the msgid is marked for translation in portal.html, whose dialog
# says the same words.
REMOVE_CONSEQUENCE = (
    "The registration of %(name)s is cancelled and they are told by e-mail; their seat in "
    "the delegation is freed."
)


@bp.route("/events/<slug>/my-delegation/<int:delegation_id>/confirm", methods=["POST"])
@head_required
def confirm(event: Event, delegation_id: int) -> ResponseReturnValue:
    delegation = _headed(event, delegation_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.confirm_delegation(current_user, delegation)
    db.session.commit()
    flash(_("Your delegation is confirmed."), "success")
    return redirect(url_for("delegations.portal", slug=event.slug, delegation_id=delegation.id))
