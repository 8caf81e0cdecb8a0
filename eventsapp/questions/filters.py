"""Registrations filtered by an answer (the registrations list, its export): a condition on
the registration id column that registration hands in (this package sits below it).

The filter is the question's id and a value: ``answer`` for a choice question (an option id)
and for yes/no and consent ("yes" or "no"), ``contains`` for the other types (a text the
answer contains, case ignored); no value: any answer to the question. One query loads the
questions the filter offers (``filter_questions``); the filter itself adds no query."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, func
from sqlalchemy.orm import QueryableAttribute, joinedload

from eventsapp.extensions import db
from eventsapp.forms import search_text
from eventsapp.questions.models import Answer, AnswerChoice, Question, QuestionType

VALUE_MAX = 200


def filter_question(event_id: int, question_id: int | None) -> Question | None:
    """The event's question of the filter (None when there is none or it is another
    event's). Loaded through the session's identity map: no query when the page already
    loaded the event's questions."""
    if question_id is None:
        return None
    question = db.session.get(Question, question_id)
    return question if question is not None and question.event_id == event_id else None


def filter_questions(event_id: int) -> list[Question]:
    """The event's questions (retired ones too: their answers stay) with their options, in
    one query."""
    query = (
        db.select(Question)
        .where(Question.event_id == event_id)
        .options(joinedload(Question.options))
        .order_by(Question.retired_at.is_not(None), Question.position, Question.id)
    )
    return list(db.session.scalars(query).unique())


def by_value(question: Question) -> bool:
    """Whether the filter takes an ``answer`` value (a choice, yes or no), not a text."""
    return question.type.has_options or question.type in (
        QuestionType.YES_NO,
        QuestionType.CONSENT,
    )


def answer_condition(
    registration_id: ColumnElement[int] | QueryableAttribute[int],
    question: Question,
    answer: str = "",
    contains: str = "",
) -> ColumnElement[bool]:
    """Registrations (``registration_id``: their id column) whose answer to ``question``
    matches (see the module)."""
    value = search_text(answer if by_value(question) else contains, VALUE_MAX)
    answered = and_(Answer.registration_id == registration_id, Answer.question_id == question.id)
    if not value:
        return exists().where(answered)
    if question.type.has_options:
        if not value.isdigit() or len(value) > 12:
            return false()
        chose = exists().where(
            AnswerChoice.answer_id == Answer.id, AnswerChoice.option_id == int(value)
        )
        return exists().where(answered, chose)
    if question.type in (QuestionType.YES_NO, QuestionType.CONSENT):
        if value not in ("yes", "no"):
            return false()
        if question.type is QuestionType.CONSENT and value == "no":  # stored as no answer
            return ~exists().where(answered, Answer.value == "yes")
        return exists().where(answered, Answer.value == value)
    pattern = func.lower(Answer.value).contains(value.lower(), autoescape=True)
    return exists().where(answered, pattern)
