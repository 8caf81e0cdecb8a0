"""What API v1 reads and writes of the event's own questions and the answers to them.

An answer is given by the question's key: a text for most types (its canonical form,
eventsapp.questions.values: 2027-05-16, 14:30, yes, MX...), a list of option ids for a
choice question. Written, a choice may name its options by id or by label (English or
Spanish)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from eventsapp.questions.models import QuestionType

ANSWER_VALUE = {
    "oneOf": [
        {"type": "string", "maxLength": 4000},
        {
            "type": "array",
            "maxItems": 50,
            "items": {"oneOf": [{"type": "integer"}, {"type": "string", "maxLength": 300}]},
        },
    ],
    "description": "A text, or the options of a choice question (ids; labels when written).",
}


def _answer_value(value: object) -> None:
    if isinstance(value, str):
        if len(value) > 4000:
            raise ValidationError("At most 4000 characters.")
        return
    if isinstance(value, list) and len(value) <= 50:
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (int, str)):
                raise ValidationError("Options are ids or labels.")
            if isinstance(item, str) and len(item) > 300:
                raise ValidationError("At most 300 characters.")
        return
    raise ValidationError("A text, or a list of options.")


class AnswerValue(fields.Raw):
    """A text or a list of options (documented as oneOf)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=_answer_value, metadata=ANSWER_VALUE, **kwargs)


def answers_field(**kwargs: Any) -> fields.Dict:
    return fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)), values=AnswerValue(), **kwargs
    )


class OptionSchema(Schema):
    id = fields.Integer(required=True)
    label_en = fields.String(required=True)
    label_es = fields.String(required=True)
    position = fields.Integer(required=True)
    capacity = fields.Integer(required=True, allow_none=True)
    places_taken = fields.Integer(required=True)
    retired = fields.Boolean(required=True)


class QuestionSchema(Schema):
    id = fields.Integer(required=True)
    key = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf([t.value for t in QuestionType]))
    label_en = fields.String(required=True)
    label_es = fields.String(required=True)
    help_en = fields.String(required=True)
    help_es = fields.String(required=True)
    required = fields.Boolean(required=True)
    roles = fields.List(fields.String(), required=True)
    forms = fields.List(fields.String(), required=True)
    position = fields.Integer(required=True)
    show_if_question_key = fields.String(required=True, allow_none=True)
    show_if_value = fields.String(required=True)
    retired = fields.Boolean(required=True)
    options = fields.List(fields.Nested(OptionSchema), required=True)


class WaitingChoiceSchema(Schema):
    key = fields.String(required=True)
    option_id = fields.Integer(required=True)
    position = fields.Integer(required=True)


class AnswersSchema(Schema):
    registration_id = fields.Integer(required=True)
    answers = answers_field(required=True)
    waiting = fields.List(
        fields.Nested(WaitingChoiceSchema),
        required=True,
        metadata={"description": "Choices on an option's waiting list (no place held)."},
    )


class AnswersUpdateSchema(Schema):
    answers = answers_field(required=True)
