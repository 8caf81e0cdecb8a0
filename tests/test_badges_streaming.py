"""Badge PDFs are streamed: each sheet reaches the output as soon as it is drawn, memory
does not grow with the number of badges, and the file is still a well-formed PDF."""

from __future__ import annotations

import gc
import io
import re
import tracemalloc

from pypdf import PdfReader

from eventsapp.badges.layouts import LAYOUTS
from eventsapp.badges.render import render_badges
from eventsapp.badges.tokens import parse_badge_token
from tests.badges_helpers import SECRET, decode_qr_codes, page_texts, sample_badge


class WriteOnly:
    """A sink with only ``write`` (like a socket): no seek, no tell, no getvalue."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(data)

    def data(self) -> bytes:
        return b"".join(self.chunks)


def _peak_traced_memory(count: int, path) -> int:
    badges = [sample_badge(i, given_name=f"Persona {i}") for i in range(1, count + 1)]
    # A first, untraced run fills the bounded per-text and QR caches, so the traced run
    # measures the renderer and its document alone.
    render_badges(badges, LAYOUTS["a6"], path)
    gc.collect()
    tracemalloc.start()
    try:
        render_badges(badges, LAYOUTS["a6"], path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_does_not_grow_with_the_number_of_badges(tmp_path):
    # One badge per page: holding pages until save() made 600 pages cost ~3.5x 60 pages.
    small = _peak_traced_memory(60, tmp_path / "small.pdf")
    large = _peak_traced_memory(600, tmp_path / "large.pdf")
    assert large < small * 1.2, (small, large)
    assert len(PdfReader(tmp_path / "large.pdf", strict=True).pages) == 600


def test_each_sheet_reaches_the_output_before_the_next_is_drawn():
    sink = WriteOnly()
    sizes = []

    def badges():
        for i in range(1, 25):
            if i % 6 == 1:  # the first badge of a new sheet is asked for
                sizes.append(sink.size)
            yield sample_badge(i)

    render_badges(badges(), LAYOUTS["avery-5392"], sink)
    # The header first, then every finished sheet grows the output before save().
    assert sizes[0] > 0
    assert all(later > earlier for earlier, later in zip(sizes, sizes[1:], strict=False))
    assert sink.size > sizes[-1]


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


def test_streamed_pdf_is_well_formed_with_duplex_and_crop_marks():
    layout = LAYOUTS["avery-5392"]
    people = [
        sample_badge(i, given_name=f"Zoë {i}", family_name=f"Ångström-Núñez {i}")
        for i in range(1, 27)
    ]
    sink = WriteOnly()
    count = render_badges(people, layout, sink, duplex=True, crop_marks=True, start_at=3)
    pdf = sink.data()
    assert count == 26
    assert pdf.startswith(b"%PDF-1.4\n")
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


def test_rendering_to_a_path_writes_and_closes_the_file(tmp_path):
    path = tmp_path / "badges.pdf"
    render_badges([sample_badge(1), sample_badge(2)], LAYOUTS["cr80"], str(path))
    pdf = path.read_bytes()
    _check_cross_references(pdf)
    assert len(PdfReader(path, strict=True).pages) == 2
