"""Organizer back office for events, their rooms and tracks, and the shared lists of
jurisdictions and organizations."""

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from eventsapp.auth.forms import TeamMemberForm
from eventsapp.auth.invitations import ROLE_LABELS, event_invitations
from eventsapp.auth.landing import work_places
from eventsapp.auth.models import EventRole, EventRoleKind, Invitation
from eventsapp.auth.permissions import admin_required, organizer_required
from eventsapp.confirm import confirmation_page
from eventsapp.crud import DeleteForm, post_action
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.events import labels
from eventsapp.events import services as event_services
from eventsapp.events import team as team_services
from eventsapp.events.crud_pages import Column, CrudPages
from eventsapp.events.dashboard import dashboard_panels
from eventsapp.events.forms import (
    EventForm,
    EventSettingsForm,
    JurisdictionForm,
    OrganizationForm,
    RoomForm,
    TrackForm,
)
from eventsapp.events.models import Event, Jurisdiction, Organization, Room, Track
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.i18n import localized
from eventsapp.navigation import add_event_menu_entry
from eventsapp.places import country_name, place_choices, place_name
from eventsapp.timezones import to_wall

bp = Blueprint("events_manage", __name__, url_prefix="/manage")

add_event_menu_entry("events_manage.dashboard", _l("Overview"), 0)
add_event_menu_entry("events_manage.edit", _l("Event details"), 1)
add_event_menu_entry("events_manage.settings", _l("Settings"), 2)
add_event_menu_entry("events_manage.team", _l("Team"), 23, "people")
add_event_menu_entry("events_manage.rooms_list", _l("Rooms"), 10)
add_event_menu_entry("events_manage.tracks_list", _l("Tracks"), 11)


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    query = db.select(Event).order_by(Event.start_date.desc(), Event.id)
    if not current_user.is_admin:
        query = query.where(
            Event.id.in_(
                db.select(EventRole.event_id).where(
                    EventRole.user_id == current_user.id,
                    EventRole.role == EventRoleKind.ORGANIZER,
                )
            )
        )
    events = db.session.scalars(query).all()
    return render_template(
        "manage/index.html",
        events=events,
        places=work_places(current_user),
        labels=labels,
        EventRoleKind=EventRoleKind,
    )


def _event_form_data(form: EventForm | EventSettingsForm) -> dict[str, Any]:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


def _save_event_form(event: Event, form: EventForm, template: str) -> ResponseReturnValue:
    if form.validate_on_submit():
        try:
            event_services.save_event(current_user, event, _event_form_data(form))
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("events_manage.dashboard", slug=event.slug))
    return render_template(template, form=form, event=event if event.id else None)


@bp.route("/events/new", methods=["GET", "POST"])
@admin_required
def create() -> ResponseReturnValue:
    return _save_event_form(Event(), EventForm(), "manage/event_form.html")


@bp.route("/events/<slug>/")
@organizer_required
def dashboard(event: Event) -> ResponseReturnValue:
    return render_template(
        "manage/dashboard.html",
        event=event,
        labels=labels,
        panels=dashboard_panels(event, utcnow()),
    )


@bp.route("/events/<slug>/edit", methods=["GET", "POST"])
@organizer_required
def edit(event: Event) -> ResponseReturnValue:
    form = EventForm(obj=event)
    if not form.is_submitted():
        for name in event_services.LOCAL_DATETIME_FIELDS:
            getattr(form, name).data = to_wall(getattr(event, name), event.timezone)
    return _save_event_form(event, form, "manage/event_form.html")


@bp.route("/events/<slug>/settings", methods=["GET", "POST"])
@organizer_required
def settings(event: Event) -> ResponseReturnValue:
    form = EventSettingsForm(obj=event)
    if form.validate_on_submit():
        data = _event_form_data(form) | {"slug": event.slug}
        event_services.save_event(current_user, event, data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("events_manage.settings", slug=event.slug))
    return render_template(
        "manage/event_settings.html",
        form=form,
        event=event,
        delete_consequence=DELETE_EVENT_CONSEQUENCE,
    )


@bp.get("/events/<slug>/delete")
@organizer_required
def delete_confirm(event: Event) -> ResponseReturnValue:
    if not current_user.is_admin:
        abort(403)
    return confirmation_page(
        title=_("Delete %(title)s?", title=localized(event, "title")),
        consequence=DELETE_EVENT_CONSEQUENCE,
        action=url_for("events_manage.delete", slug=event.slug),
        button=_("Delete this event for good"),
        back=url_for("events_manage.settings", slug=event.slug),
    )


DELETE_EVENT_CONSEQUENCE = _l(
    "The event goes with everything it holds: registrations and the personal data given to "
    "it, delegations, the agenda, badges, e-mails and check-ins. Printed badges stop working. "
    "This cannot be undone."
)


@bp.route("/events/<slug>/delete", methods=["POST"])
@organizer_required
def delete(event: Event) -> ResponseReturnValue:
    if not current_user.is_admin:
        abort(403)
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        event_services.delete_event(current_user, event)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("events_manage.settings", slug=event.slug))
    db.session.commit()
    flash(_("Event deleted."), "success")
    return redirect(url_for("events_manage.index"))


@bp.route("/events/<slug>/team", methods=["GET", "POST"])
@organizer_required
def team(event: Event) -> ResponseReturnValue:
    form = TeamMemberForm()
    if form.validate_on_submit():
        email = form.email.data
        assert email is not None  # DataRequired, validated above
        try:
            added = team_services.add_team_member(
                current_user, event, email, EventRoleKind(form.role.data), form.name.data or ""
            )
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            if isinstance(added, Invitation):
                flash(_("Invitation sent to %(email)s.", email=added.email), "success")
            else:
                flash(_("Team member added."), "success")
            return redirect(url_for("events_manage.team", slug=event.slug))
    return render_template(
        "manage/team.html",
        event=event,
        form=form,
        members=team_services.team(event),
        invitations=event_invitations(event.id),
        role_labels=ROLE_LABELS,
        delete_form=DeleteForm(),
    )


@bp.route("/events/<slug>/team/<int:role_id>/remove", methods=["GET", "POST"])
@organizer_required
def team_remove(event: Event, role_id: int) -> ResponseReturnValue:
    """Confirm, then take the role away (a head's too): it stops working at once."""
    grant = team_services.role_of(event, role_id) or abort(404)
    form = DeleteForm()
    if form.validate_on_submit():
        try:
            team_services.remove_role(current_user, grant)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("The role is removed."), "success")
        return redirect(url_for("events_manage.team", slug=event.slug))
    if request.method == "POST":
        abort(400)
    return render_template(
        "manage/team_remove.html", event=event, grant=grant, form=form, role_labels=ROLE_LABELS
    )


@bp.route("/events/<slug>/team/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@organizer_required
def invitation_withdraw(event: Event, invitation_id: int) -> ResponseReturnValue:
    invitation = team_services.invitation_of(event, invitation_id) or abort(404)
    return post_action(
        lambda: team_services.withdraw_invitation(current_user, invitation),
        url_for("events_manage.team", slug=event.slug),
        _("Invitation withdrawn."),
    )


def _prepare_organization_form(form: OrganizationForm, event: Event | None) -> None:
    jurisdictions = db.session.scalars(db.select(Jurisdiction).order_by(Jurisdiction.name))
    form.jurisdiction_id.set_choices(place_choices(jurisdictions))


ROOMS = CrudPages(
    name="rooms",
    model=Room,
    form_class=RoomForm,
    title=_l("Rooms"),
    singular=_l("room"),
    columns=[Column(_l("Name"), lambda r: r.name), Column(_l("Capacity"), lambda r: r.capacity)],
    order_by=lambda: (Room.position, Room.name),
)
TRACKS = CrudPages(
    name="tracks",
    model=Track,
    form_class=TrackForm,
    title=_l("Tracks"),
    singular=_l("track"),
    columns=[
        Column(_l("Name (English)"), lambda t: t.name_en),
        Column(_l("Name (Spanish)"), lambda t: t.name_es),
        Column(_l("Colour"), lambda t: t.color),
    ],
    order_by=lambda: (Track.name_en,),
)
JURISDICTIONS = CrudPages(
    name="jurisdictions",
    model=Jurisdiction,
    form_class=JurisdictionForm,
    title=_l("Jurisdictions"),
    singular=_l("jurisdiction"),
    columns=[
        Column(_l("Name"), lambda j: place_name(j.name)),
        Column(_l("Kind"), lambda j: labels.JURISDICTION_KIND[j.kind]),
        Column(_l("Country"), lambda j: country_name(j.country)),
        Column(_l("Membership"), lambda j: labels.MEMBERSHIP[j.membership]),
    ],
    order_by=lambda: (Jurisdiction.name,),
    event_scoped=False,
    search_fields=("name", "country"),
    permission=admin_required,  # shared by every event: administrators' (issue 11)
)
ORGANIZATIONS = CrudPages(
    name="organizations",
    model=Organization,
    form_class=OrganizationForm,
    title=_l("Organizations"),
    singular=_l("organization"),
    columns=[
        Column(_l("Name"), lambda o: o.name),
        Column(_l("Acronym"), lambda o: o.acronym),
        Column(
            _l("Jurisdiction"), lambda o: place_name(o.jurisdiction.name) if o.jurisdiction else ""
        ),
    ],
    order_by=lambda: (Organization.name,),
    event_scoped=False,
    search_fields=("name", "acronym"),
    prepare_form=_prepare_organization_form,
    permission=admin_required,  # organizers pick from the list; a typed one they map
)

ROOMS.register(bp, "/events/<slug>/rooms")
TRACKS.register(bp, "/events/<slug>/tracks")
JURISDICTIONS.register(bp, "/jurisdictions")
ORGANIZATIONS.register(bp, "/organizations")
