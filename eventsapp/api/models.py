"""Personal API tokens: one user's key to one event, with scopes, stored as a digest."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.auth.models import User
from eventsapp.db import UTCDateTime, utcnow
from eventsapp.events.models import Event
from eventsapp.extensions import Model


class Scope(enum.Enum):
    READ = "read"  # events, agenda, registrations, delegations, check-ins
    WRITE = "write"  # create, change and cancel registrations
    CHECKIN = "checkin"  # scan badges and read check-ins


class ApiToken(Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # Space-separated Scope values (a short fixed set; one column keeps lookups one row).
    scopes: Mapped[str] = mapped_column(String(100))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the token
    prefix: Mapped[str] = mapped_column(String(12))  # shown in lists to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
    event: Mapped[Event] = relationship()

    @property
    def scope_set(self) -> set[Scope]:
        return {Scope(value) for value in self.scopes.split()}

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
