"""Events and what belongs to them: rooms, tracks; jurisdictions and organizations."""

from __future__ import annotations

import enum
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.extensions import Model


class EventKind(enum.Enum):
    SUMMIT = "summit"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    MEETING = "meeting"


class EventStatus(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class ConflictLevel(enum.Enum):
    BLOCK = "block"
    WARN = "warn"


class ProtocolOrder(enum.Enum):
    JURISDICTION = "jurisdiction"
    MANUAL = "manual"


class LetterLanguage(enum.Enum):
    """The language of visa letters and certificates (a consulate reads its own)."""

    EN = "en"
    ES = "es"
    BOTH = "both"


class VisaCosts(enum.Enum):
    """Who bears the costs of the visit, as the visa letter states it."""

    PARTICIPANT = "participant"
    ORGANIZERS = "organizers"
    SHARED = "shared"  # the organizers: accommodation and meals; the participant: travel


class Event(Model):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        CheckConstraint("retention_days IS NULL OR retention_days >= 0", name="retention_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "event_kind"))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_es: Mapped[str] = mapped_column(String(200), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date]
    end_date: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    venue_name: Mapped[str] = mapped_column(String(200), default="")
    venue_address: Mapped[str] = mapped_column(String(300), default="")
    venue_city: Mapped[str] = mapped_column(String(120), default="")
    venue_country: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[EventStatus] = mapped_column(
        enum_column(EventStatus, "event_status"), default=EventStatus.DRAFT
    )
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    capacity: Mapped[int | None]
    requires_approval: Mapped[bool] = mapped_column(default=False)
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    # Scheduling conflict levels (issue 4): room/speaker double-booking block by default.
    room_conflict_level: Mapped[ConflictLevel] = mapped_column(
        enum_column(ConflictLevel, "room_conflict_level"), default=ConflictLevel.BLOCK
    )
    speaker_conflict_level: Mapped[ConflictLevel] = mapped_column(
        enum_column(ConflictLevel, "speaker_conflict_level"), default=ConflictLevel.BLOCK
    )
    outside_days_conflict_level: Mapped[ConflictLevel] = mapped_column(
        enum_column(ConflictLevel, "outside_days_conflict_level"), default=ConflictLevel.BLOCK
    )
    availability_conflict_level: Mapped[ConflictLevel] = mapped_column(
        enum_column(ConflictLevel, "availability_conflict_level"), default=ConflictLevel.WARN
    )
    room_capacity_conflict_level: Mapped[ConflictLevel] = mapped_column(
        enum_column(ConflictLevel, "room_capacity_conflict_level"), default=ConflictLevel.WARN
    )
    # Printed matter (issues 5 and 6).
    badge_show_honorific: Mapped[bool] = mapped_column(default=False)
    logo_filename: Mapped[str | None] = mapped_column(String(200))
    welcome_en: Mapped[str] = mapped_column(Text, default="")
    welcome_es: Mapped[str] = mapped_column(Text, default="")
    partners: Mapped[str] = mapped_column(Text, default="")  # one partner per line
    protocol_order: Mapped[ProtocolOrder] = mapped_column(
        enum_column(ProtocolOrder, "protocol_order"), default=ProtocolOrder.JURISDICTION
    )
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    # Visa letters and certificates (issue 13).
    letter_language: Mapped[LetterLanguage] = mapped_column(
        enum_column(LetterLanguage, "letter_language"), default=LetterLanguage.BOTH
    )
    visa_costs: Mapped[VisaCosts] = mapped_column(
        enum_column(VisaCosts, "visa_costs"), default=VisaCosts.PARTICIPANT
    )
    cle_provider: Mapped[str] = mapped_column(String(200), default="")
    cle_accreditation: Mapped[str] = mapped_column(String(100), default="")
    # Privacy (issue 11): the notice registrants accept (empty: the default text), how many
    # days after the end the private details are kept (None: RETENTION_DAYS_AFTER_EVENT),
    # and when `flask purge-personal-data` anonymised them.
    privacy_notice_en: Mapped[str] = mapped_column(Text, default="")
    privacy_notice_es: Mapped[str] = mapped_column(Text, default="")
    retention_days: Mapped[int | None]
    # After this instant a registrant can no longer change their answers to the event's own
    # questions through their personal link (None: until the event ends).
    answers_editable_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    personal_data_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Whether registrants are asked for their travel and accommodation (eventsapp.travel).
    collect_travel: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The public agenda's Last-Modified: moved when a session, speaker link, room or track
    # of the event is added, changed or deleted (eventsapp.agenda.revisions).
    agenda_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Whether any webhook of the event is on (kept by eventsapp.webhooks.services): a change
    # to a registration of an event without one costs no query at commit.
    has_webhooks: Mapped[bool] = mapped_column(default=False, server_default=false())

    rooms: Mapped[list[Room]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Room.position"
    )
    tracks: Mapped[list[Track]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Track.name_en"
    )

    @property
    def is_public(self) -> bool:
        return self.status is not EventStatus.DRAFT

    def local_date(self, instant: datetime) -> date:
        """The calendar day ``instant`` falls on at the event's place (not the server's)."""
        return instant.astimezone(ZoneInfo(self.timezone)).date()

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class Room(Model):
    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("event_id", "name"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    capacity: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="rooms")


class Track(Model):
    __tablename__ = "tracks"
    __table_args__ = (UniqueConstraint("event_id", "name_en"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_es: Mapped[str] = mapped_column(String(120), default="")
    color: Mapped[str] = mapped_column(String(7), default="#1f6feb")

    event: Mapped[Event] = relationship(back_populates="tracks")


class JurisdictionKind(enum.Enum):
    US_STATE = "us_state"
    US_TERRITORY = "us_territory"
    MEXICAN_STATE = "mexican_state"
    FEDERAL = "federal"
    FOREIGN = "foreign"
    OTHER = "other"


class Membership(enum.Enum):
    MEMBER = "member"
    ASSOCIATE = "associate"
    TERRITORY_MEMBER = "territory_member"
    NON_MEMBER = "non_member"


class Jurisdiction(Model):
    __tablename__ = "jurisdictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[JurisdictionKind] = mapped_column(
        enum_column(JurisdictionKind, "jurisdiction_kind")
    )
    country: Mapped[str] = mapped_column(String(120))
    membership: Mapped[Membership] = mapped_column(
        enum_column(Membership, "membership"), default=Membership.NON_MEMBER
    )

    organizations: Mapped[list[Organization]] = relationship(back_populates="jurisdiction")


class Organization(Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    acronym: Mapped[str] = mapped_column(String(30), default="")
    jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdictions.id", ondelete="SET NULL"), index=True
    )

    jurisdiction: Mapped[Jurisdiction | None] = relationship(back_populates="organizations")
