"""Back office: the event's switch, its hotels and room blocks (with their use night by
night), every registrant's journey and stay, the rooming lists and the arrivals manifest.

Organizers of THIS event only (``organizer_required`` on each view); a hotel, block or
registration of another event is a 404."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import selectinload

from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.crud import DeleteForm, post_action
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.http import download
from eventsapp.i18n import current_language, localized
from eventsapp.navigation import add_event_menu_entry
from eventsapp.registration.forms import form_data
from eventsapp.registration.models import SEAT_HOLDING, Person, Registration
from eventsapp.travel import hotels as hotel_services
from eventsapp.travel import reports, sheets
from eventsapp.travel.forms import HotelForm, ManifestForm, RoomBlockForm, TravelSettingsForm
from eventsapp.travel.manifest import manifest_of
from eventsapp.travel.manifest_pdf import render_manifest
from eventsapp.travel.models import Hotel, RoomBlock, TravelDetails
from eventsapp.travel.services import Editor, set_collect_travel
from eventsapp.travel.usage import usage_of
from eventsapp.travel.views import edit_travel, event_hotels, sharers_among

bp = Blueprint("travel_manage", __name__, url_prefix="/manage/events/<slug>/travel")

add_event_menu_entry("travel_manage.index", _l("Travel and hotels"), 22, "people")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _private(data: bytes, filename: str, mimetype: str) -> Response:
    """A download of personal data: never kept by a shared cache."""
    response = download(data, mimetype, filename, inline=False)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _index(event: Event) -> str:
    return url_for("travel_manage.index", slug=event.slug)


def _hotel(event: Event, hotel_id: int) -> Hotel:
    return event_object_or_404(Hotel, event, hotel_id)


def _block(event: Event, block_id: int) -> RoomBlock:
    block = db.session.get(RoomBlock, block_id)
    if block is None or block.hotel.event_id != event.id:
        abort(404)
    return block


@bp.route("/", methods=["GET", "POST"])
@organizer_required
def index(event: Event) -> ResponseReturnValue:
    form = TravelSettingsForm(data={"collect_travel": event.collect_travel})
    if form.validate_on_submit():
        set_collect_travel(current_user, event, form.collect_travel.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(_index(event))
    hotels = event_hotels(event)
    usage = usage_of([b for h in hotels for b in h.blocks])
    guests = dict(
        db.session.execute(
            db.select(TravelDetails.hotel_id, db.func.count(TravelDetails.id))
            .join(TravelDetails.registration)
            .where(Registration.event_id == event.id, Registration.status.in_(SEAT_HOLDING))
            .group_by(TravelDetails.hotel_id)
        )
        .tuples()
        .all()
    )
    return render_template(
        "travel/manage_index.html",
        event=event,
        form=form,
        hotels=hotels,
        usage=usage,
        guests=guests,
        manifest_form=ManifestForm(formdata=None),
        delete_form=DeleteForm(),
    )


@bp.route("/travellers")
@organizer_required
def travellers(event: Event) -> ResponseReturnValue:
    page = db.paginate(
        db.select(Registration)
        .join(Registration.person)
        .where(Registration.event_id == event.id, Registration.status.in_(SEAT_HOLDING))
        .options(selectinload(Registration.person))
        .order_by(Person.sort_name, Person.id),
        per_page=100,
    )
    details = {
        d.registration_id: d
        for d in db.session.scalars(
            db.select(TravelDetails)
            .where(TravelDetails.registration_id.in_([r.id for r in page.items]))
            .options(selectinload(TravelDetails.hotel), selectinload(TravelDetails.room_block))
        )
    }
    return render_template("travel/travellers.html", event=event, page=page, details=details)


@bp.route("/registrations/<int:registration_id>", methods=["GET", "POST"])
@organizer_required
def registration_travel(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = event_object_or_404(Registration, event, registration_id)
    if not event.collect_travel:
        abort(404)
    url = url_for(
        "travel_manage.registration_travel", slug=event.slug, registration_id=registration.id
    )
    everyone = db.select(Registration).where(Registration.event_id == event.id)
    return edit_travel(
        event,
        registration,
        actor=current_user,
        editor=Editor.ORGANIZER,
        sharers=sharers_among(everyone, registration),
        template="travel/registration_travel.html",
        done=url,
        back=url_for(
            "registration_manage.registration_detail",
            slug=event.slug,
            registration_id=registration.id,
        ),
    )


@bp.route("/hotels/new", methods=["GET", "POST"])
@bp.route("/hotels/<int:hotel_id>/edit", methods=["GET", "POST"])
@organizer_required
def hotel_form(event: Event, hotel_id: int | None = None) -> ResponseReturnValue:
    hotel = _hotel(event, hotel_id) if hotel_id else None
    form = HotelForm(obj=hotel)
    if form.validate_on_submit():
        try:
            hotel_services.save_hotel(current_user, event, hotel, form_data(form))
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(_index(event))
    title = _("Edit the hotel") if hotel else _("New hotel")
    return render_template("travel/form.html", event=event, form=form, title=title)


@bp.route("/hotels/<int:hotel_id>/delete", methods=["POST"])
@organizer_required
def hotel_delete(event: Event, hotel_id: int) -> ResponseReturnValue:
    hotel = _hotel(event, hotel_id)
    return post_action(lambda: hotel_services.delete_hotel(current_user, hotel), _index(event))


@bp.route("/hotels/<int:hotel_id>/blocks/new", methods=["GET", "POST"])
@bp.route("/blocks/<int:block_id>/edit", methods=["GET", "POST"])
@organizer_required
def block_form(
    event: Event, hotel_id: int | None = None, block_id: int | None = None
) -> ResponseReturnValue:
    block = _block(event, block_id) if block_id else None
    if block is not None:
        hotel = block.hotel
    elif hotel_id is not None:
        hotel = _hotel(event, hotel_id)
    else:  # /blocks/0/edit: no such block
        abort(404)
    form = RoomBlockForm(obj=block)
    if request.method == "GET" and block is None:
        form.first_night.data = form.first_night.data or event.start_date
        form.last_night.data = form.last_night.data or event.end_date
    if form.validate_on_submit():
        try:
            warnings = hotel_services.save_block(current_user, hotel, block, form_data(form))
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            for warning in warnings:
                flash(warning, "warning")
            return redirect(_index(event))
    title = _("Room block at %(hotel)s", hotel=hotel.name)
    return render_template("travel/form.html", event=event, form=form, title=title)


@bp.route("/blocks/<int:block_id>/delete", methods=["POST"])
@organizer_required
def block_delete(event: Event, block_id: int) -> ResponseReturnValue:
    block = _block(event, block_id)
    return post_action(lambda: hotel_services.delete_block(current_user, block), _index(event))


@bp.route("/hotels/<int:hotel_id>/rooming-list.xlsx")
@organizer_required
def rooming_list(event: Event, hotel_id: int) -> ResponseReturnValue:
    hotel = _hotel(event, hotel_id)
    data = sheets.rooming_workbook(reports.rooming_list(hotel), localized(event, "title"))
    return _private(data, f"rooming-list-{event.slug}-{hotel.id}.xlsx", XLSX)


@bp.route("/arrivals.xlsx")
@organizer_required
def arrivals_xlsx(event: Event) -> ResponseReturnValue:
    data = sheets.manifest_workbook(reports.arrivals(event), localized(event, "title"))
    return _private(data, f"arrivals-{event.slug}.xlsx", XLSX)


@bp.route("/arrivals.pdf")
@organizer_required
def arrivals_pdf(event: Event) -> ResponseReturnValue:
    form = ManifestForm(request.args)
    if not form.validate():
        abort(400)
    manifest = manifest_of(
        event, reports.arrivals(event), lang=current_language(), paper=form.paper.data
    )
    return _private(render_manifest(manifest), f"arrivals-{event.slug}.pdf", "application/pdf")
