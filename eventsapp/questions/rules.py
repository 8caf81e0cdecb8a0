"""The server's rules for what a person, a file or a client gave as answers: required
questions, conditions (``show_if_question_id``/``show_if_value``), each type's canonical
value (eventsapp.questions.values). Part of ``eventsapp.questions.services``' API."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.questions.models import Answer, Question, QuestionOption, QuestionType
from eventsapp.questions.values import AnswerError, parse_options, parse_value

FIELD_PREFIX = "q_"  # a question's form field and mail placeholder: q_<key>
Value = str | list[QuestionOption]


def field_name(question: Question) -> str:
    return FIELD_PREFIX + question.key


def _raw(question: Question, raw: Mapping[str, Any], by: str) -> list[str]:
    name = {"key": question.key, "field": field_name(question), "id": str(question.id)}[by]
    given = raw.get(name)
    if given is None:
        return []
    items = list(given) if isinstance(given, (list, tuple)) else [given]
    return [item if isinstance(item, str) else str(item) for item in items]


def _options(question: Question, given: list[str], answer: Answer | None) -> list[QuestionOption]:
    kept = {str(c.option_id): c.option for c in answer.choices} if answer else {}
    kept = {oid: option for oid, option in kept.items() if option.is_retired}
    still = [kept[item.strip()] for item in given if item.strip() in kept]
    chosen = parse_options(question, [item for item in given if item.strip() not in kept])
    chosen += [option for option in still if option not in chosen]
    if question.type is QuestionType.SINGLE_CHOICE and len(chosen) > 1:
        raise AnswerError(_l("Choose only one."))
    return sorted(chosen, key=lambda o: (o.position, o.id))


def _matches(controller: Question, value: Value, expected: str) -> bool:
    if isinstance(value, list):
        return any(str(option.id) == expected for option in value)
    return value == expected


def parse_answers(
    questions: Sequence[Question],
    raw: Mapping[str, Any],
    *,
    by: str = "key",
    current: Mapping[int, Answer] | None = None,
) -> tuple[dict[int, Value], dict[str, str]]:
    """Check what was given for ``questions`` (the ones this form asks this person).

    ``raw`` maps each question's key (``by="key"``), form field name (``"field"``: q_<key>)
    or id (``"id"``) to a text or a list of texts (options by id or label); a missing entry
    is an empty answer. Returns the canonical values by question id (text, or the chosen
    options of a choice question; "" or [] clears an answer; a hidden question gets its
    empty value) and the messages by question key. Nothing is written.

    ``current``: the registration's answers by question id; an option retired since it was
    chosen may stay chosen (it is offered no more, but an answer never loses it)."""
    by_id = {q.id: q for q in questions}
    values: dict[int, Value] = {}
    errors: dict[str, str] = {}
    for question in questions:
        given = _raw(question, raw, by)
        try:
            if question.type.has_options:
                values[question.id] = _options(question, given, (current or {}).get(question.id))
            elif len(given) > 1:
                raise AnswerError(_l("Give one answer."))
            else:
                values[question.id] = parse_value(question, given[0] if given else "")
        except AnswerError as error:
            errors[question.key] = str(error)
            values[question.id] = [] if question.type.has_options else ""
    shown: dict[int, bool] = {}

    def visible(question: Question, seen: frozenset[int] = frozenset()) -> bool:
        if question.id in shown:
            return shown[question.id]
        answer = True
        if question.show_if_question_id is not None:
            controller = by_id.get(question.show_if_question_id)
            answer = (
                controller is not None
                and controller.id not in seen  # a loop of conditions shows nothing
                and visible(controller, seen | {question.id})
                and controller.key not in errors
                and _matches(controller, values[controller.id], question.show_if_value)
            )
        shown[question.id] = answer
        return answer

    for question in questions:
        if not visible(question):
            values[question.id] = [] if question.type.has_options else ""
            errors.pop(question.key, None)
        elif question.required and question.key not in errors and not values[question.id]:
            errors[question.key] = str(
                _l("Tick this box to continue.")
                if question.type is QuestionType.CONSENT
                else _l("This question needs an answer.")
            )
    return values, errors
