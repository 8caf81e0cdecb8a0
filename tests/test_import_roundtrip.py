"""What the export writes, the import reads back: CSV (apostrophes removed) and XLSX (text
cells), on a fresh event; a CSV saved by a Spanish Excel (semicolons, Windows-1252); the
template files."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from eventsapp.registration.exporter import EXPORT_COLUMNS
from eventsapp.registration.models import RegistrationStatus
from tests.factories import (
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
)
from tests.registration_helpers import registration_of
from tests.test_import_export import _upload

COMPARED = [c for c in EXPORT_COLUMNS if c not in ("status", "waitlist_position")]


def _export(client, event, fmt: str) -> bytes:
    response = client.get(f"/manage/events/{event.slug}/registrations/export?format={fmt}")
    assert response.status_code == 200
    return response.get_data()


def _rows(content: bytes, fmt: str) -> list[dict]:
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [[c.value or "" for c in row] for row in sheet.iter_rows()]
        return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _comparable(rows: list[dict]) -> list[dict]:
    return sorted(({c: r[c] for c in COMPARED} for r in rows), key=lambda r: r["email"])


@pytest.fixture
def source(db, event, organizer):
    sonora = make_delegation(event, make_jurisdiction("Sonora"))
    person = make_person(
        "ines@example.org",
        given_name="Inés",
        family_name="Ibáñez",
        event=event,
        phone="+52 664 123 4567",
        honorific="Lic.",
        position="=Fiscal",
        organization_other="Fiscalía Anticorrupción",
        preferred_language="es",
    )
    make_registration(
        event,
        person,
        delegation_id=sonora.id,
        needs_interpretation=True,
        dietary="-sin gluten",
        arrival_date=date(2027, 3, 8),
        departure_date=date(2027, 3, 11),
    )
    make_registration(
        event,
        make_person("wait@example.org", given_name="Ann", family_name="Lee", event=event),
        status=RegistrationStatus.WAITLISTED,
        waitlist_position=1,
        role="speaker",
    )
    return event


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_on_a_fresh_event_round_trips(client, db, login, source, fmt):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant, make_user

    user = make_user()
    grant(user, source, EventRoleKind.ORGANIZER)
    fresh = make_event()
    grant(user, fresh, EventRoleKind.ORGANIZER)
    make_delegation(fresh, registration_of(source, "ines@example.org").delegation.jurisdiction)
    login(user)
    exported = _export(client, source, fmt)
    rows = _rows(exported, fmt)
    ines = next(r for r in rows if r["email"] == "ines@example.org")
    if fmt == "xlsx":
        assert ines["phone"] == "+52 664 123 4567"  # text, no apostrophe
    else:
        assert ines["phone"] == "'+52 664 123 4567"  # neutralised for a spreadsheet
    html = _upload(client, fresh, exported, filename=f"export.{fmt}", follow_redirects=True)
    assert html.status_code == 200
    imported = registration_of(fresh, "ines@example.org")
    assert imported.person.phone == "+52 664 123 4567"
    assert imported.person.position == "=Fiscal"
    assert imported.dietary == "-sin gluten"
    assert imported.arrival_date == date(2027, 3, 8)
    assert imported.person.organization_other == "Fiscalía Anticorrupción"
    assert imported.delegation.name == "Sonora"
    again = _rows(_export(client, fresh, fmt), fmt)
    assert _comparable(again) == _comparable(rows)


def test_spanish_excel_csv_with_semicolons_in_windows_1252(client, db, login, organizer, event):
    make_delegation(event, make_jurisdiction("Sonora"))
    content = (
        "given_name;family_name;email;phone;delegation;arrival_date;departure_date\r\n"
        "Íñigo;Muñoz Peña;inigo@example.org;'+52 1;Sonora;08/03/2027;11/03/2027\r\n"
    ).encode("cp1252")
    login(organizer)
    _upload(client, event, content, filename="excel.csv")
    imported = registration_of(event, "inigo@example.org")
    assert (imported.person.given_name, imported.person.family_name) == ("Íñigo", "Muñoz Peña")
    assert imported.person.phone == "+52 1"
    assert imported.delegation.name == "Sonora"
    assert (imported.arrival_date, imported.departure_date) == (date(2027, 3, 8), date(2027, 3, 11))


def test_bad_dates_are_reported_next_to_their_column(client, db, login, organizer, event):
    content = (
        b"given_name,family_name,email,arrival_date,departure_date\n"
        b"Ana,Ruiz,ana@example.org,2027-03-10,2027-03-08\n"
        b"Luis,Paz,luis@example.org,tomorrow,\n"
    )
    login(organizer)
    html = _upload(client, event, content, follow_redirects=True).get_data(as_text=True)
    assert "<td>2</td><td>departure_date</td>" in html
    assert "<td>3</td><td>arrival_date</td>" in html
    assert registration_of(event, "ana@example.org") is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_has_the_import_columns(client, login, organizer, event, fmt):
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/import-template.{fmt}"
    response = client.get(url)
    assert response.status_code == 200
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.get_data())).active
        header = [c.value for c in next(sheet.rows)]
    assert header[:3] == ["honorific", "given_name", "family_name"]
    assert "arrival_date" in header and "status" not in header
    page = client.get(f"/manage/events/{event.slug}/registrations/import").get_data(as_text=True)
    assert f"import-template.{fmt}" in page
    assert client.get(url.replace(fmt, "pdf")).status_code == 404
