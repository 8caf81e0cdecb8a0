"""Accounts: creation, authentication, roles on events."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventsapp.audit.services import record
from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.extensions import db

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH), field="password"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise DomainError(
            _l("Use at most %(n)d characters.", n=MAX_PASSWORD_LENGTH), field="password"
        )


def find_user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalize_email(email)))


def create_user(
    email: str, password: str, *, name: str = "", is_admin: bool = False, actor=None
) -> User:
    email = normalize_email(email)
    if find_user(email) is not None:
        raise DomainError(_l("An account with this e-mail already exists."), field="email")
    check_password_policy(password)
    user = User(email=email, name=name, is_admin=is_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, "create", user, summary=email)
    return user


def authenticate(email: str, password: str) -> User:
    """The active user with these credentials, or a DomainError that says nothing more."""
    user = find_user(email)
    if user is None or not user.active or not user.check_password(password):
        raise DomainError(_l("Unknown e-mail or wrong password."), field="password")
    user.last_login_at = utcnow()
    return user


def grant_role(
    actor, user: User, event_id: int, role: EventRoleKind, delegation_id: int | None = None
) -> EventRole:
    existing = db.session.scalar(
        db.select(EventRole).where(
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


def revoke_role(actor, grant: EventRole) -> None:
    record(actor, "revoke", grant, summary=f"{grant.user.email}: {grant.role.value}")
    db.session.delete(grant)
    db.session.flush()
