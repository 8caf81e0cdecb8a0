"""OpenType shaping (uharfbuzz) of Devanagari: conjuncts as one glyph (क्ष, श्र), the
short i drawn before its consonant cluster, vowel signs and marks placed on their base.

reportlab can shape a string (``ttfonts.shapeStr``), but the text layer it writes names a
joined glyph by a private code point of its own, in drawing order: a text extractor reads
"क्षित्रय" for "क्षत्रिय", or nothing at all. Here each glyph harfbuzz returns that is not
simply its own letter gets a code point in Supplementary Private Use Area-A, added to the
font's character map the way reportlab's own shaping adds its private glyphs, with

- the width it advances by: harfbuzz's advance plus the difference of its and the next
  glyph's horizontal offsets, so a plain string of these code points puts every glyph where
  harfbuzz put it — in a canvas string and in a Paragraph alike;
- the letters it stands for (``TEXT``, read by the ToUnicode map in ``eventsapp.fonts``):
  a cluster's letters are handed to its glyphs in drawing order, the last glyph taking the
  rest, so reading the glyphs left to right gives the letters in logical order.

A vertical offset (a mark stacked on another) comes back as a rise, a fraction of the font
size. A cluster with more glyphs than letters (none in Noto Sans Devanagari for a living
letter) leaves its word unshaped rather than give a glyph no text.
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from typing import Any, cast

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

# The code points handed out (Supplementary Private Use Area-A: no shipped font maps it).
FIRST_CODE = 0xF0000
TEXT: dict[int, str] = {}
_codes: dict[tuple[str, int, str, int], int] = {}
_lock = threading.Lock()
_SPACES = re.compile(r"(\s+)")

Segment = tuple[str, float]  # (text to draw, rise as a fraction of the font size)


@cache
def _hb_font(path: str) -> Any:  # a uharfbuzz.Font (uharfbuzz ships no types)
    import uharfbuzz

    return uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path)))


def _face(font_name: str) -> TTFontFace:
    # The shaped fonts are TTFonts (eventsapp.fonts registers them); reportlab's stubs
    # type getFont as returning the base Font, which has no face.
    return cast(TTFont, pdfmetrics.getFont(font_name)).face


def _code(font_name: str, glyph: int, text: str, width: int, upem: int) -> int:
    key = (font_name, glyph, text, width)
    code = _codes.get(key)
    if code is None:
        with _lock:
            code = _codes.get(key)
            if code is None:
                code = FIRST_CODE + len(_codes)
                face = _face(font_name)
                face.charToGlyph[code] = glyph
                face.charWidths[code] = width * 1000 / upem
                TEXT[code] = text
                _codes[key] = code
    return code


def _shape_word(word: str, font_name: str, path: str) -> list[Segment] | None:
    import uharfbuzz

    font = _hb_font(path)
    upem = font.face.upem
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {})
    glyphs = [
        (info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    ]
    starts = sorted({cluster for _g, cluster, *_ in glyphs}) + [len(word)]
    text_of: list[str] = []
    for start, end in zip(starts, starts[1:], strict=False):
        members = [g for g in glyphs if g[1] == start]
        letters = word[start:end]
        if len(members) > len(letters):
            return None
        text_of += [letters[i] for i in range(len(members) - 1)]
        text_of.append(letters[len(members) - 1 :])
    face = _face(font_name)
    segments: list[Segment] = []
    offsets = [g[3] for g in glyphs] + [0]
    for i, (glyph, _cluster, advance, x_offset, y_offset) in enumerate(glyphs):
        width = advance + offsets[i + 1] - x_offset
        text = text_of[i]
        own = len(text) == 1 and face.charToGlyph.get(ord(text)) == glyph
        if not (own and abs(face.charWidths.get(ord(text), 0) - width * 1000 / upem) < 0.5):
            text = chr(_code(font_name, glyph, text, width, upem))
        rise = y_offset / upem
        if segments and segments[-1][1] == rise:
            segments[-1] = (segments[-1][0] + text, rise)
        else:
            segments.append((text, rise))
    return segments


@lru_cache(maxsize=8192)
def shape(piece: str, font_name: str, path: str) -> tuple[Segment, ...]:
    """``piece`` (one font's run) as drawn: (text, rise) segments whose characters are the
    font's own or code points of ``TEXT``. Spaces stay plain, so lines still break there."""
    out: list[Segment] = []
    for word in _SPACES.split(piece):
        shaped = _shape_word(word, font_name, path) if word and not word.isspace() else None
        for text, rise in shaped or [(word, 0.0)]:
            if out and out[-1][1] == rise:
                out[-1] = (out[-1][0] + text, rise)
            elif text:
                out.append((text, rise))
    return tuple(out)
