"""Import (CSV/XLSX, validated whole first), export with formula neutralising, reports."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook, load_workbook

from eventsapp.registration.models import Person, Registration, RegistrationStatus
from tests.factories import (
    make_delegation,
    make_jurisdiction,
    make_person,
    make_registration,
)
from tests.registration_helpers import registration_of

HEADER = (
    "honorific,given_name,family_name,position,organization,jurisdiction,email,phone,"
    "language,role,delegation,needs_interpretation,dietary,accessibility"
)


def _csv(*lines: str) -> bytes:
    return ("\n".join((HEADER, *lines)) + "\n").encode("utf-8")


def _good_lines(delegation_name="Sonora"):
    return (
        "Lic.,José,Núñez,Fiscal,Fiscalía de Sonora,Sonora,jose@example.org,,es,delegate,"
        f"{delegation_name},yes,Vegetariano,",
        "Hon.,Anne,Smith,AG,,,anne@example.org,,en,speaker,,no,,Wheelchair",
    )


def _upload(client, event, content: bytes, filename="people.csv", only_valid=False, **kw):
    """Post the file; the import runs as a job (in-process in the tests, right after the
    commit), and the answer is its status page (``follow_redirects``) or the redirect."""
    data = {"file": (io.BytesIO(content), filename)}
    if only_valid:
        data["only_valid"] = "y"
    return client.post(
        f"/manage/events/{event.slug}/registrations/import",
        data=data,
        content_type="multipart/form-data",
        **kw,
    )


def _count(db, event):
    return db.session.scalar(
        db.select(db.func.count(Registration.id)).where(Registration.event_id == event.id)
    )


def test_import_csv_then_reimport_updates(client, db, login, organizer, event):
    sonora = make_jurisdiction("Sonora")
    make_delegation(event, sonora)
    login(organizer)
    assert _upload(client, event, _csv(*_good_lines())).status_code == 302
    jose = registration_of(event, "jose@example.org")
    assert jose.delegation.name == "Sonora"
    assert jose.needs_interpretation and jose.person.preferred_language.value == "es"
    # not in the list: kept as typed for an organizer to map, no organization created
    assert jose.person.organization is None
    assert jose.person.organization_other == "Fiscalía de Sonora"
    assert registration_of(event, "anne@example.org").role.value == "speaker"
    changed = _good_lines()[0].replace("Fiscal,", "Fiscal General,")
    assert _upload(client, event, _csv(changed, _good_lines()[1])).status_code == 302
    assert _count(db, event) == 2
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 2
    db.session.expire_all()
    assert registration_of(event, "jose@example.org").person.position == "Fiscal General"


def test_bad_rows_reported_and_nothing_imported(client, db, login, organizer, event):
    login(organizer)
    bad = (
        ",,Nobody,,,,not-an-email,,fr,chief,Atlantis,maybe,,",
        "Hon.,Anne,Smith,AG,,,anne@example.org,,en,speaker,,no,,",
        "Hon.,Ann,Smyth,AG,,,ANNE@example.org,,en,speaker,,no,,",
    )
    html = _upload(client, event, _csv(*bad), follow_redirects=True).get_data(as_text=True)
    for expected in (
        "<td>2</td><td>given_name</td>",
        "<td>2</td><td>email</td>",
        "<td>2</td><td>language</td>",
        "<td>2</td><td>role</td>",
        "<td>2</td><td>delegation</td>",
        "<td>2</td><td>needs_interpretation</td>",
        "<td>4</td><td>email</td>",
    ):
        assert expected in html
    assert "Nothing was imported." in html
    assert _count(db, event) == 0
    _upload(client, event, _csv(*bad), only_valid=True)
    assert _count(db, event) == 1
    assert registration_of(event, "anne@example.org") is not None


def test_import_xlsx_and_unknown_column(client, db, login, organizer, event):
    login(organizer)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["", "Zoë", "Ávila", "", "", "", "zoe@example.org", "", "es", "", "", "1", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _upload(client, event, buffer.getvalue(), "people.xlsx").status_code == 302
    assert registration_of(event, "zoe@example.org").person.family_name == "Ávila"
    html = _upload(
        client,
        event,
        b"given_name,family_name,email,shoe_size\nA,B,a@b.org,44\n",
        follow_redirects=True,
    )
    assert "<td>1</td><td>shoe_size</td>" in html.get_data(as_text=True)


def test_import_respects_capacity(client, db, login, organizer, event):
    make_jurisdiction("Sonora")
    event.capacity = 1
    db.session.commit()
    login(organizer)
    _upload(client, event, _csv(*_good_lines(delegation_name="")))
    statuses = sorted(r.status.value for r in db.session.scalars(db.select(Registration)))
    assert statuses == ["confirmed", "waitlisted"]


def test_cli_import(runner, db, event, tmp_path):
    make_delegation(event, make_jurisdiction("Sonora"))
    path = tmp_path / "in.csv"
    path.write_bytes(_csv(*_good_lines(), ",,X,,,,bad,,,,,,,"))
    result = runner.invoke(args=["import-registrations", event.slug, str(path)])
    assert result.exit_code != 0
    assert "line 4, column given_name" in result.output
    assert _count(db, event) == 0
    result = runner.invoke(args=["import-registrations", event.slug, str(path), "--only-valid"])
    assert _count(db, event) == 2
    path.write_bytes(_csv(*_good_lines()))
    result = runner.invoke(args=["import-registrations", event.slug, str(path)])
    assert result.exit_code == 0, result.output
    assert "0 created, 2 updated" in result.output


def _dangerous(event):
    person = make_person("evil@example.org", given_name='=HYPERLINK("x")', family_name="+1")
    person.position = "@SUM(A1)"
    person.phone = "-2"
    return make_registration(event, person, dietary="\tTab", accessibility="\rCR")


def test_export_csv_neutralises_formulas_and_filters(client, db, login, organizer, event):
    _dangerous(event)
    delegation = make_delegation(event)
    make_registration(event, make_person("del@example.org"), delegation_id=delegation.id)
    make_registration(
        event,
        make_person("wait@example.org"),
        status=RegistrationStatus.WAITLISTED,
        waitlist_position=1,
    )
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/export"
    assert "Download" in client.get(url).get_data(as_text=True)
    response = client.get(url + "?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    evil = next(r for r in rows if r["email"] == "evil@example.org")
    assert evil["given_name"] == '\'=HYPERLINK("x")'
    assert evil["family_name"] == "'+1"
    assert evil["position"] == "'@SUM(A1)"
    assert evil["phone"] == "'-2"
    assert evil["dietary"] == "'\tTab"
    assert evil["accessibility"] == "'\rCR"
    filtered = (
        client.get(url + f"?format=csv&delegation={delegation.id}").get_data().decode("utf-8-sig")
    )
    assert "del@example.org" in filtered and "evil@example.org" not in filtered
    waiting = client.get(url + "?format=csv&status=waitlisted").get_data().decode("utf-8-sig")
    assert "wait@example.org" in waiting and "del@example.org" not in waiting


def test_export_xlsx_back_office_and_cli(client, runner, db, login, organizer, event, tmp_path):
    _dangerous(event)
    login(organizer)
    response = client.get(
        f"/manage/events/{event.slug}/registrations/export?format=xlsx&role=delegate"
    )
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    values = [c.value for c in sheet[2]]
    assert '=HYPERLINK("x")' in values  # a text cell: no apostrophe, never a formula
    assert "f" not in {c.data_type for c in sheet[2]} and sheet.cell(2, 2).quotePrefix
    assert sheet.cell(1, 7).value == "email"
    out = tmp_path / "out.xlsx"
    result = runner.invoke(
        args=["export-registrations", event.slug, "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet.cell(2, 7).value == "evil@example.org"
    out_csv = tmp_path / "out.csv"
    runner.invoke(
        args=[
            "export-registrations",
            event.slug,
            "--format",
            "csv",
            "-o",
            str(out_csv),
            "--status",
            "cancelled",
        ]
    )
    assert "evil@example.org" not in out_csv.read_text(encoding="utf-8-sig")


def test_reports(client, db, login, organizer, event):
    delegation = make_delegation(event, make_jurisdiction("Baja California"))
    spanish = make_person("es@example.org", preferred_language="es")
    make_registration(
        event, spanish, delegation_id=delegation.id, needs_interpretation=True, dietary="Sin gluten"
    )
    from datetime import date

    for _ in range(2):
        make_registration(
            event,
            make_person(preferred_language="en"),
            needs_interpretation=True,
            arrival_date=date(2027, 3, 8),
            departure_date=date(2027, 3, 11),
        )
    make_registration(
        event,
        make_person(preferred_language="es"),
        needs_interpretation=True,
        status=RegistrationStatus.CANCELLED,
    )
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/reports/").get_data(as_text=True)
    assert "Baja California" in html and "Sin gluten" in html
    interp = (
        client.get(f"/manage/events/{event.slug}/reports/interpretation.csv")
        .get_data()
        .decode("utf-8-sig")
    )
    rows = list(csv.reader(io.StringIO(interp)))
    assert rows[1][1] == "1"  # EN→ES: the Spanish-preferring listener
    assert rows[2][1] == "2"  # ES→EN
    head = list(
        csv.reader(
            io.StringIO(
                client.get(f"/manage/events/{event.slug}/reports/headcount.csv")
                .get_data()
                .decode("utf-8-sig")
            )
        )
    )
    assert head[-1][0] == "Total" and head[-1][-1] == "3"
    travel = (
        client.get(f"/manage/events/{event.slug}/reports/travel.csv").get_data().decode("utf-8-sig")
    )
    assert "2027-03-08,2,0" in travel and "2027-03-11,0,2" in travel
    assert client.get(f"/manage/events/{event.slug}/reports/nope.csv").status_code == 404


def test_import_refuses_too_many_rows_and_big_files(client, login, organizer, event, db):
    import io

    from eventsapp.registration import importer
    from eventsapp.registration.models import Registration

    login(organizer)
    header = "given_name,family_name,email\n"
    rows = "".join(f"A,B,p{i}@example.org\n" for i in range(importer.MAX_ROWS + 1))
    html = client.post(
        f"/manage/events/{event.slug}/registrations/import",
        data={"file": (io.BytesIO((header + rows).encode()), "big.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert f"An import takes at most {importer.MAX_ROWS} rows" in html
    assert "Failed" in html
    big = client.post(
        f"/manage/events/{event.slug}/registrations/import",
        data={"file": (io.BytesIO(b"x" * (5 * 1024 * 1024 + 1)), "big.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "The file may be at most 5 MB." in big
    assert db.session.scalar(db.select(db.func.count()).select_from(Registration)) == 0


def test_xlsx_formula_without_cached_value_is_imported_as_its_text(
    client, login, organizer, event, db
):
    import io

    from openpyxl import Workbook

    from eventsapp.registration.models import Person

    book = Workbook()
    book.active.append(["given_name", "family_name", "email", "position"])
    book.active.append(["Ana", "Pérez", "ana.formula@example.org", '=HYPERLINK("http://x","y")'])
    data = io.BytesIO()
    book.save(data)
    login(organizer)
    client.post(
        f"/manage/events/{event.slug}/registrations/import",
        data={"file": (io.BytesIO(data.getvalue()), "people.xlsx")},
        content_type="multipart/form-data",
    )
    person = db.session.scalar(db.select(Person).where(Person.email == "ana.formula@example.org"))
    assert person.position == '=HYPERLINK("http://x","y")'


# --- imports as background jobs (issue 12) ---------------------------------------------------


def _job_of(db, event):
    from eventsapp.jobs.models import Job

    return db.session.scalars(
        db.select(Job).where(Job.event_id == event.id).order_by(Job.id.desc())
    ).first()


def test_web_import_runs_as_a_job_and_ends_with_its_report(client, db, login, organizer, event):
    from eventsapp import storage

    make_delegation(event, make_jurisdiction("Sonora"))
    login(organizer)
    answer = _upload(client, event, _csv(*_good_lines()))
    job = _job_of(db, event)
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/manage/events/{event.slug}/jobs/{job.id}")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "2 created, 0 updated, 0 skipped." in page
    assert "Done" in page
    status = client.get(f"/manage/events/{event.slug}/jobs/{job.id}.json").get_json()
    assert (status["status"], status["done"], status["total"]) == ("done", 2, 2)
    assert job.kind == "registration.import" and job.input_name == "people.csv"
    assert storage.get(job.input_key).content == _csv(*_good_lines())  # kept for a day
    assert _count(db, event) == 2


def test_one_bad_row_imports_nothing_and_the_report_names_its_line(
    client, db, login, organizer, event
):
    from tests.import_helpers import big_csv

    login(organizer)
    lines = big_csv(300).decode().splitlines()
    lines[151] = lines[151].replace("@example.org", "")  # line 152 of the file
    page = _upload(
        client, event, ("\n".join(lines) + "\n").encode(), follow_redirects=True
    ).get_data(as_text=True)
    assert "1 problem(s) found. Nothing was imported." in page
    assert "<td>152</td><td>email</td><td>Not a valid e-mail address.</td>" in page
    assert _count(db, event) == 0
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 0


def test_xlsx_bomb_is_refused_before_it_is_read(client, db, login, organizer, event):
    from eventsapp.jobs.models import Job
    from tests.import_helpers import shared_strings_bomb

    bomb = shared_strings_bomb(unpacked_mb=60)
    assert len(bomb) < 1024 * 1024
    login(organizer)
    page = _upload(client, event, bomb, "people.xlsx").get_data(as_text=True)
    assert "This Excel file would unpack to 60 MB (at most 50 MB)" in page
    assert db.session.scalar(db.select(db.func.count(Job.id))) == 0


def test_cli_refuses_the_bomb_too(runner, db, event, tmp_path):
    from tests.import_helpers import shared_strings_bomb

    path = tmp_path / "people.xlsx"
    path.write_bytes(shared_strings_bomb(unpacked_mb=60))
    result = runner.invoke(args=["import-registrations", event.slug, str(path)])
    assert result.exit_code != 0
    assert "would unpack to 60 MB" in result.output


def _queries_of_an_import(db, event, organizer, n: int) -> list[str]:
    from sqlalchemy import event as sa_event

    from eventsapp.registration import importer
    from tests.import_helpers import big_csv

    rows = importer.read_rows("people.csv", big_csv(n, jurisdiction="Sonora", delegation="Sonora"))
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        result = importer.import_rows(organizer, event, rows)
        db.session.commit()
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert not result.problems and result.created + result.updated == n
    return statements


def test_queries_of_an_import_do_not_grow_with_its_rows(db, organizer, event):
    """Lookups in bulk: delegations, jurisdictions, organizations and people are read once
    per file, seats counted once. On PostgreSQL the rows are also written in batches
    (insertmanyvalues), so a 200-row import is a bounded number of statements in all;
    SQLite's driver sends its INSERTs one by one, so there only the lookups are bounded."""
    make_delegation(event, make_jurisdiction("Sonora"), seat_quota=10_000)
    for _time in ("created", "updated"):  # the same file again: every row an update
        statements = _queries_of_an_import(db, event, organizer, 200)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) <= 15, selects
        if db.engine.dialect.name == "postgresql":
            assert len(statements) <= 30, statements


def test_import_fills_a_delegation_then_waitlists_in_file_order(db, organizer, event):
    from eventsapp.registration import importer
    from tests.import_helpers import big_csv

    make_delegation(event, make_jurisdiction("Sonora"), seat_quota=3)
    event.capacity = 10
    db.session.commit()
    rows = importer.read_rows("p.csv", big_csv(5, jurisdiction="Sonora", delegation="Sonora"))
    importer.import_rows(organizer, event, rows)
    db.session.commit()
    got = {
        r.person.email: (r.status, r.waitlist_position)
        for r in db.session.scalars(db.select(Registration))
    }
    assert got == {
        "p0@example.org": (RegistrationStatus.CONFIRMED, None),
        "p1@example.org": (RegistrationStatus.CONFIRMED, None),
        "p2@example.org": (RegistrationStatus.CONFIRMED, None),
        "p3@example.org": (RegistrationStatus.WAITLISTED, 1),
        "p4@example.org": (RegistrationStatus.WAITLISTED, 2),
    }
