"""The choices of a choice question: added, renamed, reordered, retired and restored. A
choice somebody chose is never deleted (their answer names it by id): it is retired, leaves
the forms, and stays in answers, exports and reports. A choice question keeps at least one
live choice, and a choice another question's condition uses stays live."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.questions import conditions, places
from eventsapp.questions.manage_services import lock_against_new_answers, logged
from eventsapp.questions.models import AnswerChoice, Question, QuestionOption


def chosen_option_ids(option_ids: list[int]) -> set[int]:
    """The options among ``option_ids`` that somebody chose (one query)."""
    if not option_ids:
        return set()
    return set(
        db.session.scalars(
            db.select(AnswerChoice.option_id)
            .where(AnswerChoice.option_id.in_(option_ids))
            .distinct()
        )
    )


def _summary(option: QuestionOption) -> str:
    return f"{option.question.key}: {option.label_en}"


def _audit(actor: Actor | None, action: str, option: QuestionOption, **kw: Any) -> None:
    record(actor, action, option, event_id=option.question.event_id, summary=_summary(option), **kw)


def _condition_users(option: QuestionOption) -> list[Question]:
    return [q for q in conditions.dependents(option.question) if q.show_if_value == str(option.id)]


def _keep_usable(option: QuestionOption) -> None:
    """Refuse to take ``option`` out of the forms when it is the last live choice or a
    condition uses it."""
    live = [o for o in option.question.options if not o.is_retired]
    if live == [option]:
        raise DomainError(_l("A choice question needs at least one choice."))
    if users := _condition_users(option):
        raise DomainError(
            _l(
                "Other questions are shown on this choice (%(names)s): "
                "change their conditions first.",
                names=conditions.names(users),
            )
        )


def add_option(
    actor: Actor, question: Question, label_en: str, label_es: str, capacity: int | None
) -> QuestionOption:
    if not question.type.has_options:
        raise DomainError(_l("Only a choice question has choices."))
    position = max((o.position for o in question.options), default=-1) + 1
    option = QuestionOption(
        label_en=label_en.strip(), label_es=label_es.strip(), capacity=capacity, position=position
    )
    question.options.append(option)
    db.session.flush()
    _audit(actor, "create", option, after=logged(option))
    return option


def update_option(
    actor: Actor, option: QuestionOption, label_en: str, label_es: str, capacity: int | None
) -> None:
    """Rename ``option`` or change its places; the answers that chose it keep it. More
    places go to its waiting list, in order (under the locks a choice takes)."""
    places.lock_options(option.question.event_id, [option.id])
    before = logged(option)
    option.label_en = label_en.strip()
    option.label_es = label_es.strip()
    option.capacity = capacity
    db.session.flush()
    promoted = [choice.answer.registration_id for choice, _position in places.fill(option)]
    after = logged(option)
    if promoted:  # named in the log: "Registrations: Ana Ruiz, Iñaki Cortés"
        before["registration_ids"], after["registration_ids"] = [], promoted
    _audit(actor, "update", option, before=before, after=after)


def move_option(actor: Actor, option: QuestionOption, step: int) -> None:
    options = list(option.question.options)
    at = options.index(option)
    other = at + step
    if not 0 <= other < len(options):
        return
    options[at], options[other] = options[other], options[at]
    for position, item in enumerate(options):
        item.position = position
    db.session.flush()
    _audit(actor, "questions.move", option)


def retire_option(actor: Actor, option: QuestionOption) -> None:
    if option.is_retired:
        return
    _keep_usable(option)
    option.retired_at = utcnow()
    db.session.flush()
    _audit(actor, "questions.retire", option)


def restore_option(actor: Actor, option: QuestionOption) -> None:
    if not option.is_retired:
        return
    option.retired_at = None
    db.session.flush()
    _audit(actor, "questions.restore", option)


def delete_option(actor: Actor | None, option: QuestionOption) -> None:
    lock_against_new_answers(QuestionOption, option.id)
    if chosen_option_ids([option.id]):
        raise DomainError(_l("Somebody chose this choice: retire it instead, so that it is kept."))
    if not option.is_retired:
        _keep_usable(option)
    question = option.question
    _audit(actor, "delete", option, before=logged(option))
    question.options.remove(option)
    db.session.flush()
