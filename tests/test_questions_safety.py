"""The organizer's questions pages under pressure: answers surviving every change of their
question (renamed and retired choices, a retired question), the registrations list filtered
by an answer across pages, other filters and the export, check-in staff kept out, CSRF on
every form, markup shown as text and over-long values refused beside their field."""

from __future__ import annotations

import csv
import io
import re

import pytest

from eventsapp.auth.models import EventRoleKind
from eventsapp.questions.models import Answer, AnswerChoice, Question, QuestionOption
from eventsapp.registration.models import RegistrationStatus
from tests.factories import grant, make_person, make_registration, make_user
from tests.questions_manage_helpers import give, site_visit
from tests.test_questions_manage import _form, _routes, _snapshot, _url

MARKUP = '<script>alert("q")</script>'
FORM_RE = re.compile(r"<form\b[^>]*\bmethod=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


def _page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def organizing(client, login, organizer):
    login(organizer)
    return client


def _person(event, name: str):
    return make_person(f"{name}@example.org", event=event, family_name=name.capitalize())


# --- answers survive changes to their question ----------------------------------------------
def test_answers_survive_renamed_and_retired_choices_and_a_retired_question(db, organizing, event):
    visit = site_visit(event, label_en="Site visit", capacity=None)
    port, museum = visit.options
    ana = make_registration(event, _person(event, "ana"))
    bob = make_registration(event, _person(event, "bob"))
    give(ana, visit, "Port")
    give(bob, visit, "Museum")
    base = _url(event, f"/{visit.id}/options")

    renamed = organizing.post(
        f"{base}/{port.id}", data={f"o{port.id}-label_en": "Harbour", f"o{port.id}-label_es": "X"}
    )
    assert renamed.status_code == 302, _page(renamed)
    assert organizing.post(f"{base}/{museum.id}/retire").status_code == 302
    organizing.post(f"{base}/{museum.id}/delete")  # chosen: refused, the choice stays
    organizing.post(base, data={"new-label_en": "Beach"})
    beach = db.session.scalar(db.select(QuestionOption).filter_by(label_en="Beach"))
    assert organizing.post(f"{base}/{beach.id}/delete").status_code == 302  # nobody chose it
    edited = organizing.post(
        _url(event, f"/{visit.id}"),
        data=_form(type="single_choice", key="visit", label_en="Site visit (Tue)"),
    )
    assert edited.status_code == 302, _page(edited)
    assert organizing.post(_url(event, f"/{visit.id}/retire")).status_code == 302
    organizing.post(_url(event, f"/{visit.id}/delete"))  # answered: refused

    db.session.expire_all()
    question = db.session.get(Question, visit.id)
    assert question is not None and question.is_retired
    assert [(o.label_en, o.is_retired) for o in question.options] == [
        ("Harbour", False),
        ("Museum", True),
    ]
    assert db.session.get(QuestionOption, beach.id) is None
    chosen = db.session.execute(
        db.select(Answer.registration_id, AnswerChoice.option_id).join(
            AnswerChoice, AnswerChoice.answer_id == Answer.id
        )
    ).all()
    assert sorted(chosen) == sorted([(ana.id, port.id), (bob.id, museum.id)])

    report = _page(organizing.get(f"/manage/events/{event.slug}/reports/"))
    section = report[report.index('id="report-answers"') :]
    assert "Site visit (Tue)" in section and "Harbour" in section and "Museum" in section
    listed = _page(
        organizing.get(
            f"/manage/events/{event.slug}/registrations/?question={visit.id}&answer={museum.id}"
        )
    )
    assert "bob@example.org" in listed and "ana@example.org" not in listed
    assert f'<option value="{museum.id}" selected>' in listed  # a retired choice stays offered


def test_a_question_nobody_answered_is_deleted_with_its_choices(db, organizing, event):
    visit = site_visit(event)
    url = _url(event, f"/{visit.id}/delete")
    assert organizing.get(url).status_code == 200  # the confirmation page
    assert organizing.post(url).status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, visit.id) is None
    assert db.session.scalar(db.select(db.func.count(QuestionOption.id))) == 0


# --- the order without a mouse or JavaScript ----------------------------------------------------
def test_questions_and_choices_move_with_plain_forms_and_come_back_to_their_row(
    db, organizing, event
):
    first = site_visit(event, key="first")
    visit = site_visit(event)
    port, museum = visit.options
    listing = _page(organizing.get(_url(event)))
    assert "js/move_focus.js" in listing and "data-move" in listing
    moved = organizing.post(_url(event, f"/{visit.id}/move"), data={"direction": "up"})
    assert moved.headers["Location"].endswith(f"#question-{visit.id}")
    page = _page(organizing.get(_url(event, f"/{visit.id}")))
    action = _url(event, f"/{visit.id}/options/{museum.id}/move")
    assert f'action="{action}" class="d-inline" data-move' in page
    assert "js/move_focus.js" in page
    moved = organizing.post(action, data={"direction": "up"})
    assert moved.status_code == 302
    assert moved.headers["Location"].endswith(f"/{visit.id}#choice-{museum.id}")
    db.session.expire_all()
    assert [o.label_en for o in db.session.get(Question, visit.id).options] == ["Museum", "Port"]
    assert db.session.get(Question, visit.id).position < db.session.get(Question, first.id).position
    assert organizing.post(action, data={"direction": "left"}).status_code == 400
    assert organizing.post(action, data={}).status_code == 400


# --- the registrations list filtered by an answer ----------------------------------------------
def test_the_answer_filter_keeps_to_the_pages_other_filters_and_the_export(
    app, db, organizing, event
):
    app.config["PER_PAGE"] = 2
    visit = site_visit(event, capacity=None)
    port, museum = visit.options
    for name in ("amy", "ben", "cal", "dan", "eve"):
        give(make_registration(event, _person(event, name)), visit, "Museum")
    for name in ("fay", "gus"):
        give(make_registration(event, _person(event, name)), visit, "Port")
    gone = make_registration(event, _person(event, "hal"), status=RegistrationStatus.CANCELLED)
    give(gone, visit, "Museum")
    base = f"/manage/events/{event.slug}/registrations/"
    query = f"question={visit.id}&answer={museum.id}"

    def emails(page: str) -> set[str]:
        return set(re.findall(r"\b([a-z]{3})@example\.org", page))

    seen: set[str] = set()
    first = _page(organizing.get(f"{base}?{query}"))
    links = re.findall(r'href="([^"]*page=\d[^"]*)"', first)
    assert links and all(
        f"question={visit.id}" in link and f"answer={museum.id}" in link for link in links
    )
    for number in (1, 2, 3):
        seen |= emails(_page(organizing.get(f"{base}?{query}&page={number}")))
    assert seen == {"amy", "ben", "cal", "dan", "eve", "hal"}

    confirmed = f"{query}&status=confirmed"
    export_link = re.search(r'href="([^"]*/registrations/export[^"]*)"', first).group(1)
    assert f"question={visit.id}" in export_link and f"answer={museum.id}" in export_link
    export = organizing.get(f"{base}export?{confirmed}&format=csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(_page(export))))
    assert emails(_page(export)) == {"amy", "ben", "cal", "dan", "eve"}
    assert len(rows) == 1 + 5
    by_port = _page(organizing.get(f"{base}export?question={visit.id}&answer={port.id}&format=csv"))
    assert emails(by_port) == {"fay", "gus"}


# --- who may do it -----------------------------------------------------------------------------
def test_checkin_staff_can_neither_see_nor_change_the_questions(db, client, login, event):
    visit = site_visit(event)
    login(grant(make_user("desk@example.org"), event, EventRoleKind.CHECKIN).user)
    before = _snapshot(db, event)
    for method, url, data in _routes(event, visit, visit.options[1]):
        response = client.open(url, method=method, data=data)
        assert response.status_code == 403, (method, url)
    assert _snapshot(db, event) == before
    desk = _page(client.get(f"/manage/events/{event.slug}/checkin/"))
    assert f'href="/manage/events/{event.slug}/checkin/"' in desk  # the staff's own menu
    assert f'href="{_url(event)}"' not in desk


def test_every_form_carries_a_csrf_token_and_none_works_without(app, db, organizing, event):
    visit = site_visit(event)
    unanswered = site_visit(event, key="spare")
    organizing.post(_url(event, f"/{unanswered.id}/retire"))
    pages = [
        _url(event),
        _url(event, "/new"),
        _url(event, f"/{visit.id}"),
        _url(event, f"/{unanswered.id}"),
        _url(event, f"/{unanswered.id}/delete"),
    ]
    app.config["WTF_CSRF_ENABLED"] = True  # (off in tests: FlaskForm renders no token)
    for url in pages:
        forms = FORM_RE.findall(_page(organizing.get(url)))
        assert forms, url
        for body in forms:
            assert re.search(r'name="(o\d+-|new-)?csrf_token"', body), (url, body[:200])
    before = _snapshot(db, event)
    for method, url, data in _routes(event, visit, visit.options[1]):
        if method == "POST":
            assert organizing.post(url, data=data).status_code == 400, url
    assert _snapshot(db, event) == before


# --- hostile input -----------------------------------------------------------------------------
def test_markup_in_questions_and_choices_is_shown_as_text_everywhere(db, organizing, event):
    created = organizing.post(
        _url(event, "/new"),
        data=_form(
            type="single_choice",
            key="xss",
            label_en=MARKUP,
            label_es=MARKUP,
            help_en=MARKUP,
            new_options=f"{MARKUP} | {MARKUP}\nPlain | Llano",
        ),
    )
    assert created.status_code == 302, _page(created)
    question = db.session.scalar(db.select(Question).filter_by(key="xss"))
    option = question.options[0]
    give(make_registration(event), question, str(option.id))
    organizing.post(_url(event, f"/{question.id}/options/{option.id}/retire"))
    pages = [
        _url(event),
        _url(event, f"/{question.id}"),
        f"/manage/events/{event.slug}/registrations/?question={question.id}&answer={option.id}",
        f"/manage/events/{event.slug}/reports/",
        f"/manage/events/{event.slug}/audit/",
    ]
    for url in pages:
        page = _page(organizing.get(url))
        assert MARKUP not in page, url
        assert "&lt;script&gt;" in page, url


def test_over_long_values_are_refused_with_a_message_beside_the_field(db, organizing, event):
    visit = site_visit(event)
    port = visit.options[0]
    before = _snapshot(db, event)

    def error_of(response, field_id: str) -> str:
        assert response.status_code == 400
        found = re.search(rf'id="{field_id}-error">(.*?)</div>', _page(response), re.S)
        assert found, field_id
        return found.group(1)

    edit = _url(event, f"/{visit.id}")
    long_label = organizing.post(edit, data=_form(type="single_choice", label_en="x" * 501))
    assert "500" in error_of(long_label, "label_en")
    long_help = organizing.post(edit, data=_form(type="single_choice", help_es="x" * 5001))
    assert error_of(long_help, "help_es")
    options = _url(event, f"/{visit.id}/options")
    renamed = organizing.post(f"{options}/{port.id}", data={f"o{port.id}-label_en": "y" * 301})
    assert "300" in error_of(renamed, f"o{port.id}-label_en")
    added = organizing.post(options, data={"new-label_en": "Beach", "new-capacity": "-1"})
    assert error_of(added, "new-capacity")
    cutoff = organizing.post(_url(event, "/cutoff"), data={"answers_editable_until": "9" * 300})
    assert error_of(cutoff, "answers_editable_until")
    assert _snapshot(db, event) == before


def test_a_new_question_is_asked_on_every_form_unless_unticked(db, organizing, event):
    page = _page(organizing.get(_url(event, "/new")))
    ticked = re.findall(r'<input[^>]*name="forms"[^>]*>', page)
    assert len(ticked) == 3 and all("checked" in box for box in ticked)
