"""A stored file: its bytes in the database, which every host reads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from eventsapp.db import UTCDateTime, utcnow
from eventsapp.extensions import Model

KEY_LENGTH = 80


class StoredFile(Model):
    """Content-addressed within an event (eventsapp/storage/files.py): a key always names
    the same bytes, so its responses can be cached for good; ``sha256`` is the bytes' own."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH), unique=True)
    # Deferred: checking a conditional request (ETag) or listing files never loads the bytes.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
