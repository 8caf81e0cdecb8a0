"""Country and jurisdiction names in the visitor's language. Countries are stored as their
English name ("Mexico"); Babel (CLDR) has every territory's name in every locale.
Jurisdictions are stored as typed (mostly the same in both languages: "Sonora",
"California"); the ones whose Spanish name differs are listed here."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from babel import Locale
from flask import Flask

from eventsapp import collation
from eventsapp.i18n import current_language

SPANISH_PLACES = {
    "American Samoa": "Samoa Americana",
    "District of Columbia": "Distrito de Columbia",
    "Hawaii": "Hawái",
    "Louisiana": "Luisiana",
    "Mexico City": "Ciudad de México",
    "New Mexico": "Nuevo México",
    "New York": "Nueva York",
    "New Jersey": "Nueva Jersey",
    "New Hampshire": "Nuevo Hampshire",
    "North Carolina": "Carolina del Norte",
    "South Carolina": "Carolina del Sur",
    "North Dakota": "Dakota del Norte",
    "South Dakota": "Dakota del Sur",
    "Northern Mariana Islands": "Islas Marianas del Norte",
    "Pennsylvania": "Pensilvania",
    "State of Mexico": "Estado de México",
    "United States": "Estados Unidos",
    "U.S. Virgin Islands": "Islas Vírgenes de los Estados Unidos",
    "West Virginia": "Virginia Occidental",
}


@lru_cache(maxsize=1)
def _territory_codes() -> dict[str, str]:
    english = Locale.parse("en").territories
    return {name.casefold(): code for code, name in english.items() if not code.isdigit()}


def country_name(name: str | None, lang: str | None = None) -> str:
    """'Mexico' -> 'México' in Spanish (CLDR); a name CLDR does not know is shown as typed."""
    if not name:
        return ""
    lang = lang or current_language()
    code = _territory_codes().get(name.strip().casefold())
    if code is None or lang == "en":
        return name
    return str(Locale.parse(lang).territories.get(code, name))


def place_name(name: str | None, lang: str | None = None) -> str:
    """A jurisdiction's name in ``lang`` (the Spanish ones that differ; else as stored)."""
    if not name:
        return ""
    if (lang or current_language()) == "es":
        return SPANISH_PLACES.get(name, name)
    return name


def place_choices(jurisdictions: Iterable[Any]) -> list[tuple[int, str]]:
    """(id, name) in the visitor's language, in the Spanish (or English) alphabetical order."""
    named = [(j.id, place_name(j.name)) for j in jurisdictions]
    return sorted(named, key=lambda pair: collation.name_key(pair[1]))


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters.update(country=country_name, place=place_name)
