"""What a badge shows, as plain data (no database), and how a name is fitted to its box.

Services build ``BadgeData`` from the database; the renderer only draws it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventsapp.fonts import string_width
from eventsapp.registration.models import RegistrationRole

if TYPE_CHECKING:
    from reportlab.lib.utils import ImageReader


@dataclass(frozen=True)
class RoleBand:
    label: str  # bilingual, printed as is: "DELEGATE / DELEGADO"
    colour: str  # band fill, hex
    text_colour: str = "#ffffff"


# Told apart without colour: the role is always printed on the band, and the seven fills
# are seven distinct greys on a mono printer (luminance 34 to 232 of 255, at least 30
# apart; tests/test_badges_print.py checks a greyscale render). Dark fills carry white text.
ROLE_BANDS: dict[RegistrationRole, RoleBand] = {
    RegistrationRole.STAFF: RoleBand("STAFF / ORGANIZACIÓN", "#0f2e17"),  # grey 34
    RegistrationRole.DELEGATE: RoleBand("DELEGATE / DELEGADO", "#1f4e99"),  # grey 72
    RegistrationRole.MODERATOR: RoleBand("MODERATOR / MODERADOR", "#8e3fbf"),  # grey 101
    RegistrationRole.SPEAKER: RoleBand("SPEAKER / PONENTE", "#f0604a", "#000000"),  # 137
    RegistrationRole.GUEST: RoleBand("GUEST / INVITADO", "#4fd1c0", "#000000"),  # grey 168
    RegistrationRole.OBSERVER: RoleBand("OBSERVER / OBSERVADOR", "#c5d0d6", "#000000"),  # 205
    RegistrationRole.PRESS: RoleBand("PRESS / PRENSA", "#fff27a", "#000000"),  # grey 232
}
# The Spanish half for a woman (an honorific that says so: registration.labels.gender_of).
FEMININE_LABELS: dict[RegistrationRole, str] = {
    RegistrationRole.DELEGATE: "DELEGATE / DELEGADA",
    RegistrationRole.MODERATOR: "MODERATOR / MODERADORA",
    RegistrationRole.OBSERVER: "OBSERVER / OBSERVADORA",
    RegistrationRole.GUEST: "GUEST / INVITADA",
}


@dataclass(frozen=True)
class BadgeData:
    """Everything one badge prints, already chosen and formatted."""

    registration_id: int
    given_name: str
    family_name: str
    honorific: str = ""  # empty unless the event prints honorifics
    position: str = ""
    affiliation: str = ""  # organization, or else jurisdiction
    delegation: str = ""
    role: RegistrationRole = RegistrationRole.DELEGATE
    event_name: str = ""
    event_dates: str = ""
    qr_token: str | None = None
    logo_path: str | ImageReader | None = None  # a path, or the image read (drawImage takes both)
    back_lines: tuple[str, ...] = ()  # duplex back side: e.g. a personal agenda summary
    feminine: bool = False  # the Spanish role word in the feminine
    answer_line: str = ""  # from an answer, by the event's badge settings: "Interpretation: ES"

    @property
    def band(self) -> RoleBand:
        band = ROLE_BANDS[self.role]
        if self.feminine and self.role in FEMININE_LABELS:
            return RoleBand(FEMININE_LABELS[self.role], band.colour, band.text_colour)
        return band

    @property
    def first_line(self) -> str:
        return f"{self.honorific} {self.given_name}".strip() if self.honorific else self.given_name


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: float

    def height(self, leading: float) -> float:
        return len(self.lines) * self.size * leading


@lru_cache(maxsize=4096)
def unit_width(text: str, font: str) -> float:
    """Width of ``text`` at 1 pt (widths scale linearly with the size), as drawn: in
    display order, each run in the font of the fallback chain that has its glyphs."""
    return string_width(text, font, 1.0)


def _word_splits(text: str) -> Iterator[tuple[str, str]]:
    """Two-line splits of ``text`` at a space (dropped) or after a hyphen (kept); never
    inside a word."""
    for i, char in enumerate(text):
        if char == " ":
            first, second = text[:i], text[i + 1 :]
        elif char in "-\u2010" and 0 < i < len(text) - 1:
            first, second = text[: i + 1], text[i + 1 :]
        else:
            continue
        if first.strip() and second.strip():
            yield first.strip(), second.strip()


def _best_split(
    text: str, font: str, splits: Iterable[tuple[str, str]]
) -> tuple[tuple[str, str], float] | None:
    best: tuple[tuple[str, str], float] | None = None
    for pair in splits:
        widest = max(unit_width(pair[0], font), unit_width(pair[1], font))
        if best is None or widest < best[1]:
            best = (pair, widest)
    return best


@lru_cache(maxsize=2048)
def fit_text(text: str, font: str, width: float, max_size: float, floor: float) -> FittedText:
    """Fit ``text`` in ``width`` points: one line at the largest size down to ``floor``;
    below that two lines split at a space or after a hyphen, at the size the wider one
    allows (at most ``max_size``); a name is never broken inside a word, so a single word
    too wide for the box is shrunk instead. The result is never wider than ``width``."""
    text = " ".join(text.split())
    unit = unit_width(text, font)
    if unit == 0 or unit * floor <= width:
        size = max_size if unit == 0 else min(max_size, width / unit)
        return FittedText((text,) if text else (), size)
    best = _best_split(text, font, _word_splits(text))
    if best is None or width / best[1] <= width / unit:
        return FittedText((text,), width / unit)  # one word: shrink it, do not cut it
    (first, second), widest = best
    return FittedText((first, second), min(max_size, width / widest))
