"""The organizer's questions: create, change, order, retire, restore and delete them, and
the cut-off for changing answers. A question's key and type are fixed once it has answers
(exports, imports and stored values depend on them); an answered question is retired, never
deleted. Options live in ``option_services``; conditions' rules in ``conditions``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from eventsapp.actor import Actor
from eventsapp.audit.services import UNLOGGED_KEYS, record, snapshot
from eventsapp.db import flush_or_fail, utcnow
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions import (
    cloning,  # noqa: F401  (copies the questions when an event is copied)
    conditions,
)
from eventsapp.questions.models import Answer, Question, QuestionOption, QuestionType
from eventsapp.questions.services import event_questions as event_questions
from eventsapp.timezones import to_utc

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
KEY_MAX = 40
OPTION_LABEL_MAX = 300


@dataclass
class QuestionData:
    """What the question form gives (already validated as text)."""

    type: QuestionType
    key: str
    label_en: str
    label_es: str = ""
    help_en: str = ""
    help_es: str = ""
    required: bool = False
    roles: list[str] = field(default_factory=list)
    forms: int = 7
    condition: str = ""  # "<question id>:<value>", see conditions
    new_options: list[tuple[str, str]] = field(default_factory=list)  # (English, Spanish)


def logged(obj: Question | QuestionOption) -> dict[str, Any]:
    """``obj``'s columns for the audit log; the position is left out (a move says it)."""
    return snapshot(obj, exclude=(*UNLOGGED_KEYS, "position"))


def lock_against_new_answers(model: type[Question | QuestionOption], row_id: int) -> None:
    """Lock a question or choice row FOR UPDATE before asking whether anybody answered it:
    a registration saving an answer that points at the row holds a KEY SHARE lock on it
    until its commit (its foreign-key check), which FOR UPDATE waits for, so the check
    that follows sees that answer. (``lock_row``'s NO KEY UPDATE would not wait, and the
    cascade would delete the new answer.) SQLite serialises writers: nothing to add."""
    db.session.execute(db.select(model.id).where(model.id == row_id).with_for_update())


def answer_counts(question_ids: list[int]) -> dict[int, int]:
    """Question id -> how many registrations answered it (one query)."""
    if not question_ids:
        return {}
    rows = db.session.execute(
        db.select(Answer.question_id, func.count(Answer.id))
        .where(Answer.question_id.in_(question_ids))
        .group_by(Answer.question_id)
    )
    return dict(rows.tuples().all())


def has_answers(question: Question) -> bool:
    return question.id is not None and bool(answer_counts([question.id]))


def key_from(label: str) -> str:
    """A key made of a label: "Site visit (Tuesday)" -> "site_visit_tuesday"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    if not key or not key[0].isalpha():
        key = f"q_{key}".rstrip("_")
    return key[:KEY_MAX].rstrip("_")


def _unique_key(event_id: int, wanted: str, question: Question | None) -> str:
    taken = set(
        db.session.scalars(
            db.select(Question.key).where(
                Question.event_id == event_id,
                Question.id != (question.id if question is not None and question.id else -1),
            )
        )
    )
    key, n = wanted, 2
    while key in taken:
        suffix = f"_{n}"
        key, n = wanted[: KEY_MAX - len(suffix)] + suffix, n + 1
    return key


def _checked_key(event_id: int, data: QuestionData, question: Question | None) -> str:
    given = data.key.strip()
    if not given:
        return _unique_key(event_id, key_from(data.label_en), question)
    if not KEY_RE.match(given):
        raise DomainError(
            _l("Use lower-case letters, digits and _ only, starting with a letter."), field="key"
        )
    if _unique_key(event_id, given, question) != given:
        raise DomainError(_l("Another question of this event has this key."), field="key")
    return given


def _options_from(pairs: list[tuple[str, str]], start: int) -> list[QuestionOption]:
    return [
        QuestionOption(label_en=en, label_es=es, position=start + n)
        for n, (en, es) in enumerate(pairs)
    ]


def _apply(question: Question, data: QuestionData, key: str) -> None:
    question.key = key
    question.type = data.type
    question.label_en = data.label_en.strip()
    question.label_es = data.label_es.strip()
    question.help_en = data.help_en.strip()
    question.help_es = data.help_es.strip()
    # A consent is a box that must be ticked: it is always required.
    question.required = data.required or data.type is QuestionType.CONSENT
    question.roles = " ".join(sorted(set(data.roles)))
    question.forms = data.forms


def _summary(question: Question) -> str:
    return f"{question.key}: {question.label_en}"


def create_question(actor: Actor, event: Event, data: QuestionData) -> Question:
    key = _checked_key(event.id, data, None)
    if data.type.has_options and not data.new_options:
        raise DomainError(_l("A choice question needs at least one choice."), field="new_options")
    target, value = conditions.parse(event.id, None, data.condition)
    last = db.session.scalar(
        db.select(func.max(Question.position)).where(Question.event_id == event.id)
    )
    question = Question(event_id=event.id, position=(last if last is not None else -1) + 1)
    _apply(question, data, key)
    question.show_if_question_id = target.id if target is not None else None
    question.show_if_value = value
    if data.type.has_options:
        question.options = _options_from(data.new_options, 0)
    db.session.add(question)
    flush_or_fail(_l("Another question of this event has this key."))
    record(actor, "create", question, summary=_summary(question), after=logged(question))
    return question


def update_question(actor: Actor | None, question: Question, data: QuestionData) -> None:
    lock_against_new_answers(Question, question.id)  # key and type stay while answered
    answered = has_answers(question)
    key = _checked_key(question.event_id, data, question)
    if answered and key != question.key:
        raise DomainError(
            _l("The key cannot change once the question has answers: files and mails use it."),
            field="key",
        )
    if data.type is not question.type:
        if answered:
            raise DomainError(
                _l("The type cannot change once the question has answers."), field="type"
            )
        if users := conditions.dependents(question):
            raise DomainError(
                _l(
                    "Other questions depend on this one's answer (%(names)s): "
                    "remove their conditions first.",
                    names=conditions.names(users),
                ),
                field="type",
            )
    target, value = conditions.parse(question.event_id, question, data.condition)
    before = logged(question)
    _apply(question, data, key)
    question.show_if_question_id = target.id if target is not None else None
    question.show_if_value = value
    if data.type.has_options:
        start = max((o.position for o in question.options), default=-1) + 1
        question.options.extend(_options_from(data.new_options, start))
        if not any(not o.is_retired for o in question.options):
            raise DomainError(
                _l("A choice question needs at least one choice."), field="new_options"
            )
    else:
        question.options.clear()  # unanswered (the type could change): nobody chose one
    flush_or_fail(_l("Another question of this event has this key."))
    record(
        actor,
        "update",
        question,
        summary=_summary(question),
        before=before,
        after=logged(question),
    )


def retire_question(actor: Actor, question: Question) -> None:
    if question.is_retired:
        return
    if users := conditions.dependents(question):
        raise DomainError(
            _l(
                "Other questions depend on this one's answer (%(names)s): "
                "remove their conditions first.",
                names=conditions.names(users),
            )
        )
    question.retired_at = utcnow()
    db.session.flush()
    record(actor, "questions.retire", question, summary=_summary(question))


def restore_question(actor: Actor, question: Question) -> None:
    if not question.is_retired:
        return
    target = question.show_if_question
    if target is not None and target.is_retired:
        raise DomainError(
            _l(
                "It is shown only after an answer to “%(target)s”, which is retired: "
                "restore that question first.",
                target=conditions.label(target),
            )
        )
    last = db.session.scalar(
        db.select(func.max(Question.position)).where(Question.event_id == question.event_id)
    )
    question.retired_at = None
    question.position = (last or 0) + 1  # back at the end: its condition stays above it
    db.session.flush()
    record(actor, "questions.restore", question, summary=_summary(question))


def delete_question(actor: Actor | None, question: Question) -> None:
    lock_against_new_answers(Question, question.id)
    if has_answers(question):
        raise DomainError(
            _l("This question has answers: retire it instead, so that they are kept.")
        )
    if users := conditions.dependents(question):
        raise DomainError(
            _l(
                "Other questions depend on this one's answer (%(names)s): "
                "remove their conditions first.",
                names=conditions.names(users),
            )
        )
    record(actor, "delete", question, summary=_summary(question), before=logged(question))
    db.session.delete(question)
    db.session.flush()


def set_cutoff(actor: Actor, event: Event, wall: datetime | None) -> None:
    """Answers can be changed through the personal link until ``wall`` (the event's local
    time; None: as long as the registration can be changed)."""
    before = {"answers_editable_until": snapshot(event)["answers_editable_until"]}
    event.answers_editable_until = to_utc(wall, event.timezone, field="answers_editable_until")
    db.session.flush()
    after = {"answers_editable_until": snapshot(event)["answers_editable_until"]}
    record(
        actor, "update", event, event_id=event.id, summary=event.slug, before=before, after=after
    )
