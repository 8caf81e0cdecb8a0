"""The audit log reads the organizer's changes to questions as sentences, in the reader's
language: field labels, types, roles, forms, conditions and the answers' cut-off in words,
never stored codes, ids or positions."""

from __future__ import annotations

import re

from eventsapp.questions.models import Question, QuestionType
from tests.factories import make_question
from tests.test_questions_manage import _form, _url


def _log(client, event, lang: str) -> str:
    with client.session_transaction() as session:
        session["lang"] = lang
    page = client.get(f"/manage/events/{event.slug}/audit/").get_data(as_text=True)
    table = page[page.index("<table") : page.index("</table>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


def test_question_changes_read_as_sentences_in_both_languages(db, client, login, organizer, event):
    organizer.name = "Ana Ruiz"
    db.session.commit()
    login(organizer)
    hotel = make_question(
        event, "hotel", QuestionType.YES_NO, label_en="Hotel?", label_es="¿Hotel?"
    )
    make_question(event, "notes")  # the visit moves up past it (not past the hotel)
    created = client.post(
        _url(event, "/new"),
        data=_form(
            type="single_choice",
            label_en="Site visit",
            label_es="Visita",
            new_options="Port | Puerto\nMuseum | Museo",
            roles=["delegate", "speaker"],
            condition=f"{hotel.id}:yes",
        ),
    )
    assert created.status_code == 302
    visit = db.session.scalar(db.select(Question).filter_by(key="site_visit"))
    port, museum = visit.options
    client.post(
        _url(event, f"/{visit.id}"),
        data=_form(
            type="single_choice",
            key="site_visit",
            label_en="Site visit (Tue)",
            label_es="Visita",
            required="y",
            forms=["1"],
            roles=["delegate"],
            condition=f"{hotel.id}:yes",
        ),
    )
    client.post(
        _url(event, f"/{visit.id}/options/{port.id}"),
        data={
            f"o{port.id}-label_en": "Harbour",
            f"o{port.id}-label_es": "Puerto",
            f"o{port.id}-capacity": "5",
        },
    )
    client.post(_url(event, f"/{visit.id}/options/{museum.id}/delete"))
    client.post(_url(event, f"/{visit.id}/move"), data={"direction": "up"})
    client.post(_url(event, "/cutoff"), data={"answers_editable_until": "2027-05-01T18:00"})

    english = _log(client, event, "en")
    for expected in (
        "Ana Ruiz created question Site visit (Tue)",
        "Type of answer: — → Single choice",
        "Roles: — → Delegate, Speaker",
        "Asked on: — → Public, Head portal, Back office",
        "Shown only after: — → Hotel?",
        "Answer shown on: — → Yes",
        "Ana Ruiz changed question Site visit (Tue)",
        "Text (English): Site visit → Site visit (Tue)",
        "Required: no → yes",
        "Roles: Delegate, Speaker → Delegate",
        "Asked on: Public, Head portal, Back office → Public",
        "Ana Ruiz changed choice Site visit (Tue): Harbour",
        "Text (English): Port → Harbour",
        "Ana Ruiz deleted choice site_visit: Museum",
        "Ana Ruiz moved question Site visit (Tue)",
        "Answers can be changed until: — → May 1, 2027, 6:00 PM",
    ):
        assert expected in english, expected
    assert "Position" not in english and "2027-05-02T" not in english
    spanish = _log(client, event, "es")
    for expected in (
        "Ana Ruiz creó: pregunta Visita",
        "Tipo de respuesta: — → Opción única",
        "Se muestra solo tras: — → ¿Hotel?",
        "Respuesta que la muestra: — → Sí",
        "Obligatoria: no → sí",
        "Las respuestas pueden cambiarse hasta: — → 1 may 2027, 18:00",
    ):
        assert expected in spanish, expected
    assert "Delegate" not in spanish and "Single choice" not in spanish


def test_a_condition_on_a_choice_names_the_choice(db, client, login, organizer, event):
    login(organizer)
    visit = make_question(
        event, "visit", QuestionType.SINGLE_CHOICE, options=["Port", "Museum"], label_en="Visit"
    )
    port = visit.options[0]
    created = client.post(
        _url(event, "/new"), data=_form(label_en="Boat size", condition=f"{visit.id}:{port.id}")
    )
    assert created.status_code == 302, created.get_data(as_text=True)
    english = _log(client, event, "en")
    assert "Shown only after: — → Visit" in english
    assert "Answer shown on: — → Port" in english
