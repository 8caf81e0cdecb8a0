"""Travel and accommodation pages outside the back office: the registrant's own, through
their personal link, and the head of delegation's, for a member of their delegation.

Both exist only while the event collects travel and accommodation. The signed link opens
its own registration only (another's, another event's, a replaced or expired one: 404); a
head opens only the members of the delegations they head (any other id: 404)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from eventsapp.actor import Actor
from eventsapp.auth.models import EventRoleKind
from eventsapp.auth.permissions import (
    event_object_or_404,
    event_role_required,
    headed_delegation_ids,
)
from eventsapp.delegations.models import Delegation
from eventsapp.delegations.services import member_of
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.events.views import public_event_or_404
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.i18n import use_language
from eventsapp.registration.forms import form_data
from eventsapp.registration.links import registration_from_token
from eventsapp.registration.models import Person, Registration
from eventsapp.registration.services import ACTIVE
from eventsapp.travel.forms import TravelForm
from eventsapp.travel.models import Hotel
from eventsapp.travel.services import EDITABLE, Editor, current_values, save_travel, window

bp = Blueprint("travel", __name__)


def event_hotels(event: Event) -> list[Hotel]:
    return list(
        db.session.scalars(
            db.select(Hotel)
            .where(Hotel.event_id == event.id)
            .options(selectinload(Hotel.blocks))
            .order_by(Hotel.name, Hotel.id)
        )
    )


def sharers_among(
    query: Select[tuple[Registration]], registration: Registration
) -> list[Registration]:
    """Active registrations ``query`` selects (but ``registration``), and whoever it
    already shares with (a choice the organizers made stays possible)."""
    rows = list(
        db.session.scalars(
            query.join(Registration.person)
            .where(Registration.status.in_(ACTIVE), Registration.id != registration.id)
            .options(selectinload(Registration.person))
            .order_by(Person.sort_name, Person.id)
        )
    )
    details = current_values(registration)
    current = details["sharing_with_id"]
    if current is not None and all(r.id != current for r in rows):
        chosen = db.session.get(Registration, current)
        if chosen is not None:  # the row exists (the key is a foreign key)
            rows.append(chosen)
    return rows


def edit_travel(
    event: Event,
    registration: Registration,
    *,
    actor: Actor | None,
    editor: Editor,
    sharers: list[Registration] | None,
    template: str,
    done: str,
    **context: Any,
) -> ResponseReturnValue:
    """The travel form of ``registration``: validate, save through the service, commit once,
    flash (with the organizers' over-booking warnings) and go to ``done``."""
    hotels = event_hotels(event)
    form = TravelForm(data=current_values(registration))
    form.prepare(hotels, sharers)
    editable = editor is Editor.ORGANIZER or registration.status in EDITABLE
    if editable and form.validate_on_submit():
        try:
            warnings = save_travel(actor, registration, form_data(form), editor=editor)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Travel and accommodation saved."), "success")
            for warning in warnings:
                flash(warning, "warning")
            return redirect(done)
    first, last = window(event)
    return render_template(
        template,
        event=event,
        registration=registration,
        form=form,
        hotels=hotels,
        editable=editable,
        window=(first, last),
        **context,
    )


def _link_registration(slug: str, token: str) -> tuple[Event, Registration]:
    event = public_event_or_404(slug)
    registration = registration_from_token(token, event.id)
    if registration is None or not event.collect_travel:
        abort(404)
    use_language(registration.person.preferred_language.value)
    return event, registration


@bp.route("/events/<slug>/my/<token>/travel", methods=["GET", "POST"])
def my_travel(slug: str, token: str) -> ResponseReturnValue:
    event, registration = _link_registration(slug, token)
    url = url_for("travel.my_travel", slug=slug, token=token)
    return edit_travel(
        event,
        registration,
        actor=None,
        editor=Editor.REGISTRANT,
        sharers=None,
        template="travel/my_travel.html",
        done=url,
        back=url_for("registration.manage_link", slug=slug, token=token),
    )


head_required = event_role_required(EventRoleKind.HEAD)


@bp.route(
    "/events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/travel",
    methods=["GET", "POST"],
)
@head_required
def member_travel(event: Event, delegation_id: int, registration_id: int) -> ResponseReturnValue:
    if delegation_id not in headed_delegation_ids(current_user, event):
        abort(404)
    delegation = event_object_or_404(Delegation, event, delegation_id)
    registration = member_of(delegation, registration_id)
    if registration is None or not event.collect_travel:
        abort(404)
    portal = url_for("delegations.portal", slug=event.slug, delegation_id=delegation.id)
    members = db.select(Registration).where(Registration.delegation_id == delegation.id)
    return edit_travel(
        event,
        registration,
        actor=current_user,
        editor=Editor.HEAD,
        sharers=sharers_among(members, registration),
        template="travel/member_travel.html",
        done=portal,
        back=portal,
        delegation=delegation,
    )
