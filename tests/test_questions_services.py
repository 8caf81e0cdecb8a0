"""The server's rules for answers (eventsapp.questions.services): which questions a form
asks, required and conditional questions against anything a client sends, the canonical
values stored, and choice places with their own waiting list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eventsapp.questions.models import Answer, AnswerChoice, QuestionForm, QuestionType
from eventsapp.questions.services import (
    answer_text,
    answers_by_registration,
    event_with_questions,
    parse_answers,
    questions_for,
    release_places,
    save_answers,
)
from eventsapp.registration import services as registrations
from eventsapp.registration.models import RegistrationStatus
from tests.factories import make_event, make_question, make_registration

PUBLIC, HEAD, MANAGE = QuestionForm.PUBLIC, QuestionForm.HEAD, QuestionForm.MANAGE


def _visits(event, capacity=2):
    return make_question(
        event,
        "visit",
        QuestionType.SINGLE_CHOICE,
        options=[
            {"label_en": "Port", "label_es": "Puerto", "capacity": capacity},
            {"label_en": "Museum", "label_es": "Museo"},
        ],
    )


def test_a_form_asks_its_live_questions_for_the_role_in_their_order(db, event):
    later = make_question(event, "later", position=2)
    first = make_question(event, "first", position=1, roles="speaker delegate")
    make_question(event, "staff_only", position=3, roles="staff")
    make_question(event, "back_office", position=4, forms=MANAGE.value)
    make_question(event, "gone", position=0, retired_at=datetime(2027, 1, 1, tzinfo=UTC))
    make_question(make_event(), "elsewhere")
    keys = [q.key for q in questions_for(event, form=PUBLIC, role="delegate")]
    assert keys == ["first", "later"]
    assert [q.key for q in questions_for(event, form=PUBLIC, role=None)] == [
        "first",
        "later",
        "staff_only",
    ]
    assert [q.key for q in questions_for(event, form=MANAGE, role="staff")][-2:] == [
        "staff_only",
        "back_office",
    ]
    found, asked = event_with_questions(event.slug, form=PUBLIC)
    assert found is event and asked == [first, later, asked[2]]
    assert event_with_questions("no-such-event", form=PUBLIC) == (None, [])
    bare = make_event()
    assert event_with_questions(bare.slug, form=PUBLIC) == (bare, [])


def test_each_type_is_stored_in_its_canonical_form(db, event):
    kinds = {
        "name": (QuestionType.SHORT_TEXT, "  Ana  ", "Ana"),
        "notes": (QuestionType.LONG_TEXT, "one\r\ntwo", "one\r\ntwo"),
        "reception": (QuestionType.YES_NO, "Sí", "yes"),
        "guests": (QuestionType.NUMBER, "2,50", "2.5"),
        "arrives": (QuestionType.DATE, "2027-03-08", "2027-03-08"),
        "lands": (QuestionType.TIME, "07:05:00", "07:05"),
        "country": (QuestionType.COUNTRY, "México", "MX"),
        "contact": (QuestionType.EMAIL, "Kim@Example.ORG", "kim@example.org"),
        "phone": (QuestionType.PHONE, "+52 (55) 1234-5678", "+52 (55) 1234-5678"),
        "photos": (QuestionType.CONSENT, "y", "yes"),
    }
    questions = [make_question(event, key, kind) for key, (kind, _, _) in kinds.items()]
    values, errors = parse_answers(questions, {k: v[1] for k, v in kinds.items()})
    assert errors == {}
    assert {q.key: values[q.id] for q in questions} == {k: v[2] for k, v in kinds.items()}
    registration = make_registration(event)
    save_answers(None, registration, questions, values)
    db.session.commit()
    stored = answers_by_registration([registration.id])[registration.id]
    assert {q.key: stored[q.id].value for q in questions} == {k: v[2] for k, v in kinds.items()}
    by_key = {q.key: q for q in questions}
    assert answer_text(by_key["country"], stored[by_key["country"].id], "es") == "México"
    assert answer_text(by_key["reception"], stored[by_key["reception"].id], "en") == "Yes"


def test_bad_values_and_hostile_input_are_messages_by_key(db, event):
    text = make_question(event, "text")
    number = make_question(event, "n", QuestionType.NUMBER)
    visits = _visits(event)
    foreign = _visits(make_event())
    raw = {
        "text": "bell\x07",
        "n": "1e999",
        "visit": [str(foreign.options[0].id)],
    }
    values, errors = parse_answers([text, number, visits], raw)
    assert set(errors) == {"text", "n", "visit"}
    assert "U+0007" in errors["text"]
    assert values == {text.id: "", number.id: "", visits.id: []}
    _, errors = parse_answers([text], {"text": "x" * 301})
    assert "300" in errors["text"]
    _, errors = parse_answers([text], {"text": ["one", "two"]})
    assert errors == {"text": "Give one answer."}
    _, errors = parse_answers([visits], {"visit": [str(o.id) for o in visits.options]})
    assert errors == {"visit": "Choose only one."}


def test_required_questions_need_an_answer_whatever_the_client_leaves_out(db, event):
    name = make_question(event, "name", required=True)
    agree = make_question(event, "agree", QuestionType.CONSENT, required=True)
    optional = make_question(event, "optional")
    _, errors = parse_answers([name, agree, optional], {})
    assert errors == {
        "name": "This question needs an answer.",
        "agree": "Tick this box to continue.",
    }
    _, errors = parse_answers([name, agree], {"q_name": "   ", "q_agree": "no"}, by="field")
    assert set(errors) == {"name", "agree"}
    values, errors = parse_answers(
        [name, agree], {str(name.id): "Ana", str(agree.id): "y"}, by="id"
    )
    assert errors == {} and values == {name.id: "Ana", agree.id: "yes"}


def test_a_conditional_question_is_neither_required_nor_stored_when_hidden(db, event):
    hotel = make_question(event, "hotel", QuestionType.YES_NO, required=True)
    nights = make_question(
        event,
        "nights",
        QuestionType.NUMBER,
        required=True,
        show_if_question_id=hotel.id,
        show_if_value="yes",
    )
    visits = _visits(event)
    port = visits.options[0]
    boots = make_question(
        event, "boots", show_if_question_id=visits.id, show_if_value=str(port.id), required=True
    )
    # hidden: not required, and what a hand-made POST sends for it is dropped
    values, errors = parse_answers(
        [hotel, nights, visits, boots], {"hotel": "no", "nights": "3", "boots": "42"}
    )
    assert errors == {}
    assert values[nights.id] == "" and values[boots.id] == ""
    # shown: required
    _, errors = parse_answers(
        [hotel, nights, visits, boots], {"hotel": "yes", "visit": [str(port.id)]}
    )
    assert set(errors) == {"nights", "boots"}
    # the controlling question not asked (another form, role, or retired): hidden
    values, errors = parse_answers([nights], {"nights": "3"})
    assert errors == {} and values == {nights.id: ""}
    # a controller with a bad answer hides its dependants (one message, on the controller)
    _, errors = parse_answers([hotel, nights], {"hotel": "perhaps"})
    assert set(errors) == {"hotel"}


def test_a_loop_of_conditions_shows_nothing(db, event):
    a = make_question(event, "a", required=True)
    b = make_question(event, "b", required=True, show_if_question_id=a.id, show_if_value="x")
    a.show_if_question_id, a.show_if_value = b.id, "x"
    db.session.commit()
    values, errors = parse_answers([a, b], {"a": "x", "b": "x"})
    assert errors == {} and values == {a.id: "", b.id: ""}


def test_answers_change_and_clear_with_one_audit_entry_each_time(db, event):
    from eventsapp.audit.models import AuditEntry

    name = make_question(event, "name")
    visits = _visits(event, capacity=None)
    registration = make_registration(event)
    port, museum = visits.options
    save_answers(None, registration, [name, visits], {name.id: "Ana", visits.id: [port]})
    save_answers(None, registration, [name, visits], {name.id: "Ana", visits.id: [museum]})
    save_answers(None, registration, [name, visits], {name.id: "", visits.id: [museum]})
    save_answers(None, registration, [name, visits], {name.id: "", visits.id: [museum]})
    db.session.commit()
    [answer] = answers_by_registration([registration.id])[registration.id].values()
    assert [c.option for c in answer.choices] == [museum]
    assert answer_text(visits, answer, "es") == "Museo"
    entries = db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.object_type == "Registration")
        .order_by(AuditEntry.id)
    ).all()
    assert [(e.before, e.after) for e in entries] == [
        ({"q_name": "", "q_visit": ""}, {"q_name": "Ana", "q_visit": "Port"}),
        ({"q_visit": "Port"}, {"q_visit": "Museum"}),
        ({"q_name": "Ana"}, {"q_name": ""}),
    ]
    assert all(e.event_id == event.id for e in entries)


def _choose(registration, question, option):
    save_answers(None, registration, [question], {question.id: [option] if option else []})
    return registration


def _places(question) -> list[tuple[int, int | None]]:
    """(registration id, waiting position) of each choice of the first option, in order."""
    from eventsapp.extensions import db

    db.session.expire_all()
    rows = db.session.execute(
        db.select(Answer.registration_id, AnswerChoice.waitlist_position)
        .join(AnswerChoice.answer)
        .where(AnswerChoice.option_id == question.options[0].id)
        .order_by(AnswerChoice.waitlist_position.nulls_first(), Answer.registration_id)
    )
    return [tuple(row) for row in rows]


def test_an_option_with_places_has_its_own_waiting_list_numbered_without_gaps(db, event):
    visits = _visits(event, capacity=2)
    port, museum = visits.options
    people = [_choose(make_registration(event), visits, port) for _ in range(5)]
    ids = [r.id for r in people]
    assert _places(visits) == [
        (ids[0], None),
        (ids[1], None),
        (ids[2], 1),
        (ids[3], 2),
        (ids[4], 3),
    ]
    _choose(people[3], visits, museum)  # a waiting choice changed: the list closes up
    assert _places(visits) == [(ids[0], None), (ids[1], None), (ids[2], 1), (ids[4], 2)]
    _choose(people[0], visits, None)  # a place given up: the first waiting moves up
    assert _places(visits) == [(ids[1], None), (ids[2], None), (ids[4], 1)]
    db.session.commit()


@pytest.mark.parametrize("leave", ["cancel", "decline", "delete"])
def test_a_registration_leaving_the_event_frees_its_place(db, event, leave):
    visits = _visits(event, capacity=1)
    port = visits.options[0]
    name = make_question(event, "name")
    first = _choose(make_registration(event), visits, port)
    save_answers(None, first, [name], {name.id: "Ana"})
    second = _choose(make_registration(event), visits, port)
    third = _choose(make_registration(event), visits, port)
    db.session.commit()
    if leave == "delete":
        registrations.delete_registration(None, first)
    else:
        getattr(registrations, leave)(None, first)
    db.session.commit()
    assert _places(visits) == [(second.id, None), (third.id, 1)]
    if leave != "delete":
        assert first.status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED)
        kept = answers_by_registration([first.id])[first.id]
        assert [a.value for a in kept.values()] == ["Ana"]  # other answers stay
    release_places(first if leave != "delete" else second)
    db.session.commit()
    assert _places(visits) == (
        [(third.id, None)] if leave == "delete" else [(second.id, None), (third.id, 1)]
    )


def test_answers_by_registration_reads_many_in_a_fixed_number_of_queries(db, event):
    from sqlalchemy import event as sa_event

    name = make_question(event, "name")
    visits = _visits(event, capacity=None)
    people = [make_registration(event) for _ in range(6)]
    for person in people:
        save_answers(None, person, [name, visits], {name.id: "x", visits.id: [visits.options[1]]})
    db.session.commit()
    ids, visits_id = [p.id for p in people], visits.id
    db.session.expire_all()
    statements = []

    def count(*_args):
        statements.append(1)

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        found = answers_by_registration([*ids, 999_999])
        texts = [found[i][visits_id].choices[0].option.label("en") for i in ids]
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    assert texts == ["Museum"] * 6 and found[999_999] == {}
    assert len(statements) <= 3


def test_a_promotion_from_an_option_waiting_list_is_in_the_audit_log(db, event):
    from eventsapp.audit.models import AuditEntry

    visits = _visits(event, capacity=1)
    port = visits.options[0]
    first = _choose(make_registration(event), visits, port)
    second = _choose(make_registration(event), visits, port)
    _choose(first, visits, None)
    db.session.commit()
    entry = db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.object_type == "Registration", AuditEntry.object_id == second.id)
        .order_by(AuditEntry.id.desc())
    ).first()
    assert (entry.before, entry.after, entry.event_id) == (
        {"q_visit": "Port (#1)"},
        {"q_visit": "Port"},
        event.id,
    )
