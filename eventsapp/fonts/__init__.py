"""The fonts every PDF draws with: DejaVu Sans (shipped here, see LICENSE-DejaVu.txt) for
Latin, Greek, Cyrillic, Vietnamese and Hebrew, then a fallback chain installed as pinned
PyPI packages by requirements.txt: Noto Sans Arabic and Noto Sans Devanagari (SIL OFL 1.1)
and WenQuanYi Micro Hei (Apache 2.0: Chinese, Japanese kana, Korean Hangul); see
LICENSES.md. All are TrueType outlines at regular weight (the Noto CJK and Hebrew
packages on PyPI are variable fonts whose default instance is Thin, and reportlab
cannot embed CFF .otf), so reportlab embeds a subset of each in every PDF.

Text goes through four steps before it is drawn (``visual``, ``runs``, ``segments``):

1. right-to-left text (Hebrew, Arabic) is shaped (arabic-reshaper joins the letters) and
   reordered for display (python-bidi); the PDF text layer still maps every glyph to its
   letter, so a text extractor reads the name back in logical order;
2. the text is cut into runs, each in the first font of the chain that has every glyph;
3. a Devanagari run is shaped by harfbuzz (``shaping``: conjuncts, the short i before its
   consonants, marks on their base), its glyphs mapped back to their letters in the text
   layer;
4. each run is drawn in its font (``draw_string``) or wrapped in ``<font>`` markup for a
   Paragraph (``markup``).

A fallback font is registered with reportlab only the first time a character needs it
(the CJK font takes a few tenths of a second to read). ``unsupported`` names the characters
no font can draw; the person-name fields and the importer refuse them (``name_error`` in
eventsapp/forms.py), so nothing prints as a box.
"""

from __future__ import annotations

import importlib.util
import os
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tables import CellStyle

from eventsapp.fonts import shaping

FONT_DIR = os.path.dirname(os.path.abspath(__file__))
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

# (reportlab name, package that ships the file, path inside the package). The fallback
# fonts have one weight: bold and italic text in those scripts prints in the regular face.
DEVANAGARI = "NotoSansDevanagari[wdth,wght].ttf"
FALLBACKS: tuple[tuple[str, str, str], ...] = (
    ("NotoSansArabic", "fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf"),
    ("NotoSansDevanagari", "fontpkg_noto_sans_devanagari", f"files/{DEVANAGARI}"),
    ("WenQuanYiMicroHei", "paperang_p2_fonts_cjk", "fonts/wqy-microhei.ttc"),
)
# Arabic letters take the Noto face although DejaVu has some of them.
PREFERRED = (
    ((0x0600, 0x06FF), "NotoSansArabic"),
    ((0x0750, 0x077F), "NotoSansArabic"),
    ((0xFB50, 0xFDFF), "NotoSansArabic"),
    ((0xFE70, 0xFEFF), "NotoSansArabic"),
)
# Fonts whose runs are shaped by harfbuzz (the other scripts need no OpenType shaping, or
# get it from arabic-reshaper).
SHAPED = ("NotoSansDevanagari",)
# Characters that never need a glyph of their own (controls, marks of direction, joiners).
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def _text_of(code: int) -> str:
    """What a glyph drawn for ``code`` says in the text layer: an Arabic presentation form
    (a joined letter shape or ligature from arabic-reshaper) says its plain letters, in
    display order like the glyphs around it, so extractors read the name, not the shapes.
    UTF-16BE hex, so characters beyond the BMP are surrogate pairs (reportlab's own map
    writes them as five hex digits, which readers reject)."""
    text = shaping.TEXT.get(code) or chr(code)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        parts = unicodedata.decomposition(text).split()
        letters = [chr(int(p, 16)) for p in parts if not p.startswith("<")]
        text = "".join(reversed(letters)) or text
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with presentation forms mapped by ``_text_of``."""
    lines = [f"<{i:02X}> <{_text_of(code)}>" for i, code in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *lines,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


# reportlab looks this helper up when it writes each font subset (ttfonts.TTFont.addObjects).
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@cache
def register_fonts() -> tuple[str, str]:
    """Register the DejaVu faces (idempotent); returns (regular, bold) font names."""
    for name in (REGULAR, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, os.path.join(FONT_DIR, f"{name}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    # A table sets its cells' default font before drawing each cell, even one that holds
    # Paragraphs: that default (Helvetica, a base-14 font that is never embedded) would be
    # referenced in every PDF with a table. Ours are the only PDFs this process draws.
    CellStyle.fontname = REGULAR
    return REGULAR, BOLD


def _fallback_path(package: str, relative: str) -> str | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], relative)
    return path if os.path.exists(path) else None


@cache
def _font(name: str) -> frozenset[int]:
    """Register ``name`` (a DejaVu face or a fallback) and return the code points it has;
    an empty set when its package is not installed."""
    if name in (REGULAR, BOLD, ITALIC):
        register_fonts()
    else:
        package, relative = next((p, r) for n, p, r in FALLBACKS if n == name)
        path = _fallback_path(package, relative)
        if path is None:
            return frozenset()
        font = TTFont(name, path, subfontIndex=0)
        pdfmetrics.registerFont(font)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    registered = pdfmetrics.getFont(name)
    if not isinstance(registered, TTFont):
        raise TypeError(f"{name} is not a TrueType font")
    return frozenset(registered.face.charToGlyph)


def installed_fallbacks() -> list[str]:
    """The fallback fonts whose package is installed (the chain actually in use)."""
    return [name for name, package, rel in FALLBACKS if _fallback_path(package, rel)]


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE


@lru_cache(maxsize=8192)
def font_for(char: str, base: str = REGULAR) -> str | None:
    """The first font of the chain starting at ``base`` that has ``char``; None if none."""
    code = ord(char)
    chain = [name for name, _p, _r in FALLBACKS]
    for (low, high), preferred in PREFERRED:
        if low <= code <= high:
            chain.remove(preferred)
            chain.insert(0, preferred)
            break
    else:
        chain.insert(0, base)
    if base not in chain:
        chain.append(base)
    for name in chain:
        if code in _font(name):
            return name
    return None


def unsupported(text: str) -> str:
    """The distinct characters of ``text`` that no shipped font can draw, in order."""
    missing: dict[str, None] = {}
    for char in text or "":
        if not char.isspace() and not _invisible(char) and font_for(char) is None:
            missing[char] = None
    return "".join(missing)


def _is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


@lru_cache(maxsize=8192)
def visual(text: str) -> str:
    """``text`` in display order: Arabic letters joined, right-to-left runs reversed.
    Text without a right-to-left letter comes back unchanged."""
    if not text or text.isascii() or not _is_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


@lru_cache(maxsize=8192)
def runs(text: str, base: str = REGULAR) -> tuple[tuple[str, str], ...]:
    """``text`` (already in display order) as (font, piece) runs. Spaces, marks and
    characters no font has stay in the run they follow."""
    if text.isascii() and base in (REGULAR, BOLD, ITALIC):
        return ((base, text),) if text else ()  # DejaVu has every ASCII character
    out: list[list[str]] = []
    for char in text:
        current = out[-1][0] if out else None
        keep = char.isspace() or _invisible(char) or unicodedata.combining(char)
        if keep and current is not None and (char.isspace() or ord(char) in _font(current)):
            out[-1][1] += char
            continue
        name = font_for(char, base) or current or base
        if name == current:
            out[-1][1] += char
        else:
            out.append([name, char])
    return tuple((name, piece) for name, piece in out)


@lru_cache(maxsize=8192)
def segments(text: str, base: str = REGULAR) -> tuple[tuple[str, str, float], ...]:
    """``text`` (already in display order) as (font, piece, rise) segments to draw: the
    runs, those in a shaped font shaped; rise is a fraction of the font size."""
    out: list[tuple[str, str, float]] = []
    for name, piece in runs(text, base):
        path = _shaped_path(name)
        if path is None:
            out.append((name, piece, 0.0))
        else:
            out += [(name, shaped, rise) for shaped, rise in shaping.shape(piece, name, path)]
    return tuple(out)


@cache
def _shaped_path(name: str) -> str | None:
    if name not in SHAPED or importlib.util.find_spec("uharfbuzz") is None:
        return None
    package, relative = next((p, r) for n, p, r in FALLBACKS if n == name)
    return _fallback_path(package, relative)


@lru_cache(maxsize=8192)
def string_width(text: str, base: str, size: float) -> float:
    shown = visual(text)
    return sum(
        pdfmetrics.stringWidth(piece, name, size) for name, piece, _r in segments(shown, base)
    )


def draw_string(canvas: Canvas, x: float, y: float, text: str, base: str, size: float) -> None:
    """Draw ``text`` with its left end at ``x``, falling back font by font; leaves the
    canvas font set to ``base`` at ``size``."""
    shown = visual(text)
    pieces = segments(shown, base)
    if len(pieces) == 1 and pieces[0][0] == base:
        canvas.drawString(x, y, shown)
        return
    line, raised = canvas.beginText(x, y), 0.0
    for name, piece, rise in pieces:
        line.setFont(name, size)
        if rise != raised:
            line.setRise(rise * size)
            raised = rise
        line.textOut(piece)
    canvas.drawText(line)
    canvas.setFont(base, size)


def _rise_markup(text: str, rise: float) -> str:
    if not rise:
        return text
    tag = "sup" if rise > 0 else "sub"
    return f'<{tag} rise="{abs(rise) * 100:.2f}%" size="100%">{text}</{tag}>'


def markup(text: str, base: str = REGULAR) -> str:
    """Escaped Paragraph markup for user text: display order, each fallback run in a
    ``<font face>`` tag (Paragraph never parses the user's own text as markup), a shaped
    mark raised or lowered by a ``<sup>``/``<sub>`` of the font's own size."""
    shown = visual(text or "")
    return "".join(
        _rise_markup(escape(piece), rise)
        if name == base
        else f'<font face="{name}">{_rise_markup(escape(piece), rise)}</font>'
        for name, piece, rise in segments(shown, base)
    )
