"""The optional badge line from an answer (issue 16): the event's badge settings name a
question and a caption; each badge prints "<caption>: <answer>" in the print's language,
nothing for who did not answer or still waits for the option's place; the line fits every
layout; the settings page checks that the question is the event's."""

from __future__ import annotations

import pytest

from eventsapp.audit.models import AuditEntry
from eventsapp.badges.content import unit_width
from eventsapp.badges.design import plan_front
from eventsapp.badges.layouts import LAYOUTS
from eventsapp.badges.models import BadgeSettings
from eventsapp.fonts import register_fonts
from eventsapp.questions.models import QuestionType
from tests.answers_helpers import give_answers
from tests.badges_helpers import sample_badge
from tests.factories import make_event, make_person, make_question, make_registration
from tests.print_helpers import pdftotext
from tests.registration_helpers import registration_of

PRINT = {"layout": "a6", "role": "", "status": "", "order": "family", "start_at": "1"}


@pytest.fixture
def channel(db, event):
    """An interpretation question whose "ES" option has one place."""
    question = make_question(
        event,
        "channel",
        QuestionType.SINGLE_CHOICE,
        label_en="Interpretation channel",
        label_es="Canal de interpretación",
        options=[
            {"label_en": "ES", "label_es": "ES", "capacity": 1},
            {"label_en": "English floor", "label_es": "Sala en inglés"},
        ],
    )
    ana = make_registration(event, make_person("ana@example.org", "Ana", "Alba", event=event))
    bea = make_registration(event, make_person("bea@example.org", "Bea", "Bravo", event=event))
    cid = make_registration(event, make_person("cid@example.org", "Cid", "Cano", event=event))
    dan = make_registration(event, make_person("dan@example.org", "Dan", "Duro", event=event))
    give_answers(ana, channel="ES")
    give_answers(bea, channel="ES")  # the one place is Ana's: Bea waits
    give_answers(cid, channel="English floor")
    del dan  # no answer
    return question


def _settings(client, event, **data):
    return client.post(f"/manage/events/{event.slug}/badges/settings", data=data)


def _print(client, event, lang="en") -> str:
    response = client.post(f"/manage/events/{event.slug}/badges", data={**PRINT, "language": lang})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return pdftotext(response.data)


def test_badges_print_the_answer_line_in_the_print_language(
    client, db, login, organizer, event, channel
):
    login(organizer)
    assert "Interpretation" not in _print(client, event)  # no setting: no line
    saved = _settings(
        client, event, question_id=str(channel.id), caption_en="Interpretation", caption_es=""
    )
    assert saved.status_code == 302
    text = _print(client, event)
    assert text.count("Interpretation: ES") == 1  # Ana; Bea waits for the place
    assert "Interpretation: English floor" in text
    assert text.count("Interpretation") == 2  # nothing for Bea (waiting) nor Dan (no answer)
    dan = registration_of(event, "dan@example.org")
    alone = client.post(
        f"/manage/events/{event.slug}/badges/{dan.id}/reprint", data={"layout": "a6"}
    )
    assert "Dan" in pdftotext(alone.data) and "Interpretation" not in pdftotext(alone.data)
    assert "Interpretación" not in text
    _settings(
        client,
        event,
        question_id=str(channel.id),
        caption_en="Interpretation",
        caption_es="Interpretación",
    )
    spanish = _print(client, event, "es")
    assert spanish.count("Interpretación: ES") == 1
    assert "Interpretación: Sala en inglés" in spanish


def test_without_a_caption_the_question_label_is_printed(
    client, db, login, organizer, event, channel
):
    login(organizer)
    _settings(client, event, question_id=str(channel.id))
    assert "Interpretation channel: ES" in _print(client, event)
    assert "Canal de interpretación: ES" in _print(client, event, "es")
    ana = registration_of(event, "ana@example.org")
    reprint = client.post(
        f"/manage/events/{event.slug}/badges/{ana.id}/reprint", data={"layout": "a6"}
    )
    assert "Interpretation channel: ES" in pdftotext(reprint.data)


def test_a_yes_no_answer_reads_in_each_language(client, db, login, organizer, event):
    question = make_question(event, "shuttle", QuestionType.YES_NO, label_en="Shuttle")
    ana = make_registration(event, make_person("ana@example.org", "Ana", "Alba", event=event))
    give_answers(ana, shuttle="yes")
    login(organizer)
    _settings(client, event, question_id=str(question.id), caption_es="Transporte")
    assert "Shuttle: Yes" in _print(client, event)
    assert "Transporte: Sí" in _print(client, event, "es")


def test_the_settings_page_offers_only_this_events_questions(
    client, db, login, organizer, event, channel
):
    foreign = make_question(make_event(), "elsewhere")
    login(organizer)
    page = client.get(f"/manage/events/{event.slug}/badges/settings").get_data(as_text=True)
    assert "Interpretation channel (channel)" in page and "elsewhere" not in page
    refused = _settings(client, event, question_id=str(foreign.id), caption_en="X")
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    assert db.session.get(BadgeSettings, event.id) is None
    assert _settings(client, event, question_id=str(channel.id)).status_code == 302
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.object_type == "Event"))
    assert entry.after == {"badge_question_id": channel.id}
    with client.session_transaction() as session:
        session["lang"] = "es"
    page = client.get(f"/manage/events/{event.slug}/badges/settings").get_data(as_text=True)
    assert "Ajustes de los gafetes" in page and "Canal de interpretación (channel)" in page


def test_the_answer_line_fits_every_layout():
    register_fonts()
    badge = sample_badge(answer_line="Interpretation: English floor, Spanish floor, French")
    for layout in LAYOUTS.values():
        for rect in layout.slots[:1]:
            plan = plan_front(badge, rect)
            line = [t for t in plan.lines if t.text.startswith("Interpretation")]
            assert line, layout.name
            for text in plan.lines:
                width = unit_width(text.text, text.font) * text.size
                assert rect.x <= text.x and text.x + width <= rect.right + 0.01, layout.name
                assert rect.y <= text.y <= rect.top, layout.name
