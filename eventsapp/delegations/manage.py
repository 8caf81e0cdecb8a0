"""Back office: an event's delegations (list, create, edit, delete) and head invitations."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func
from sqlalchemy.orm import joinedload

from eventsapp.auth.invitations import max_age_days as invitation_days
from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.crud import DeleteForm, post_action
from eventsapp.delegations import (
    labels,
    overview,  # noqa: F401  (adds its Overview panel)
    services,
)
from eventsapp.delegations.forms import DelegationForm, InviteHeadForm
from eventsapp.delegations.models import Delegation
from eventsapp.errors import DomainError
from eventsapp.events.models import Event, Jurisdiction, Organization
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.navigation import add_event_menu_entry
from eventsapp.places import place_choices
from eventsapp.registration.forms import form_data
from eventsapp.registration.models import SEAT_HOLDING, Person, Registration
from eventsapp.registration.services import ACTIVE

bp = Blueprint("delegations_manage", __name__, url_prefix="/manage")

add_event_menu_entry("delegations_manage.delegations_list", _l("Delegations"), 21, "people")


def _get(event: Event, delegation_id: int) -> Delegation:
    return event_object_or_404(Delegation, event, delegation_id)


@bp.route("/events/<slug>/delegations/")
@organizer_required
def delegations_list(event: Event) -> ResponseReturnValue:
    taken = dict(
        db.session.execute(
            db.select(Registration.delegation_id, func.count(Registration.id))
            .where(Registration.event_id == event.id, Registration.status.in_(SEAT_HOLDING))
            .group_by(Registration.delegation_id)
        )
        .tuples()
        .all()
    )
    requests = dict(
        db.session.execute(
            db.select(Registration.requested_delegation_id, func.count(Registration.id))
            .where(Registration.event_id == event.id, Registration.status.in_(ACTIVE))
            .group_by(Registration.requested_delegation_id)
        )
        .tuples()
        .all()
    )
    delegations = db.session.scalars(
        db.select(Delegation)
        .where(Delegation.event_id == event.id)
        .options(
            joinedload(Delegation.jurisdiction),
            joinedload(Delegation.organization),
            joinedload(Delegation.head),
        )
    ).all()
    delegations = sorted(
        delegations, key=lambda d: (d.protocol_position is None, d.protocol_position or 0, d.name)
    )
    return render_template(
        "delegations/manage_list.html",
        event=event,
        delegations=delegations,
        taken=taken,
        requests=requests,
        labels=labels,
        delete_form=DeleteForm(),
    )


def _prepare(form: DelegationForm, event: Event, delegation: Delegation | None) -> None:
    form.jurisdiction_id.set_choices(
        place_choices(db.session.scalars(db.select(Jurisdiction).order_by(Jurisdiction.name)))
    )
    form.organization_id.set_choices(
        (o.id, o.name)
        for o in db.session.scalars(db.select(Organization).order_by(Organization.name))
    )
    # Only this event's own records of people, registered ones (a head may also be invited).
    people = set(
        db.session.scalars(
            db.select(Person)
            .join(Registration)
            .where(Person.event_id == event.id, Registration.event_id == event.id)
        )
    )
    if delegation is not None and delegation.head is not None:
        people.add(delegation.head)
    form.head_person_id.set_choices(
        (p.id, f"{p.full_name} <{p.email}>") for p in sorted(people, key=lambda p: p.sort_key)
    )


@bp.route("/events/<slug>/delegations/new", methods=["GET", "POST"])
@bp.route("/events/<slug>/delegations/<int:delegation_id>/edit", methods=["GET", "POST"])
@organizer_required
def delegation_form(event: Event, delegation_id: int | None = None) -> ResponseReturnValue:
    delegation = _get(event, delegation_id) if delegation_id else None
    form = DelegationForm(obj=delegation)
    _prepare(form, event, delegation)
    if form.validate_on_submit():
        try:
            services.save_delegation(
                current_user, event, delegation or Delegation(), form_data(form)
            )
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("delegations_manage.delegations_list", slug=event.slug))
    return render_template(
        "delegations/manage_form.html", event=event, form=form, delegation=delegation
    )


@bp.route("/events/<slug>/delegations/<int:delegation_id>/delete", methods=["POST"])
@organizer_required
def delegation_delete(event: Event, delegation_id: int) -> ResponseReturnValue:
    delegation = _get(event, delegation_id)
    return post_action(
        lambda: services.delete_delegation(current_user, delegation),
        url_for("delegations_manage.delegations_list", slug=event.slug),
    )


@bp.route("/events/<slug>/delegations/<int:delegation_id>/invite", methods=["GET", "POST"])
@organizer_required
def delegation_invite(event: Event, delegation_id: int) -> ResponseReturnValue:
    delegation = _get(event, delegation_id)
    head = delegation.head
    form = InviteHeadForm(obj=head)
    if form.validate_on_submit():
        try:
            services.invite_head(current_user, delegation, form_data(form))
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(
                _("Invitation sent to %(email)s.", email=(form.email.data or "").lower()), "success"
            )
            return redirect(url_for("delegations_manage.delegations_list", slug=event.slug))
    return render_template(
        "delegations/invite.html",
        event=event,
        form=form,
        delegation=delegation,
        days=invitation_days(),
    )
