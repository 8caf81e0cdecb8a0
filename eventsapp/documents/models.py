"""Documents issued to a registration (visa letters, certificates): a record each, so that
a reference printed on paper can be verified and revoked."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.extensions import Model

if TYPE_CHECKING:
    from eventsapp.events.models import Event
    from eventsapp.registration.models import Registration


class DocumentKind(enum.Enum):
    VISA_LETTER = "visa_letter"
    CERTIFICATE = "certificate"


ACTIVE = text("revoked_at IS NULL")


class IssuedDocument(Model):
    """One reference per registration and kind while it is valid: downloading the document
    again prints the same reference and issue date. Revoked when the registration stops
    holding its place (cancelled, declined, deleted); a later issuance gets a new one."""

    __tablename__ = "issued_documents"
    __table_args__ = (
        Index(
            "uq_issued_documents_active",
            "registration_id",
            "kind",
            unique=True,
            sqlite_where=ACTIVE,
            postgresql_where=ACTIVE,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random, not sequential: knowing one reference tells nothing about another.
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, "document_kind"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    # SET NULL: a deleted registration's documents stay verifiable (as revoked).
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="SET NULL"), index=True
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoke_reason: Mapped[str] = mapped_column(String(40), default="")

    event: Mapped[Event] = relationship("Event")
    registration: Mapped[Registration | None] = relationship("Registration")

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
