"""The rooming list and the arrivals manifest as XLSX workbooks (openpyxl, as the
registration export): headers in the organizer's language, dates as date cells and counts as
numbers (a hotel sorts and sums them), every text a text cell that Excel never runs as a
formula (the quote-prefix flag, as in eventsapp/registration/table_files.py)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from eventsapp.travel.reports import ArrivalLine, BlockNight, RoomingList

DATE_FORMAT = "yyyy-mm-dd"
SHEET_TITLE_LENGTH = 31  # Excel's limit
FORBIDDEN_IN_TITLES = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[str]
    rows: list[Sequence[Any]]
    widths: Sequence[int] = ()


def workbook(sheets: list[Sheet], title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    book.properties.title = title
    for spec in sheets:
        sheet = book.create_sheet(spec.title.translate(FORBIDDEN_IN_TITLES)[:SHEET_TITLE_LENGTH])
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width

        def cell(value: Any, sheet: Any = sheet) -> Cell:
            if isinstance(value, bool) or value is None:
                value = "" if value is None else str(value)
            if isinstance(value, (int, date)):
                # types-openpyxl's WriteOnlyCell leaves out date, which openpyxl takes (its
                # Cell does, and WriteOnlyCell only makes a Cell).
                written = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
                if isinstance(value, date):
                    written.number_format = DATE_FORMAT
                return written
            written = WriteOnlyCell(sheet, value=str(value))
            written.data_type = "s"  # text even when it starts with "="
            written.number_format = "@"
            written.quotePrefix = True
            return written

        sheet.append([cell(h) for h in spec.header])
        for row in spec.rows:
            sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rooming_workbook(rooming: RoomingList, event_title: str) -> bytes:
    guests = Sheet(
        _("Rooming list"),
        [
            _("Guest name"),
            _("Arrival"),
            _("Departure"),
            _("Nights"),
            _("Room type"),
            _("Sharing with"),
            _("Special requests"),
        ],
        [
            [
                g.name,
                g.arrival,
                g.departure,
                g.nights,
                g.room_type,
                g.sharing_with,
                g.special_requests,
            ]
            for g in rooming.guests
        ],
        widths=(30, 12, 12, 8, 20, 30, 40),
    )
    blocks = Sheet(
        _("Block usage"),
        [_("Room type"), _("Night"), _("Rooms in the block"), _("Rooms used"), _("Note")],
        [
            [n.room_type, n.night, "" if n.rooms is None else n.rooms, n.used, _note(n)]
            for n in rooming.nights
        ],
        widths=(20, 12, 12, 12, 30),
    )
    return workbook([guests, blocks], title=f"{rooming.hotel} · {event_title}")


def _note(night: BlockNight) -> str:
    if night.rooms is None:
        return _("Outside the block's dates") if night.used else ""
    if night.over:
        return _("Over-booked by %(rooms)d", rooms=night.over)
    return ""


def manifest_workbook(lines: list[ArrivalLine], event_title: str) -> bytes:
    sheet = Sheet(
        _("Arrivals"),
        [
            _("Day"),
            _("Hour"),
            _("Time"),
            _("Name"),
            _("Delegation"),
            _("Phone"),
            _("Airline or carrier"),
            _("Flight number"),
            _("Arrival airport"),
            _("Hotel"),
        ],
        [
            [
                a.day,
                f"{a.time.hour:02d}:00" if a.time else "",
                a.time.strftime("%H:%M") if a.time else "",
                a.name,
                a.delegation,
                a.phone,
                a.carrier,
                a.flight,
                a.airport,
                a.hotel,
            ]
            for a in lines
        ],
        widths=(12, 8, 8, 28, 24, 18, 18, 12, 18, 24),
    )
    return workbook([sheet], title=_("Arrivals: %(event)s", event=event_title))
