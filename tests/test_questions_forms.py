"""The event's own questions on every form that registers someone — the public sign-up, the
personal link, the head of delegation's portal and the back office — in both languages:
every type stored in its canonical form, the server's rules against hand-made POSTs, the
answers shown where they belong."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from eventsapp.auth.models import EventRoleKind
from eventsapp.questions.models import QuestionForm, QuestionType
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language, RegistrationRole
from tests.factories import grant, make_delegation, make_question, make_registration, make_user
from tests.questions_helpers import EXPECTED, answer_data, every_type, stored_answers
from tests.registration_helpers import registration_of, signup_data

LABELS = {
    "en": ["Nickname", "For the organizers only.", "Port", "Museum", "Trafficking", "Mexico"],
    "es": ["Apodo", "Solo para los organizadores.", "Puerto", "Museo", "Trata", "México"],
}
REQUIRED = {"en": "This question needs an answer.", "es": "Esta pregunta necesita una respuesta."}


def _speak(client, lang: str) -> None:
    with client.session_transaction() as session:
        session["lang"] = lang


def _member_data(email: str, **extra) -> dict:
    data = {k: v for k, v in signup_data(email).items() if k != "delegation_id"}
    return dict(data, consent="y", **extra)


def _head(client, login, event):
    delegation = make_delegation(event, seat_quota=10)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    login(head)
    return f"/events/{event.slug}/my-delegation/{delegation.id}/members"


def _pages(client, login, event, organizer, form: str):
    """(page to GET, URL to POST, data besides the answers, how to find the registration)."""
    email = f"{form}@example.org"
    if form == "public":
        url = f"/events/{event.slug}/register"
        return url, url, signup_data(email), lambda: registration_of(event, email)
    if form == "link":
        registration = make_registration(event)
        url = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
        return url, url, {"given_name": "Ana", "family_name": "Núñez"}, lambda: registration
    if form == "head":
        url = _head(client, login, event) + "/new"
        return url, url, _member_data(email), lambda: registration_of(event, email)
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/new"
    return url, url, signup_data(email), lambda: registration_of(event, email)


FORMS = ["public", "link", "head", "manage"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form", FORMS)
def test_every_type_through_every_form(client, db, login, event, organizer, form, lang):
    questions = every_type(event)
    get_url, post_url, data, registration = _pages(client, login, event, organizer, form)
    _speak(client, lang)
    page = client.get(get_url).get_data(as_text=True)
    for text in LABELS[lang]:
        assert text in page, text
    assert 'type="date"' in page and 'type="time"' in page and 'type="tel"' in page
    assert 'name="q_topics" type="checkbox"' in page
    response = client.post(post_url, data=dict(data, **answer_data(questions)))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert stored_answers(registration()) == EXPECTED


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form", FORMS)
def test_a_required_question_cannot_be_skipped_by_a_hand_made_post(
    client, db, login, event, organizer, form, lang
):
    make_question(event, "passport_name", required=True)
    get_url, post_url, data, registration = _pages(client, login, event, organizer, form)
    _speak(client, lang)
    response = client.post(post_url, data=data)  # the field left out altogether
    assert response.status_code == 200
    assert REQUIRED[lang] in response.get_data(as_text=True)
    found = registration()
    assert found is None or stored_answers(found) == {}
    if form == "link":
        assert found.person.given_name != "Ana"  # nothing half-saved


@pytest.mark.parametrize("form", FORMS)
def test_a_hidden_conditional_question_is_ignored_and_a_shown_one_required(
    client, db, login, event, organizer, form
):
    hotel = make_question(event, "hotel", "yes_no", required=True)
    make_question(
        event, "nights", "number", required=True, show_if_question_id=hotel.id, show_if_value="yes"
    )
    get_url, post_url, data, registration = _pages(client, login, event, organizer, form)
    page = client.get(get_url).get_data(as_text=True)
    assert 'data-show-if="q_hotel" data-show-value="yes"' in page
    assert "js/questions.js" in page
    response = client.post(post_url, data=dict(data, q_hotel="yes"))
    assert REQUIRED["en"] in response.get_data(as_text=True)
    response = client.post(post_url, data=dict(data, q_hotel="no", q_nights="3"))
    assert response.status_code == 302
    assert stored_answers(registration()) == {"hotel": "no"}


def test_questions_for_other_roles_are_ignored(client, db, event):
    make_question(event, "talk_title", required=True, roles="speaker")
    make_question(event, "team", roles="delegate observer")
    url = f"/events/{event.slug}/register"
    assert 'data-roles="speaker"' in client.get(url).get_data(as_text=True)
    data = signup_data("d@example.org", role="delegate", q_talk_title="Sneaky", q_team="Blue")
    assert client.post(url, data=data).status_code == 302
    assert stored_answers(registration_of(event, "d@example.org")) == {"team": "Blue"}


def test_the_link_page_asks_the_questions_of_its_role(client, db, event):
    make_question(event, "talk_title", roles="speaker")
    registration = make_registration(event, role=RegistrationRole.SPEAKER)
    other = make_registration(event, role=RegistrationRole.DELEGATE)
    assert "q_talk_title" in client.get(_link(event, registration)).get_data(as_text=True)
    assert "q_talk_title" not in client.get(_link(event, other)).get_data(as_text=True)


def _link(event, registration) -> str:
    return f"/events/{event.slug}/my-registration/{registration_token(registration)}"


def _answered(db, event, **answers):
    from eventsapp.questions.services import parse_answers, questions_for, save_answers

    registration = make_registration(event)
    asked = questions_for(event, form=QuestionForm.PUBLIC, role=None)
    values, errors = parse_answers(asked, answers)
    assert not errors
    save_answers(None, registration, asked, values)
    db.session.commit()
    return registration


def test_after_the_cut_off_the_link_shows_the_answers_and_changes_none(client, db, event):
    questions = every_type(event)
    registration = _answered(db, event, nickname="Kiki", visit="Port", country="MX")
    event.answers_editable_until = datetime.now(UTC) - timedelta(hours=1)
    db.session.commit()
    _speak(client, "es")
    page = client.get(_link(event, registration)).get_data(as_text=True)
    assert "q_nickname" not in page and "Kiki" in page and "Puerto" in page and "México" in page
    assert "Las respuestas podían cambiarse hasta" in page
    data = {"given_name": "Anabel", "family_name": "Núñez", "q_nickname": "Changed"}
    assert client.post(_link(event, registration), data=data).status_code == 302
    assert stored_answers(registration)["nickname"] == "Kiki"
    assert registration.person.given_name == "Anabel"  # the rest of the page still saves
    event.answers_editable_until = datetime.now(UTC) + timedelta(days=1)
    db.session.commit()
    client.post(
        _link(event, registration), data=dict(data, q_visit=str(questions["visit"].options[1].id))
    )
    assert stored_answers(registration)["nickname"] == "Changed"


def test_the_link_page_shows_the_stored_answers_and_a_waiting_place(client, db, event):
    import lxml.html

    visit = make_question(
        event,
        "visit",
        QuestionType.SINGLE_CHOICE,
        options=[{"label_en": "Port", "capacity": 1}, {"label_en": "Museum"}],
    )
    _answered(db, event, visit="Port")
    waiting = _answered(db, event, visit="Port")
    page = client.get(_link(event, waiting)).get_data(as_text=True)
    checked = lxml.html.fromstring(page).xpath("//input[@name='q_visit'][@checked]/@value")
    assert checked == [str(visit.options[0].id)]
    assert "“Port”: on the waiting list, number 1." in page


def test_another_registrations_link_reaches_only_its_own_answers(client, db, event):
    make_question(event, "nickname")
    mine = _answered(db, event, nickname="Mine")
    theirs = _answered(db, event, nickname="Secret")
    page = client.get(_link(event, mine)).get_data(as_text=True)
    assert "Mine" in page and "Secret" not in page
    client.post(_link(event, mine), data={"given_name": "A", "family_name": "B", "q_nickname": "X"})
    assert stored_answers(theirs) == {"nickname": "Secret"}
    assert stored_answers(mine) == {"nickname": "X"}


@pytest.mark.parametrize(
    ("person_lang", "ui_lang", "expected"),
    [
        ("es", "en", ["Answers to the event's questions", "Apodo", "Trata; Fraud", 'lang="es"']),
        ("en", "es", ["Respuestas a las preguntas del evento", "Nickname", "Trafficking; Fraud"]),
    ],
)
def test_the_detail_page_shows_the_answers_in_the_registrants_language_retired_ones_too(
    client, db, login, event, organizer, person_lang, ui_lang, expected
):
    questions = every_type(event)
    registration = _answered(db, event, nickname="Kiki", topics=["Trafficking", "Fraud"])
    registration.person.preferred_language = Language(person_lang)
    questions["nickname"].retired_at = datetime.now(UTC)
    db.session.commit()
    login(organizer)
    _speak(client, ui_lang)
    page = client.get(f"/manage/events/{event.slug}/registrations/{registration.id}").get_data(
        as_text=True
    )
    for text in [*expected, "Kiki"]:
        assert text in page, text
