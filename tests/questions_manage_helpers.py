"""Helpers for the tests of the organizer's questions pages and reports: answers given
through the real rules (parse_answers, save_answers: places and waiting lists included), and
the statements a block of code sends to the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event as sa_event

from eventsapp.extensions import db
from eventsapp.questions.models import QuestionType
from eventsapp.questions.services import parse_answers, save_answers
from tests.factories import make_question


def give(registration, question, raw) -> None:
    """``registration`` answers ``question`` with ``raw`` (text, or option labels/ids for a
    choice question), through the same rules as the forms; committed."""
    if question.type.has_options and isinstance(raw, str):
        raw = [raw]
    values, errors = parse_answers([question], {question.key: raw})
    assert not errors, errors
    save_answers(None, registration, [question], values)
    db.session.commit()


def site_visit(event, key: str = "visit", capacity: int | None = 2, **kw):
    """A single-choice question with a limited choice (Port) and an open one (Museum)."""
    return make_question(
        event,
        key,
        QuestionType.SINGLE_CHOICE,
        options=[
            {"label_en": "Port", "label_es": "Puerto", "capacity": capacity},
            {"label_en": "Museum", "label_es": "Museo"},
        ],
        **kw,
    )


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements sent inside the ``with`` block."""
    sent: list[str] = []

    def listen(_conn, _cursor, statement, *_rest):
        sent.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", listen)
    try:
        yield sent
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listen)
