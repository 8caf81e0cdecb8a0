"""Delegations: a jurisdiction's or an organization's group at one event."""

from __future__ import annotations

import enum
import re
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from eventsapp.events.models import Event, Jurisdiction, Organization
    from eventsapp.registration.models import Person, Registration


class DelegationStatus(enum.Enum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    WITHDRAWN = "withdrawn"


# A join code is typed from paper or a phone call: no letters that read alike (I/1, O/0).
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_join_code(text: str | None) -> str:
    """What the registrant typed, as stored: upper case, without spaces or dashes."""
    return re.sub(r"[\s\-]", "", text or "").upper()


class Delegation(Model):
    __tablename__ = "delegations"
    __table_args__ = (
        UniqueConstraint("event_id", "jurisdiction_id"),
        UniqueConstraint("event_id", "organization_id"),
        UniqueConstraint("join_code"),
        CheckConstraint(
            "jurisdiction_id IS NOT NULL OR organization_id IS NOT NULL", name="has_party"
        ),
        CheckConstraint("seat_quota >= 0", name="quota_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdictions.id", ondelete="RESTRICT"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    head_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    seat_quota: Mapped[int] = mapped_column(default=5)
    status: Mapped[DelegationStatus] = mapped_column(
        enum_column(DelegationStatus, "delegation_status"), default=DelegationStatus.INVITED
    )
    # Manual protocol order for the printed participant list (lower first).
    protocol_position: Mapped[int | None]
    invitation_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Given by the head to their members: the public form places a registrant in this
    # delegation only with it. Rotating it makes the old one useless.
    join_code: Mapped[str] = mapped_column(String(12), default=new_join_code)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship("Event")
    jurisdiction: Mapped[Jurisdiction | None] = relationship("Jurisdiction")
    organization: Mapped[Organization | None] = relationship("Organization")
    head: Mapped[Person | None] = relationship("Person", foreign_keys=[head_person_id])
    registrations: Mapped[list[Registration]] = relationship(
        "Registration", back_populates="delegation", foreign_keys="Registration.delegation_id"
    )

    @property
    def withdrawn(self) -> bool:
        return self.status is DelegationStatus.WITHDRAWN

    @property
    def name(self) -> str:
        if self.jurisdiction is not None:
            return self.jurisdiction.name
        return self.organization.name if self.organization else ""
