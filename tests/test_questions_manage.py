"""The organizer's questions pages: creating and changing questions and their choices, the
order (dragging and the buttons without JavaScript), retiring and deleting, conditions'
rules, the answers' cut-off, cloning with an event, the registrations list filtered by an
answer, the audit log's sentences, who may do any of it, and hostile input."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.events.cloning import clone_event
from eventsapp.questions.models import Answer, AnswerChoice, Question, QuestionOption, QuestionType
from tests.factories import grant, make_event, make_question, make_registration, make_user
from tests.questions_manage_helpers import give, site_visit, statements

BASE = "/manage/events/{slug}/questions"


def _url(event, tail: str = "") -> str:
    return BASE.format(slug=event.slug) + tail


def _form(**overrides) -> dict:
    data = {
        "type": "short_text",
        "label_en": "Hotel",
        "label_es": "Hotel",
        "help_en": "",
        "help_es": "",
        "forms": ["1", "2", "4"],
        "condition": "",
        "new_options": "",
        "key": "",
    }
    data.update(overrides)
    return data


def _question(db, event, key: str) -> Question:
    return db.session.scalar(
        db.select(Question).where(Question.event_id == event.id, Question.key == key)
    )


def _page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def organizing(client, login, organizer):
    login(organizer)
    return client


# --- creating and changing ----------------------------------------------------------------
def test_a_choice_question_is_created_with_its_choices_and_audited(db, organizing, event):
    response = organizing.post(
        _url(event, "/new"),
        data=_form(
            type="single_choice",
            label_en="Site visit (Tuesday)",
            label_es="Visita (martes)",
            required="y",
            roles=["delegate", "speaker"],
            forms=["1", "4"],
            new_options="Port | Puerto\n\nMuseum|Museo\n",
        ),
    )
    assert response.status_code == 302, _page(response)
    question = _question(db, event, "site_visit_tuesday")
    assert question.type is QuestionType.SINGLE_CHOICE and question.required
    assert question.roles == "delegate speaker" and question.forms == 5
    assert [(o.label_en, o.label_es) for o in question.options] == [
        ("Port", "Puerto"),
        ("Museum", "Museo"),
    ]
    assert response.headers["Location"].endswith(_url(event, f"/{question.id}"))
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.object_type == "Question"))
    assert entry.action == "create" and entry.event_id == event.id
    listing = _page(organizing.get(_url(event)))
    assert "Site visit (Tuesday)" in listing and "site_visit_tuesday" in listing


def test_keys_are_checked_and_made_unique(db, organizing, event):
    make_question(event, "hotel")
    response = organizing.post(_url(event, "/new"), data=_form(label_en="Hotel"))
    assert response.status_code == 302
    assert _question(db, event, "hotel_2") is not None
    for key in ("Hotel", "1hotel", "hotel-name", "hôtel", "x" * 41, "hotel\x00"):
        response = organizing.post(_url(event, "/new"), data=_form(key=key))
        assert response.status_code == 400, key
    response = organizing.post(_url(event, "/new"), data=_form(key="hotel"))
    assert "Another question of this event has this key." in _page(response)
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 2


def test_hostile_text_is_refused_with_a_message_and_nothing_saved(db, organizing, event):
    cases = {
        "label_en": ("Hotel\x07", "U+0007"),
        "label_es": ("x" * 501, "500"),
        "help_en": ("\x1b[31m", "U+001B"),
        "new_options": ("Port | Puerto\x00", "U+0000"),
    }
    for field, (value, shown) in cases.items():
        response = organizing.post(
            _url(event, "/new"), data=_form(type="multiple_choice", **{field: value})
        )
        assert response.status_code == 400, field
        assert shown in _page(response), field
    for data in (
        _form(type="no_such_type"),
        _form(forms=[]),
        _form(forms=["8"]),
        _form(roles=["emperor"]),
        _form(type="single_choice", new_options=" | Museo"),
        _form(type="single_choice", new_options="x" * 301),
        _form(label_en=""),
        _form(condition="999999:yes"),
    ):
        assert organizing.post(_url(event, "/new"), data=data).status_code == 400, data
    markup = "<script>alert(1)</script>"
    organizing.post(_url(event, "/new"), data=_form(label_en=markup, key="xss"))
    assert markup not in _page(organizing.get(_url(event)))
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 1


def test_a_choice_question_needs_a_choice_and_a_consent_is_required(db, organizing, event):
    response = organizing.post(_url(event, "/new"), data=_form(type="multiple_choice"))
    assert response.status_code == 400
    assert "A choice question needs at least one choice." in _page(response)
    response = organizing.post(
        _url(event, "/new"),
        data=_form(type="consent", label_en="I agree to be photographed", key="photos"),
    )
    assert response.status_code == 302
    assert _question(db, event, "photos").required is True


def test_key_and_type_are_fixed_once_answered_texts_are_not(db, organizing, event):
    hotel = make_question(event, "hotel")
    give(make_registration(event), hotel, "Marriott")
    url = _url(event, f"/{hotel.id}")
    page = _page(organizing.get(url))
    assert "its key and type are fixed" in page and 'value="hotel"' in page
    response = organizing.post(url, data=_form(key="lodging"))
    assert "The key cannot change" in _page(response)
    response = organizing.post(url, data=_form(key="hotel", type="long_text"))
    assert "The type cannot change" in _page(response)
    response = organizing.post(url, data=_form(key="hotel", label_en="Hotel name"))
    assert response.status_code == 302
    db.session.refresh(hotel)
    assert (hotel.key, hotel.type, hotel.label_en) == (
        "hotel",
        QuestionType.SHORT_TEXT,
        "Hotel name",
    )
    assert db.session.scalar(db.select(Answer.value)) == "Marriott"


def test_an_unanswered_question_may_change_type_and_key(db, organizing, event):
    visit = site_visit(event)
    response = organizing.post(
        _url(event, f"/{visit.id}"), data=_form(key="notes", type="long_text")
    )
    assert response.status_code == 302
    db.session.refresh(visit)
    assert (visit.key, visit.type, visit.options) == ("notes", QuestionType.LONG_TEXT, [])
    response = organizing.post(
        _url(event, f"/{visit.id}"), data=_form(key="notes", type="single_choice")
    )
    assert "A choice question needs at least one choice." in _page(response)
    response = organizing.post(
        _url(event, f"/{visit.id}"),
        data=_form(key="notes", type="single_choice", new_options="Port\nMuseum | Museo"),
    )
    assert response.status_code == 302
    db.session.refresh(visit)
    assert [o.label_en for o in visit.options] == ["Port", "Museum"]


# --- conditions ---------------------------------------------------------------------------
def test_a_condition_offers_only_earlier_live_yes_no_and_choice_answers(db, organizing, event):
    hotel = make_question(event, "hotel", QuestionType.YES_NO, label_en="Need a hotel?")
    visit = site_visit(event, label_en="Site visit")
    make_question(event, "notes", label_en="Notes")
    make_question(event, "old", QuestionType.YES_NO, label_en="Old", retired_at=datetime.now(UTC))
    later = make_question(event, "later", QuestionType.YES_NO, label_en="Later")
    nights = make_question(event, "nights", QuestionType.NUMBER)
    db.session.execute(db.update(Question).where(Question.id == later.id).values(position=10**6))
    db.session.commit()
    page = _page(organizing.get(_url(event, f"/{nights.id}")))
    assert f'value="{hotel.id}:yes"' in page and f'value="{hotel.id}:no"' in page
    port, museum = visit.options
    assert f'value="{visit.id}:{port.id}"' in page and f'value="{visit.id}:{museum.id}"' in page
    assert "Notes" not in page.split('id="condition"')[1].split("</select>")[0]
    assert "Old" not in page.split('id="condition"')[1].split("</select>")[0]
    assert f'value="{later.id}:yes"' not in page
    response = organizing.post(
        _url(event, f"/{nights.id}"),
        data=_form(key="nights", type="number", condition=f"{hotel.id}:yes"),
    )
    assert response.status_code == 302
    db.session.refresh(nights)
    assert (nights.show_if_question_id, nights.show_if_value) == (hotel.id, "yes")
    assert "Need a hotel? is “Yes”" in _page(organizing.get(_url(event)))


def test_forged_conditions_are_refused(db, organizing, event):
    hotel = make_question(event, "hotel", QuestionType.YES_NO)
    visit = site_visit(event)
    nights = make_question(event, "nights", QuestionType.NUMBER)
    foreign = make_question(make_event(), "hotel", QuestionType.YES_NO)
    foreign_visit = site_visit(make_event())
    for condition in (
        f"{foreign.id}:yes",
        f"{hotel.id}:maybe",
        f"{visit.id}:{foreign_visit.options[0].id}",
        f"{nights.id}:1",
        f"{hotel.id}",
        "x:yes",
        "9" * 40 + ":yes",
    ):
        response = organizing.post(
            _url(event, f"/{nights.id}"),
            data=_form(key="nights", type="number", condition=condition),
        )
        assert response.status_code == 400, condition
    db.session.refresh(nights)
    assert nights.show_if_question_id is None


def test_a_later_question_cannot_be_a_condition_nor_can_conditions_loop(db, event):
    from eventsapp.errors import DomainError
    from eventsapp.questions import conditions

    first = make_question(event, "first", QuestionType.YES_NO)
    second = make_question(
        event, "second", QuestionType.YES_NO, show_if_question_id=first.id, show_if_value="yes"
    )
    with pytest.raises(DomainError, match="above this one"):
        conditions.check(first, second, "yes")
    with pytest.raises(DomainError, match="its own answer"):
        conditions.check(first, first, "yes")
    # a row written by hand: a loop is refused even where the order would allow it
    first.show_if_question_id, first.show_if_value = second.id, "yes"
    db.session.commit()
    with pytest.raises(DomainError, match="circle"):
        conditions.check(second, first, "yes")


def test_a_question_others_depend_on_keeps_its_type_and_cannot_be_retired(db, organizing, event):
    hotel = make_question(event, "hotel", QuestionType.YES_NO, label_en="Need a hotel?")
    make_question(
        event,
        "nights",
        QuestionType.NUMBER,
        label_en="Nights",
        show_if_question_id=hotel.id,
        show_if_value="yes",
    )
    response = organizing.post(
        _url(event, f"/{hotel.id}"), data=_form(key="hotel", type="short_text")
    )
    assert "Other questions depend on this one's answer (“Nights”)" in _page(response)
    organizing.post(_url(event, f"/{hotel.id}/retire"))
    db.session.refresh(hotel)
    assert hotel.retired_at is None
    assert "remove their conditions first" in _page(organizing.get(_url(event)))


# --- order ----------------------------------------------------------------------------------
def test_dragging_sets_the_order_and_a_forged_list_changes_nothing(db, organizing, event):
    a, b, c = (make_question(event, key) for key in "abc")
    foreign = make_question(make_event(), "z")
    response = organizing.post(_url(event, "/order"), data={"order": f"{c.id},{a.id},{b.id}"})
    assert response.status_code == 302
    assert [
        q.key
        for q in db.session.scalars(
            db.select(Question).where(Question.event_id == event.id).order_by(Question.position)
        )
    ] == ["c", "a", "b"]
    for order in (f"{a.id},{b.id},{foreign.id}", f"{a.id},{b.id}", f"{a.id},{a.id},{b.id}"):
        organizing.post(_url(event, "/order"), data={"order": order})
    db.session.expire_all()
    assert [
        q.key
        for q in db.session.scalars(
            db.select(Question).where(Question.event_id == event.id).order_by(Question.position)
        )
    ] == ["c", "a", "b"]
    assert db.session.get(Question, foreign.id).position == foreign.position
    assert organizing.post(_url(event, "/order"), data={"order": "1;drop"}).status_code == 400
    page = _page(organizing.get(_url(event)))
    assert 'data-sortable="question-order"' in page and "js/sortable_rows.js" in page


def test_the_arrows_move_a_question_without_javascript(db, organizing, event):
    a, b = make_question(event, "a"), make_question(event, "b")
    page = _page(organizing.get(_url(event)))
    assert f'action="{_url(event, f"/{b.id}/move")}"' in page and 'value="up"' in page
    response = organizing.post(_url(event, f"/{b.id}/move"), data={"direction": "up"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, b.id).position < db.session.get(Question, a.id).position
    assert (
        organizing.post(_url(event, f"/{b.id}/move"), data={"direction": "sideways"}).status_code
        == 400
    )


def test_a_question_stays_below_the_one_it_depends_on(db, organizing, event):
    hotel = make_question(event, "hotel", QuestionType.YES_NO, label_en="Need a hotel?")
    nights = make_question(
        event,
        "nights",
        QuestionType.NUMBER,
        label_en="Nights",
        show_if_question_id=hotel.id,
        show_if_value="yes",
    )
    organizing.post(_url(event, f"/{nights.id}/move"), data={"direction": "up"})
    organizing.post(_url(event, "/order"), data={"order": f"{nights.id},{hotel.id}"})
    db.session.expire_all()
    assert (
        db.session.get(Question, hotel.id).position < db.session.get(Question, nights.id).position
    )
    assert "it must stay below it" in _page(organizing.get(_url(event)))


# --- retiring, restoring, deleting ---------------------------------------------------------
def test_an_answered_question_is_retired_not_deleted_and_comes_back_last(db, organizing, event):
    hotel, other = make_question(event, "hotel"), make_question(event, "other")
    give(make_registration(event), hotel, "Marriott")
    organizing.post(_url(event, f"/{hotel.id}/delete"))
    assert db.session.get(Question, hotel.id) is not None
    assert "retire it instead" in _page(organizing.get(_url(event)))
    organizing.post(_url(event, f"/{hotel.id}/retire"))
    db.session.refresh(hotel)
    assert hotel.retired_at is not None
    page = _page(organizing.get(_url(event)))
    assert "Retired questions" in page and "1 answer" in page
    organizing.post(_url(event, f"/{hotel.id}/restore"))
    db.session.expire_all()
    hotel = db.session.get(Question, hotel.id)
    assert hotel.retired_at is None and hotel.position > db.session.get(Question, other.id).position
    assert db.session.scalar(db.select(Answer.value)) == "Marriott"


def test_an_unanswered_question_is_deleted_after_a_confirmation(db, organizing, event):
    hotel = make_question(event, "hotel", label_en="Hotel")
    page = _page(organizing.get(_url(event, f"/{hotel.id}/delete")))
    assert "Delete the question “Hotel”?" in page
    assert db.session.get(Question, hotel.id) is not None
    assert organizing.post(_url(event, f"/{hotel.id}/delete")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, hotel.id) is None
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "delete"))
    assert entry.object_type == "Question" and entry.event_id == event.id


# --- choices ------------------------------------------------------------------------------
def test_choices_are_added_renamed_and_reordered_answers_keep_them(db, organizing, event):
    visit = site_visit(event)
    port, museum = visit.options
    registration = make_registration(event)
    give(registration, visit, "Port")
    base = _url(event, f"/{visit.id}/options")
    response = organizing.post(
        base, data={"new-label_en": "Harbour", "new-label_es": "", "new-capacity": "5"}
    )
    assert response.status_code == 302
    response = organizing.post(
        f"{base}/{port.id}",
        data={
            f"o{port.id}-label_en": "Container port",
            f"o{port.id}-label_es": "Puerto de contenedores",
            f"o{port.id}-capacity": "2",
        },
    )
    assert response.status_code == 302
    organizing.post(f"{base}/{museum.id}/move", data={"direction": "up"})
    db.session.expire_all()
    visit = db.session.get(Question, visit.id)
    assert [o.label_en for o in visit.options] == ["Museum", "Container port", "Harbour"]
    answer = db.session.scalar(db.select(Answer).where(Answer.registration_id == registration.id))
    assert [c.option.label_en for c in answer.choices] == ["Container port"]
    page = _page(organizing.get(_url(event, f"/{visit.id}")))
    assert "Chosen by somebody" in page


def test_a_chosen_choice_is_retired_never_deleted(db, organizing, event):
    visit = make_question(
        event, "visit", QuestionType.MULTIPLE_CHOICE, options=["Port", "Museum", "Zoo"]
    )
    port, museum, zoo = visit.options
    give(make_registration(event), visit, ["Port"])
    base = _url(event, f"/{visit.id}/options")
    organizing.post(f"{base}/{port.id}/delete")
    assert db.session.get(QuestionOption, port.id) is not None
    organizing.post(f"{base}/{port.id}/retire")
    organizing.post(f"{base}/{zoo.id}/delete")
    db.session.expire_all()
    assert db.session.get(QuestionOption, port.id).retired_at is not None
    assert db.session.get(QuestionOption, zoo.id) is None
    # the last live choice stays
    organizing.post(f"{base}/{museum.id}/retire")
    response = organizing.post(f"{base}/{museum.id}/delete")
    db.session.expire_all()
    assert db.session.get(QuestionOption, museum.id).retired_at is None
    assert "needs at least one choice" in _page(organizing.get(response.headers["Location"]))
    organizing.post(f"{base}/{port.id}/restore")
    db.session.expire_all()
    assert db.session.get(QuestionOption, port.id).retired_at is None


def test_a_choice_a_condition_uses_stays_live(db, organizing, event):
    visit = site_visit(event)
    port, museum = visit.options
    make_question(
        event,
        "boots",
        QuestionType.YES_NO,
        label_en="Safety boots?",
        show_if_question_id=visit.id,
        show_if_value=str(port.id),
    )
    organizing.post(_url(event, f"/{visit.id}/options/{port.id}/retire"))
    db.session.expire_all()
    assert db.session.get(QuestionOption, port.id).retired_at is None
    assert "Other questions are shown on this choice (“Safety boots?”)" in _page(
        organizing.get(_url(event, f"/{visit.id}"))
    )


def test_more_places_go_to_the_waiting_list_in_order(db, organizing, event):
    visit = site_visit(event, capacity=1)
    port = visit.options[0]
    first, second, third = (make_registration(event) for _ in range(3))
    for registration in (first, second, third):
        give(registration, visit, "Port")
    response = organizing.post(
        _url(event, f"/{visit.id}/options/{port.id}"),
        data={
            f"o{port.id}-label_en": "Port",
            f"o{port.id}-label_es": "Puerto",
            f"o{port.id}-capacity": "2",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    waiting = {
        a.registration_id: a.choices[0].waitlist_position
        for a in db.session.scalars(db.select(Answer))
    }
    assert waiting == {first.id: None, second.id: None, third.id: 1}
    entry = db.session.scalar(
        db.select(AuditEntry).where(
            AuditEntry.object_type == "QuestionOption", AuditEntry.action == "update"
        )
    )
    assert entry.after["registration_ids"] == [second.id]


def test_bad_choice_input_shows_the_page_again_with_the_message(db, organizing, event):
    visit = site_visit(event)
    port = visit.options[0]
    base = _url(event, f"/{visit.id}/options")
    for data, shown in (
        ({"new-label_en": "", "new-capacity": ""}, "This field is required."),
        ({"new-label_en": "Zoo", "new-capacity": "-1"}, "Number must be between 0 and 100000."),
        ({"new-label_en": "Zoo\x07"}, "U+0007"),
        ({"new-label_en": "Z" * 301}, "300"),
    ):
        response = organizing.post(base, data=data)
        assert response.status_code == 400 and shown in _page(response), data
    response = organizing.post(
        f"{base}/{port.id}", data={f"o{port.id}-label_en": "", f"o{port.id}-capacity": "x"}
    )
    assert response.status_code == 400
    db.session.expire_all()
    assert [o.label_en for o in db.session.get(Question, visit.id).options] == ["Port", "Museum"]
    text = make_question(event, "text")
    organizing.post(_url(event, f"/{text.id}/options"), data={"new-label_en": "Zoo"})
    assert db.session.scalar(db.select(db.func.count(QuestionOption.id))) == 2


# --- cut-off ----------------------------------------------------------------------------------
def test_the_cutoff_is_set_in_the_events_time_zone(db, organizing, event):
    response = organizing.post(
        _url(event, "/cutoff"), data={"answers_editable_until": "2027-03-01T17:00"}
    )
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.answers_editable_until == datetime(2027, 3, 2, 1, 0, tzinfo=UTC)  # PST: UTC-8
    assert 'value="2027-03-01T17:00"' in _page(organizing.get(_url(event)))
    response = organizing.post(
        _url(event, "/cutoff"), data={"answers_editable_until": "2027-03-14T02:30"}
    )
    assert response.status_code == 400 and "does not exist" in _page(response)
    response = organizing.post(
        _url(event, "/cutoff"), data={"answers_editable_until": "9999-01-01T00:00"}
    )
    assert response.status_code == 400
    organizing.post(_url(event, "/cutoff"), data={"answers_editable_until": ""})
    db.session.refresh(event)
    assert event.answers_editable_until is None
    assert (
        db.session.scalar(
            db.select(db.func.count(AuditEntry.id)).where(AuditEntry.object_type == "Event")
        )
        == 2
    )


# --- cloning ----------------------------------------------------------------------------------
def test_a_copied_event_gets_the_questions_without_answers(db, event):
    event.answers_editable_until = datetime(2027, 3, 1, 17, 0, tzinfo=UTC)
    visit = site_visit(event)
    port = visit.options[0]
    boots = make_question(
        event,
        "boots",
        QuestionType.YES_NO,
        show_if_question_id=visit.id,
        show_if_value=str(port.id),
        required=True,
        roles="delegate",
    )
    make_question(event, "old", retired_at=datetime(2027, 1, 1, tzinfo=UTC))
    give(make_registration(event), visit, "Port")
    copy = clone_event(
        None, event, slug="next", start_date=date(2028, 3, 7), title_en="Next", title_es="Próxima"
    )
    db.session.commit()
    questions = {
        q.key: q
        for q in db.session.scalars(db.select(Question).where(Question.event_id == copy.id))
    }
    assert set(questions) == {"visit", "boots", "old"}
    new_visit, new_boots = questions["visit"], questions["boots"]
    assert [(o.label_en, o.label_es, o.capacity) for o in new_visit.options] == [
        ("Port", "Puerto", 2),
        ("Museum", "Museo", None),
    ]
    assert new_boots.show_if_question_id == new_visit.id
    assert new_boots.show_if_value == str(new_visit.options[0].id)
    assert (new_boots.required, new_boots.roles) == (True, boots.roles)
    assert questions["old"].retired_at is not None
    new_ids = [q.id for q in questions.values()]
    assert (
        db.session.scalar(
            db.select(db.func.count(Answer.id)).where(Answer.question_id.in_(new_ids))
        )
        == 0
    )
    assert copy.answers_editable_until == datetime(2028, 2, 28, 17, 0, tzinfo=UTC)


# --- the registrations list filtered by an answer -------------------------------------------
def test_the_registrations_list_filters_by_an_answer(db, organizing, event):
    from tests.factories import make_person

    visit = site_visit(event, label_en="Site visit")
    port, museum = visit.options
    hotel = make_question(event, "hotel", QuestionType.YES_NO)
    notes = make_question(event, "notes")
    ana = make_registration(event, make_person("ana@example.org", event=event))
    bob = make_registration(event, make_person("bob@example.org", event=event))
    make_registration(event, make_person("cy@example.org", event=event))
    give(ana, visit, "Port")
    give(bob, visit, "Museum")
    give(ana, hotel, "yes")
    give(bob, hotel, "no")
    give(ana, notes, "Vegetarian, arrives LATE")
    foreign = site_visit(make_event())
    base = f"/manage/events/{event.slug}/registrations/"

    def shown(query: str) -> set[str]:
        page = _page(organizing.get(base + query))
        return {e for e in ("ana@", "bob@", "cy@") if e in page}

    assert shown("") == {"ana@", "bob@", "cy@"}
    assert shown(f"?question={visit.id}&answer={port.id}") == {"ana@"}
    assert shown(f"?question={visit.id}&answer={museum.id}") == {"bob@"}
    assert shown(f"?question={visit.id}") == {"ana@", "bob@"}
    assert shown(f"?question={hotel.id}&answer=no") == {"bob@"}
    assert shown(f"?question={notes.id}&contains=late") == {"ana@"}
    assert shown(f"?question={notes.id}&contains=50%25") == set()
    assert shown(f"?question={visit.id}&answer={foreign.options[0].id}") == set()
    assert shown(f"?question={foreign.id}&answer={foreign.options[0].id}") == {
        "ana@",
        "bob@",
        "cy@",
    }
    assert shown(f"?question={hotel.id}&answer=%00maybe") == set()
    assert shown(f"?question=abc&answer={'9' * 50}") == {"ana@", "bob@", "cy@"}
    page = _page(organizing.get(base + f"?question={visit.id}&answer={port.id}"))
    assert f'<option value="{port.id}" selected>' in page
    export = organizing.get(base + f"export?question={hotel.id}&answer=yes&format=csv")
    assert export.mimetype == "text/csv"
    assert "ana@example.org" in _page(export) and "bob@example.org" not in _page(export)


def test_the_filter_adds_at_most_one_query(db, organizing, event):
    url = f"/manage/events/{event.slug}/registrations/"
    visit = site_visit(event)
    for _ in range(3):
        give(make_registration(event), visit, "Museum")
    for model in (AnswerChoice, Answer, Question):  # the page before questions existed
        db.session.execute(db.delete(model))
    db.session.commit()
    with statements() as without:
        assert organizing.get(url).status_code == 200
    visit = site_visit(event)
    for _ in range(3):
        give(make_registration(event), visit, "Museum")
    filtered_url = url + f"?question={visit.id}&answer={visit.options[1].id}"
    db.session.commit()
    with statements() as filtered:
        response = organizing.get(filtered_url)
    assert response.status_code == 200 and "Museum" in _page(response)
    assert len(filtered) <= len(without) + 1, "\n".join(filtered)


# --- audit, menu, language ------------------------------------------------------------------
def test_the_audit_log_reads_as_sentences(db, organizing, organizer, event):
    organizer.name = "Ana Ruiz"
    visit = site_visit(event, label_en="Site visit")
    db.session.commit()
    organizing.post(_url(event, f"/{visit.id}/retire"))
    organizing.post(_url(event, f"/{visit.id}/restore"))
    organizing.post(_url(event, f"/{visit.id}/options/{visit.options[1].id}/retire"))
    page = _page(organizing.get(f"/manage/events/{event.slug}/audit/"))
    assert "Ana Ruiz retired question Site visit" in page
    assert "Ana Ruiz restored question Site visit" in page
    assert "Ana Ruiz retired choice Site visit: Museum" in page


def test_the_menu_links_the_questions_and_the_page_speaks_spanish(db, organizing, event):
    page = _page(organizing.get(f"/manage/events/{event.slug}/"))
    assert f'href="{_url(event)}"' in page
    with organizing.session_transaction() as session:
        session["lang"] = "es"
    make_question(event, "hotel", QuestionType.YES_NO, label_en="Hotel?", label_es="¿Hotel?")
    page = _page(organizing.get(_url(event)))
    assert "Preguntas" in page and "¿Hotel?" in page and "Sí o no" in page


# --- who may do it ----------------------------------------------------------------------------
def _routes(event, question, option) -> list[tuple[str, str, dict]]:
    q, o = question.id, option.id
    return [
        ("GET", _url(event), {}),
        ("GET", _url(event, "/new"), {}),
        ("POST", _url(event, "/new"), _form(key="stolen")),
        ("POST", _url(event, "/cutoff"), {"answers_editable_until": "2027-01-01T00:00"}),
        ("POST", _url(event, "/order"), {"order": str(q)}),
        ("GET", _url(event, f"/{q}"), {}),
        ("POST", _url(event, f"/{q}"), _form(key="stolen", label_en="Stolen")),
        ("POST", _url(event, f"/{q}/move"), {"direction": "down"}),
        ("POST", _url(event, f"/{q}/retire"), {}),
        ("POST", _url(event, f"/{q}/restore"), {}),
        ("GET", _url(event, f"/{q}/delete"), {}),
        ("POST", _url(event, f"/{q}/delete"), {}),
        ("POST", _url(event, f"/{q}/options"), {"new-label_en": "Stolen"}),
        ("POST", _url(event, f"/{q}/options/{o}"), {f"o{o}-label_en": "Stolen"}),
        ("POST", _url(event, f"/{q}/options/{o}/move"), {"direction": "down"}),
        ("POST", _url(event, f"/{q}/options/{o}/retire"), {}),
        ("POST", _url(event, f"/{q}/options/{o}/restore"), {}),
        ("POST", _url(event, f"/{q}/options/{o}/delete"), {}),
    ]


def _snapshot(db, event) -> list:
    db.session.expire_all()
    questions = db.session.scalars(db.select(Question).where(Question.event_id == event.id)).all()
    return [
        (
            q.key,
            q.label_en,
            q.position,
            q.retired_at,
            [(o.label_en, o.retired_at) for o in q.options],
        )
        for q in questions
    ] + [event.answers_editable_until]


def test_an_organizer_of_another_event_is_refused_everywhere(db, client, login, event):
    visit = site_visit(event)
    other = make_event()
    login(grant(make_user("other@example.org"), other, EventRoleKind.ORGANIZER).user)
    before = _snapshot(db, event)
    for method, url, data in _routes(event, visit, visit.options[1]):
        response = client.open(url, method=method, data=data)
        assert response.status_code == 403, (method, url)
    assert _snapshot(db, event) == before


def test_another_events_ids_in_an_organizers_own_urls_are_not_found(db, organizing, event):
    other = make_event()
    foreign = site_visit(other)
    own = site_visit(event, key="own")
    before = _snapshot(db, other)
    for method, url, data in _routes(event, foreign, foreign.options[1])[5:]:
        response = organizing.open(url, method=method, data=data)
        assert response.status_code == 404, (method, url)
    # an option of another question (same event) under this question's URL
    for method, url, data in _routes(event, own, foreign.options[1])[12:]:
        if "/options/" in url:
            assert organizing.open(url, method=method, data=data).status_code == 404, url
    assert _snapshot(db, other) == before


def test_signed_out_visitors_are_sent_to_sign_in(db, client, event):
    visit = site_visit(event)
    for method, url, data in _routes(event, visit, visit.options[0]):
        response = client.open(url, method=method, data=data)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
