"""Public pages: upcoming events, an event's page, the language switcher."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, session
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from eventsapp.db import utcnow
from eventsapp.events import labels
from eventsapp.events import privacy as event_privacy
from eventsapp.events.models import Event
from eventsapp.events.services import event_by_slug, registration_state, upcoming_public_events
from eventsapp.http import safe_next
from eventsapp.i18n import LANG_SESSION_KEY

bp = Blueprint("events", __name__)


def public_event_or_404(slug: str) -> Event:
    """Drafts do not exist for the public."""
    event = event_by_slug(slug)
    if event is None or not event.is_public:
        abort(404)
    return event


@bp.route("/")
def index() -> ResponseReturnValue:
    events = upcoming_public_events(utcnow())
    return render_template("events/index.html", events=events, labels=labels)


@bp.route("/events/<slug>")
def event_page(slug: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    return render_template(
        "events/event.html",
        event=event,
        labels=labels,
        registration=registration_state(event, utcnow()),
    )


@bp.route("/events/<slug>/privacy")
def privacy(slug: str) -> ResponseReturnValue:
    """The privacy notice registrants accept: the organizers' text, else the default."""
    event = public_event_or_404(slug)
    return render_template(
        "events/privacy.html",
        event=event,
        notice=event_privacy.custom_notice(event),
        retention_days=event_privacy.retention_days(event),
        kept_until=event_privacy.kept_until(event),
    )


@bp.route("/language", methods=["GET", "POST"])
def set_language() -> ResponseReturnValue:
    """Remember the visitor's language. The switcher in the page header uses plain links
    (GET): the choice concerns only the visitor's own session, so public pages need no CSRF
    token and no session. A POST (from a form) still has to carry its CSRF token."""
    if request.method == "POST":
        FlaskForm().validate_on_submit() or abort(400)
    values = request.form if request.method == "POST" else request.args
    lang = values.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        session[LANG_SESSION_KEY] = lang
    return redirect(safe_next(values.get("next"), "/"))
