"""The answers report: answers counted per question among the confirmed registrations, a
bar chart per choice and yes/no question, each choice's places held against its capacity
and its waiting list, the CSV download, in both languages, in a fixed number of queries."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest

from eventsapp.auth.models import EventRoleKind
from eventsapp.questions.models import QuestionType
from eventsapp.registration.models import RegistrationStatus
from tests.factories import (
    grant,
    make_event,
    make_person,
    make_question,
    make_registration,
    make_user,
)
from tests.questions_manage_helpers import give, site_visit, statements


def _reports(client, event, lang: str = "en") -> str:
    with client.session_transaction() as session:
        session["lang"] = lang
    response = client.get(f"/manage/events/{event.slug}/reports/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _section(page: str) -> str:
    start = page.index('id="report-answers"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def answered(db, event):
    """Three confirmed registrations and a pending one answering four questions."""
    visit = site_visit(event, capacity=1, label_en="Site visit", label_es="Visita")
    hotel = make_question(event, "hotel", QuestionType.YES_NO, label_en="Hotel?")
    notes = make_question(event, "notes", label_en="Notes")
    make_question(event, "old", QuestionType.YES_NO, label_en="Old", retired_at=datetime.now(UTC))
    people = {}
    for name, status in (
        ("ana", RegistrationStatus.CONFIRMED),
        ("bob", RegistrationStatus.CONFIRMED),
        ("cy", RegistrationStatus.CONFIRMED),
        ("dee", RegistrationStatus.PENDING),
    ):
        person = make_person(f"{name}@example.org", event=event)
        people[name] = make_registration(event, person, status=status)
    give(people["ana"], visit, "Port")  # holds the one place
    give(people["bob"], visit, "Port")  # waits
    give(people["cy"], visit, "Museum")
    give(people["dee"], visit, "Museum")  # pending: holds a place, not counted as an answer
    give(people["ana"], hotel, "yes")
    give(people["bob"], hotel, "no")
    give(people["dee"], hotel, "yes")
    give(people["ana"], notes, "Arrives late")
    other = make_event()
    give(make_registration(other), site_visit(other), "Port")
    return visit


def test_answers_are_counted_per_question_with_a_chart_per_choice(
    client, login, organizer, event, answered
):
    login(organizer)
    section = _section(_reports(client, event))
    assert "Answers to the questions" in section
    charts = re.findall(r"<svg.*?</svg>", section, re.S)
    assert len(charts) == 2  # the site visit and the hotel; not the notes, not the retired one
    assert "Answers to “Site visit”" in charts[0]
    assert "Port: 2 registrations; Museum: 1 registrations" in charts[0]
    assert "Yes: 1 registrations; No: 1 registrations" in charts[1]
    assert "(3 answers)" in section and "(2 answers)" in section


def test_the_table_and_csv_show_places_held_capacity_and_waiting_list(
    client, login, organizer, event, answered
):
    login(organizer)
    response = client.get(f"/manage/events/{event.slug}/reports/answers.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == [
        "Question",
        "Answer",
        "Registrations",
        "Places held",
        "Places",
        "Waiting list",
    ]
    assert rows[1:] == [
        ["Site visit", "Answered", "3", "", "", ""],
        ["Site visit", "Port", "2", "1", "1", "1"],
        ["Site visit", "Museum", "1", "2", "—", "0"],
        ["Hotel?", "Answered", "2", "", "", ""],
        ["Hotel?", "Yes", "1", "", "", ""],
        ["Hotel?", "No", "1", "", "", ""],
        ["Notes", "Answered", "1", "", "", ""],
        ["Old (retired)", "Answered", "0", "", "", ""],
        ["Old (retired)", "Yes", "0", "", "", ""],
        ["Old (retired)", "No", "0", "", "", ""],
    ]
    section = _section(_reports(client, event))
    assert "<td>Site visit</td><td>Port</td><td>2</td><td>1</td><td>1</td><td>1</td>" in section


def test_a_retired_choice_keeps_its_answers_in_the_report(client, login, organizer, event):
    visit = make_question(event, "visit", QuestionType.MULTIPLE_CHOICE, options=["Port", "Zoo"])
    give(make_registration(event), visit, ["Zoo"])
    visit.options[1].retired_at = datetime.now(UTC)
    login(organizer)
    section = _section(_reports(client, event))
    assert "<td>Zoo (retired)</td><td>1</td>" in section


def test_the_report_speaks_spanish(client, login, organizer, event, answered):
    login(organizer)
    section = _section(_reports(client, event, "es"))
    assert "Respuestas a las preguntas" in section
    assert "Respuestas a «Visita»" in section or "Respuestas a “Visita”" in section
    assert "Puerto" in section and "Museo" in section


def test_the_report_asks_the_same_number_of_queries_for_more_questions(
    client, db, login, organizer, event
):
    login(organizer)
    registration = make_registration(event)
    give(registration, site_visit(event, "one"), "Port")
    db.session.commit()
    with statements() as few:
        _reports(client, event)
    for n in range(5):
        give(registration, site_visit(event, f"more{n}"), "Museum")
        give(registration, make_question(event, f"yes{n}", QuestionType.YES_NO), "yes")
    db.session.commit()
    with statements() as many:
        _reports(client, event)
    assert len(many) == len(few)


def test_an_organizer_of_another_event_sees_no_answers(client, login, event, answered):
    other = make_event()
    user = make_user("elsewhere@example.org")
    grant(user, other, EventRoleKind.ORGANIZER)
    login(user)
    assert client.get(f"/manage/events/{event.slug}/reports/").status_code == 403
    assert client.get(f"/manage/events/{event.slug}/reports/answers.csv").status_code == 403
    page = client.get(f"/manage/events/{other.slug}/reports/").get_data(as_text=True)
    assert "Site visit" not in page and "Hotel?" not in page
