"""Who may do what: one place that knows event roles, used by a decorator on each view.

auth sits below events, so it does not import the Event model: the decorator finds the event
of a URL's ``slug`` through the loader the events package hands over at start-up
(``event_loader``, as Flask-Login's ``user_loader``); anything with an ``id`` is an event
here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask.typing import ResponseReturnValue
from flask_login import current_user

from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.extensions import db, login_manager
from eventsapp.http import View


def has_event_role(user: User, event: Event, *roles: EventRoleKind) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    query = db.select(EventRole.id).where(
        EventRole.user_id == user.id, EventRole.event_id == event.id, EventRole.role.in_(roles)
    )
    return db.session.scalar(query.limit(1)) is not None


def headed_delegation_ids(user: User, event: Event) -> set[int]:
    if not user.is_authenticated:
        return set()
    rows = db.session.scalars(
        db.select(EventRole.delegation_id).where(
            EventRole.user_id == user.id,
            EventRole.event_id == event.id,
            EventRole.role == EventRoleKind.HEAD,
        )
    )
    return {r for r in rows if r is not None}


Event = Any  # an event row (eventsapp.events.models.Event), known here by its ``id``
_load_event: Callable[[str], Any] | None = None


def event_loader(load: Callable[[str], Any]) -> Callable[[str], Any]:
    """Set how the decorator finds the event of a slug (None when there is none)."""
    global _load_event
    _load_event = load
    return load


def get_event_or_404(slug: str) -> Event:
    if _load_event is None:
        raise RuntimeError("no event loader (create_app hands over events' event_by_slug)")
    event = _load_event(slug)
    if event is None:
        abort(404)
    return event


def event_role_required(*roles: EventRoleKind) -> Callable[[View], View]:
    """Load ``slug`` as ``event`` and require one of ``roles`` on it (admins pass).

    Anonymous visitors are sent to sign in; signed-in users without the role get 403.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, slug: str, **kwargs: Any) -> ResponseReturnValue:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            event = get_event_or_404(slug)
            if not has_event_role(current_user, event, *roles):
                abort(403)
            return view(*args, event=event, **kwargs)

        return wrapped

    return decorator


organizer_required = event_role_required(EventRoleKind.ORGANIZER)


def admin_required(view: View) -> View:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def backoffice_required(view: View) -> View:
    """Any organizer (of some event) or admin: for shared lists such as jurisdictions."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not (current_user.is_admin or is_organizer_anywhere(current_user)):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def is_organizer_anywhere(user: User) -> bool:
    query = db.select(EventRole.id).where(
        EventRole.user_id == user.id, EventRole.role == EventRoleKind.ORGANIZER
    )
    return db.session.scalar(query.limit(1)) is not None


_Owned = TypeVar("_Owned")  # a mapped class with an ``event_id``


def event_object_or_404(model: type[_Owned], event: Event, object_id: int) -> _Owned:
    """``model`` row ``object_id`` when it belongs to ``event``; 404 otherwise, so an id of
    another event's object reveals nothing."""
    obj = db.session.get(model, object_id)
    if obj is None or getattr(obj, "event_id", None) != event.id:
        abort(404)
    return obj


def menu_audiences(user: User, event: Event) -> set[str]:
    """Who ``user`` is on ``event`` for the back-office menu (eventsapp.navigation):
    "organizer" and "staff" for its organizers and admins, "staff" for check-in staff."""
    if not user.is_authenticated:
        return set()
    if has_event_role(user, event, EventRoleKind.ORGANIZER):
        return {"organizer", "staff"}
    if has_event_role(user, event, EventRoleKind.CHECKIN):
        return {"staff"}
    return set()
