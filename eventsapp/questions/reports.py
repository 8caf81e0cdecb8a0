"""Answers counted per question, for the organizer's reports: how many answered, and for a
choice or yes/no question how many gave each answer (drawn as a bar chart), with each
choice's places held against its capacity and its waiting list.

Answers are counted among the registrations ``among`` (a select of registration ids that
registration gives: the confirmed ones); places and waiting lists are the options' own
state (``places``), whoever holds them. A fixed number of queries, however many questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func

from eventsapp.extensions import db
from eventsapp.questions import labels, places
from eventsapp.questions.filters import filter_questions
from eventsapp.questions.models import Answer, AnswerChoice, Question, QuestionType


@dataclass
class AnswerRow:
    """One answer of a question: its label, how many gave it, and for a choice its
    places (held, capacity: None without a limit) and waiting list."""

    label: str
    value: int
    held: int | None = None
    capacity: int | None = None
    waiting: int = 0
    retired: bool = False


@dataclass
class QuestionCount:
    question: Question
    label: str
    type_label: str
    answered: int
    rows: list[AnswerRow] = field(default_factory=list)

    @property
    def has_places(self) -> bool:
        return any(row.capacity is not None or row.waiting for row in self.rows)

    @property
    def chart_rows(self) -> list[dict[str, object]]:
        """Rows for templates/macros/charts.html's hbar_chart (no background bar)."""
        return [{"label": row.label, "value": row.value, "total": None} for row in self.rows]


def _count_by(query: Select[Any]) -> dict[tuple[Any, ...], int]:
    return {tuple(row[:-1]): row[-1] for row in db.session.execute(query)}


def answer_counts(event_id: int, among: Select[tuple[int]], lang: str) -> list[QuestionCount]:
    """Every question of the event (retired ones last) with its counts."""
    questions = filter_questions(event_id)
    ids = [q.id for q in questions]
    counted = Answer.registration_id.in_(among)
    answered = _count_by(
        db.select(Answer.question_id, func.count(Answer.id))
        .where(Answer.question_id.in_(ids), counted)
        .group_by(Answer.question_id)
    )
    values = _count_by(
        db.select(Answer.question_id, Answer.value, func.count(Answer.id))
        .join(Question, Question.id == Answer.question_id)
        .where(
            Answer.question_id.in_(ids),
            counted,
            Question.type.in_([QuestionType.YES_NO, QuestionType.CONSENT]),
        )
        .group_by(Answer.question_id, Answer.value)
    )
    options = [o.id for q in questions for o in q.options]
    chosen = _count_by(
        db.select(AnswerChoice.option_id, func.count(AnswerChoice.id))
        .join(Answer, Answer.id == AnswerChoice.answer_id)
        .where(AnswerChoice.option_id.in_(options), counted)
        .group_by(AnswerChoice.option_id)
    )
    held = places.waiting_count(options)
    result = []
    for question in questions:
        count = QuestionCount(
            question,
            question.label(lang),
            str(labels.TYPE[question.type]),
            answered.get((question.id,), 0),
        )
        if question.type.has_options:
            for option in question.options:
                taken, waiting = held.get(option.id, (0, 0))
                count.rows.append(
                    AnswerRow(
                        option.label(lang),
                        chosen.get((option.id,), 0),
                        held=taken,
                        capacity=option.capacity,
                        waiting=waiting,
                        retired=option.is_retired,
                    )
                )
        elif question.type is QuestionType.YES_NO:
            count.rows = [
                AnswerRow(_("Yes"), values.get((question.id, "yes"), 0)),
                AnswerRow(_("No"), values.get((question.id, "no"), 0)),
            ]
        elif question.type is QuestionType.CONSENT:
            count.rows = [AnswerRow(_("Given"), values.get((question.id, "yes"), 0))]
        result.append(count)
    return result
