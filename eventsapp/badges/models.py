"""A record of every badge printed (who printed which badge, when, on what stock), and an
event's badge settings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from eventsapp.auth.models import User
    from eventsapp.questions.models import Question
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


class BadgeSettings(Model):
    """An event's badge options of its own: the optional line printed from an answer to one
    of its questions ("Interpretation: ES"). No row: no such line."""

    __tablename__ = "badge_settings"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    # The question whose answer is printed; its retirement or deletion drops the line.
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )
    # Printed before the answer ("Interpretation"); empty: the question's own label.
    caption_en: Mapped[str] = mapped_column(String(60), default="")
    caption_es: Mapped[str] = mapped_column(String(60), default="")

    question: Mapped[Question | None] = relationship("Question")
