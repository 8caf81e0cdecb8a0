"""Accounts: creation, authentication, roles on events."""

from __future__ import annotations

from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.auth.models import EventRole, EventRoleKind, User, new_session_token
from eventsapp.auth.password_policy import check_password_policy
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.inputs import normalize_email


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def create_user(
    email: str,
    password: str,
    *,
    name: str = "",
    is_admin: bool = False,
    actor: Actor | None = None,
    event_id: int | None = None,
) -> User:
    email = normalize_email(email)
    if find_user(email) is not None:
        raise DomainError(_l("An account with this e-mail already exists."), field="email")
    check_password_policy(password)
    user = User(email=email, name=name, is_admin=is_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, "create", user, event_id=event_id, summary=email)
    return user


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not the password of any account")


def spend_password_check() -> None:
    """Compute one password hash for nothing: an unknown or inactive account takes as long
    to refuse as a wrong password, so timing does not tell which accounts exist."""
    check_password_hash(_dummy_hash(), "not the password either")


def authenticate(email: str, password: str) -> User:
    """The active user with these credentials, or a DomainError that says nothing more.
    Exactly one password hash runs whatever the address (see spend_password_check)."""
    user = find_user(email)
    if user is None or not user.active or not user.password_hash:
        spend_password_check()
        raise DomainError(_l("Unknown e-mail or wrong password."), field="password")
    if not user.check_password(password):
        raise DomainError(_l("Unknown e-mail or wrong password."), field="password")
    user.last_login_at = utcnow()
    return user


def change_password(user: User, current_password: str, new_password: str) -> User:
    """A signed-in user's new password; the current one is required. Every session of the
    user ends (new session token): the caller signs the current one in again."""
    if not user.check_password(current_password):
        raise DomainError(_l("This is not your current password."), field="current_password")
    if new_password == current_password:
        raise DomainError(_l("Choose a password different from the current one."), field="password")
    check_password_policy(new_password)
    user.set_password(new_password)
    record(user, "password_change", user, summary=user.email)
    return user


def end_all_sessions(user: User) -> None:
    """Sign the user out everywhere: sessions carry the old token and no longer load."""
    user.session_token = new_session_token()
    db.session.flush()


def grant_role(
    actor: Actor, user: User, event_id: int, role: EventRoleKind, delegation_id: int | None = None
) -> EventRole:
    existing = db.session.scalar(
        select(EventRole).where(
            EventRole.user_id == user.id,
            EventRole.event_id == event_id,
            EventRole.role == role,
            EventRole.delegation_id.is_(None)
            if delegation_id is None
            else EventRole.delegation_id == delegation_id,
        )
    )
    if existing is not None:
        return existing
    grant = EventRole(user=user, event_id=event_id, role=role, delegation_id=delegation_id)
    db.session.add(grant)
    db.session.flush()
    record(actor, "grant", grant, summary=f"{user.email}: {role.value}")
    return grant


def revoke_role(actor: Actor, grant: EventRole) -> None:
    """Take a role away; it stops working at the user's next request."""
    record(
        actor,
        "revoke",
        grant,
        event_id=grant.event_id,
        summary=f"{grant.user.email}: {grant.role.value}",
    )
    db.session.delete(grant)
    db.session.flush()


def revoke_head_roles(actor: Actor, delegation_id: int, *, keep_email: str | None = None) -> int:
    """Remove the HEAD roles on ``delegation_id`` of everyone but ``keep_email`` (the
    delegation's new head): a replaced head loses the portal at once."""
    keep = normalize_email(keep_email) if keep_email else None
    grants = db.session.scalars(
        db.select(EventRole).where(
            EventRole.role == EventRoleKind.HEAD, EventRole.delegation_id == delegation_id
        )
    ).all()
    removed = 0
    for grant in grants:
        if grant.user.email != keep:
            revoke_role(actor, grant)
            removed += 1
    return removed
