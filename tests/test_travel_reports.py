"""The rooming list (XLSX) and the arrivals manifest (PDF and XLSX) against hand-computed
expectations: who is on them, in what order, nights, sharing, and each block's use."""

from __future__ import annotations

import io
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from eventsapp.registration.models import RegistrationStatus
from tests.factories import make_delegation, make_jurisdiction, make_person, make_registration
from tests.print_helpers import font_names, metadata, pdftotext
from tests.travel_helpers import make_block, make_hotel, make_stay, manage_url

D = date


@pytest.fixture
def stays(db, event):
    """Hotel Coronado: Double (2 rooms, nights of 8-10 March) and Single (1 room, nights
    of 8-9 March); Hotel Lucerna without blocks.

    Double: Ana and Bruno share (Ana names Bruno), 8 -> 11; Carla 9 -> 10 with her spouse
    (a typed name). Single: Dora 7 -> 10 (the 7th is outside the block), Elena (pending)
    8 -> 9. Félix (waiting list) holds no seat: not counted. Gina stays at the Lucerna."""
    event.collect_travel = True
    coronado = make_hotel(event, "Hotel Coronado", address="1500 Orange Ave")
    double = make_block(coronado, "Double", D(2027, 3, 8), D(2027, 3, 10), rooms=2)
    single = make_block(coronado, "Single", D(2027, 3, 8), D(2027, 3, 9), rooms=1)
    lucerna = make_hotel(event, "Hotel Lucerna")
    sonora = make_delegation(event, make_jurisdiction("Sonora"))

    def person(given, family, arrival=None, status=RegistrationStatus.CONFIRMED, **kw):
        return make_registration(
            event,
            make_person(given_name=given, family_name=family, phone=f"+52 {given}", event=event),
            status=status,
            arrival_date=arrival,
            **kw,
        )

    ana = person("Ana", "Álvarez", D(2027, 3, 8), delegation_id=sonora.id)
    bruno = person("Bruno", "Benítez", D(2027, 3, 8))
    carla = person("Carla", "Cruz", D(2027, 3, 8))
    dora = person("Dora", "Díaz", D(2027, 3, 7))
    elena = person("Elena", "Estrada", D(2027, 3, 8), status=RegistrationStatus.PENDING)
    felix = person(
        "Félix", "Flores", D(2027, 3, 8), status=RegistrationStatus.WAITLISTED, waitlist_position=1
    )
    gina = person("Gina", "Gómez", D(2027, 3, 9))
    person("Hugo", "Herrera")  # no arrival date: not on the manifest

    flight = {"arrival_carrier": "Aeroméxico", "arrival_airport": "TIJ"}
    make_stay(
        ana,
        double,
        D(2027, 3, 8),
        D(2027, 3, 11),
        sharing_with_id=bruno.id,
        special_requests="Late arrival",
        arrival_time=time(9, 40),
        arrival_flight="AM 784",
        **flight,
    )
    make_stay(
        bruno,
        double,
        D(2027, 3, 8),
        D(2027, 3, 11),
        arrival_time=time(9, 5),
        arrival_carrier="United",
        arrival_flight="UA 1234",
        arrival_airport="SAN",
    )
    make_stay(carla, double, D(2027, 3, 9), D(2027, 3, 10), sharing_with_name="Diego Cruz (spouse)")
    make_stay(
        dora,
        single,
        D(2027, 3, 7),
        D(2027, 3, 10),
        arrival_time=time(22, 15),
        arrival_flight="AM 12",
        **flight,
    )
    make_stay(elena, single, D(2027, 3, 8), D(2027, 3, 9), arrival_time=time(14, 30))
    make_stay(felix, double, D(2027, 3, 8), D(2027, 3, 11), arrival_time=time(9, 10))
    make_stay(gina, None, D(2027, 3, 9), D(2027, 3, 10), hotel=lucerna, arrival_time=time(10, 0))
    return coronado


def _rows(data: bytes, sheet: int) -> list[list]:
    book = load_workbook(io.BytesIO(data))
    values = book.worksheets[sheet].iter_rows(values_only=True)
    return [["" if v is None else v for v in row] for row in values]


def _day(y, m, d):
    return datetime(y, m, d)


def test_rooming_list_of_a_hotel(client, login, organizer, event, stays):
    login(organizer)
    response = client.get(manage_url(event, f"hotels/{stays.id}/rooming-list.xlsx"))
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "no-store" in response.headers["Cache-Control"]
    guests = _rows(response.data, 0)
    assert guests == [
        [
            "Guest name",
            "Arrival",
            "Departure",
            "Nights",
            "Room type",
            "Sharing with",
            "Special requests",
        ],
        [
            "Álvarez, Ana",
            _day(2027, 3, 8),
            _day(2027, 3, 11),
            3,
            "Double",
            "Bruno Benítez",
            "Late arrival",
        ],
        ["Benítez, Bruno", _day(2027, 3, 8), _day(2027, 3, 11), 3, "Double", "Ana Álvarez", ""],
        [
            "Cruz, Carla",
            _day(2027, 3, 9),
            _day(2027, 3, 10),
            1,
            "Double",
            "Diego Cruz (spouse)",
            "",
        ],
        ["Díaz, Dora", _day(2027, 3, 7), _day(2027, 3, 10), 3, "Single", "", ""],
        ["Estrada, Elena", _day(2027, 3, 8), _day(2027, 3, 9), 1, "Single", "", ""],
    ]
    usage = _rows(response.data, 1)
    assert usage == [
        ["Room type", "Night", "Rooms in the block", "Rooms used", "Note"],
        ["Double", _day(2027, 3, 8), 2, 1, ""],  # Ana and Bruno share
        ["Double", _day(2027, 3, 9), 2, 2, ""],  # and Carla
        ["Double", _day(2027, 3, 10), 2, 1, ""],
        ["Single", _day(2027, 3, 7), "", 1, "Outside the block's dates"],
        ["Single", _day(2027, 3, 8), 1, 2, "Over-booked by 1"],
        ["Single", _day(2027, 3, 9), 1, 1, ""],
    ]


def test_travel_page_shows_block_use_night_by_night(client, login, organizer, event, stays):
    login(organizer)
    html = client.get(manage_url(event)).get_data(as_text=True)
    assert html.count("Over-booked by 1") == 1
    assert html.count("Outside the block's dates") == 1
    assert "Guests: 5" in html and "Guests: 1" in html  # Félix holds no seat


def test_arrivals_manifest_xlsx(client, login, organizer, event, stays):
    login(organizer)
    response = client.get(manage_url(event, "arrivals.xlsx"))
    rows = _rows(response.data, 0)
    assert rows[0] == [
        "Day",
        "Hour",
        "Time",
        "Name",
        "Delegation",
        "Phone",
        "Airline or carrier",
        "Flight number",
        "Arrival airport",
        "Hotel",
    ]
    assert rows[1:] == [
        [
            _day(2027, 3, 7),
            "22:00",
            "22:15",
            "Dora Díaz",
            "",
            "+52 Dora",
            "Aeroméxico",
            "AM 12",
            "TIJ",
            "Hotel Coronado",
        ],
        [
            _day(2027, 3, 8),
            "09:00",
            "09:05",
            "Bruno Benítez",
            "",
            "+52 Bruno",
            "United",
            "UA 1234",
            "SAN",
            "Hotel Coronado",
        ],
        [
            _day(2027, 3, 8),
            "09:00",
            "09:40",
            "Ana Álvarez",
            "Sonora",
            "+52 Ana",
            "Aeroméxico",
            "AM 784",
            "TIJ",
            "Hotel Coronado",
        ],
        [
            _day(2027, 3, 8),
            "14:00",
            "14:30",
            "Elena Estrada",
            "",
            "+52 Elena",
            "",
            "",
            "",
            "Hotel Coronado",
        ],
        [_day(2027, 3, 8), "", "", "Carla Cruz", "", "+52 Carla", "", "", "", "Hotel Coronado"],
        [
            _day(2027, 3, 9),
            "10:00",
            "10:00",
            "Gina Gómez",
            "",
            "+52 Gina",
            "",
            "",
            "",
            "Hotel Lucerna",
        ],
    ]


def _in_order(text: str, parts: list[str]) -> None:
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, (part, text[at : at + 300])
        at = found + len(part)


def test_arrivals_manifest_pdf(client, login, organizer, event, stays):
    login(organizer)
    response = client.get(manage_url(event, "arrivals.pdf"), query_string={"paper": "a4"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdftotext(response.data)
    _in_order(
        text,
        [
            "Arrivals: Western Attorneys General Summit",
            "6 arrivals in all",
            "Sunday, March 7, 2027 · 1 arrival",
            "22:00 – 22:59 · 1 arrival",
            "22:15",
            "Dora Díaz",
            "Monday, March 8, 2027 · 4 arrivals",
            "09:00 – 09:59 · 2 arrivals",
            "Bruno Benítez",
            "Ana Álvarez",
            "14:00 – 14:59 · 1 arrival",
            "Elena Estrada",
            "Time not given · 1 arrival",
            "Carla Cruz",
            "Tuesday, March 9, 2027 · 1 arrival",
            "Gina Gómez",
            "Page 1 of 1",
        ],
    )
    assert "AM 784" in text and "Sonora" in text and "Félix" not in text and "Hugo" not in text
    meta = metadata(response.data)
    assert meta["title"] == "Arrivals: Western Attorneys General Summit"
    assert meta["lang"] == "en" and meta["author"]
    assert all(embedded for _name, embedded in font_names(response.data))


def test_arrivals_manifest_in_spanish(client, login, organizer, event, stays):
    login(organizer)
    client.post("/language", data={"lang": "es", "next": "/"})
    response = client.get(manage_url(event, "arrivals.pdf"))
    text = pdftotext(response.data)
    _in_order(
        text,
        [
            "Llegadas: Cumbre de Procuradores Generales del Oeste",
            "domingo, 7 de marzo de 2027 · 1 llegada",
            "lunes, 8 de marzo de 2027 · 4 llegadas",
            "Hora no indicada · 1 llegada",
            "Página 1 de 1",
        ],
    )
    assert metadata(response.data)["lang"] == "es"
    rooming = client.get(manage_url(event, f"hotels/{stays.id}/rooming-list.xlsx"))
    assert _rows(rooming.data, 0)[0][:4] == ["Nombre del huésped", "Llegada", "Salida", "Noches"]


def test_manifest_with_nobody_and_a_bad_paper(client, login, organizer, event):
    login(organizer)
    text = pdftotext(client.get(manage_url(event, "arrivals.pdf")).data)
    assert "Nobody has given an arrival date yet." in text
    assert client.get(manage_url(event, "arrivals.pdf?paper=tabloid")).status_code == 400


def test_cells_are_typed_and_never_formulas(client, login, organizer, event):
    """Dates are date cells, counts numbers; a text starting with = + - @ stays text."""
    event.collect_travel = True
    hotel = make_hotel(event, '=HYPERLINK("http://x","Hotel")')
    block = make_block(hotel, "+Suite", D(2027, 3, 8), D(2027, 3, 9), rooms=1)
    guest = make_registration(
        event,
        make_person(given_name="@SUM(A1)", family_name="-2+3", phone="=1+1", event=event),
        arrival_date=D(2027, 3, 8),
    )
    make_stay(
        guest,
        block,
        D(2027, 3, 8),
        D(2027, 3, 10),
        sharing_with_name="=cmd|' /C calc'!A0",
        special_requests="<script>alert(1)</script>",
        arrival_time=time(8, 0),
        arrival_flight="@FLT",
    )
    login(organizer)
    rooming = load_workbook(
        io.BytesIO(client.get(manage_url(event, f"hotels/{hotel.id}/rooming-list.xlsx")).data)
    )
    row = rooming.worksheets[0][2]
    assert [c.value for c in row] == [
        "-2+3, @SUM(A1)",
        datetime(2027, 3, 8),
        datetime(2027, 3, 10),
        2,
        "+Suite",
        "=cmd|' /C calc'!A0",
        "<script>alert(1)</script>",
    ]
    assert [c.data_type for c in row] == ["s", "d", "d", "n", "s", "s", "s"]
    assert row[1].number_format == "yyyy-mm-dd" and row[1].is_date
    assert all(row[i].quotePrefix for i in (0, 4, 5))
    usage = rooming.worksheets[1][2]
    assert [c.data_type for c in usage[:4]] == ["s", "d", "n", "n"] and usage[0].quotePrefix

    arrivals = load_workbook(io.BytesIO(client.get(manage_url(event, "arrivals.xlsx")).data))
    line = arrivals.worksheets[0][2]
    assert line[0].is_date and line[0].value == datetime(2027, 3, 8)
    assert [line[i].value for i in (3, 5, 7, 9)] == [
        "@SUM(A1) -2+3",
        "=1+1",
        "@FLT",
        '=HYPERLINK("http://x","Hotel")',
    ]
    assert "f" not in {c.data_type for c in line}
    assert all(line[i].quotePrefix for i in (3, 5, 7, 9))

    # the back office's pages show the same values escaped
    for page in (manage_url(event), manage_url(event, "travellers")):
        html = client.get(page).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html
        assert "=HYPERLINK(&#34;http://x&#34;,&#34;Hotel&#34;)" in html


def test_reports_page_links_the_travel_reports(client, login, organizer, event):
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/reports/").get_data(as_text=True)
    assert manage_url(event, "arrivals.pdf") in html
    assert manage_url(event, "arrivals.xlsx") in html
    assert manage_url(event) in html  # the rooming list of each hotel is there
