"""Export registrations as CSV or XLSX. Cells that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) are prefixed with a single quote."""

from __future__ import annotations

import csv
import io

from eventsapp.extensions import db
from eventsapp.registration.importer import COLUMNS
from eventsapp.registration.models import Registration

EXPORT_COLUMNS = COLUMNS + (
    "status",
    "waitlist_position",
    "arrival_date",
    "departure_date",
    "organization_other",  # an organization not in the list, until an organizer maps it
)
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_START) else text


def registration_row(registration: Registration) -> list[str]:
    person = registration.person
    delegation = registration.delegation
    values = {
        "honorific": person.honorific,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "position": person.position,
        "organization": person.organization.name if person.organization else "",
        "organization_other": person.organization_other,
        "jurisdiction": person.jurisdiction.name if person.jurisdiction else "",
        "email": person.email,
        "phone": person.phone,
        "language": person.preferred_language.value,
        "role": registration.role.value,
        "delegation": delegation.name if delegation else "",
        "needs_interpretation": "yes" if registration.needs_interpretation else "no",
        "dietary": registration.dietary,
        "accessibility": registration.accessibility,
        "status": registration.status.value,
        "waitlist_position": registration.waitlist_position or "",
        "arrival_date": registration.arrival_date.isoformat() if registration.arrival_date else "",
        "departure_date": registration.departure_date.isoformat()
        if registration.departure_date
        else "",
    }
    return [neutralise(values[c]) for c in EXPORT_COLUMNS]


def export_rows(query) -> list[list[str]]:
    from sqlalchemy.orm import contains_eager

    from eventsapp.registration.models import Person

    # ``query`` already joins Person (see manage.filtered_registrations).
    query = query.options(
        contains_eager(Registration.person).joinedload(Person.organization),
        contains_eager(Registration.person).joinedload(Person.jurisdiction),
    )
    return [registration_row(r) for r in db.session.scalars(query).unique()]


def to_csv(rows: list[list[str]], header=EXPORT_COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[str]], header=EXPORT_COLUMNS, title: str = "Registrations") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
