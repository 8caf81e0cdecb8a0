"""Arrivals as CSV or XLSX. Cells that a spreadsheet would read as a formula are quoted."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from eventsapp.checkin import labels
from eventsapp.events.models import Event
from eventsapp.i18n import fmt_datetime
from eventsapp.registration.models import Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Text a spreadsheet shows as text: a leading ' before anything formula-like."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _header() -> list[str]:
    return [_("Arrived"), _("Desk"), _("Name"), _("Delegation"), _("Role"), _("E-mail")]


def _rows(event: Event, registrations: list[Registration]) -> list[list[str]]:
    return [
        [
            safe_cell(fmt_datetime(r.checked_in_at, event.timezone, "yyyy-MM-dd HH:mm")),
            safe_cell(r.checkin_desk),
            safe_cell(r.person.full_name),
            safe_cell(r.delegation.name if r.delegation is not None else ""),
            safe_cell(labels.ROLE[r.role]),
            safe_cell(r.person.email),
        ]
        for r in registrations
    ]


def arrivals_csv(event: Event, registrations: list[Registration]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_header())
    writer.writerows(_rows(event, registrations))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def arrivals_xlsx(event: Event, registrations: list[Registration]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = _("Arrivals")[:31]
    sheet.append(_header())
    for row in _rows(event, registrations):
        sheet.append(row)
    for column in ("A", "B", "C", "D", "E", "F"):
        sheet.column_dimensions[column].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
