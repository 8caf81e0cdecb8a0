"""Issuing, revoking and checking personal API tokens.

A token is one user's key to one event. Its scopes are capped by the user's role there:
organizers may hold any scope, check-in staff only ``checkin``; a token whose user lost the
role loses the scopes with it at once (checked on every request), and a revoked token stops
at once. Only a SHA-256 digest is stored (the token is 256 random bits), so the token itself
is shown once, when it is made."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from eventsapp.api.models import ApiToken, Scope
from eventsapp.audit.services import record
from eventsapp.auth.models import EventRoleKind, User, token_digest
from eventsapp.auth.permissions import has_event_role
from eventsapp.db import utcnow
from eventsapp.errors import DomainError, PermissionDenied
from eventsapp.events.models import Event
from eventsapp.extensions import db

TOKEN_PREFIX = "eva_"  # noqa: S105  (a marker that tells our tokens apart, not a secret)
# last_used_at is written at most this often, so that a busy client does not turn every
# read into a write on one row.
USE_STAMP_EVERY = timedelta(minutes=1)


def allowed_scopes(user: User, event: Event) -> set[Scope]:
    if has_event_role(user, event, EventRoleKind.ORGANIZER):
        return set(Scope)
    if has_event_role(user, event, EventRoleKind.CHECKIN):
        return {Scope.CHECKIN}
    return set()


def issue(actor: User, event: Event, name: str, scopes: set[Scope]) -> tuple[ApiToken, str]:
    """A new token of ``actor`` for ``event``; returns the row and the token (shown once)."""
    name = name.strip()
    if not name:
        raise DomainError(_l("Give the token a name."), field="name")
    if not scopes:
        raise DomainError(_l("Choose at least one permission."), field="scopes")
    if not scopes <= allowed_scopes(actor, event):
        raise PermissionDenied(_l("Your role on this event does not allow these permissions."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=actor.id,
        event_id=event.id,
        name=name[:100],
        scopes=" ".join(sorted(scope.value for scope in scopes)),
        digest=token_digest(secret),
        prefix=secret[:12],
    )
    db.session.add(token)
    db.session.flush()
    record(actor, "create", token, summary=f"API token {token.name}: {token.scopes}")
    return token, secret


def revoke(actor: User, token: ApiToken) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    record(actor, "revoke", token, summary=f"API token {token.name}")


def tokens_of(event: Event, user: User | None = None) -> list[ApiToken]:
    """The event's tokens (one user's, when given), newest first."""
    query = db.select(ApiToken).where(ApiToken.event_id == event.id)
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return list(db.session.scalars(query.order_by(ApiToken.id.desc())))


def authenticate(secret: str) -> tuple[ApiToken, set[Scope]] | None:
    """The active token behind ``secret`` and the scopes it still has (None: no such token,
    revoked, or its user is disabled)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(
        db.select(ApiToken)
        .where(ApiToken.digest == token_digest(secret))
        .options(joinedload(ApiToken.user), joinedload(ApiToken.event))  # both needed: one query
    )
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    scopes = token.scope_set & allowed_scopes(token.user, token.event)
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > USE_STAMP_EVERY:
        token.last_used_at = now
    return token, scopes
