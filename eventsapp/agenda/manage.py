"""Organizer back office: speakers and their availability. Sessions, the schedule editor
and the conflicts page hang on the same blueprint (sessions_manage.py, schedule.py)."""

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
from sqlalchemy.orm import selectinload

from eventsapp import collation, storage
from eventsapp.agenda import (
    overview,  # noqa: F401  (adds its Overview panel)
    photos,
    services,
)
from eventsapp.agenda.forms import AvailabilityForm, SpeakerForm
from eventsapp.agenda.models import Speaker, SpeakerAvailability
from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.crud import DeleteForm, post_action
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from, search_text
from eventsapp.navigation import add_event_menu_entry
from eventsapp.registration.models import Person, Registration

bp = Blueprint("agenda_manage", __name__, url_prefix="/manage/events/<slug>")

add_event_menu_entry("agenda_manage.speakers_list", _l("Speakers"), 30, "programme")
add_event_menu_entry("agenda_manage.sessions_list", _l("Sessions"), 31, "programme")
add_event_menu_entry("agenda_manage.schedule", _l("Schedule"), 32, "programme")
add_event_menu_entry("agenda_manage.conflicts", _l("Conflicts"), 33, "programme")


def event_speaker_or_404(event: Event, speaker_id: int) -> Speaker:
    return event_object_or_404(Speaker, event, speaker_id)


@bp.route("/speakers/")
@organizer_required
def speakers_list(event: Event) -> ResponseReturnValue:
    q = search_text(request.args.get("q"))
    query = (
        db.select(Speaker)
        .join(Person, Speaker.person_id == Person.id)
        .where(Speaker.event_id == event.id)
        .options(selectinload(Speaker.person), selectinload(Speaker.availability))
        .order_by(Person.sort_name, Speaker.id)
    )
    if (matches := collation.contains_words(Person.search_key, q)) is not None:
        query = query.where(matches | Speaker.affiliation.ilike(f"%{q}%"))
    page = db.paginate(query, per_page=current_app.config["PER_PAGE"], error_out=False)
    person_ids = [s.person_id for s in page.items]
    registered = (
        set(
            db.session.scalars(
                db.select(Registration.person_id).where(
                    Registration.event_id == event.id, Registration.person_id.in_(person_ids)
                )
            )
        )
        if person_ids
        else set()
    )
    return render_template(
        "agenda/speakers_list.html",
        event=event,
        page=page,
        q=q,
        registered=registered,
        delete_form=DeleteForm(),
    )


def _speaker_form_view(event: Event, speaker: Speaker) -> ResponseReturnValue:
    form = SpeakerForm()
    if not form.is_submitted() and speaker.id:
        person = speaker.person
        form.process(
            obj=speaker,
            email=person.email,
            honorific=person.honorific,
            given_name=person.given_name,
            family_name=person.family_name,
            position=person.position,
        )
    if form.validate_on_submit():
        upload = form.photo.data
        photo = upload.read(photos.MAX_BYTES + 1) if upload and upload.filename else None
        data = {k: f.data for k, f in form._fields.items() if k not in ("csrf_token", "photo")}
        try:
            services.save_speaker(current_user, event, speaker, data, photo)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(
                url_for("agenda_manage.speaker_edit", slug=event.slug, speaker_id=speaker.id)
            )
    return render_template(
        "agenda/speaker_form.html",
        event=event,
        form=form,
        speaker=speaker,
        availability_form=AvailabilityForm(prefix="window"),
        delete_form=DeleteForm(),
    )


@bp.route("/speakers/new", methods=["GET", "POST"])
@organizer_required
def speaker_new(event: Event) -> ResponseReturnValue:
    return _speaker_form_view(event, Speaker())


@bp.route("/speakers/<int:speaker_id>/edit", methods=["GET", "POST"])
@organizer_required
def speaker_edit(event: Event, speaker_id: int) -> ResponseReturnValue:
    return _speaker_form_view(event, event_speaker_or_404(event, speaker_id))


@bp.route("/speakers/<int:speaker_id>/delete", methods=["POST"])
@organizer_required
def speaker_delete(event: Event, speaker_id: int) -> ResponseReturnValue:
    speaker = event_speaker_or_404(event, speaker_id)
    return post_action(
        lambda: services.delete_speaker(current_user, speaker),
        url_for("agenda_manage.speakers_list", slug=event.slug),
    )


@bp.route("/speakers/<int:speaker_id>/availability", methods=["POST"])
@organizer_required
def availability_add(event: Event, speaker_id: int) -> ResponseReturnValue:
    speaker = event_speaker_or_404(event, speaker_id)
    form = AvailabilityForm(prefix="window")
    if not form.validate_on_submit():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        flash(" ".join(messages) or _("Check the dates."), "danger")
    else:
        starts, ends = form.starts_at.data, form.ends_at.data
        assert starts is not None and ends is not None  # DataRequired, validated above
        try:
            services.add_availability(current_user, event, speaker, starts, ends)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Availability added."), "success")
    return redirect(url_for("agenda_manage.speaker_edit", slug=event.slug, speaker_id=speaker.id))


@bp.route("/speakers/<int:speaker_id>/availability/<int:window_id>/delete", methods=["POST"])
@organizer_required
def availability_delete(event: Event, speaker_id: int, window_id: int) -> ResponseReturnValue:
    speaker = event_speaker_or_404(event, speaker_id)
    window = db.session.get(SpeakerAvailability, window_id)
    if window is None or window.speaker_id != speaker.id:
        abort(404)
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.delete_availability(current_user, event, window)
    db.session.commit()
    flash(_("Deleted."), "success")
    return redirect(url_for("agenda_manage.speaker_edit", slug=event.slug, speaker_id=speaker.id))


@bp.route("/speakers/photos/<name>")
@organizer_required
def speaker_photo(event: Event, name: str) -> ResponseReturnValue:
    if not photos.NAME_PATTERN.match(name):
        abort(404)
    owner = db.session.scalar(
        db.select(Speaker.id).where(Speaker.event_id == event.id, Speaker.photo_filename == name)
    )
    stored = storage.get(name) if owner is not None else None
    if stored is None:
        abort(404)
    return storage.send(stored, private=True)
