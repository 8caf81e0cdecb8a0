"""Answers to the event's own questions in an import file: one column per question, headed
by its key (or ``q_`` + key, as the export heads a key that is also a fixed column's name).

- A column of a retired question is ignored, with a warning on line 1 (the export writes
  retired questions' answers, and its file must read back).
- A question without a column is left alone: its required rule is not applied and stored
  answers stay (an organizer importing old data). A question with a column is checked by
  ``questions.services.parse_answers``, as a form would check it: a required question needs
  an answer, a conditional one is cleared when its condition does not hold (the condition's
  answer is the file's, or the stored one when the file has no column for it).
- A cell equal to what the export writes for the stored answer (in either language; empty
  for no answer) changes nothing, so an exported file reads back as it is even when an
  option was retired since or a required question was added.
- Choices are given by label (English or Spanish, any case) or option id, several separated
  by ";". A value for a question not asked of the row's role is refused.
- Every problem is (column, reason) for the caller's line number; nothing is written here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions.models import Answer, Question
from eventsapp.questions.rules import FIELD_PREFIX, Value, parse_answers
from eventsapp.questions.services import CHOICE_SEPARATOR, answers_by_registration, for_role
from eventsapp.registration.models import Person, Registration

STORED_CHUNK = 500


@dataclass
class AnswerColumns:
    questions: list[Question] = field(default_factory=list)  # every live question
    present: dict[int, str] = field(default_factory=dict)  # question id -> its column
    # e-mail -> the stored answers of that person's registration at the event
    stored: dict[str, dict[int, Answer]] = field(default_factory=dict)

    def by_id(self) -> dict[int, Question]:
        return {q.id: q for q in self.questions}


def _questions(event: Event) -> list[Question]:
    return list(
        db.session.scalars(
            db.select(Question)
            .where(Question.event_id == event.id)
            .order_by(Question.position, Question.id)
        )
    )


def read_header(
    event: Event, names: Iterable[str]
) -> tuple[AnswerColumns, set[str], list[tuple[str, str]]]:
    """The question columns among ``names`` (lower-cased header cells that are no fixed
    column): (the columns, the names that are no question's, warnings as (column, reason))."""
    names = [n for n in names if n]
    columns = AnswerColumns()
    unknown: set[str] = set()
    warnings: list[tuple[str, str]] = []
    if not names:
        return columns, unknown, warnings
    everything = _questions(event)
    columns.questions = [q for q in everything if not q.is_retired]
    by_name: dict[str, Question] = {}
    for question in everything:
        key = question.key.lower()
        by_name.setdefault(FIELD_PREFIX + key, question)
        by_name[key] = question
    for name in names:
        found = by_name.get(name)
        if found is None:
            unknown.add(name)
        elif found.is_retired:
            warnings.append((name, _("This question is retired: its column was not imported.")))
        else:
            columns.present[found.id] = name
    if columns.present:
        columns.stored = _stored(event)
    return columns, unknown, warnings


def _stored(event: Event) -> dict[str, dict[int, Answer]]:
    """E-mail -> answers, for every registration of the event (two queries per chunk)."""
    pairs = db.session.execute(
        db.select(Person.email, Registration.id)
        .join(Registration, Registration.person_id == Person.id)
        .where(Registration.event_id == event.id)
    ).all()
    stored: dict[str, dict[int, Answer]] = {}
    for start in range(0, len(pairs), STORED_CHUNK):
        chunk = pairs[start : start + STORED_CHUNK]
        answers = answers_by_registration(registration_id for _, registration_id in chunk)
        for email, registration_id in chunk:
            stored[email.lower()] = answers.get(registration_id, {})
    return stored


def cell_of(question: Question, answer: Answer | None, lang: str) -> str:
    """What the export writes for ``answer`` (exporter.answer_cell)."""
    if answer is None:
        return ""
    if question.type.has_options:
        return CHOICE_SEPARATOR.join(c.option.label(lang) for c in answer.choices)
    return answer.value


def _given(question: Question, cell: str) -> str | list[str]:
    if question.type.has_options:
        return [item.strip() for item in cell.split(";") if item.strip()]
    return cell


def _stored_given(question: Question, answer: Answer) -> str | list[str]:
    if question.type.has_options:
        return [str(choice.option_id) for choice in answer.choices]
    return answer.value


def check_row(
    columns: AnswerColumns, values: dict[str, Any], role: str, email: str
) -> tuple[dict[int, Value], list[tuple[str, str]]]:
    """The row's answers to write (question id -> value for ``save_answers``; only the
    questions with a column whose cell changes something) and its problems."""
    stored = columns.stored.get(email.lower())
    asked = for_role(columns.questions, role)
    raw: dict[str, str | list[str]] = {}
    for question in asked:
        if question.id in columns.present:
            raw[question.key] = _given(question, values.get(columns.present[question.id], ""))
        elif stored and question.id in stored:
            raw[question.key] = _stored_given(question, stored[question.id])
    parsed, errors = parse_answers(asked, raw)
    asked_ids = {q.id for q in asked}
    by_id = columns.by_id()
    answers: dict[int, Value] = {}
    problems: list[tuple[str, str]] = []
    for question_id, column in columns.present.items():
        question = by_id[question_id]
        cell = values.get(column, "")
        if stored is not None:
            before = stored.get(question_id)
            if cell in (cell_of(question, before, "en"), cell_of(question, before, "es")):
                continue  # as exported: the stored answer stays as it is
        if question_id not in asked_ids:
            if cell:
                problems.append((column, _("This question is not asked of this role.")))
        elif question.key in errors:
            problems.append((column, errors[question.key]))
        else:
            answers[question_id] = parsed[question_id]
    return answers, problems
