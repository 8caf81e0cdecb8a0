"""Public agenda: day tabs and filters, session pages, speakers, photos, exports."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    render_template,
    request,
)
from flask import session as flask_session
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response as WerkzeugResponse

from eventsapp import storage
from eventsapp.agenda import exports, labels, photos
from eventsapp.agenda.cache import page_cache
from eventsapp.agenda.models import AgendaSession, SessionLanguage, Speaker
from eventsapp.agenda.queries import (
    public_speakers,
    published_session,
    published_sessions,
    rooms_and_tracks,
)
from eventsapp.events.models import Event
from eventsapp.events.views import public_event_or_404
from eventsapp.extensions import db
from eventsapp.http import download, public_feed
from eventsapp.i18n import current_language
from eventsapp.inputs import id_arg
from eventsapp.navigation import add_public_link

bp = Blueprint("agenda", __name__, url_prefix="/events/<slug>")

add_public_link("agenda.agenda", _l("Agenda"), 20)
add_public_link("agenda.speakers", _l("Speakers"), 21)


def by_day(
    event: Event, sessions: Iterable[AgendaSession]
) -> OrderedDict[date, list[AgendaSession]]:
    zone = ZoneInfo(event.timezone)
    days: OrderedDict[date, list[AgendaSession]] = OrderedDict()
    for session in sessions:
        days.setdefault(session.starts_at.astimezone(zone).date(), []).append(session)
    return days


def export_language() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in ("en", "es") else current_language()


@bp.route("/agenda")
def agenda(slug: str) -> ResponseReturnValue:
    # A reader who is not signed in and has no message waiting gets a page that depends only
    # on the address and the language: keep the whole page, and skip even the event query.
    if not current_user.is_authenticated and "_flashes" not in flask_session:
        page_key = ("page", slug, current_language(), request.full_path)
        return page_cache().get_or_render(page_key, lambda: _agenda_page(slug))
    return _agenda_page(slug)


def _agenda_page(slug: str) -> str:
    event = public_event_or_404(slug)
    track_id = id_arg("track")
    room_id = id_arg("room")
    try:
        language = SessionLanguage(request.args.get("language", ""))
    except ValueError:
        language = None
    filters = {"track": track_id, "room": room_id, "language": language.value if language else ""}

    def render_body() -> Markup:
        rooms, tracks = rooms_and_tracks(event)
        sessions = published_sessions(event, track_id=track_id, room_id=room_id, language=language)
        html = render_template(  # autoescaped, like any page
            "agenda/_agenda_body.html",
            event=event,
            days=by_day(event, sessions),
            rooms=rooms,
            tracks=tracks,
            labels=labels,
            filters=filters,
        )
        return Markup(html)  # noqa: S704  (already escaped by Jinja, not user text)

    key = (event.id, current_language(), track_id, room_id, filters["language"])
    body = page_cache().get_or_render(key, render_body)
    return render_template("agenda/public_agenda.html", event=event, body=body)


@bp.route("/agenda/sessions/<int:session_id>")
def session_page(slug: str, session_id: int) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    session = published_session(event, session_id)
    if session is None:
        abort(404)
    return render_template(
        "agenda/public_session.html", event=event, session=session, labels=labels
    )


@bp.route("/speakers")
def speakers(slug: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    return render_template(
        "agenda/public_speakers.html", event=event, speakers=public_speakers(event), labels=labels
    )


@bp.route("/speakers/photos/<name>")
def speaker_photo(slug: str, name: str) -> ResponseReturnValue:
    """A speaker's photo; only for photos of this event's speakers."""
    event = public_event_or_404(slug)
    if not photos.NAME_PATTERN.match(name):
        abort(404)
    owner = db.session.scalar(
        db.select(Speaker.id).where(Speaker.event_id == event.id, Speaker.photo_filename == name)
    )
    if owner is None:
        abort(404)
    stored = storage.get(name)
    if stored is None:
        abort(404)
    return storage.send(stored)


def export_download(event: Event, fmt: str, data: bytes, stem: str = "") -> Response:
    """An export shown inline, named after the event (or ``stem``)."""
    extension = {"ics": "ics", "xml": "xml", "json": "json"}[fmt]
    return download(data, exports.MIME_TYPES[fmt], f"{stem or event.slug}.{extension}")


def _feed(slug: str, fmt: str, stem: str = "") -> WerkzeugResponse:
    event = public_event_or_404(slug)
    data = exports.export(event, fmt, export_language())
    changed = exports.last_changed(event, published_sessions(event))
    return public_feed(data, exports.MIME_TYPES[fmt], f"{stem or event.slug}.{fmt}", changed)


@bp.route("/agenda.ics")
def agenda_ics(slug: str) -> ResponseReturnValue:
    return _feed(slug, "ics")


@bp.route("/schedule.xml")
def schedule_xml(slug: str) -> ResponseReturnValue:
    return _feed(slug, "xml", "schedule")


@bp.route("/schedule.json")
def schedule_json(slug: str) -> ResponseReturnValue:
    return _feed(slug, "json", "schedule")
