"""The event's own questions in messages to a group (issue 16): the recipient filter by
answer (options, holding a place or waiting, a yes/no or exact value, any answer), {q_<key>}
placeholders refused when unknown and filled with each recipient's answer in their own
language, in the preview and in the mails sent."""

from __future__ import annotations

import pytest

from eventsapp.comms.recipients import RecipientFilter, recipient_ids
from eventsapp.extensions import db as _db
from eventsapp.jobs.models import Job
from eventsapp.questions.models import QuestionType
from eventsapp.registration.models import Language
from tests.answers_helpers import give_answers
from tests.factories import make_event, make_person, make_question, make_registration
from tests.registration_helpers import outbox


def _reg(event, name, lang="en"):
    person = make_person(f"{name}@example.org", name.title(), "Test", event=event)
    person.preferred_language = Language(lang)
    _db.session.commit()
    return make_registration(event, person)


@pytest.fixture
def world(db, event):
    visit = make_question(
        event,
        "visit",
        QuestionType.MULTIPLE_CHOICE,
        options=[
            {"label_en": "Port", "label_es": "Puerto", "capacity": 1},
            {"label_en": "Museum", "label_es": "Museo"},
        ],
    )
    shuttle = make_question(event, "shuttle", QuestionType.YES_NO)
    arrival = make_question(event, "arrival", QuestionType.DATE)
    regs = {name: _reg(event, name, lang) for name, lang in (("ana", "es"), ("bob", "en"))}
    regs.update({name: _reg(event, name) for name in ("cy", "dee")})
    give_answers(regs["ana"], visit=["Port", "Museum"], shuttle="yes", arrival="2027-03-08")
    give_answers(regs["bob"], visit=["Port"], shuttle="no", arrival="2027-03-09")
    give_answers(regs["cy"], visit=["Museum"])
    return regs, visit, shuttle, arrival


def _names(event, regs, **chosen):
    by_id = {r.id: name for name, r in regs.items()}
    return sorted(by_id[i] for i in recipient_ids(event, RecipientFilter(**chosen)))


def test_recipients_by_answer(db, event, world):
    regs, visit, shuttle, arrival = world
    port, museum = visit.options
    assert _names(event, regs, question_id=visit.id, answer_options=[port.id]) == ["ana", "bob"]
    holding = _names(
        event, regs, question_id=visit.id, answer_options=[port.id], answer_place="holding"
    )
    waiting = _names(
        event, regs, question_id=visit.id, answer_options=[port.id], answer_place="waiting"
    )
    assert (holding, waiting) == (["ana"], ["bob"])
    both = _names(event, regs, question_id=visit.id, answer_options=[port.id, museum.id])
    assert both == ["ana", "bob", "cy"]
    assert _names(event, regs, question_id=shuttle.id, answer_value="no") == ["bob"]
    assert _names(event, regs, question_id=arrival.id, answer_value="2027-03-08") == ["ana"]
    assert _names(event, regs, question_id=shuttle.id) == ["ana", "bob"]  # any answer
    foreign = make_question(make_event(), "visit_elsewhere")
    assert _names(event, regs, question_id=foreign.id) == []


def _compose(action="preview", **extra):
    data = {
        "subject_en": "Your visit",
        "body_en": "Dear {given_name}, visit: {q_visit}; shuttle: {q_shuttle}; on {q_arrival}.",
        "subject_es": "Su visita",
        "body_es": "Estimada {given_name}: visita: {q_visit}; transporte: {q_shuttle}; el "
        "{q_arrival}.",
        "checked_in": "",
        "action": action,
    }
    data.update(extra)
    return data


def test_compose_filters_by_an_option_label_and_fills_the_answers(
    client, db, login, organizer, event, world
):
    regs, visit, _shuttle, _arrival = world
    login(organizer)
    url = f"/manage/events/{event.slug}/mail/compose"
    page = client.post(
        url, data=_compose(question_id=str(visit.id), answer="puerto", answer_place="")
    ).get_data(as_text=True)
    assert "2 recipients" in page and "cy@example.org" not in page
    assert "{q_visit}" in page  # listed among the placeholders
    # the preview, with the first recipient's (Ana's) answers in each language
    assert "visit: Port; Museum; shuttle: Yes; on Mar 8, 2027." in page
    assert "visita: Puerto; Museo; transporte: Sí; el 8 mar 2027." in page
    sent = client.post(url, data=_compose("send", question_id=str(visit.id), answer="Port"))
    assert sent.status_code == 302
    assert db.session.scalar(db.select(Job)).report["queued"] == 2
    [ana] = [m for m in outbox("ana@example.org") if m.kind == "group"]
    [bob] = [m for m in outbox("bob@example.org") if m.kind == "group"]
    assert "visita: Puerto; Museo; transporte: Sí; el 8 mar 2027." in ana.body_text
    assert "visit: Port; shuttle: No; on Mar 9, 2027." in bob.body_text
    assert outbox("cy@example.org") == []


def test_an_unknown_question_placeholder_or_answer_is_refused(
    client, db, login, organizer, event, world
):
    _regs, visit, shuttle, _arrival = world
    login(organizer)
    url = f"/manage/events/{event.slug}/mail/compose"
    page = client.post(url, data=_compose("send", body_es="Hola {q_hotel}")).get_data(as_text=True)
    assert 'id="body_es-error"' in page and "{q_hotel}" in page
    page = client.post(
        url, data=_compose("send", question_id=str(visit.id), answer="Boat")
    ).get_data(as_text=True)
    assert 'id="answer-error"' in page and "“Boat” is not one of the choices." in page
    page = client.post(
        url, data=_compose("send", question_id=str(shuttle.id), answer="perhaps")
    ).get_data(as_text=True)
    assert 'id="answer-error"' in page
    foreign = make_question(make_event(), "elsewhere")
    refused = client.post(url, data=_compose("send", question_id=str(foreign.id)))
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Job.id))) == 0


def test_the_compose_page_in_spanish_offers_the_question_filter(
    client, db, login, organizer, event, world
):
    login(organizer)
    with client.session_transaction() as session:
        session["lang"] = "es"
    page = client.get(f"/manage/events/{event.slug}/mail/compose").get_data(as_text=True)
    assert "Respuesta a la pregunta" in page and "Pregunta visit (visit)" in page
    assert "Con plaza o en espera" in page


def test_no_answer_fills_nothing_and_an_answer_is_escaped_in_the_preview(
    client, db, login, organizer, event, world
):
    regs, _visit, _shuttle, _arrival = world
    make_question(event, "notes", QuestionType.LONG_TEXT)
    give_answers(regs["dee"], notes='<script>alert("x")</script>\nsecond line')
    login(organizer)
    url = f"/manage/events/{event.slug}/mail/compose"
    body = {"body_en": "Notes: {q_notes}; visit: {q_visit}.", "body_es": "Notas: {q_notes}."}
    page = client.post(
        url, data=_compose(question_id="", **body, picked="dee@example.org")
    ).get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert client.post(url, data=_compose("send", **body)).status_code == 302
    [dee] = [m for m in outbox("dee@example.org") if m.kind == "group"]
    assert 'Notes: <script>alert("x")</script>\nsecond line; visit: .' in dee.body_text
    [cy] = [m for m in outbox("cy@example.org") if m.kind == "group"]
    assert "Notes: ; visit: Museum." in cy.body_text and "{q_" not in cy.body_text
