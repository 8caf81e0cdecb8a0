"""What API v1 reads and writes, as marshmallow schemas (the OpenAPI document is made from
them). Registrations are flat: the person's fields beside the registration's, as the forms
and the CSV have them. Passport data is not offered through the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from eventsapp.api.answer_schemas import answers_field
from eventsapp.forms import plain_text_error
from eventsapp.inputs import MAX_ID
from eventsapp.registration.models import Language, RegistrationRole, RegistrationStatus

LANGUAGES = [language.value for language in Language]

# An id a client sends: a row's id is a positive PostgreSQL INTEGER (beyond it, 422, not 500).
ID_RANGE = validate.Range(min=1, max=MAX_ID)


def plain_text(value: str) -> None:
    """The forms' text policy: no control characters."""
    if (message := plain_text_error(value)) is not None:
        raise ValidationError(str(message))


def plain_multiline_text(value: str) -> None:
    if (message := plain_text_error(value, multiline=True)) is not None:
        raise ValidationError(str(message))


def text(
    max_length: int, min_length: int = 0, *, multiline: bool = False, **kwargs: Any
) -> fields.String:
    checks: list[Callable[[Any], Any]] = [
        validate.Length(min=min_length, max=max_length),
        plain_multiline_text if multiline else plain_text,
    ]
    return fields.String(validate=checks, **kwargs)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.Raw())


class EventSchema(Schema):
    slug = fields.String(required=True)
    kind = fields.String(required=True)
    title_en = fields.String(required=True)
    title_es = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    timezone = fields.String(required=True)
    venue_name = fields.String(required=True)
    venue_city = fields.String(required=True)
    venue_country = fields.String(required=True)
    capacity = fields.Integer(required=True, allow_none=True)


class RoomSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    capacity = fields.Integer(required=True, allow_none=True)


class TrackSchema(Schema):
    id = fields.Integer(required=True)
    name_en = fields.String(required=True)
    name_es = fields.String(required=True)
    color = fields.String(required=True)


class SessionSpeakerSchema(Schema):
    speaker_id = fields.Integer(required=True)
    role = fields.String(required=True)


class SessionSchema(Schema):
    id = fields.Integer(required=True)
    title_en = fields.String(required=True)
    title_es = fields.String(required=True)
    kind = fields.String(required=True)
    language = fields.String(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    room_id = fields.Integer(required=True, allow_none=True)
    track_id = fields.Integer(required=True, allow_none=True)
    capacity = fields.Integer(required=True, allow_none=True)
    is_published = fields.Boolean(required=True)
    revision = fields.Integer(required=True)
    updated_at = fields.AwareDateTime(required=True)
    speakers = fields.List(fields.Nested(SessionSpeakerSchema), required=True)


class SpeakerSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    affiliation = fields.String(required=True)
    bio_en = fields.String(required=True)
    bio_es = fields.String(required=True)


class DelegationSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    status = fields.String(required=True)
    seat_quota = fields.Integer(required=True)
    seats_used = fields.Integer(required=True)
    head_person_id = fields.Integer(required=True, allow_none=True)


class RegistrationFields(Schema):
    """Fields a client may send (all optional: PATCH changes what it names)."""

    honorific = text(40)
    given_name = text(120, 1)
    family_name = text(120, 1)
    position = text(200)
    phone = text(40)
    preferred_language = fields.String(validate=validate.OneOf(LANGUAGES))
    organization_id = fields.Integer(allow_none=True, validate=ID_RANGE)
    jurisdiction_id = fields.Integer(allow_none=True, validate=ID_RANGE)
    role = fields.String(validate=validate.OneOf([r.value for r in RegistrationRole]))
    delegation_id = fields.Integer(allow_none=True, validate=ID_RANGE)
    needs_interpretation = fields.Boolean()
    dietary = text(2000, multiline=True)
    accessibility = text(2000, multiline=True)
    arrival_date = fields.Date(allow_none=True)
    departure_date = fields.Date(allow_none=True)


class RegistrationUpdateSchema(RegistrationFields):
    email = fields.Email(validate=validate.Length(max=254))


class RegistrationCreateSchema(RegistrationFields):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    given_name = text(120, 1, required=True)
    family_name = text(120, 1, required=True)


class RegistrationSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.String(
        required=True, validate=validate.OneOf([s.value for s in RegistrationStatus])
    )
    waitlist_position = fields.Integer(required=True, allow_none=True)
    email = fields.String(required=True)
    honorific = fields.String(required=True)
    given_name = fields.String(required=True)
    family_name = fields.String(required=True)
    position = fields.String(required=True)
    phone = fields.String(required=True)
    preferred_language = fields.String(required=True)
    organization_id = fields.Integer(required=True, allow_none=True)
    jurisdiction_id = fields.Integer(required=True, allow_none=True)
    role = fields.String(required=True)
    delegation_id = fields.Integer(required=True, allow_none=True)
    needs_interpretation = fields.Boolean(required=True)
    dietary = fields.String(required=True)
    accessibility = fields.String(required=True)
    arrival_date = fields.Date(required=True, allow_none=True)
    departure_date = fields.Date(required=True, allow_none=True)
    checked_in_at = fields.AwareDateTime(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)
    answers = answers_field(
        required=True,
        metadata={"description": "Answers to the event's questions, by key (see /questions)."},
    )


class RegistrationListArgs(Schema):
    status = fields.String(validate=validate.OneOf([s.value for s in RegistrationStatus]))
    delegation_id = fields.Integer(validate=ID_RANGE)
    cursor = fields.String(validate=validate.Length(max=100))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class RegistrationPageSchema(Schema):
    results = fields.List(fields.Nested(RegistrationSchema), required=True)
    next_cursor = fields.String(required=True, allow_none=True)


class CheckinCreateSchema(Schema):
    token = text(500, 1)
    registration_id = fields.Integer(validate=ID_RANGE)
    desk = text(60, load_default="")


class CheckinSchema(Schema):
    registration_id = fields.Integer(required=True)
    name = fields.String(required=True)
    delegation_id = fields.Integer(required=True, allow_none=True)
    checked_in_at = fields.AwareDateTime(required=True)
    desk = fields.String(required=True)


class ScanResultSchema(Schema):
    state = fields.String(required=True)
    registration_id = fields.Integer(required=True, allow_none=True)
    name = fields.String(required=True)
    checked_in_at = fields.AwareDateTime(required=True, allow_none=True)
    desk = fields.String(required=True)


class CheckinListArgs(Schema):
    cursor = fields.String(validate=validate.Length(max=100))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


class CheckinPageSchema(Schema):
    results = fields.List(fields.Nested(CheckinSchema), required=True)
    next_cursor = fields.String(required=True, allow_none=True)
