"""Reading a PDF back as a print shop or a text extractor would: pdftotext's text, the
embedded fonts (no .notdef glyph, no base-14 reference), the metadata."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

from fontTools.ttLib import TTFont
from pypdf import PdfReader

# Twelve scripts, hand-made names (given, family).
NAMES = [
    ("Renée", "Villaseñor-Ñúñez"),  # Latin
    ("Ελένη", "Παπαδοπούλου"),  # Greek
    ("Дмитрий", "Иванов"),  # Cyrillic
    ("Thị Ánh", "Nguyễn"),  # Vietnamese
    ("שרה", "כהן"),  # Hebrew
    ("لطيفة", "السلامي"),  # Arabic
    ("अनीता", "शर्मा"),  # Devanagari
    ("小明", "王"),  # Chinese (simplified)
    ("美玲", "陳"),  # Chinese (traditional)
    ("さくら", "山田"),  # Japanese
    ("민준", "김"),  # Korean
    ("Zoë", "Øster-Łukasiewicz"),  # Latin with Nordic and Polish letters
]
RTL_NAMES = {"שרה", "כהן", "لطيفة", "السلامي"}
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))


def pdftotext(data: bytes) -> str:
    """poppler's text, bidi embedding marks removed, whitespace runs made single spaces."""
    assert shutil.which("pdftotext"), "poppler-utils is needed (.ci/run installs it)"
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(out.translate(BIDI_MARKS).split())


def _fonts(reader: PdfReader):
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get_object().get("/Font") or {}
        for ref in fonts.get_object().values():
            yield ref.get_object()


def _to_unicode(font) -> list[tuple[int, str]]:
    """(code, text) of every entry of a font's ToUnicode map."""
    to_unicode = font["/ToUnicode"].get_object().get_data().decode()
    mappings = to_unicode.split("beginbfchar")[1].split("endbfchar")[0]
    out = []
    for line in mappings.splitlines():
        if "> <" in line:
            code, hex_text = line.strip("<>").split("> <")
            out.append((int(code, 16), bytes.fromhex(hex_text).decode("utf-16-be")))
    return out


def glyph_texts(data: bytes, family: str) -> list[str]:
    """What each glyph of the embedded subsets of ``family`` says in the text layer
    (without the control-character codes reportlab keeps unused)."""
    reader = PdfReader(io.BytesIO(data))
    seen: dict[str, list[str]] = {}
    for font in _fonts(reader):
        name = str(font["/BaseFont"])
        if family in name and name not in seen:
            seen[name] = [
                text
                for _code, text in _to_unicode(font)
                if not all(unicodedata.category(c) == "Cc" for c in text)
            ]
    return [text for texts in seen.values() for text in texts]


def notdef_glyphs(data: bytes) -> list[str]:
    """For every embedded font subset, the characters its ToUnicode map names whose
    code draws glyph 0 (.notdef, an empty box) in the embedded font."""
    reader = PdfReader(io.BytesIO(data))
    bad, seen = [], set()
    for font in _fonts(reader):
        name = str(font["/BaseFont"])
        if name in seen:
            continue
        seen.add(name)
        program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        tt = TTFont(io.BytesIO(program))
        cmap = {}
        for table in tt["cmap"].tables:
            cmap.update(table.cmap)
        for code, text in _to_unicode(font):
            if all(unicodedata.category(c) == "Cc" for c in text):
                continue  # reportlab keeps the codes of the control characters unused
            glyph = cmap.get(code)
            if glyph is None or tt.getGlyphID(glyph) == 0:
                bad.append(f"{name}: {text!r}")
    return bad


def font_names(data: bytes) -> list[tuple[str, bool]]:
    """(BaseFont, embedded) for every font any page uses."""
    reader = PdfReader(io.BytesIO(data))
    result = {}
    for font in _fonts(reader):
        descriptor = font.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        result[str(font["/BaseFont"])] = embedded
    return sorted(result.items())


def metadata(data: bytes) -> dict[str, str]:
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata or {}
    return {
        "title": str(info.get("/Title", "")),
        "author": str(info.get("/Author", "")),
        "subject": str(info.get("/Subject", "")),
        "lang": str(reader.trailer["/Root"].get("/Lang", "")),
    }
