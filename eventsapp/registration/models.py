"""People and their registrations. A ``Person`` row belongs to one event: what someone
gave to event A (names, phone, passport) is never read or changed through event B."""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp import collation
from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Mapper

    from eventsapp.events.models import Event, Jurisdiction, Organization


class Language(enum.Enum):
    EN = "en"
    ES = "es"


class RegistrationRole(enum.Enum):
    DELEGATE = "delegate"
    SPEAKER = "speaker"
    MODERATOR = "moderator"
    STAFF = "staff"
    PRESS = "press"
    OBSERVER = "observer"
    GUEST = "guest"


class RegistrationStatus(enum.Enum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


# The statuses that hold a seat of the event (and of the delegation's quota): a pending
# registration keeps its seat while the organizer decides. The one source of the rule.
SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class Person(Model):
    __tablename__ = "persons"
    __table_args__ = (
        UniqueConstraint("event_id", "email"),
        Index("ix_persons_event_sort_name", "event_id", "sort_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    honorific: Mapped[str] = mapped_column(String(40), default="")
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(200), default="")
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdictions.id", ondelete="SET NULL"), index=True
    )
    # An organization not in the shared list, as the person typed it; an organizer maps it
    # to a listed one later (which clears this).
    organization_other: Mapped[str] = mapped_column(String(200), default="")
    # Stored lower-cased so that uniqueness (per event) ignores case.
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(40), default="")
    preferred_language: Mapped[Language] = mapped_column(
        enum_column(Language, "language"), default=Language.EN
    )
    # Private data for visa letters: shown only to the person and the event's organizers,
    # never written to the audit log (see PRIVATE_KEYS).
    passport_number: Mapped[str] = mapped_column(String(40), default="")
    passport_expiry: Mapped[date | None]
    date_of_birth: Mapped[date | None]
    nationality: Mapped[str] = mapped_column(String(80), default="")
    # Where the visa is applied for, as the letter is addressed (empty: the embassy or
    # consulate of the event's country).
    visa_consulate: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Kept by refresh_keys before every insert and update (see eventsapp.collation): the
    # folded name and e-mail a search compares, and the Spanish sort key lists order by.
    search_key: Mapped[str] = mapped_column(String(collation.SEARCH_LENGTH), default="")
    sort_name: Mapped[str] = mapped_column(collation.sort_column_type(), default="")

    event: Mapped[Event] = relationship("Event")
    organization: Mapped[Organization | None] = relationship("Organization")
    jurisdiction: Mapped[Jurisdiction | None] = relationship("Jurisdiction")
    registrations: Mapped[list[Registration]] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def sort_key(self) -> str:
        return collation.sort_key(self.family_name or "", self.given_name or "")

    def refresh_keys(self) -> None:
        self.search_key = collation.search_key(
            self.given_name, self.family_name, self.email, self.organization_other
        )
        self.sort_name = self.sort_key


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _refresh_person_keys(_mapper: Mapper[Person], _connection: Connection, person: Person) -> None:
    person.refresh_keys()


class Registration(Model):
    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id"),
        CheckConstraint(
            "departure_date IS NULL OR arrival_date IS NULL OR departure_date >= arrival_date",
            name="stay_ordered",
        ),
        CheckConstraint(
            "(status = 'waitlisted') = (waitlist_position IS NOT NULL)", name="waitlist_position"
        ),
        Index("ix_registrations_event_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    role: Mapped[RegistrationRole] = mapped_column(
        enum_column(RegistrationRole, "registration_role"), default=RegistrationRole.DELEGATE
    )
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="SET NULL"), index=True
    )
    # Asked to join this delegation without its code: holds none of its seats until its head
    # or an organizer accepts (then delegation_id is set through capacity.decide_seat).
    requested_delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus, "registration_status"),
        default=RegistrationStatus.PENDING,
    )
    waitlist_position: Mapped[int | None]
    needs_interpretation: Mapped[bool] = mapped_column(default=False)
    dietary: Mapped[str] = mapped_column(Text, default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    arrival_date: Mapped[date | None]
    departure_date: Mapped[date | None]
    # Secret part of the signed no-account link; rotating it revokes old links.
    access_key: Mapped[str] = mapped_column(String(40), default=new_secret)
    # When the link was last e-mailed: at most one such mail per address per 10 minutes.
    link_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Version of the badge QR token; reissuing a badge bumps it (old badges stop working).
    badge_token_version: Mapped[int] = mapped_column(default=1)
    badge_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkin_desk: Mapped[str] = mapped_column(String(60), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the person (or their head of delegation, for them) accepted the privacy notice.
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship("Event")
    person: Mapped[Person] = relationship(back_populates="registrations")
    # Delegation | None: delegations sits above registration and is not imported here
    # (registration reads delegations through delegation_port).
    delegation: Mapped[Any] = relationship(
        "Delegation", back_populates="registrations", foreign_keys=[delegation_id]
    )
    requested_delegation: Mapped[Any] = relationship(
        "Delegation", foreign_keys=[requested_delegation_id]
    )

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING
