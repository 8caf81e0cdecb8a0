"""API v1, the event's own questions and a registration's answers to them: list the
questions; read, replace (PUT) or change (PATCH) one registration's answers. A change needs
the answers' ETag in If-Match and the write scope; it is audited with the token's name."""

from __future__ import annotations

from typing import Any

from flask.typing import ResponseReturnValue
from sqlalchemy.orm import selectinload

from eventsapp.api import answers
from eventsapp.api.answer_schemas import AnswersSchema, AnswersUpdateSchema, QuestionSchema
from eventsapp.api.auth import actor, token_required
from eventsapp.api.blueprint import api_blueprint
from eventsapp.api.models import Scope
from eventsapp.api.read_views import READ_ERRORS, problems
from eventsapp.errors import NotFound
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions.services import event_questions
from eventsapp.registration.models import Registration

bp = api_blueprint("api_answers", __name__, "", "Questions and answers")


def _registration(event: Event, registration_id: int) -> Registration:
    registration = db.session.scalar(
        db.select(Registration)
        .where(Registration.id == registration_id, Registration.event_id == event.id)
        .options(selectinload(Registration.person))
    )
    if registration is None:
        raise NotFound("No such registration at this event.")
    return registration


@bp.get("/questions")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, QuestionSchema(many=True))
@problems(bp, *READ_ERRORS)
def question_list(event: Event) -> ResponseReturnValue:
    """The event's questions: live ones in form order, then the retired ones (whose
    answers are still read), each with its options."""
    questions = event_questions(event.id, retired_last=True)
    by_id = {q.id: q for q in questions}
    return [answers.question_resource(q, by_id) for q in questions]


@bp.get("/registrations/<int:registration_id>/answers")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, AnswersSchema)
@problems(bp, *READ_ERRORS)
def answers_detail(event: Event, registration_id: int) -> ResponseReturnValue:
    """The registration's answers by question key, and its choices that wait for a place."""
    return answers.answers_resource(_registration(event, registration_id))


def _change(
    event: Event, registration_id: int, body: dict[str, Any], *, replace: bool
) -> dict[str, Any]:
    registration = _registration(event, registration_id)
    bp.check_etag(answers.answers_resource(registration), AnswersSchema)
    answers.write(actor(), registration, body["answers"], replace=replace)
    db.session.commit()
    return answers.answers_resource(registration)


@bp.put("/registrations/<int:registration_id>/answers")
@token_required(Scope.WRITE)
@bp.etag
@bp.arguments(AnswersUpdateSchema)
@bp.response(200, AnswersSchema)
@problems(bp, 400, *READ_ERRORS)
def answers_replace(
    body: dict[str, Any], event: Event, registration_id: int
) -> ResponseReturnValue:
    """Replace every answer: a question left out is cleared (a required one is refused).
    A choice names its options by id or label; an option with places takes one or waits."""
    return _change(event, registration_id, body, replace=True)


@bp.patch("/registrations/<int:registration_id>/answers")
@token_required(Scope.WRITE)
@bp.etag
@bp.arguments(AnswersUpdateSchema)
@bp.response(200, AnswersSchema)
@problems(bp, 400, *READ_ERRORS)
def answers_change(body: dict[str, Any], event: Event, registration_id: int) -> ResponseReturnValue:
    """Change the answers named; the others stay (those a changed condition hides are
    cleared)."""
    return _change(event, registration_id, body, replace=False)
