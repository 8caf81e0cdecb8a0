"""Helpers for the badge tests: sample badges, reading PDFs back (text with positions,
rasterised pages, decoded QR codes)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from eventsapp.badges.content import BadgeData
from eventsapp.badges.tokens import make_badge_token
from eventsapp.registration.models import RegistrationRole

SECRET = "s" * 32


def sample_badge(i: int = 1, **overrides) -> BadgeData:
    values = dict(
        registration_id=i,
        given_name="María José",
        family_name="Núñez",
        position="Deputy Attorney General",
        affiliation="Office of the Attorney General",
        delegation="Baja California",
        role=RegistrationRole.DELEGATE,
        event_name="Western Attorneys General Summit",
        event_dates="March 9 – 10, 2027",
        qr_token=make_badge_token(SECRET, i, 1),
    )
    values.update(overrides)
    return BadgeData(**values)


@dataclass(frozen=True)
class PlacedText:
    text: str
    x: float
    y: float
    size: float
    font: str


def page_texts(pdf: bytes, page_number: int = 0) -> list[PlacedText]:
    """Each text run on a page with its start point and size, from pypdf's visitor."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(pdf)).pages[page_number]
    found: list[PlacedText] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        # reportlab draws with the text matrix only (cm is identity for our text)
        x = tm[4] * cm[0] + cm[4]
        y = tm[5] * cm[3] + cm[5]
        font = (font_dict or {}).get("/BaseFont", "")
        found.append(PlacedText(text.strip("\n"), x, y, font_size * tm[0], str(font)))

    page.extract_text(visitor_text=visit)
    return found


def decode_qr_codes(pdf: bytes, page_number: int = 0, dpi: int = 150) -> list[str]:
    """Rasterise a page (pypdfium2) and decode every QR code on it (zxing-cpp)."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    image = document[page_number].render(scale=dpi / 72).to_pil()
    document.close()
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in results]


def all_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    count = len(PdfReader(io.BytesIO(pdf)).pages)
    return [t.text for page in range(count) for t in page_texts(pdf, page)]
