"""JSON check-in for the desk page's script, kiosks and handheld scanners.

Authentication: the staff member's session cookie (sign in at /login). Every POST also
carries the CSRF token in the ``X-CSRFToken`` header; ``GET /api/events/<slug>/checkin``
hands it out together with the desk configuration. Errors are JSON too: 401 when not signed
in, 403 without the organizer or check-in role on the event, 404 for an unknown event,
400 for a missing or bad CSRF token or body.

``POST /api/events/<slug>/checkin`` body: ``{"token": "<badge QR text>"}`` or
``{"registration_id": 12}`` (a search hit); optional ``"desk"`` and ``"session_id"``
(attendance mode), defaulting to the desk saved on the check-in page. Answer: the scan
state (see present.describe): ``state``, ``colour``, ``headline``, ``message``, ``name``,
``delegation``, ``role``, ``at``, ``desk``...
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, generate_csrf

from eventsapp.agenda.models import AgendaSession
from eventsapp.auth.models import EventRoleKind
from eventsapp.auth.permissions import has_event_role
from eventsapp.checkin import desk as desk_state
from eventsapp.checkin import labels, queries, services
from eventsapp.checkin.present import describe
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.events.services import event_by_slug
from eventsapp.extensions import csrf, db
from eventsapp.forms import plain_text_error
from eventsapp.http import View
from eventsapp.signing import signing_keys

bp = Blueprint("checkin_api", __name__, url_prefix="/api/events/<slug>/checkin")
csrf.exempt(bp)  # checked in api_staff_required, after authentication, to answer 401 first


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify({"error": message}), status


def api_staff_required(view: View) -> View:
    @wraps(view)
    def wrapped(*args: Any, slug: str, **kwargs: Any) -> ResponseReturnValue:
        if not current_user.is_authenticated:
            return _error(401, _("Please sign in."))
        event = event_by_slug(slug)
        if event is None:
            return _error(404, _("No such event."))
        if not has_event_role(current_user, event, EventRoleKind.ORGANIZER, EventRoleKind.CHECKIN):
            return _error(403, _("You are not check-in staff for this event."))
        if request.method == "POST" and current_app.config.get("WTF_CSRF_ENABLED", True):
            try:
                csrf.protect()
            except CSRFError as error:
                return _error(400, error.description)
        return view(*args, event=event, **kwargs)

    return wrapped


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def _desk_and_session(event: Event, body: dict[str, Any]) -> tuple[str, AgendaSession | None]:
    desk = body["desk"] if isinstance(body.get("desk"), str) else desk_state.desk_name(event)
    if (message := plain_text_error(desk)) is not None:
        raise DomainError(message, field="desk")
    if "session_id" in body:
        session = services.event_session(event, body["session_id"])
        if body["session_id"] not in (None, "") and session is None:
            raise DomainError(_("No such session at this event."))
    else:
        session = desk_state.desk_session(event)
    return desk, session


@bp.get("")
@api_staff_required
def config(event: Event) -> ResponseReturnValue:
    session = desk_state.desk_session(event)
    return jsonify(
        {
            "csrf_token": generate_csrf(),
            "desk": desk_state.desk_name(event),
            "session_id": session.id if session else None,
        }
    )


@bp.post("")
@api_staff_required
def scan(event: Event) -> ResponseReturnValue:
    body = _body()
    try:
        desk, session = _desk_and_session(event, body)
    except DomainError as error:
        return _error(400, error.message)
    if "registration_id" in body:
        registration = services.event_registration(event, body["registration_id"])
        if registration is None:
            return _error(404, _("No such registration at this event."))
        result = services.admit(registration, actor=current_user, desk=desk, session=session)
    else:
        token = body.get("token")
        if not isinstance(token, str) or not token.strip():
            return _error(400, _('Send the badge code as "token".'))
        result = services.scan(
            event,
            token,
            actor=current_user,
            desk=desk,
            secret=signing_keys(),
            session=session,
        )
    answer = describe(result, event)  # before the commit expires what it reads
    db.session.commit()
    return jsonify(answer)


@bp.post("/undo")
@api_staff_required
def undo(event: Event) -> ResponseReturnValue:
    body = _body()
    registration = services.event_registration(event, body.get("registration_id"))
    if registration is None:
        return _error(404, _("No such registration at this event."))
    try:
        desk, session = _desk_and_session(event, body)
        result = services.take_back(registration, actor=current_user, desk=desk, session=session)
    except DomainError as error:
        db.session.rollback()
        return _error(error.status_code, error.message)
    answer = describe(result, event)
    db.session.commit()
    return jsonify(answer)


@bp.get("/search")
@api_staff_required
def search(event: Event) -> ResponseReturnValue:
    found = queries.search(event, request.args.get("q", "")[:100])
    return jsonify(
        {
            "results": [
                {
                    "registration_id": r.id,
                    "name": r.person.full_name,
                    "delegation": r.delegation.name if r.delegation is not None else "",
                    "role": labels.role_label(r.role, r.person),
                    "status": str(labels.STATUS[r.status]),
                    "checked_in": r.checked_in_at is not None,
                }
                for r in found
            ]
        }
    )


@bp.get("/arrivals")
@api_staff_required
def arrivals(event: Event) -> ResponseReturnValue:
    tally = queries.arrivals(event, labels.ROLE, _("No delegation"))

    def rows(tallies: list[queries.Tally]) -> list[dict[str, Any]]:
        return [
            {"label": t.label, "expected": t.expected, "arrived": t.arrived, "missing": t.missing}
            for t in tallies
        ]

    return jsonify(
        {
            "expected": tally.total.expected,
            "arrived": tally.total.arrived,
            "by_role": rows(tally.by_role),
            "by_delegation": rows(tally.by_delegation),
            "delegations_missing": rows(tally.delegations_missing),
        }
    )
