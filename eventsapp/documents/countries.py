"""Country names in the language of a document: "United States", "USA" or "Estados Unidos"
as typed by an organizer or a registrant is one country, named in the letter's language
(CLDR names through Babel), formally where a consulate expects it ("the United States of
America" / "los Estados Unidos de América"). Text that names no known country is kept as
typed."""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale

# Names a letter gives in full, with the article each language needs after "of" / "de".
FORMAL = {
    "US": {"en": "the United States of America", "es": "los Estados Unidos de América"},
    "GB": {"en": "the United Kingdom", "es": "el Reino Unido"},
    "NL": {"en": "the Netherlands", "es": "los Países Bajos"},
    "DO": {"en": "the Dominican Republic", "es": "la República Dominicana"},
    "PH": {"en": "the Philippines", "es": "Filipinas"},
    "BS": {"en": "the Bahamas", "es": "las Bahamas"},
    "CZ": {"en": "the Czech Republic", "es": "la República Checa"},
    "AE": {"en": "the United Arab Emirates", "es": "los Emiratos Árabes Unidos"},
}
ALIASES = {
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states of america": "US",
    "eeuu": "US",
    "ee. uu.": "US",
    "ee.uu.": "US",
    "estados unidos de america": "US",
    "estados unidos mexicanos": "MX",
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for lang in ("en", "es"):
        for code, name in Locale.parse(lang).territories.items():
            if code.isalpha() and len(code) == 2:  # countries, not regions ("419")
                index.setdefault(_plain(name), code)
    index.update(ALIASES)
    return index


def country_code(text: str) -> str | None:
    """The ISO code of the country ``text`` names (English or Spanish, any accents), or
    None."""
    if not text or not text.strip():
        return None
    plain = _plain(text)
    if len(plain) == 2 and plain.upper() in Locale.parse("en").territories:
        return plain.upper()
    return _index().get(plain)


def country_name(text: str, lang: str, *, formal: bool = False) -> str:
    """``text`` as a country name in ``lang`` (``formal``: as after "of" in a title, with
    its article); unknown text as typed."""
    code = country_code(text)
    if code is None:
        return text.strip()
    if formal and code in FORMAL:
        return FORMAL[code][lang]
    name: str = Locale.parse(lang).territories.get(code, text.strip())  # Babel: untyped dict
    return name
