"""Search and sort keys that suit Spanish (and English) names, the same on every database.

``fold`` is what a search compares: case and accents ignored ("gomez" finds "Gómez",
"IBANEZ" finds "Ibáñez"). ``sort_key`` is what a list is ordered by: the primary level of the
Spanish collation of CLDR (what ICU's ``es`` does): case and accents ignored, but ``ñ`` a
letter of its own between ``n`` and ``o`` ("Ibáñez" before "Ibarra", "Peña" after "Penz");
ties are broken by the accents ("Cortes" before "Cortés"). Both are stored in plain columns
(``Person.search_key`` and ``Person.sort_name``) and compared byte by byte (SQLite's default,
``COLLATE "C"`` on PostgreSQL), so SQLite, PostgreSQL and Python agree on the order.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from sqlalchemy import String, and_
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

# Within a key, ``ñ`` becomes ``n`` followed by this mark: it sorts after every letter, so
# "ñ" comes after "n" + any letter and before "o".
_ENYE = "n~"
# Between the family and the given name, and before the tie-breaking part: below every
# printable character, so "Cruz, Zoe" comes before "Cruz Díaz, Ana".
SEPARATOR = "\x1f"
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[-‐‑‒–—'’.,]+")
SORT_LENGTH = 520
SEARCH_LENGTH = 700


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str | None) -> str:
    """Lower-case, accent-free, single-spaced: what a search compares."""
    folded = _strip_marks((text or "").casefold())
    return _SPACES.sub(" ", folded).strip()


def _primary(text: str) -> str:
    text = unicodedata.normalize("NFC", (text or "").casefold())
    text = text.replace("ñ", "\x00")  # keep the letter ñ through the accent stripping
    text = _strip_marks(_PUNCTUATION.sub(" ", text)).replace("\x00", _ENYE)
    return _SPACES.sub(" ", text).strip()


def sort_key(family_name: str, given_name: str = "") -> str:
    """The stored sort key of a person's name: family name, then given name, then accents."""
    primary = _primary(family_name) + SEPARATOR + _primary(given_name)
    tie = unicodedata.normalize("NFC", f"{family_name} {given_name}".casefold())
    return (primary + SEPARATOR + tie)[:SORT_LENGTH]


@functools.lru_cache(maxsize=4096)  # the same shared names are sorted on every form shown
def name_key(text: str) -> str:
    """Sort key of a single name (an organization, a jurisdiction, a country) in Python."""
    return _primary(text) + SEPARATOR + unicodedata.normalize("NFC", (text or "").casefold())


def search_key(*parts: str | None) -> str:
    return fold(" ".join(p for p in parts if p))[:SEARCH_LENGTH]


def query_words(text: str, limit: int = 6) -> list[str]:
    """The folded words of a search box, at most ``limit`` of them."""
    return fold(text).split()[:limit]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_words(
    column: ColumnElement[str] | QueryableAttribute[str], text: str
) -> ColumnElement[bool] | None:
    """``column`` (a folded key: a column expression or a mapped attribute such as
    ``Person.search_key``) holds every word of ``text``; None when there is no word."""
    words = query_words(text)
    if not words:
        return None
    return and_(*(column.like(f"%{_escape_like(w)}%", escape="\\") for w in words))


def sort_column_type(length: int = SORT_LENGTH) -> String:
    """A string compared byte by byte on PostgreSQL too (SQLite's default already)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")
