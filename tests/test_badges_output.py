"""The file a print run produces: a well-formed PDF, whatever it is written to (a path, a
file, a sink that only has ``write``), with every page, name and QR code in it.

Memory and time at 10,000 badges are measured by bench/badges.py, not asserted here."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from eventsapp.badges.layouts import LAYOUTS
from eventsapp.badges.render import render_badges
from eventsapp.badges.tokens import parse_badge_token
from tests.badges_helpers import SECRET, decode_qr_codes, page_texts, sample_badge


class WriteOnly:
    """A sink with only ``write`` (like a socket): no seek, no tell, no getvalue."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def data(self) -> bytes:
        return b"".join(self.chunks)


def _check_cross_references(pdf: bytes) -> int:
    """Every xref entry points at its object's header; startxref at the table; the count."""
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf).group(1))
    assert pdf[startxref:].startswith(b"xref\n0 ")
    header = re.match(rb"xref\n0 (\d+)\n", pdf[startxref:])
    size = int(header.group(1))
    table = pdf[startxref + header.end() : startxref + header.end() + 20 * size]
    entries = [table[i : i + 20] for i in range(0, len(table), 20)]
    assert entries[0] == b"0000000000 65535 f \n"
    for number, entry in enumerate(entries[1:], start=1):
        assert entry.endswith(b" 00000 n \n"), entry
        offset = int(entry[:10])
        assert pdf[offset:].startswith(b"%d 0 obj\n" % number), (number, pdf[offset : offset + 20])
    assert re.search(rb"/Size %d\b" % size, pdf[startxref:])
    return size


def test_print_run_is_a_well_formed_pdf_with_duplex_and_crop_marks():
    layout = LAYOUTS["avery-5392"]
    people = [
        sample_badge(i, given_name=f"Zoë {i}", family_name=f"Ångström-Núñez {i}")
        for i in range(1, 27)
    ]
    sink = WriteOnly()
    count = render_badges(people, layout, sink, duplex=True, crop_marks=True, start_at=3)
    pdf = sink.data()
    assert count == 26
    assert pdf.startswith(b"%PDF-1.")
    assert _check_cross_references(pdf) > 2 * 5
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) == 2 * 5  # 4 + 6 + 6 + 6 + 4 badges, each sheet with its back
    # The last front sheet: its names as text, and its QR codes back to the registrations.
    last_front = 8
    texts = " ".join(t.text for t in page_texts(pdf, last_front))
    for badge in people[-4:]:
        assert badge.given_name in texts and badge.family_name in texts
    ids = sorted(
        parse_badge_token(SECRET, code).registration_id for code in decode_qr_codes(pdf, last_front)
    )
    assert ids == [23, 24, 25, 26]


def test_a_long_run_has_every_page(tmp_path):
    path = tmp_path / "badges.pdf"
    badges = (sample_badge(i, given_name=f"Persona {i}") for i in range(1, 601))
    assert render_badges(badges, LAYOUTS["a6"], path) == 600
    reader = PdfReader(path, strict=True)
    assert len(reader.pages) == 600
    assert "Persona 600" in reader.pages[599].extract_text()


def test_rendering_to_a_path_writes_and_closes_the_file(tmp_path):
    path = tmp_path / "badges.pdf"
    render_badges([sample_badge(1), sample_badge(2)], LAYOUTS["cr80"], str(path))
    pdf = path.read_bytes()
    _check_cross_references(pdf)
    assert len(PdfReader(path, strict=True).pages) == 2
