"""CSV and XLSX files that go out and come back in: the one place that knows their quirks.

Going out, a CSV cell that a spreadsheet would run as a formula (starting with = + - @, a tab
or a carriage return) gets a leading apostrophe; an XLSX cell is stored as text (Excel's
"text" format with the quote-prefix flag), so it needs none. Coming in, that apostrophe is
removed again, and a CSV file saved by a Spanish Excel (semicolons, Windows-1252) is read as
well as one in UTF-8 with commas.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from eventsapp.csv_files import DANGEROUS_START, neutralise, to_csv  # noqa: F401

if TYPE_CHECKING:
    from openpyxl.cell import Cell

DELIMITERS = (",", ";", "\t")


def restore(text: str) -> str:
    """The value behind a neutralised cell: ``'+52 664`` is ``+52 664`` again."""
    if text.startswith("'") and text[1:].startswith(DANGEROUS_START):
        return text[1:]
    return text


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV" on Spanish Windows)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def delimiter_of(text: str) -> str:
    """The separator the header line uses most, outside quotes: comma, semicolon or tab."""
    header = text.split("\n", 1)[0]
    header = re.sub(r'"[^"]*"', "", header)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(content: bytes) -> Iterable[list[str]]:
    text = decode(content)
    return csv.reader(io.StringIO(text), delimiter=delimiter_of(text))


def to_xlsx(rows: Iterable[Sequence[Any]], header: Sequence[str], title: str = "Sheet") -> bytes:
    """Every cell a text cell: Excel neither runs "=..." nor turns "+52 664..." or
    "2027-05-16" into a number or a date, and no apostrophe is added to the value."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])

    def text_cell(value: object) -> Cell:  # WriteOnlyCell is a factory of Cells
        cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
        cell.data_type = "s"  # text even when it starts with "="
        cell.number_format = "@"
        cell.quotePrefix = True
        return cell

    sheet.append([text_cell(h) for h in header])
    for row in rows:
        sheet.append([text_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(text: str) -> date:
    """``2027-05-16`` (as exported; a time after it is ignored) or ``16/05/2027`` (day
    first, as a Spanish or British spreadsheet shows it). ValueError otherwise."""
    text = text.strip()
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    return date.fromisoformat(text[:10])
