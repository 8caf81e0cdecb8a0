"""Who may do what: one place that knows event roles, used by a decorator on each view."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.events.models import Event
from eventsapp.extensions import db, login_manager


def has_event_role(user: User, event: Event, *roles: EventRoleKind) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    query = db.select(EventRole.id).where(
        EventRole.user_id == user.id, EventRole.event_id == event.id, EventRole.role.in_(roles)
    )
    return db.session.scalar(query.limit(1)) is not None


def can_manage(user: User, event: Event) -> bool:
    return has_event_role(user, event, EventRoleKind.ORGANIZER)


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


def get_event_or_404(slug: str) -> Event:
    event = db.session.scalar(db.select(Event).where(Event.slug == slug))
    if event is None:
        abort(404)
    return event


def event_role_required(*roles: EventRoleKind):
    """Load ``slug`` as ``event`` and require one of ``roles`` on it (admins pass).

    Anonymous visitors are sent to sign in; signed-in users without the role get 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(*args, slug: str, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            event = get_event_or_404(slug)
            if not has_event_role(current_user, event, *roles):
                abort(403)
            return view(*args, event=event, **kwargs)

        return wrapped

    return decorator


organizer_required = event_role_required(EventRoleKind.ORGANIZER)


def admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def backoffice_required(view):
    """Any organizer (of some event) or admin: for shared lists such as jurisdictions."""

    @wraps(view)
    def wrapped(*args, **kwargs):
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


def event_object_or_404(model, event: Event, object_id: int):
    """``model`` row ``object_id`` when it belongs to ``event``; 404 otherwise, so an id of
    another event's object reveals nothing."""
    obj = db.session.get(model, object_id)
    if obj is None or obj.event_id != event.id:
        abort(404)
    return obj
