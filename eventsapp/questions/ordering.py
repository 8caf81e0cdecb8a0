"""The order of an event's questions: set by dragging (the whole list) or one step up or
down. A question shown only after another's answer stays below that question."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions import conditions
from eventsapp.questions.manage_services import event_questions
from eventsapp.questions.models import Question


def live_order(event_id: int) -> list[Question]:
    return [q for q in event_questions(event_id) if not q.is_retired]


def _check_order(ordered: list[Question]) -> None:
    place = {q.id: n for n, q in enumerate(ordered)}
    for question in ordered:
        if question.show_if_question_id is None:
            continue
        target_at = place.get(question.show_if_question_id)
        if target_at is not None and target_at > place[question.id]:
            raise DomainError(
                _l(
                    "“%(question)s” is shown only after an answer to “%(target)s”: "
                    "it must stay below it.",
                    question=conditions.label(question),
                    target=conditions.label(ordered[target_at]),
                )
            )


def _renumber(event_id: int, ordered: list[Question]) -> None:
    """Live questions in ``ordered``'s order, then the retired ones in theirs."""
    retired = [q for q in event_questions(event_id) if q.is_retired]
    for position, question in enumerate([*ordered, *retired]):
        question.position = position
    db.session.flush()


def set_order(actor: Actor, event: Event, ids: list[int]) -> None:
    """Order the live questions as ``ids`` lists them (every live question, once)."""
    live = live_order(event.id)
    by_id = {q.id: q for q in live}
    if sorted(ids) != sorted(by_id):
        raise DomainError(
            _l("The questions changed meanwhile: reload the page and drag them again.")
        )
    ordered = [by_id[i] for i in ids]
    _check_order(ordered)
    _renumber(event.id, ordered)
    record(
        actor,
        "questions.reorder",
        event,
        event_id=event.id,
        summary=" ".join(q.key for q in ordered)[:300],
    )


def move_question(actor: Actor, question: Question, step: int) -> None:
    """One place up (-1) or down (+1) among the live questions."""
    live = live_order(question.event_id)
    if question not in live:
        raise DomainError(_l("A retired question has no place in the order."))
    at = live.index(question)
    other = at + step
    if not 0 <= other < len(live):
        return
    live[at], live[other] = live[other], live[at]
    _check_order(live)
    _renumber(question.event_id, live)
    record(
        actor,
        "questions.move",
        question,
        summary=f"{question.key}: {'up' if step < 0 else 'down'}",
    )
