"""The optional badge line from an answer ("Interpretation: ES"): an event's badge settings
name one of its questions and a caption in each language; each badge then prints
"<caption>: <answer>" in the print's language, and nothing for someone who did not answer.
A choice that waits on an option's waiting list is not printed (it holds no place)."""

from __future__ import annotations

from typing import cast

from flask_babel import force_locale
from flask_babel import gettext as _

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.badges.models import BadgeSettings
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions.models import Answer, Question
from eventsapp.questions.services import answer_text, answers_by_registration


def settings_of(event: Event) -> BadgeSettings:
    """The event's badge settings (a transient empty row when none is stored)."""
    stored = db.session.get(BadgeSettings, event.id)
    return stored or BadgeSettings(
        event_id=event.id, question_id=None, caption_en="", caption_es=""
    )


def question_choices(event: Event, current: int | None) -> list[Question]:
    """The questions a badge line may come from: the live ones, and the one chosen now."""
    return list(
        db.session.scalars(
            db.select(Question)
            .where(
                Question.event_id == event.id,
                Question.retired_at.is_(None) | (Question.id == current),
            )
            .order_by(Question.position, Question.id)
        )
    )


def save_settings(
    actor: Actor, event: Event, question_id: int | None, caption_en: str, caption_es: str
) -> BadgeSettings:
    if question_id is not None:
        question = db.session.get(Question, question_id)
        if question is None or question.event_id != event.id:
            raise DomainError(_("No such question at this event."), field="question_id")
    stored = db.session.get(BadgeSettings, event.id)
    before = _logged(stored)
    if stored is None:
        stored = BadgeSettings(event_id=event.id)
        db.session.add(stored)
    stored.question_id = question_id
    stored.caption_en, stored.caption_es = caption_en.strip(), caption_es.strip()
    db.session.flush()
    record(actor, "update", event, event_id=event.id, before=before, after=_logged(stored))
    return stored


def _logged(settings: BadgeSettings | None) -> dict[str, int | str | None]:
    if settings is None:
        return {"badge_question_id": None, "badge_caption_en": "", "badge_caption_es": ""}
    return {
        "badge_question_id": settings.question_id,
        "badge_caption_en": settings.caption_en,
        "badge_caption_es": settings.caption_es,
    }


def caption(settings: BadgeSettings, question: Question, lang: str) -> str:
    return (
        (settings.caption_es if lang == "es" else "") or settings.caption_en or question.label(lang)
    )


def answer_lines(event: Event, registration_ids: list[int], lang: str) -> dict[int, str]:
    """The line of each registration of ``registration_ids`` that has one (two queries)."""
    settings = db.session.get(BadgeSettings, event.id)
    question = settings.question if settings is not None else None
    if settings is None or question is None or not registration_ids:
        return {}
    lines: dict[int, str] = {}
    with force_locale(lang):
        for registration_id, answers in answers_by_registration(registration_ids).items():
            answer = answers.get(question.id)
            if answer is None:
                continue
            if answer.choices and not any(c.holds_place for c in answer.choices):
                continue
            text = answer_text(question, _holding(answer), lang)
            if text:
                lines[registration_id] = f"{caption(settings, question, lang)}: {text}"
    return lines


def _holding(answer: Answer) -> Answer:
    """``answer`` with only the choices that hold their place (the others wait)."""
    if all(choice.holds_place for choice in answer.choices):
        return answer
    # What answer_text reads (value, question, choices); it is typed for an Answer only.
    return cast("Answer", _HeldAnswer(answer))


class _HeldAnswer:
    """A read-only view of an answer without its waiting choices (nothing is changed)."""

    def __init__(self, answer: Answer) -> None:
        self.value = answer.value
        self.question = answer.question
        self.choices = [c for c in answer.choices if c.holds_place]
