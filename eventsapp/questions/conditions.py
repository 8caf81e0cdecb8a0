"""Conditions between questions: "shown only when question X has answer Y".

A condition points to an earlier, live question of the same event whose answer is yes/no or
a choice; its value is "yes"/"no" or the id of a live option of that question. Since the
target is always earlier in the order, conditions cannot loop; ``_leads_to`` checks anyway,
for rows written by older code or by hand. In forms a condition is one text,
``"<question id>:<value>"`` ("" for none)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.i18n import current_language
from eventsapp.questions.labels import CONDITION_TYPES
from eventsapp.questions.models import Question, QuestionType

FIELD = "condition"


def label(question: Question) -> str:
    """The question's label in the language of the page (for messages)."""
    return question.label(current_language())


def order_key(question: Question) -> tuple[int, int]:
    return (question.position, question.id or 0)


def is_earlier(first: Question, second: Question | None) -> bool:
    """Whether ``first`` comes before ``second`` (a new question, None, comes last)."""
    return second is None or second.id is None or order_key(first) < order_key(second)


def condition_text(question: Question) -> str:
    if question.show_if_question_id is None:
        return ""
    return f"{question.show_if_question_id}:{question.show_if_value}"


def _value_label(target: Question, value: str, lang: str) -> str:
    if target.type is QuestionType.YES_NO:
        return _("Yes") if value == "yes" else _("No")
    option = next((o for o in target.options if str(o.id) == value), None)
    return option.label(lang) if option is not None else value


def describe(question: Question, lang: str) -> str:
    """ "Site visit is “Museum”", for the list of questions ("" without a condition)."""
    target = question.show_if_question
    if target is None:
        return ""
    return _(
        "%(question)s is “%(answer)s”",
        question=target.label(lang),
        answer=_value_label(target, question.show_if_value, lang),
    )


def choices(
    questions: list[Question], question: Question | None, lang: str
) -> list[tuple[str, str]]:
    """The conditions a form may offer ``question`` (None: a new one), as (text, label):
    every answer of each earlier, live yes/no or choice question. ``questions`` are the
    event's, with their options. The current condition is kept even when it is no longer
    valid, so that saving says why."""
    offered = [("", _("Always shown"))]
    for target in questions:
        if target.is_retired or target.type not in CONDITION_TYPES:
            continue
        if question is not None and (target.id == question.id or not is_earlier(target, question)):
            continue
        if target.type is QuestionType.YES_NO:
            values = ["yes", "no"]
        else:
            values = [str(o.id) for o in target.options if not o.is_retired]
        for value in values:
            label = _(
                "When %(question)s is “%(answer)s”",
                question=target.label(lang),
                answer=_value_label(target, value, lang),
            )
            offered.append((f"{target.id}:{value}", label))
    current = condition_text(question) if question is not None else ""
    if question is not None and current and all(text != current for text, _label in offered):
        offered.append((current, describe(question, lang) or current))
    return offered


def _leads_to(start: Question, goal: Question) -> bool:
    """Whether following conditions from ``start`` reaches ``goal`` (a loop)."""
    seen: set[int] = set()
    node: Question | None = start
    while node is not None and node.id not in seen:
        if node.id == goal.id:
            return True
        seen.add(node.id)
        node = node.show_if_question
    return False


def parse(event_id: int, question: Question | None, text: str) -> tuple[Question | None, str]:
    """The target and value of the condition ``text`` for ``question`` (None: new), or a
    DomainError on the condition field."""
    text = (text or "").strip()
    if not text:
        return None, ""
    qid, _sep, value = text.partition(":")
    target = db.session.get(Question, int(qid)) if qid.isdigit() and len(qid) < 12 else None
    if target is None or target.event_id != event_id:
        raise DomainError(_l("Choose a condition from the list."), field=FIELD)
    check(question, target, value)
    return target, value


def check(question: Question | None, target: Question, value: str) -> None:
    """Refuse a condition on ``target`` = ``value`` for ``question`` that breaks a rule."""
    if question is not None and question.id is not None and target.id == question.id:
        raise DomainError(_l("A question cannot depend on its own answer."), field=FIELD)
    if target.is_retired:
        raise DomainError(
            _l("“%(question)s” is retired: choose another condition.", question=label(target)),
            field=FIELD,
        )
    if target.type not in CONDITION_TYPES:
        raise DomainError(_l("A condition can only use a yes/no or choice question."), field=FIELD)
    if not is_earlier(target, question):
        raise DomainError(
            _l(
                "A condition can only use a question above this one (“%(question)s” is below).",
                question=label(target),
            ),
            field=FIELD,
        )
    if question is not None and question.id is not None and _leads_to(target, question):
        raise DomainError(_l("These conditions would go round in a circle."), field=FIELD)
    if target.type is QuestionType.YES_NO:
        valid = value in ("yes", "no")
    else:
        valid = any(str(o.id) == value and not o.is_retired for o in target.options)
    if not valid:
        raise DomainError(_l("Choose an answer of that question from the list."), field=FIELD)


def dependents(question: Question) -> list[Question]:
    """The live questions shown only on an answer to ``question``."""
    return list(
        db.session.scalars(
            db.select(Question)
            .where(Question.show_if_question_id == question.id, Question.retired_at.is_(None))
            .order_by(Question.position, Question.id)
        )
    )


def names(questions: list[Question]) -> str:
    return ", ".join(f"“{label(q)}”" for q in questions)
