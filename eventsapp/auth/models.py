"""Accounts and the roles they hold on events."""

from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.extensions import Model


class EventRoleKind(enum.Enum):
    ORGANIZER = "organizer"
    CHECKIN = "checkin"
    HEAD = "head"  # head of one delegation


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """What is stored of a link's token: its SHA-256 (the token itself is random, 256 bits,
    so a fast hash is enough; a database dump gives no working link)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token() -> tuple[str, str]:
    """A fresh token for a personal link and its digest."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    active: Mapped[bool] = mapped_column(default=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    preferred_language: Mapped[str] = mapped_column(String(2), default="en")
    # Flask-Login's alternative id: changing it ends every other session of the user.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    roles: Mapped[list[EventRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.session_token = new_session_token()

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class EventRole(Model):
    __tablename__ = "event_roles"
    __table_args__ = (UniqueConstraint("user_id", "event_id", "role", "delegation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role: Mapped[EventRoleKind] = mapped_column(enum_column(EventRoleKind, "event_role_kind"))
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(back_populates="roles")
    event: Mapped[Any] = relationship("Event")  # upward link: Event
    delegation: Mapped[Any] = relationship("Delegation")  # upward link: Delegation | None


class InvitationState(enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"  # withdrawn, or replaced by a newer invitation
    EXPIRED = "expired"


class Invitation(Model):
    """An offer of a role on an event to an e-mail address, reached by a single-use link.

    Accepting it never touches an existing account's password: an address that has an
    account accepts by signing in as that account; a new address creates its account."""

    __tablename__ = "invitations"
    __table_args__ = (
        CheckConstraint(
            "state != 'accepted' OR (accepted_at IS NOT NULL)", name="accepted_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(2), default="en")
    role: Mapped[EventRoleKind] = mapped_column(enum_column(EventRoleKind, "event_role_kind"))
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[InvitationState] = mapped_column(
        enum_column(InvitationState, "invitation_state"), default=InvitationState.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Any] = relationship("Event")  # upward link: Event
    delegation: Mapped[Any] = relationship("Delegation")  # upward link: Delegation | None
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    def state_at(self, now: datetime) -> InvitationState:
        """The state as of ``now``: a pending invitation past its date has expired."""
        if self.state is InvitationState.PENDING and now >= self.expires_at:
            return InvitationState.EXPIRED
        return self.state


class PasswordReset(Model):
    """One password-reset link: single use, expiring, and superseded by a newer one."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
