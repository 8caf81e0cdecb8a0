"""The event's own questions in messages to a group: ``{q_<key>}`` placeholders filled with
each recipient's answer in the recipient's language, and the recipient filter by answer
(a question, and the options or the value its answer has).

A filter by answer is stored in ``RecipientFilter`` already parsed: option ids for a choice
question (any of them, and whether the choice holds its place or waits), else the canonical
value (``questions.values``), or neither: anyone who answered the question."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select

from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions.models import Answer, AnswerChoice, Question
from eventsapp.questions.rules import field_name
from eventsapp.questions.services import answer_text, answers_by_registration
from eventsapp.questions.values import AnswerError, parse_options, parse_value

PLACES = ("", "holding", "waiting")


def placeholders(questions: Iterable[Question]) -> tuple[str, ...]:
    return tuple(field_name(q) for q in questions)


def values_of(
    questions: Iterable[Question], answers: dict[int, Answer], lang: str
) -> dict[str, str]:
    """``{q_<key>: the answer as read in lang}`` for each question (empty: no answer)."""
    with force_locale(lang):
        return {field_name(q): answer_text(q, answers.get(q.id), lang) for q in questions}


def values_for(
    questions: list[Question], registration_ids: Iterable[int], lang_of: Callable[[int], str]
) -> dict[int, dict[str, str]]:
    """Registration id -> its placeholder values, ``lang_of(registration id)`` deciding the
    language; two queries for any number of registrations."""
    answers = answers_by_registration(registration_ids)
    return {rid: values_of(questions, given, lang_of(rid)) for rid, given in answers.items()}


def parse_condition(question: Question, text: str) -> tuple[list[int], str]:
    """(option ids, value) for "answered ``text``" to ``question``: options by label or id,
    several separated by ";" (any of them); AnswerError for a value it cannot have. An
    empty ``text``: anyone who answered."""
    text = (text or "").strip()
    if not text:
        return [], ""
    if question.type.has_options:
        items = [item for item in text.split(";") if item.strip()]
        options = [parse_options(question, [item])[0] for item in items]
        return sorted({o.id for o in options}), ""
    value = parse_value(question, text)
    if not value:  # a consent "no": nobody's stored answer
        raise AnswerError(_l("Nobody can have given this answer."))
    return [], value


def answered(
    event: Event, question_id: int, option_ids: list[int], value: str, place: str = ""
) -> Select[tuple[int]]:
    """A select of the ids of the registrations whose answer to the question matches."""
    query = (
        db.select(Answer.registration_id)
        .join(Question, Question.id == Answer.question_id)
        .where(Question.event_id == event.id, Answer.question_id == question_id)
    )
    if option_ids:
        query = query.join(AnswerChoice, AnswerChoice.answer_id == Answer.id).where(
            AnswerChoice.option_id.in_(option_ids)
        )
        if place == "holding":
            query = query.where(AnswerChoice.waitlist_position.is_(None))
        elif place == "waiting":
            query = query.where(AnswerChoice.waitlist_position.is_not(None))
    elif value:
        query = query.where(Answer.value == value)
    return query
