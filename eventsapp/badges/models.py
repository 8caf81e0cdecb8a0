"""A record of every badge printed: who printed which badge, when, on what stock."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from eventsapp.auth.models import User
    from eventsapp.registration.models import Registration


class BadgePrint(Model):
    __tablename__ = "badge_prints"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    printed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    layout: Mapped[str] = mapped_column(String(40))

    registration: Mapped[Registration] = relationship("Registration")
    printed_by: Mapped[User | None] = relationship("User")
