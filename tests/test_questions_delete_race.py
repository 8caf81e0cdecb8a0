"""Deleting a question or a choice nobody answered, or changing a question's type, while a
registration is saving an answer to it (PostgreSQL only: SQLite serialises writers). The
change waits for that registration and is then refused: the cascade never takes the new
answer with it, and the organizer sees a message, not an error page."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import create_engine, insert
from sqlalchemy.orm import Session

from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.questions import manage_services, option_services
from eventsapp.questions.models import (
    Answer,
    AnswerChoice,
    Question,
    QuestionOption,
    QuestionType,
)
from tests.factories import make_registration
from tests.questions_manage_helpers import site_visit


@pytest.fixture
def postgres(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a race between row locks: run with TEST_DATABASE_URL (PostgreSQL)")
    return db


def _while_answering(app, answer_rows, delete) -> list:
    """Another connection writes ``answer_rows`` (uncommitted) while ``delete`` runs in a
    thread of its own; the answer commits once the deletion is waiting for it."""
    outcome: list = []
    db.session.commit()
    engine = create_engine(db.engine.url.render_as_string(hide_password=False))
    try:
        with Session(engine) as registrant:
            answer_rows(registrant)
            registrant.flush()

            def organizer() -> None:
                with app.app_context():
                    try:
                        delete()
                        db.session.commit()
                        outcome.append("deleted")
                    except DomainError as error:
                        db.session.rollback()
                        outcome.append(str(error.message))

            thread = threading.Thread(target=organizer)
            thread.start()
            time.sleep(1.0)  # the deletion is now waiting for the registrant's lock
            assert not outcome, outcome
            registrant.commit()
            thread.join(timeout=30)
    finally:
        engine.dispose()
    return outcome


def test_a_question_answered_meanwhile_is_not_deleted(app, postgres, event):
    visit = site_visit(event)
    registration = make_registration(event)
    question_id, registration_id = visit.id, registration.id

    def answer(session) -> None:
        session.execute(
            insert(Answer).values(registration_id=registration_id, question_id=question_id)
        )

    def delete() -> None:
        manage_services.delete_question(None, db.session.get(Question, question_id))

    outcome = _while_answering(app, answer, delete)
    assert outcome and "retire it instead" in outcome[0]
    db.session.expire_all()
    assert db.session.get(Question, question_id) is not None
    assert db.session.scalar(db.select(db.func.count(Answer.id))) == 1


def test_a_choice_chosen_meanwhile_is_not_deleted(app, postgres, event):
    visit = site_visit(event)
    museum = visit.options[1]
    registration = make_registration(event)
    ids = (visit.id, museum.id, registration.id)

    def choose(session) -> None:
        answer_id = session.execute(
            insert(Answer).values(registration_id=ids[2], question_id=ids[0]).returning(Answer.id)
        ).scalar_one()
        session.execute(insert(AnswerChoice).values(answer_id=answer_id, option_id=ids[1]))

    def delete() -> None:
        option_services.delete_option(None, db.session.get(QuestionOption, ids[1]))

    outcome = _while_answering(app, choose, delete)
    assert outcome and "retire it instead" in outcome[0]
    db.session.expire_all()
    assert db.session.get(QuestionOption, ids[1]) is not None


def test_a_question_answered_meanwhile_keeps_its_type(app, postgres, event):
    visit = site_visit(event)
    registration = make_registration(event)
    question_id, registration_id = visit.id, registration.id

    def answer(session) -> None:
        session.execute(
            insert(Answer).values(registration_id=registration_id, question_id=question_id)
        )

    def change_type() -> None:
        question = db.session.get(Question, question_id)
        data = manage_services.QuestionData(
            type=QuestionType.SHORT_TEXT, key=question.key, label_en="Visit"
        )
        manage_services.update_question(None, question, data)

    outcome = _while_answering(app, answer, change_type)
    assert outcome and "type cannot change" in outcome[0]
    db.session.expire_all()
    assert db.session.get(Question, question_id).type is QuestionType.SINGLE_CHOICE
