"""Helpers for the tests of the event's own questions: one question of every type (with
Spanish labels), the form data a browser sends for them, and what the database then holds."""

from __future__ import annotations

from eventsapp.extensions import db
from eventsapp.questions.models import Answer, QuestionType
from tests.factories import make_question

T = QuestionType


def every_type(event) -> dict:
    """One question of each type at ``event``, by key."""
    qs = [
        make_question(event, "nickname", T.SHORT_TEXT, label_en="Nickname", label_es="Apodo"),
        make_question(
            event,
            "notes",
            T.LONG_TEXT,
            label_en="Anything else",
            label_es="Algo más",
            help_en="For the organizers only.",
            help_es="Solo para los organizadores.",
        ),
        make_question(
            event,
            "visit",
            T.SINGLE_CHOICE,
            label_en="Site visit",
            label_es="Visita",
            options=[
                {"label_en": "Port", "label_es": "Puerto", "capacity": 40},
                {"label_en": "Museum", "label_es": "Museo"},
            ],
        ),
        make_question(
            event,
            "topics",
            T.MULTIPLE_CHOICE,
            label_en="Topics",
            label_es="Temas",
            options=[{"label_en": "Trafficking", "label_es": "Trata"}, "Cybercrime", "Fraud"],
        ),
        make_question(event, "reception", T.YES_NO, label_en="Reception", label_es="Recepción"),
        make_question(event, "guests", T.NUMBER, label_en="Guests", label_es="Acompañantes"),
        make_question(event, "arrival", T.DATE, label_en="Arrival day", label_es="Día de llegada"),
        make_question(
            event, "lands", T.TIME, label_en="Landing time", label_es="Hora de aterrizaje"
        ),
        make_question(event, "country", T.COUNTRY, label_en="Country", label_es="País"),
        make_question(event, "contact", T.EMAIL, label_en="Assistant", label_es="Asistente"),
        make_question(event, "mobile", T.PHONE, label_en="Mobile", label_es="Móvil"),
        make_question(
            event,
            "photos",
            T.CONSENT,
            label_en="I agree to be photographed",
            label_es="Acepto que me fotografíen",
        ),
    ]
    return {q.key: q for q in qs}


def answer_data(questions: dict) -> dict:
    """What a browser posts for every question of ``every_type``."""
    topics = questions["topics"].options
    return {
        "q_nickname": "Kiki",
        "q_notes": "Line one\r\nLine two",
        "q_visit": str(questions["visit"].options[0].id),
        "q_topics": [str(topics[0].id), str(topics[2].id)],
        "q_reception": "yes",
        "q_guests": "2",
        "q_arrival": "2027-03-08",
        "q_lands": "07:05",
        "q_country": "MX",
        "q_contact": "Assistant@Example.org",
        "q_mobile": "+52 55 1234 5678",
        "q_photos": "y",
    }


def stored_answers(registration) -> dict:
    """Key -> the stored canonical value (option labels for a choice question)."""
    db.session.expire_all()
    answers = db.session.scalars(
        db.select(Answer).where(Answer.registration_id == registration.id)
    ).all()
    return {
        a.question.key: [c.option.label_en for c in a.choices]
        if a.question.type.has_options
        else a.value
        for a in answers
    }


EXPECTED = {
    "nickname": "Kiki",
    "notes": "Line one\r\nLine two",
    "visit": ["Port"],
    "topics": ["Trafficking", "Fraud"],
    "reception": "yes",
    "guests": "2",
    "arrival": "2027-03-08",
    "lands": "07:05",
    "country": "MX",
    "contact": "assistant@example.org",
    "mobile": "+52 55 1234 5678",
    "photos": "yes",
}
