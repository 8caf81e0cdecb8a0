"""Answers to the event's own questions as API v1 reads and writes them (by question key):
a text (the canonical form) or, for a choice question, the chosen option ids. Writes go
through ``questions.services`` like the forms: the server's rules (required, roles,
conditions, each type's value), the option places under their locks, the audit entry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_smorest import abort

from eventsapp.actor import Actor
from eventsapp.questions import services
from eventsapp.questions.models import Answer, Question
from eventsapp.questions.places import places_taken
from eventsapp.questions.services import (
    answers_by_registration,
    for_role,
    parse_answers,
    save_answers,
)
from eventsapp.registration.models import Registration


def value_of(question: Question, answer: Answer) -> str | list[int]:
    if question.type.has_options:
        return [choice.option_id for choice in answer.choices]
    return answer.value


def answers_dict(questions: Iterable[Question], given: Mapping[int, Answer]) -> dict[str, Any]:
    """{key: value} of the answered questions."""
    return {q.key: value_of(q, given[q.id]) for q in questions if q.id in given}


def answers_of(event_id: int, registration_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Registration id -> {key: value}; three queries for any number of registrations."""
    if not registration_ids:
        return {}
    questions = services.event_questions(event_id, retired_last=True)
    if not questions:
        return {i: {} for i in registration_ids}
    given = answers_by_registration(registration_ids)
    return {rid: answers_dict(questions, given.get(rid, {})) for rid in registration_ids}


def answers_resource(registration: Registration) -> dict[str, Any]:
    questions = services.event_questions(registration.event_id, retired_last=True)
    given = answers_by_registration([registration.id])[registration.id]
    by_id = {q.id: q for q in questions}
    waiting = [
        {"key": by_id[qid].key, "option_id": c.option_id, "position": c.waitlist_position}
        for qid, answer in given.items()
        if qid in by_id
        for c in answer.choices
        if not c.holds_place
    ]
    return {
        "registration_id": registration.id,
        "answers": answers_dict(questions, given),
        "waiting": waiting,
    }


def question_resource(question: Question, by_id: Mapping[int, Question]) -> dict[str, Any]:
    controller = by_id.get(question.show_if_question_id or 0)
    return {
        "id": question.id,
        "key": question.key,
        "type": question.type.value,
        "label_en": question.label_en,
        "label_es": question.label_es,
        "help_en": question.help_en,
        "help_es": question.help_es,
        "required": question.required,
        "roles": sorted(question.role_values),
        "forms": sorted(flag.name.lower() for flag in question.form_flags if flag.name is not None),
        "position": question.position,
        "show_if_question_key": controller.key if controller is not None else None,
        "show_if_value": question.show_if_value,
        "retired": question.is_retired,
        "options": [
            {
                "id": o.id,
                "label_en": o.label_en,
                "label_es": o.label_es,
                "position": o.position,
                "capacity": o.capacity,
                "places_taken": places_taken(o.id) if o.capacity is not None else 0,
                "retired": o.is_retired,
            }
            for o in question.options
        ],
    }


def _given(value: str | list[Any]) -> str | list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return value


def write(
    actor: Actor, registration: Registration, body: Mapping[str, Any], *, replace: bool
) -> None:
    """Check and save the answers of ``body`` (key -> value). ``replace`` (PUT): the body is
    every answer, a question it leaves out is cleared (and a required one refused); else
    (PATCH) only the named questions change, and those a changed condition now hides.
    Aborts with 422 and the messages by ``answers.<key>`` when anything is wrong."""
    everything = services.event_questions(registration.event_id, retired_last=True)
    asked = for_role([q for q in everything if not q.is_retired], registration.role.value)
    asked_keys = {q.key for q in asked}
    known = {q.key: q for q in everything}
    errors: dict[str, list[str]] = {}
    for key in body:
        if key not in known:
            errors[f"answers.{key}"] = ["No such question at this event."]
        elif known[key].is_retired:
            errors[f"answers.{key}"] = ["This question is retired."]
        elif key not in asked_keys:
            errors[f"answers.{key}"] = ["This question is not asked of this role."]
        elif isinstance(body[key], list) and not known[key].type.has_options:
            errors[f"answers.{key}"] = ["Give a text: only a choice question takes a list."]
    raw = {
        key: _given(value)
        for key, value in body.items()
        if key in asked_keys and f"answers.{key}" not in errors
    }
    stored = answers_by_registration([registration.id])[registration.id]
    if not replace:
        for question in asked:
            if question.key not in raw and question.id in stored:
                raw[question.key] = _given(value_of(question, stored[question.id]))
    values, problems = parse_answers(asked, raw)
    for key, message in problems.items():
        if replace or key in body:
            errors[f"answers.{key}"] = [message]
    if errors:
        abort(422, message="Some answers cannot be saved.", errors=errors)
    if not replace:  # an unnamed answer that does not parse any more stays as it is
        keys = {q.id: q.key for q in asked}
        values = {
            qid: value
            for qid, value in values.items()
            if keys[qid] in body or keys[qid] not in problems
        }
    save_answers(actor, registration, asked, values)
