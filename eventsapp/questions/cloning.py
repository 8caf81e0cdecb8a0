"""A copied event (events.cloning) gets the same questions: keys, texts, types, roles,
forms, order, retired or not, with their choices and places, and conditions pointing to the
copies. Never copied: answers. The answers' cut-off moves with the event's dates."""

from __future__ import annotations

from typing import Any, TypeVar

from eventsapp.events.models import Event
from eventsapp.events.signals import event_cloned
from eventsapp.extensions import db
from eventsapp.questions.models import Question, QuestionOption
from eventsapp.timezones import shift_days

QUESTION_COLUMNS = (
    "key",
    "type",
    "label_en",
    "label_es",
    "help_en",
    "help_es",
    "required",
    "roles",
    "forms",
    "position",
    "retired_at",
)
OPTION_COLUMNS = ("label_en", "label_es", "position", "capacity", "retired_at")

_Row = TypeVar("_Row", Question, QuestionOption)


def _copy(source: _Row, columns: tuple[str, ...], **values: Any) -> _Row:
    return type(source)(**{name: getattr(source, name) for name in columns}, **values)


def copy_questions(source: Event, new: Event, days: int) -> dict[int, Question]:
    """Copy ``source``'s questions to ``new``; source question id -> its copy."""
    new.answers_editable_until = shift_days(source.answers_editable_until, source.timezone, days)
    questions = db.session.scalars(
        db.select(Question)
        .where(Question.event_id == source.id)
        .order_by(Question.position, Question.id)
    ).all()
    copies: dict[int, Question] = {}
    options: dict[int, QuestionOption] = {}
    for question in questions:
        copy = _copy(question, QUESTION_COLUMNS, event_id=new.id)
        for option in question.options:
            options[option.id] = _copy(option, OPTION_COLUMNS)
            copy.options.append(options[option.id])
        copies[question.id] = copy
    db.session.add_all(copies.values())
    db.session.flush()
    for question in questions:
        if question.show_if_question_id not in copies:
            continue
        target = copies[question.show_if_question_id]
        value = question.show_if_value
        if value.isdigit() and int(value) in options:  # a choice: its copy's id
            value = str(options[int(value)].id)
        copies[question.id].show_if_question_id = target.id
        copies[question.id].show_if_value = value
    db.session.flush()
    return copies


def _on_event_cloned(source: Event, *, new: Event, days: int, **_rest: object) -> None:
    copy_questions(source, new, days)


event_cloned.connect(_on_event_cloned)
