"""Branding settings: one row for the site (``event_id`` NULL) and at most one per event
(its override; an empty value falls back to the site's)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from eventsapp.extensions import Model


class BrandingSettings(Model):
    __tablename__ = "branding_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    logo_key: Mapped[str | None] = mapped_column(String(80))  # eventsapp.storage
    signature_key: Mapped[str | None] = mapped_column(String(80))  # never served on a page
    primary_color: Mapped[str] = mapped_column(String(7), default="")
    accent_color: Mapped[str] = mapped_column(String(7), default="")
    # Site-wide only: an event names its signatory in its settings (Event.signatory_*).
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
