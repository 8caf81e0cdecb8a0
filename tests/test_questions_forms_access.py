"""Who may read and change the answers to an event's own questions: the event's organizers
(back office), the head of the person's delegation (portal) and the person (personal
link). An organizer of another event, a head of another delegation, a stranger with only
an account, and a link of another event read nothing and change nothing."""

from __future__ import annotations

import pytest

from eventsapp.auth.models import EventRoleKind
from eventsapp.questions.models import QuestionForm
from eventsapp.questions.services import parse_answers, questions_for, save_answers
from eventsapp.registration.links import registration_token
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_question,
    make_registration,
    make_user,
)
from tests.questions_helpers import stored_answers

SECRET = "Room 1412, shared with the minister"


@pytest.fixture
def answered(db, event):
    make_question(event, "rooming")
    delegation = make_delegation(event, seat_quota=10)
    registration = make_registration(event, delegation_id=delegation.id)
    asked = questions_for(event, form=QuestionForm.MANAGE, role=None)
    values, errors = parse_answers(asked, {"rooming": SECRET})
    assert not errors
    save_answers(None, registration, asked, values)
    db.session.commit()
    return registration


def _other_event_organizer(db):
    other = make_event(slug="other-summit")
    user = make_user("rival@example.org")
    grant(user, other, EventRoleKind.ORGANIZER)
    return user, other


def _manage_urls(event, registration) -> list[str]:
    base = f"/manage/events/{event.slug}/registrations/{registration.id}"
    return [base, f"{base}/edit"]


@pytest.mark.parametrize("who", ["other_organizer", "stranger", "anonymous", "other_head"])
def test_outsiders_neither_read_nor_change_answers(client, db, login, event, answered, who):
    if who == "other_organizer":
        login(_other_event_organizer(db)[0])
    elif who == "stranger":
        login(make_user("stranger@example.org"))
    elif who == "other_head":
        other = make_delegation(event, seat_quota=5)
        head = make_user("otherhead@example.org")
        grant(head, event, EventRoleKind.HEAD, other)
        login(head)
    d = answered.delegation_id
    urls = [
        *_manage_urls(event, answered),
        f"/events/{event.slug}/my-delegation/{d}/members/{answered.id}/edit",
    ]
    data = {"given_name": "X", "family_name": "Y", "email": "x@example.org", "q_rooming": "Hacked"}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert SECRET not in response.get_data(as_text=True)
        if not url.endswith("/edit"):
            continue  # the detail page only shows
        response = client.post(url, data=data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "/login" in response.location
    assert stored_answers(answered) == {"rooming": SECRET}


def test_an_organizer_of_another_event_cannot_reach_them_through_their_own_event(
    client, db, login, event, answered
):
    user, other = _other_event_organizer(db)
    login(user)
    for url in _manage_urls(other, answered):  # their event's URL, this event's record
        assert client.get(url).status_code == 404
    response = client.post(url, data={"q_rooming": "Hacked", "given_name": "X"})
    assert response.status_code == 404
    assert stored_answers(answered) == {"rooming": SECRET}


def test_a_personal_link_opens_only_its_own_event(client, db, event, answered):
    other = make_event(slug="other-summit")
    make_question(other, "rooming")
    url = f"/events/{other.slug}/my-registration/{registration_token(answered)}"
    response = client.get(url)
    assert SECRET not in response.get_data(as_text=True)
    client.post(url, data={"given_name": "X", "family_name": "Y", "q_rooming": "Hacked"})
    assert stored_answers(answered) == {"rooming": SECRET}
    forged = f"/events/{event.slug}/my-registration/{registration_token(answered)}x"
    assert SECRET not in client.get(forged).get_data(as_text=True)
    client.post(forged, data={"given_name": "X", "family_name": "Y", "q_rooming": "Hacked"})
    assert stored_answers(answered) == {"rooming": SECRET}


def test_the_right_people_do_read_them(client, db, login, event, organizer, answered):
    login(organizer)
    detail = f"/manage/events/{event.slug}/registrations/{answered.id}"
    assert SECRET in client.get(detail).get_data(as_text=True)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, answered.delegation)
    login(head)
    url = f"/events/{event.slug}/my-delegation/{answered.delegation_id}/members/{answered.id}/edit"
    assert SECRET in client.get(url).get_data(as_text=True)
    link = f"/events/{event.slug}/my-registration/{registration_token(answered)}"
    assert SECRET in client.get(link).get_data(as_text=True)
