"""Answers to an event's own questions: which questions a form asks, the server's rules for
what was given (required, roles, conditions, each type's canonical value), writing the
answers with their choice places, and reading them back in bulk.

The rules live here, not in the forms: a hand-made POST, an import row or an API call goes
through ``parse_answers`` like the form does. A question shown only when another answer has
a given value (``show_if_question_id``/``show_if_value``) is hidden when that answer differs
or its question is not asked (hidden too, retired, for another role or form): a hidden
question is neither required nor stored, and an answer it had is removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import utcnow
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions import places
from eventsapp.questions.models import (
    Answer,
    AnswerChoice,
    Question,
    QuestionForm,
    QuestionOption,
)

# Part of this module's API (rules.py says so), re-exported explicitly (the `as` form).
from eventsapp.questions.rules import FIELD_PREFIX as FIELD_PREFIX
from eventsapp.questions.rules import Value as Value
from eventsapp.questions.rules import field_name as field_name
from eventsapp.questions.rules import parse_answers as parse_answers
from eventsapp.questions.values import display_value

CHOICE_SEPARATOR = "; "  # between the chosen options of an answer shown as text


def _live_questions(event_id: int) -> Select[tuple[Question]]:
    return (
        db.select(Question)
        .where(Question.event_id == event_id, Question.retired_at.is_(None))
        .order_by(Question.position, Question.id)
        .options(selectinload(Question.options))
    )


def asked_on(questions: Iterable[Question], form: QuestionForm) -> list[Question]:
    return [q for q in questions if form in q.form_flags]


def for_role(questions: Iterable[Question], role: str | None) -> list[Question]:
    """The questions for ``role`` (a RegistrationRole value); None: every question (a form
    where the role is chosen on the same page shows them all, see fields.py)."""
    return [q for q in questions if role is None or not q.roles or role in q.role_values]


def questions_for(event: Event, *, form: QuestionForm, role: str | None) -> list[Question]:
    """The live questions ``form`` asks at ``event`` of ``role``, in their order, with their
    options loaded (one query, two when a question has options)."""
    return for_role(asked_on(db.session.scalars(_live_questions(event.id)), form), role)


def event_questions(event_id: int, *, retired_last: bool = False) -> list[Question]:
    """Every question of the event, retired ones too (their answers are still shown and
    exported), in form order (``retired_last``: live ones first), with their options."""
    order = (Question.retired_at.is_not(None),) if retired_last else ()
    return list(
        db.session.scalars(
            db.select(Question)
            .where(Question.event_id == event_id)
            .order_by(*order, Question.position, Question.id)
            .options(selectinload(Question.options))
        )
    )


def answers_open(event: Event, now: datetime | None = None) -> bool:
    """Whether answers may still be changed through the personal link (the cut-off)."""
    until = event.answers_editable_until
    return until is None or (now or utcnow()) <= until


def event_with_questions(slug: str, *, form: QuestionForm) -> tuple[Event | None, list[Question]]:
    """The event of ``slug`` and the live questions ``form`` asks there, in one query (plus
    one for the options of choice questions): the public sign-up asks nothing more of the
    database for an event without questions than it did before questions existed."""
    rows = db.session.execute(
        db.select(Event, Question)
        .outerjoin(Question, (Question.event_id == Event.id) & Question.retired_at.is_(None))
        .where(Event.slug == slug)
        .order_by(Question.position, Question.id)
        .options(selectinload(Question.options))
    ).all()
    if not rows:
        return None, []
    return rows[0][0], asked_on((q for _, q in rows if q is not None), form)


def _audit_text(question: Question, answer: Answer | None) -> str:
    if answer is None:
        return ""
    if question.type.has_options:
        return CHOICE_SEPARATOR.join(
            c.option.label_en + ("" if c.holds_place else f" (#{c.waitlist_position})")
            for c in answer.choices
        )
    return answer.value


def save_answers(
    actor: Actor | None,
    registration: Any,  # a Registration (this package sits below registration)
    questions: Sequence[Question],
    values: Mapping[int, Value],
    *,
    fresh: bool = False,
) -> None:
    """Write ``values`` (from ``parse_answers``) for the questions among ``questions`` that
    it names: a new answer, a changed one, or "" / [] to remove it. A chosen option with a
    capacity takes a place or waits (places.py, under the event and option locks); an
    option no longer chosen gives its place to the first waiting. Flushes; one audit entry
    on the registration when anything changed. ``fresh``: the registration was created in
    this transaction, so it has no answers to read."""
    asked = [q for q in questions if q.id in values]
    if not asked:
        return
    existing = {} if fresh else answers_by_registration([registration.id])[registration.id]
    capacity_ids: set[int] = set()
    for question in asked:
        if not question.type.has_options:
            continue
        old = (
            {c.option_id for c in existing[question.id].choices}
            if question.id in existing
            else set()
        )
        # a choice question's value is its options (parse_answers), never a text
        new = {o.id for o in cast(list[QuestionOption], values[question.id])}
        options = {o.id: o for o in question.options}
        capacity_ids |= {
            oid for oid in old ^ new if options.get(oid) and options[oid].capacity is not None
        }
    locked = places.lock_options(registration.event_id, capacity_ids) if capacity_ids else {}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for question in asked:
        answer = existing.get(question.id)
        old_text = _audit_text(question, answer)
        answer = _write(registration, question, answer, values[question.id], locked)
        new_text = _audit_text(question, answer)
        if old_text != new_text:
            before[field_name(question)], after[field_name(question)] = old_text, new_text
    db.session.flush()
    if after:
        record(
            actor,
            "update",
            registration,
            event_id=registration.event_id,
            summary=registration.person.email,
            before=before,
            after=after,
        )


def _write(
    registration: Any,
    question: Question,
    answer: Answer | None,
    value: Value,
    locked: Mapping[int, QuestionOption],
) -> Answer | None:
    if not value:
        if answer is not None:
            for choice in list(answer.choices):
                _withdraw(choice, locked)
            db.session.delete(answer)
            db.session.flush()
        return None
    if answer is None:
        answer = Answer(
            registration_id=registration.id, question_id=question.id, question=question, choices=[]
        )
        db.session.add(answer)
    if not isinstance(value, list):
        answer.value = value
        return answer
    answer.value = ""
    chosen = {o.id for o in value}
    for choice in [c for c in answer.choices if c.option_id not in chosen]:
        _withdraw(choice, locked)
    have = {c.option_id for c in answer.choices}
    for option in value:
        if option.id in have:
            continue
        position = places.take(locked[option.id]) if option.id in locked else None
        answer.choices.append(AnswerChoice(option=option, waitlist_position=position))
        if option.id in locked:
            db.session.flush()  # the next decision on this option counts it
    return answer


def _withdraw(choice: AnswerChoice, locked: Mapping[int, QuestionOption]) -> None:
    choice.answer.choices.remove(choice)
    option = locked.get(choice.option_id)
    if option is None:  # no capacity: nothing held
        db.session.delete(choice)
        db.session.flush()
        return
    for promoted, position in places.give_up(option, choice):
        answer = promoted.answer
        record(
            None,
            "update",
            answer.registration,
            event_id=option.question.event_id,
            summary=option.label_en,
            before={field_name(answer.question): f"{option.label_en} (#{position})"},
            after={field_name(answer.question): option.label_en},
        )


def answers_by_registration(registration_ids: Iterable[int]) -> dict[int, dict[int, Answer]]:
    """Registration id -> question id -> answer (with its choices and their options), for
    any number of registrations in two queries (one more for the options)."""
    ids = list(registration_ids)
    result: dict[int, dict[int, Answer]] = {i: {} for i in ids}
    if not ids:
        return result
    answers = db.session.scalars(
        db.select(Answer)
        .where(Answer.registration_id.in_(ids))
        .options(selectinload(Answer.choices).selectinload(AnswerChoice.option))
    )
    for answer in answers:
        result[answer.registration_id][answer.question_id] = answer
    return result


def answer_text(question: Question, answer: Answer | None, lang: str) -> str:
    """An answer as a person reads it in ``lang``: chosen options by their label, joined."""
    if answer is None:
        return ""
    if question.type.has_options:
        return CHOICE_SEPARATOR.join(c.option.label(lang) for c in answer.choices)
    return display_value(question, answer.value, lang)


def release_places(registration: Any) -> None:  # a Registration
    """``registration`` leaves the event (cancelled, declined, about to be deleted; called by
    registration): its choices of options with a capacity give up their places or waiting
    places, and the first waiting of each option moves up. Its other answers stay."""
    choices = db.session.scalars(
        db.select(AnswerChoice)
        .join(Answer)
        .join(QuestionOption, QuestionOption.id == AnswerChoice.option_id)
        .where(Answer.registration_id == registration.id, QuestionOption.capacity.is_not(None))
    ).all()
    if not choices:
        return
    locked = places.lock_options(registration.event_id, {c.option_id for c in choices})
    answers = {c.answer for c in choices}
    for choice in choices:
        db.session.refresh(choice)  # a promotion committed while this waited for the lock
        _withdraw(choice, locked)
    for answer in answers:
        if not answer.choices:
            db.session.delete(answer)  # nothing left chosen: no answer
    db.session.flush()
