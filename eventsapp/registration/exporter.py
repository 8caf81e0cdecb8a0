"""Export registrations as CSV or XLSX, in columns the importer reads back (a round trip).
CSV cells that a spreadsheet would run as a formula get a leading apostrophe, which the
importer removes; XLSX cells are text cells (see table_files)."""

from __future__ import annotations

from eventsapp.extensions import db
from eventsapp.registration import table_files
from eventsapp.registration.importer import COLUMNS
from eventsapp.registration.models import Registration
from eventsapp.registration.table_files import DANGEROUS_START, neutralise  # noqa: F401

EXPORT_COLUMNS = COLUMNS + (
    "status",
    "waitlist_position",
    "arrival_date",
    "departure_date",
    "organization_other",  # an organization not in the list, until an organizer maps it
)


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
    return [str(values[c]) for c in EXPORT_COLUMNS]


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
    return table_files.to_csv(rows, header)


def to_xlsx(rows: list[list[str]], header=EXPORT_COLUMNS, title: str = "Registrations") -> bytes:
    return table_files.to_xlsx(rows, header, title)
