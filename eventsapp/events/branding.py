"""Who issues the documents and how they look: organisation name (English and Spanish),
logo, colours, signatory and signature. Site-wide, with a per-event override; resolved into
a plain ``Branding`` that every renderer takes (letters, certificates, badges, the booklet),
the public site header and the e-mail footers."""

from __future__ import annotations

from dataclasses import dataclass

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


def branding_for(event) -> Branding:
    """The branding of ``event`` (its own settings over the site's)."""
    return Branding(signatory_name=event.signatory_name, signatory_title=event.signatory_title)
