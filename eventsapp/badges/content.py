"""What a badge shows, as plain data (no database), and how a name is fitted to its box.

Services build ``BadgeData`` from the database; the renderer only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from eventsapp.registration.models import RegistrationRole


@dataclass(frozen=True)
class RoleBand:
    label: str  # bilingual, printed as is: "DELEGATE / DELEGADO"
    colour: str  # band fill, hex
    text_colour: str = "#ffffff"


ROLE_BANDS: dict[RegistrationRole, RoleBand] = {
    RegistrationRole.DELEGATE: RoleBand("DELEGATE / DELEGADO", "#1f4e99"),
    RegistrationRole.SPEAKER: RoleBand("SPEAKER / PONENTE", "#b3261e"),
    RegistrationRole.MODERATOR: RoleBand("MODERATOR / MODERADOR", "#6a1b9a"),
    RegistrationRole.STAFF: RoleBand("STAFF / ORGANIZACIÓN", "#1b7f3b"),
    RegistrationRole.PRESS: RoleBand("PRESS / PRENSA", "#f2b705", "#000000"),
    RegistrationRole.OBSERVER: RoleBand("OBSERVER / OBSERVADOR", "#5f6368"),
    RegistrationRole.GUEST: RoleBand("GUEST / INVITADO", "#00838f"),
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
    logo_path: str | None = None
    back_lines: tuple[str, ...] = ()  # duplex back side: e.g. a personal agenda summary
    feminine: bool = False  # the Spanish role word in the feminine

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
    """Width of ``text`` at 1 pt (widths scale linearly with the size)."""
    return stringWidth(text, font, 1.0)


def _word_splits(text: str):
    words = text.split()
    for i in range(1, len(words)):
        yield " ".join(words[:i]), " ".join(words[i:])


def _char_splits(text: str):
    for i in range(1, len(text)):
        first, second = text[:i].rstrip(), text[i:].lstrip()
        if first and second:
            yield first, second


def _best_split(text: str, font: str, splits) -> tuple[tuple[str, str], float] | None:
    best = None
    for pair in splits:
        widest = max(unit_width(pair[0], font), unit_width(pair[1], font))
        if best is None or widest < best[1]:
            best = (pair, widest)
    return best


# Between words, two lines may go this much below the floor before we break inside a word.
WORD_BREAK_SHRINK = 0.8


@lru_cache(maxsize=2048)
def fit_text(text: str, font: str, width: float, max_size: float, floor: float) -> FittedText:
    """Fit ``text`` in ``width`` points: one line at the largest size down to ``floor``;
    below that two lines at ``floor`` split between words, going down to
    ``WORD_BREAK_SHRINK × floor`` if a long word needs it, else split between letters
    (one endless word); and only if even that is too wide, two lines smaller still.
    The result is never wider than ``width``."""
    text = " ".join(text.split())
    unit = unit_width(text, font)
    if unit == 0 or unit * floor <= width:
        size = max_size if unit == 0 else min(max_size, width / unit)
        return FittedText((text,) if text else (), size)
    best = _best_split(text, font, _word_splits(text))
    if best is None or best[1] * floor * WORD_BREAK_SHRINK > width:
        by_letters = _best_split(text, font, _char_splits(text))
        if by_letters is not None and (best is None or by_letters[1] < best[1]):
            best = by_letters
    if best is None:  # a single character wider than the box: shrink it
        return FittedText((text,), width / unit)
    (first, second), widest = best
    return FittedText((first, second), min(floor, width / widest))
