"""Check-in at the door and attendance at sessions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from eventsapp.agenda.models import AgendaSession
    from eventsapp.registration.models import Registration


class SessionAttendance(Model):
    __tablename__ = "session_attendance"
    __table_args__ = (UniqueConstraint("session_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_sessions.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    desk: Mapped[str] = mapped_column(String(60), default="")
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    session: Mapped[AgendaSession] = relationship("AgendaSession")
    registration: Mapped[Registration] = relationship("Registration")
