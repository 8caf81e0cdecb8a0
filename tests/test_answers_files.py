"""Answers to the event's own questions in the CSV/XLSX export and import (issue 16): one
column per question by key, retired questions exported and their columns ignored with a
warning, choices by label in either language or id, line-numbered errors with nothing
half-saved, required questions left alone without their column, option places taken
through the import, and the round trip export -> import of every type."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from eventsapp.auth.models import EventRoleKind
from eventsapp.jobs.models import Job
from eventsapp.questions.models import Answer, QuestionType
from eventsapp.questions.services import answers_by_registration
from tests.answers_helpers import give_answers
from tests.factories import grant, make_event, make_person, make_question, make_registration
from tests.registration_helpers import registration_of
from tests.test_import_export import _upload

RETIRED = datetime(2027, 1, 1, tzinfo=UTC)


def _questions(event, *, retired=True):
    make_question(
        event,
        "visit",
        QuestionType.SINGLE_CHOICE,
        options=[
            {"label_en": "Port", "label_es": "Puerto", "capacity": 1},
            {"label_en": "Museum", "label_es": "Museo"},
        ],
    )
    make_question(
        event,
        "sessions",
        QuestionType.MULTIPLE_CHOICE,
        options=[
            {"label_en": "Workshop A", "label_es": "Taller A"},
            {"label_en": "Workshop B", "label_es": "Taller B"},
        ],
    )
    for key, kind in (
        ("shuttle", QuestionType.YES_NO),
        ("nights", QuestionType.NUMBER),
        ("arrival", QuestionType.DATE),
        ("landing", QuestionType.TIME),
        ("home", QuestionType.COUNTRY),
        ("contact", QuestionType.EMAIL),
        ("emergency", QuestionType.PHONE),
        ("notes", QuestionType.LONG_TEXT),
        ("badge_name", QuestionType.SHORT_TEXT),
        ("photo_ok", QuestionType.CONSENT),
    ):
        make_question(event, key, kind)
    if retired:
        make_question(event, "old", retired_at=RETIRED)


def _rows(content: bytes, fmt: str) -> list[dict]:
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [[c.value or "" for c in row] for row in sheet.iter_rows()]
        return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _export(client, event, fmt="csv", lang="en") -> bytes:
    with client.session_transaction() as session:
        session["lang"] = lang
    response = client.get(f"/manage/events/{event.slug}/registrations/export?format={fmt}")
    assert response.status_code == 200
    return response.get_data()


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _answers(event, email) -> dict:
    """{key: canonical value or option labels} of the person's registration."""
    registration = registration_of(event, email)
    given = answers_by_registration([registration.id])[registration.id]
    return {
        a.question.key: [c.option.label_en for c in a.choices] if a.choices else a.value
        for a in given.values()
    }


def _report(db):
    return db.session.scalar(db.select(Job).order_by(Job.id.desc())).report


@pytest.fixture
def answered(db, event):
    _questions(event)
    ines = make_registration(event, make_person("ines@example.org", event=event))
    give_answers(
        ines,
        visit="Port",
        sessions=["Workshop A", "Workshop B"],
        shuttle="yes",
        nights="2,5",
        arrival="2027-03-08",
        landing="07:05",
        home="Mexico",
        contact="Ines@Example.org",
        emergency="+52 664 123 4567",
        notes="Line one\nline two",
        badge_name="=Inés",
        photo_ok="yes",
        old="kept",
    )
    make_registration(event, make_person("bare@example.org", event=event))
    return event


def test_the_export_has_one_column_per_question_retired_ones_too(
    client, db, login, organizer, answered
):
    login(organizer)
    rows = {r["email"]: r for r in _rows(_export(client, answered), "csv")}
    ines = rows["ines@example.org"]
    assert list(ines)[-13:] == [
        "visit",
        "sessions",
        "shuttle",
        "nights",
        "arrival",
        "landing",
        "home",
        "contact",
        "emergency",
        "notes",
        "badge_name",
        "photo_ok",
        "old",
    ]
    assert ines["visit"] == "Port" and ines["sessions"] == "Workshop A; Workshop B"
    assert (ines["shuttle"], ines["nights"], ines["arrival"]) == ("yes", "2.5", "2027-03-08")
    assert (ines["landing"], ines["home"], ines["contact"]) == ("07:05", "MX", "ines@example.org")
    assert ines["emergency"] == "'+52 664 123 4567"  # neutralised for a spreadsheet
    assert ines["badge_name"] == "'=Inés" and ines["notes"] == "Line one\nline two"
    assert ines["photo_ok"] == "yes" and ines["old"] == "kept"
    assert rows["bare@example.org"]["visit"] == ""
    spanish = {r["email"]: r for r in _rows(_export(client, answered, lang="es"), "csv")}
    assert spanish["ines@example.org"]["sessions"] == "Taller A; Taller B"
    assert spanish["ines@example.org"]["visit"] == "Puerto"


@pytest.mark.parametrize(("fmt", "lang"), [("csv", "en"), ("xlsx", "en"), ("csv", "es")])
def test_export_then_import_on_a_fresh_event_round_trips_every_type(
    client, db, login, answered, fmt, lang
):
    """Exported in either language (choices by their English or Spanish labels)."""
    from tests.factories import make_user

    user = make_user()
    grant(user, answered, EventRoleKind.ORGANIZER)
    fresh = make_event()
    grant(user, fresh, EventRoleKind.ORGANIZER)
    _questions(fresh)
    login(user)
    exported = _export(client, answered, fmt, lang)
    if lang == "es":
        assert "Taller A; Taller B" in exported.decode("utf-8-sig")
    with client.session_transaction() as session:
        session["lang"] = "en"
    page = _upload(client, fresh, exported, filename=f"export.{fmt}", follow_redirects=True)
    html = page.get_data(as_text=True)
    assert "This question is retired: its column was not imported." in html
    assert "<td>1</td><td>old</td>" in html
    assert _report(db)["imported"] and _report(db)["warnings"] == [
        [1, "old", "This question is retired: its column was not imported."]
    ]
    assert _answers(fresh, "ines@example.org") == {
        "visit": ["Port"],
        "sessions": ["Workshop A", "Workshop B"],
        "shuttle": "yes",
        "nights": "2.5",
        "arrival": "2027-03-08",
        "landing": "07:05",
        "home": "MX",
        "contact": "ines@example.org",
        "emergency": "+52 664 123 4567",
        "notes": "Line one\nline two",
        "badge_name": "=Inés",
        "photo_ok": "yes",
    }
    assert _answers(fresh, "bare@example.org") == {}
    again = _rows(_export(client, fresh, fmt, lang), fmt)
    before = _rows(exported, fmt)
    keep = [k for k in before[0] if k not in ("status", "waitlist_position", "old")]
    assert sorted([{k: r[k] for k in keep} for r in again], key=lambda r: r["email"]) == sorted(
        [{k: r[k] for k in keep} for r in before], key=lambda r: r["email"]
    )


def test_the_same_file_reads_back_on_its_own_event_after_an_option_is_retired(
    client, db, login, organizer, answered
):
    login(organizer)
    exported = _export(client, answered)
    port = registration_of(answered, "ines@example.org")
    visit = next(a for a in answers_by_registration([port.id])[port.id].values() if a.choices)
    visit.choices[0].option.retired_at = RETIRED
    db.session.commit()
    html = _upload(client, answered, exported, follow_redirects=True).get_data(as_text=True)
    assert _report(db)["imported"] and _report(db)["problem_count"] == 0, html
    assert _answers(answered, "ines@example.org")["visit"] == ["Port"]  # kept as it was


def test_labels_in_either_language_ids_and_any_case(client, db, login, organizer, event):
    _questions(event, retired=False)
    museum = next(o for q in _question_list(event, "visit") for o in q.options if o.position == 2)
    login(organizer)
    content = _csv(
        "given_name,family_name,email,visit,sessions,shuttle",
        "Ana,Ruiz,ana@example.org,museo,taller a;WORKSHOP B,sí",
        f"Luis,Paz,luis@example.org,{museum.id},,no",
    )
    _upload(client, event, content)
    assert _answers(event, "ana@example.org") == {
        "visit": ["Museum"],
        "sessions": ["Workshop A", "Workshop B"],
        "shuttle": "yes",
    }
    assert _answers(event, "luis@example.org") == {"visit": ["Museum"], "shuttle": "no"}


def _question_list(event, key):
    from eventsapp.extensions import db
    from eventsapp.questions.models import Question

    return db.session.scalars(
        db.select(Question).where(Question.event_id == event.id, Question.key == key)
    ).all()


def test_a_bad_value_is_a_line_numbered_error_and_nothing_is_saved(
    client, db, login, organizer, event
):
    _questions(event, retired=False)
    login(organizer)
    reason = "“Boat” is not one of the choices."
    content = _csv(
        "given_name,family_name,email,visit,arrival,nights",
        "Ana,Ruiz,ana@example.org,Museum,2027-03-08,2",
        "Luis,Paz,luis@example.org,Boat,2027-03-08,2",
        "Eva,Sol,eva@example.org,Port,08/03/2027,two",
    )
    html = _upload(client, event, content, follow_redirects=True).get_data(as_text=True)
    problems = _report(db)["problems"]
    assert [p[:2] for p in problems] == [[3, "visit"], [4, "arrival"], [4, "nights"]]
    assert problems[0][2] == reason
    assert f"<td>3</td><td>visit</td><td>{reason}</td>" in html
    assert registration_of(event, "ana@example.org") is None  # nothing half-saved
    assert db.session.scalar(db.select(db.func.count(Answer.id))) == 0


def test_only_valid_rows_skips_a_row_with_a_bad_answer_whole(client, db, login, organizer, event):
    _questions(event, retired=False)
    login(organizer)
    content = _csv(
        "given_name,family_name,email,shuttle,contact",
        "Ana,Ruiz,ana@example.org,yes,ana.home@example.org",
        "Luis,Paz,luis@example.org,maybe,luis.home@example.org",
    )
    _upload(client, event, content, only_valid=True)
    assert _answers(event, "ana@example.org") == {
        "shuttle": "yes",
        "contact": "ana.home@example.org",
    }
    assert registration_of(event, "luis@example.org") is None


def test_required_questions_without_their_column_are_left_alone(
    client, db, login, organizer, event
):
    make_question(event, "passport_seen", QuestionType.YES_NO, required=True)
    make_question(event, "photo_ok", QuestionType.CONSENT, required=True)
    login(organizer)
    old_data = _csv("given_name,family_name,email", "Ana,Ruiz,ana@example.org")
    _upload(client, event, old_data)
    assert registration_of(event, "ana@example.org") is not None
    with_column = _csv(
        "given_name,family_name,email,passport_seen",
        "Luis,Paz,luis@example.org,",
        "Eva,Sol,eva@example.org,yes",
    )
    _upload(client, event, with_column)
    assert _report(db)["problems"] == [[2, "passport_seen", "This question needs an answer."]]
    assert registration_of(event, "eva@example.org") is None
    # an existing registration without an answer: the empty cell is what the export wrote
    again = _csv("given_name,family_name,email,passport_seen", "Ana,Ruiz,ana@example.org,")
    _upload(client, event, again)
    assert _report(db)["imported"]


def test_a_stored_answer_without_its_column_stays_and_an_empty_cell_clears_it(
    client, db, login, organizer, answered
):
    login(organizer)
    _upload(client, answered, _csv("given_name,family_name,email", "Inés,I,ines@example.org"))
    assert _answers(answered, "ines@example.org")["shuttle"] == "yes"
    _upload(
        client,
        answered,
        _csv("given_name,family_name,email,shuttle,nights", "Inés,I,ines@example.org,,3"),
    )
    given = _answers(answered, "ines@example.org")
    assert "shuttle" not in given and given["nights"] == "3" and given["visit"] == ["Port"]


def test_option_places_are_taken_through_the_import(client, db, login, organizer, event):
    _questions(event, retired=False)
    login(organizer)
    content = _csv(
        "given_name,family_name,email,visit",
        "Ana,Ruiz,ana@example.org,Port",
        "Luis,Paz,luis@example.org,Puerto",
    )
    _upload(client, event, content)
    places = {}
    for email in ("ana@example.org", "luis@example.org"):
        registration = registration_of(event, email)
        [answer] = answers_by_registration([registration.id])[registration.id].values()
        places[email] = answer.choices[0].waitlist_position
    assert places == {"ana@example.org": None, "luis@example.org": 1}


def test_a_question_of_another_role_and_unknown_columns_are_refused(
    client, db, login, organizer, event
):
    make_question(event, "press_card", roles="press")
    make_question(make_event(), "elsewhere")
    login(organizer)
    content = _csv(
        "given_name,family_name,email,role,press_card",
        "Ana,Ruiz,ana@example.org,press,P-1",
        "Luis,Paz,luis@example.org,delegate,P-2",
        "Eva,Sol,eva@example.org,delegate,",
    )
    _upload(client, event, content)
    assert _report(db)["problems"] == [
        [3, "press_card", "This question is not asked of this role."]
    ]
    _upload(client, event, _csv("given_name,family_name,email,elsewhere", "A,B,c@example.org,x"))
    assert _report(db)["problems"] == [[1, "elsewhere", "Unknown column."]]


def test_a_key_named_like_a_fixed_column_is_headed_q_key(client, db, login, organizer, event):
    make_question(event, "phone", QuestionType.SHORT_TEXT)
    ana = make_registration(event, make_person("ana@example.org", event=event, phone="+1 555"))
    give_answers(ana, phone="Office line")
    login(organizer)
    [row] = _rows(_export(client, event), "csv")
    assert row["phone"] == "'+1 555" and row["q_phone"] == "Office line"
    _upload(
        client,
        event,
        _csv("given_name,family_name,email,phone,q_phone", "Ana,R,ana@example.org,+1 556,Desk"),
    )
    assert _answers(event, "ana@example.org") == {"phone": "Desk"}
    assert registration_of(event, "ana@example.org").person.phone == "+1 556"


def test_the_import_page_and_template_name_the_question_columns(
    client, db, login, organizer, event
):
    make_question(event, "shuttle", QuestionType.YES_NO)
    make_question(event, "old", retired_at=RETIRED)
    login(organizer)
    page = client.get(f"/manage/events/{event.slug}/registrations/import").get_data(as_text=True)
    assert "<code>shuttle</code>" in page and "<code>old</code>" not in page
    template = client.get(f"/manage/events/{event.slug}/registrations/import-template.csv")
    header = next(csv.reader(io.StringIO(template.get_data().decode("utf-8-sig"))))
    assert header[-1] == "shuttle" and "old" not in header
    with client.session_transaction() as session:
        session["lang"] = "es"
    page = client.get(f"/manage/events/{event.slug}/registrations/import").get_data(as_text=True)
    assert "una columna por pregunta" in page


def test_the_remarks_and_role_errors_read_in_spanish(client, db, login, organizer, event):
    make_question(event, "press_card", roles="press")
    make_question(event, "old", retired_at=RETIRED)
    login(organizer)
    with client.session_transaction() as session:
        session["lang"] = "es"
    content = _csv("given_name,family_name,email,old,press_card", "Ana,Ruiz,ana@example.org,x,P")
    html = _upload(client, event, content, follow_redirects=True).get_data(as_text=True)
    assert "Observaciones:" in html
    assert "Esta pregunta está retirada: su columna no se importó." in html
    assert "<td>2</td><td>press_card</td><td>Esta pregunta no se hace a este rol.</td>" in html


def test_every_type_refuses_a_bad_value_on_its_line(client, db, login, organizer, event):
    _questions(event, retired=False)
    login(organizer)
    bad = {
        "visit": "Port;Museum",
        "sessions": "Workshop C",
        "shuttle": "maybe",
        "nights": "two",
        "arrival": "31/02/2027",
        "landing": "25:70",
        "home": "Atlantis",
        "contact": "not-an-address",
        "emergency": "call me",
        "photo_ok": "perhaps",
    }
    lines = ["given_name,family_name,email," + ",".join(bad)]
    lines.append("Ok,Row,ok@example.org," + "," * (len(bad) - 1))
    for n, key in enumerate(bad):
        cells = [f'"{bad[k]}"' if k == key else "" for k in bad]
        lines.append(f"P{n},Q,p{n}@example.org," + ",".join(cells))
    _upload(client, event, _csv(*lines))
    problems = _report(db)["problems"]
    assert [p[:2] for p in problems] == [[n + 3, key] for n, key in enumerate(bad)], problems
    assert registration_of(event, "ok@example.org") is None


def test_an_xlsx_error_names_the_sheet_row(client, db, login, organizer, event):
    from openpyxl import Workbook

    _questions(event, retired=False)
    book = Workbook()
    sheet = book.active
    sheet.append(["given_name", "family_name", "email", "sessions", "shuttle"])
    sheet.append(["Ana", "Ruiz", "ana@example.org", "Taller A", "sí"])
    sheet.append(["Luis", "Paz", "luis@example.org", "Taller C", "no"])
    content = io.BytesIO()
    book.save(content)
    login(organizer)
    with client.session_transaction() as session:
        session["lang"] = "es"
    page = _upload(client, event, content.getvalue(), filename="gente.xlsx", follow_redirects=True)
    assert [p[:2] for p in _report(db)["problems"]] == [[3, "sessions"]]
    html = page.get_data(as_text=True)
    assert "<td>3</td><td>sessions</td>" in html and "Taller C" in html
    assert registration_of(event, "ana@example.org") is None
