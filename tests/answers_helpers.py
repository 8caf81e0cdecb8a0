"""Answers for tests, given as a person would give them (through the services' rules)."""

from eventsapp.extensions import db
from eventsapp.questions.models import Question
from eventsapp.questions.services import parse_answers, save_answers


def give_answers(registration, **raw) -> None:
    """Save ``raw`` (question key -> text or list of option labels/ids) for
    ``registration``, checked as a form would check it; committed."""
    questions = list(
        db.session.scalars(
            db.select(Question).where(
                Question.event_id == registration.event_id, Question.key.in_(raw)
            )
        )
    )
    values, errors = parse_answers(questions, raw)
    assert not errors, errors
    save_answers(None, registration, questions, values)
    db.session.commit()
