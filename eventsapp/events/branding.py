"""Who issues the documents and how they look: organisation name (English and Spanish),
logo, colours, signatory and signature. Site-wide, with a per-event override; resolved into
a plain ``Branding`` that every renderer takes (letters, certificates, badges, the booklet),
the public site header and the e-mail footers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from eventsapp import storage
from eventsapp.events.branding_models import BrandingSettings
from eventsapp.events.models import Event
from eventsapp.extensions import db

DEFAULT_PRIMARY = "#1f3a5f"
DEFAULT_ACCENT = "#b08d57"


@dataclass(frozen=True)
class Branding:
    name_en: str = ""
    name_es: str = ""
    logo: bytes | None = None  # PNG or JPEG bytes (eventsapp.storage)
    logo_key: str | None = None
    primary_color: str = DEFAULT_PRIMARY
    accent_color: str = DEFAULT_ACCENT
    signatory_name: str = ""
    signatory_title: str = ""
    signature: bytes | None = None  # PNG or JPEG bytes; never served on a page

    def name(self, lang: str) -> str:
        """The organisation's name in ``lang`` (the other language when one is empty)."""
        first, second = (
            (self.name_es, self.name_en) if lang == "es" else (self.name_en, self.name_es)
        )
        return first or second


def settings_row(event_id: int | None) -> BrandingSettings | None:
    return db.session.scalar(
        select(BrandingSettings).where(
            BrandingSettings.event_id.is_(None)
            if event_id is None
            else BrandingSettings.event_id == event_id
        )
    )


def _resolve(
    site: BrandingSettings | None,
    own: BrandingSettings | None,
    event: Event | None = None,
    files: bool = True,
) -> Branding:
    rows = [row for row in (own, site) if row is not None]

    def first(name: str) -> str | None:
        found: str | None = next((getattr(row, name) for row in rows if getattr(row, name)), None)
        return found

    def pick(name: str, default: str = "") -> str:
        return first(name) or default

    logo_key, signature_key = first("logo_key"), first("signature_key")
    stored = storage.contents(k for k in (logo_key, signature_key) if k) if files else {}
    if event is not None and event.signatory_name:
        signatory_name, signatory_title = event.signatory_name, event.signatory_title
    elif site is not None:
        signatory_name, signatory_title = site.signatory_name, site.signatory_title
    else:
        signatory_name = signatory_title = ""
    return Branding(
        name_en=pick("name_en"),
        name_es=pick("name_es"),
        logo=stored.get(logo_key) if logo_key else None,
        logo_key=logo_key,
        primary_color=pick("primary_color", DEFAULT_PRIMARY),
        accent_color=pick("accent_color", DEFAULT_ACCENT),
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        signature=stored.get(signature_key) if signature_key else None,
    )


def branding_for(event: Event | None, files: bool = True) -> Branding:
    """The branding of ``event`` (None: the site's): its own settings over the site's, its
    signatory from its settings (else the site's). ``files``: with the images' bytes (a
    page header needs only the logo's key)."""
    if event is None:
        return _resolve(settings_row(None), None, None, files)
    # the site's row and the event's in one statement (a sign-up reads them under its lock)
    rows = db.session.scalars(
        db.select(BrandingSettings).where(
            or_(BrandingSettings.event_id.is_(None), BrandingSettings.event_id == event.id)
        )
    ).all()
    site = next((row for row in rows if row.event_id is None), None)
    own = next((row for row in rows if row.event_id is not None), None)
    return _resolve(site, own, event, files)
