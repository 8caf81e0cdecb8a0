"""The server's rules for the event's own questions against hand-made POSTs on every form:
an answer to a question of another form, role or event is never stored, an option of
another question is refused, and answers survive an option's rename and retirement."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest

from eventsapp.questions.models import QuestionForm, QuestionType
from eventsapp.questions.services import parse_answers, questions_for, save_answers
from eventsapp.registration.links import registration_token
from tests.factories import make_event, make_question, make_registration
from tests.questions_helpers import stored_answers
from tests.registration_helpers import registration_of, signup_data
from tests.test_questions_forms import FORMS, REQUIRED, _head, _pages, _speak

F = QuestionForm


def _link(event, registration) -> str:
    return f"/events/{event.slug}/my-registration/{registration_token(registration)}"


def _answered(db, event, form=F.PUBLIC, registration=None, **answers):
    registration = registration or make_registration(event)
    asked = questions_for(event, form=form, role=None)
    values, errors = parse_answers([q for q in asked if q.key in answers], answers)
    assert not errors
    save_answers(None, registration, asked, values)
    db.session.commit()
    return registration


# The form each page is, and one it is not.
ELSEWHERE = {"public": F.MANAGE, "link": F.HEAD, "head": F.PUBLIC, "manage": F.HEAD | F.PUBLIC}


@pytest.mark.parametrize("form", FORMS)
def test_an_answer_to_a_question_of_another_form_or_event_is_not_stored(
    client, db, login, event, organizer, form
):
    make_question(event, "mine")
    make_question(event, "elsewhere", required=True, forms=ELSEWHERE[form].value)
    other = make_event(slug="other-summit")
    make_question(other, "secret")
    get_url, post_url, data, registration = _pages(client, login, event, organizer, form)
    assert "q_elsewhere" not in client.get(get_url).get_data(as_text=True)
    posted = dict(data, q_mine="Mine", q_elsewhere="Sneaky", q_secret="Sneaky")
    response = client.post(post_url, data=posted)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert stored_answers(registration()) == {"mine": "Mine"}


@pytest.mark.parametrize("form", FORMS)
def test_an_option_of_another_question_or_event_is_refused(
    client, db, login, event, organizer, form
):
    visit = make_question(event, "visit", QuestionType.SINGLE_CHOICE, options=["Port", "Museum"])
    other = make_question(make_event(slug="other"), "visit", "single_choice", options=["Zoo"])
    get_url, post_url, data, registration = _pages(client, login, event, organizer, form)
    for foreign in (str(other.options[0].id), "Zoo", "99999999"):
        response = client.post(post_url, data=dict(data, q_visit=foreign))
        assert response.status_code == 200
        assert "is not one of the choices" in response.get_data(as_text=True)
    both = [str(o.id) for o in visit.options]
    response = client.post(post_url, data=dict(data, q_visit=both))
    assert "Choose only one." in response.get_data(as_text=True)
    found = registration()
    assert found is None or stored_answers(found) == {}


@pytest.mark.parametrize("form", ["manage", "head"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_question_for_the_role_chosen_on_the_page_is_required_for_it_only(
    client, db, login, event, organizer, form, lang
):
    make_question(event, "talk_title", required=True, roles="speaker delegate")
    make_question(event, "team", roles="observer")
    get_url, post_url, data, registration = _pages(client, login, event, organizer, form)
    _speak(client, lang)
    page = client.get(get_url).get_data(as_text=True)
    assert 'data-roles="speaker delegate"' in page and 'data-roles="observer"' in page
    response = client.post(post_url, data=dict(data, role="delegate", q_team="Blue"))
    assert REQUIRED[lang] in response.get_data(as_text=True)
    response = client.post(
        post_url, data=dict(data, role="observer", q_team="Blue", q_talk_title="X")
    )
    assert response.status_code == 302
    assert stored_answers(registration()) == {"team": "Blue"}


def test_a_condition_on_a_question_of_another_form_keeps_the_answer_it_got_there(client, db, event):
    hotel = make_question(event, "hotel", "yes_no", forms=F.MANAGE.value)
    make_question(event, "nights", "number", show_if_question_id=hotel.id, show_if_value="yes")
    make_question(event, "nickname")
    registration = _answered(db, event, F.MANAGE, hotel="yes", nights="3")
    page = client.get(_link(event, registration)).get_data(as_text=True)
    assert "q_nights" not in page and "q_hotel" not in page
    data = {"given_name": "Ana", "family_name": "Núñez", "q_nickname": "Kiki", "q_nights": "9"}
    assert client.post(_link(event, registration), data=data).status_code == 302
    assert stored_answers(registration) == {"hotel": "yes", "nights": "3", "nickname": "Kiki"}


def test_a_loop_of_conditions_is_never_drawn_nor_stored(client, db, event):
    a = make_question(event, "a", required=True)
    b = make_question(event, "b", required=True, show_if_question_id=a.id, show_if_value="x")
    a.show_if_question_id, a.show_if_value = b.id, "x"
    db.session.commit()
    url = f"/events/{event.slug}/register"
    assert "q_a" not in client.get(url).get_data(as_text=True)
    assert client.post(url, data=signup_data("a@example.org", q_a="x", q_b="x")).status_code == 302
    assert stored_answers(registration_of(event, "a@example.org")) == {}


def _checked(page: str, name: str) -> list[str]:
    return lxml.html.fromstring(page).xpath(f"//input[@name='{name}'][@checked]/@value")


def _edit_pages(client, login, event, organizer, registration):
    """(who, URL) of every page that edits ``registration``, signing in as needed."""
    yield "link", _link(event, registration)
    members = _head(client, login, event)
    yield "head", f"{members}/{registration.id}/edit"
    login(organizer)
    yield "manage", f"/manage/events/{event.slug}/registrations/{registration.id}/edit"


def test_answers_survive_an_option_rename_and_retirement_on_every_form(
    client, db, login, event, organizer
):
    from eventsapp.delegations.models import Delegation

    visit = make_question(
        event, "visit", "single_choice", options=["Port", "Museum"], label_en="Site visit"
    )
    topics = make_question(event, "topics", "multiple_choice", options=["Cyber", "Fraud", "Arms"])
    registration = _answered(db, event, visit="Port", topics=["Cyber", "Fraud"])
    port, museum = visit.options
    port.label_en, port.label_es = "Harbour", "Muelle"  # renamed
    topics.options[0].retired_at = datetime.now(UTC)  # retired: offered no more
    db.session.commit()
    pages = _edit_pages(client, login, event, organizer, registration)
    for who, url in pages:
        if who == "head":
            registration.delegation_id = db.session.scalar(db.select(Delegation.id))
            db.session.commit()
        page = client.get(url).get_data(as_text=True)
        assert "Harbour" in page and "Port" not in page, who
        assert _checked(page, "q_visit") == [str(port.id)], who
        assert _checked(page, "q_topics") == [str(o.id) for o in topics.options[:2]], who
        form = lxml.html.fromstring(page).xpath("//form[@method='post'][.//input[@name='q_visit']]")
        data = {k: v for k, v in form[0].form_values()}
        data["q_topics"] = _checked(page, "q_topics")
        response = client.post(url, data=data)
        assert response.status_code == 302, (who, response.get_data(as_text=True)[-2000:])
        assert stored_answers(registration) == {"visit": ["Harbour"], "topics": ["Cyber", "Fraud"]}
    fresh = client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    assert "Cyber" not in fresh and "Harbour" in fresh
    response = client.post(
        f"/events/{event.slug}/register",
        data=signup_data("new@example.org", q_topics=str(topics.options[0].id)),
    )
    assert "is not one of the choices" in response.get_data(as_text=True)
    login(organizer)
    _speak(client, "es")
    registration.person.preferred_language = registration.person.preferred_language.ES
    db.session.commit()
    detail = f"/manage/events/{event.slug}/registrations/{registration.id}"
    assert "Muelle" in client.get(detail).get_data(as_text=True)
