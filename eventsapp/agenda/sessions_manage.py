"""Back office: the plain list of sessions with forms (the no-JavaScript way to build the
schedule), publishing, and the conflicts page."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import selectinload

from eventsapp.agenda import labels, services
from eventsapp.agenda.conflicts import Found, all_conflicts
from eventsapp.agenda.forms import SessionForm
from eventsapp.agenda.manage import bp
from eventsapp.agenda.models import AgendaSession, SessionSpeaker, Speaker
from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.crud import DeleteForm
from eventsapp.errors import DomainError
from eventsapp.events.models import Event, Room, Track
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.inputs import id_arg
from eventsapp.registration.models import Person


def event_session_or_404(event: Event, session_id: int) -> AgendaSession:
    return event_object_or_404(AgendaSession, event, session_id)


def prepare_session_form(form: SessionForm, event: Event) -> None:
    rooms = db.session.scalars(
        db.select(Room).where(Room.event_id == event.id).order_by(Room.position, Room.name)
    )
    tracks = db.session.scalars(
        db.select(Track).where(Track.event_id == event.id).order_by(Track.name_en)
    )
    speakers = db.session.scalars(
        db.select(Speaker)
        .join(Person, Speaker.person_id == Person.id)
        .where(Speaker.event_id == event.id)
        .options(selectinload(Speaker.person))
        .order_by(Person.sort_name, Person.id)
    )
    form.set_choices(rooms, tracks, speakers)


def form_data(form: SessionForm) -> dict[str, Any]:
    return {k: f.data for k, f in form._fields.items() if k != "csrf_token"}


def flash_warnings(found: Iterable[Found]) -> None:
    for conflict in found:
        flash(_("Warning: %(message)s", message=conflict.message), "warning")


@bp.route("/sessions/")
@organizer_required
def sessions_list(event: Event) -> ResponseReturnValue:
    sessions = db.session.scalars(
        db.select(AgendaSession)
        .where(AgendaSession.event_id == event.id)
        .options(
            selectinload(AgendaSession.room),
            selectinload(AgendaSession.track),
            selectinload(AgendaSession.speaker_links)
            .selectinload(SessionSpeaker.speaker)
            .selectinload(Speaker.person),
        )
        .order_by(AgendaSession.starts_at, AgendaSession.id)
    ).all()
    return render_template(
        "agenda/sessions_list.html",
        event=event,
        sessions=sessions,
        labels=labels,
        delete_form=DeleteForm(),
    )


def _slot_from_query() -> dict[str, Any]:
    """A free slot clicked in the grid (no-JS link): ?start=YYYY-MM-DDTHH:MM&room=ID."""
    data: dict[str, Any] = {}
    try:
        start = datetime.strptime(request.args.get("start", ""), "%Y-%m-%dT%H:%M")
    except ValueError:
        start = None
    if start is not None:
        data.update(starts_at=start, ends_at=start + timedelta(hours=1))
    room = id_arg("room")
    if room:
        data["room_id"] = room
    return data


def _session_form_view(event: Event, session: AgendaSession) -> ResponseReturnValue:
    if request.method == "GET" and session.id:
        form = SessionForm(data=services.session_data(session, event))
    elif request.method == "GET":
        form = SessionForm(data=_slot_from_query())
    else:
        form = SessionForm()
    prepare_session_form(form, event)
    if form.validate_on_submit():
        try:
            found = services.save_session(current_user, event, session, form_data(form))
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            flash_warnings(found)
            return redirect(url_for("agenda_manage.sessions_list", slug=event.slug))
    return render_template("agenda/session_form.html", event=event, form=form, session=session)


@bp.route("/sessions/new", methods=["GET", "POST"])
@organizer_required
def session_new(event: Event) -> ResponseReturnValue:
    return _session_form_view(event, AgendaSession())


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@organizer_required
def session_edit(event: Event, session_id: int) -> ResponseReturnValue:
    return _session_form_view(event, event_session_or_404(event, session_id))


@bp.route("/sessions/<int:session_id>/delete", methods=["POST"])
@organizer_required
def session_delete(event: Event, session_id: int) -> ResponseReturnValue:
    session = event_session_or_404(event, session_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.delete_session(current_user, session)
    db.session.commit()
    flash(_("Deleted."), "success")
    return redirect(url_for("agenda_manage.sessions_list", slug=event.slug))


@bp.route("/sessions/<int:session_id>/publish", methods=["POST"])
@organizer_required
def session_publish(event: Event, session_id: int) -> ResponseReturnValue:
    session = event_session_or_404(event, session_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    publish = request.form.get("publish", "1") == "1"
    services.set_published(current_user, event, [session.id], publish)
    db.session.commit()
    flash(_("Session published.") if publish else _("Session withdrawn."), "success")
    return redirect(url_for("agenda_manage.sessions_list", slug=event.slug))


@bp.route("/sessions/publish-all", methods=["POST"])
@organizer_required
def sessions_publish_all(event: Event) -> ResponseReturnValue:
    if not DeleteForm().validate_on_submit():
        abort(400)
    count = services.set_published(current_user, event, None, True)
    db.session.commit()
    flash(ngettext("%(num)d session published.", "%(num)d sessions published.", count), "success")
    return redirect(url_for("agenda_manage.sessions_list", slug=event.slug))


@bp.route("/conflicts")
@organizer_required
def conflicts(event: Event) -> ResponseReturnValue:
    found = all_conflicts(event)
    rows = db.session.execute(
        db.select(AgendaSession.id, AgendaSession.title_en, AgendaSession.title_es).where(
            AgendaSession.event_id == event.id
        )
    )
    titles = {row.id: row.title_en or row.title_es for row in rows}
    return render_template("agenda/conflicts.html", event=event, conflicts=found, titles=titles)
