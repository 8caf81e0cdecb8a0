"""API v1, registrations: list (filters, cursor), read, create, change, cancel.

Writes go through the same services as the back-office forms, so the capacity rules, the
waiting list and delegation quotas hold for API clients too (no overbooking); each write is
audited with the token's name. Changes need the ETag of the registration in If-Match."""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import Row
from sqlalchemy.orm import selectinload

from eventsapp.api import answers, schemas
from eventsapp.api.auth import actor, token_required
from eventsapp.api.blueprint import api_blueprint
from eventsapp.api.models import Scope
from eventsapp.api.read_views import READ_ERRORS, problems
from eventsapp.delegations.models import Delegation
from eventsapp.errors import DomainError, NotFound
from eventsapp.events.models import Event, Jurisdiction, Organization
from eventsapp.extensions import db
from eventsapp.questions.models import Question
from eventsapp.registration import services
from eventsapp.registration.models import (
    Language,
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

bp = api_blueprint("api_registrations", __name__, "/registrations", "Registrations")
PERSON_KEYS = (
    "email",
    "honorific",
    "given_name",
    "family_name",
    "position",
    "phone",
    "organization_id",
    "jurisdiction_id",
)


# What a registration shows, in RegistrationSchema's order: the person's fields and the
# registration's (a schema instance per call cost a deep copy of its fields).
FIELDS = tuple(schemas.RegistrationSchema().fields)
REGISTRATION_KEYS = tuple(
    key for key in FIELDS if key not in (*PERSON_KEYS, "preferred_language", "answers")
)


def as_dict(registration: Registration, given: dict[str, Any] | None = None) -> dict[str, Any]:
    """The registration as the API reads it; ``given``: its answers by key, when the
    caller read them in bulk (``answers.answers_of``)."""
    person = registration.person
    data = {key: getattr(person, key) for key in PERSON_KEYS}
    data["preferred_language"] = person.preferred_language.value
    for key in REGISTRATION_KEYS:
        value = getattr(registration, key)
        data[key] = getattr(value, "value", value)
    if given is None:
        given = answers.answers_of(registration.event_id, [registration.id])[registration.id]
    data["answers"] = given
    return data


# The list reads these columns in one query, without ORM objects, and writes the JSON that
# RegistrationSchema's dump of ``as_dict`` gives (tests/test_api_list.py compares the two):
# enums as their values, dates and times in ISO 8601, the rest as read.
LIST_COLUMNS = tuple(
    (
        getattr(Person, key)
        if key in PERSON_KEYS or key == "preferred_language"
        else getattr(Registration, key)
    ).label(key)
    for key in FIELDS
    if key != "answers"
)
ENUM_KEYS = ("status", "role", "preferred_language")
ISO_KEYS = ("arrival_date", "departure_date", "checked_in_at", "created_at", "updated_at")


def list_item(row: Row[Any]) -> dict[str, Any]:
    item = row._asdict()
    del item["asks_questions"]
    for key in ENUM_KEYS:
        item[key] = item[key].value
    for key in ISO_KEYS:
        if (value := item[key]) is not None:
            item[key] = value.isoformat()
    return item


REFERENCES = {
    "delegation_id": (Delegation, "No such delegation at this event."),
    "organization_id": (Organization, "No such organization."),
    "jurisdiction_id": (Jurisdiction, "No such jurisdiction."),
}


def service_data(event: Event, data: dict[str, Any]) -> dict[str, Any]:
    """The request's fields as the registration services take them (enums, not strings),
    once every id it names is one of this event's (or of the shared lists)."""
    for key, (model, message) in REFERENCES.items():
        if data.get(key) is not None:
            row = db.session.get(model, data[key])
            if row is None or getattr(row, "event_id", event.id) != event.id:
                raise DomainError(message, field=key)
    data = dict(data)
    if "preferred_language" in data:
        data["preferred_language"] = Language(data["preferred_language"])
    if "role" in data:
        data["role"] = RegistrationRole(data["role"])
    return data


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"r{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int | None:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not text.startswith("r") or not text[1:].isdigit() or len(text) > 12:
        return None
    return int(text[1:])


def _registration(event: Event, registration_id: int) -> Registration | None:
    return db.session.scalar(
        db.select(Registration)
        .where(Registration.id == registration_id, Registration.event_id == event.id)
        .options(selectinload(Registration.person))
    )


def _missing() -> NotFound:
    return NotFound("No such registration at this event.")


@bp.get("")
@token_required(Scope.READ)
@bp.etag
@bp.arguments(schemas.RegistrationListArgs, location="query")
@bp.response(200, schemas.RegistrationPageSchema)
@problems(bp, 400, *READ_ERRORS)
def registration_list(args: dict[str, Any], event: Event) -> ResponseReturnValue:
    """Registrations in id order, ``limit`` at a time; pass ``next_cursor`` back as
    ``cursor`` for the next page (null: no more)."""
    # whether the event asks questions comes with the page (an uncorrelated subquery, run
    # once): an event without any needs no query for them
    asks = db.select(Question.id).where(Question.event_id == event.id).exists()
    query = (
        db.select(*LIST_COLUMNS, asks.label("asks_questions"))
        .join(Person, Person.id == Registration.person_id)
        .where(Registration.event_id == event.id)
    )
    if args.get("cursor"):
        after = decode_cursor(args["cursor"])
        if after is None:
            raise DomainError("This cursor is not one we gave.", field="cursor")
        query = query.where(Registration.id > after)
    if args.get("status"):
        query = query.where(Registration.status == RegistrationStatus(args["status"]))
    if args.get("delegation_id"):
        query = query.where(Registration.delegation_id == args["delegation_id"])
    limit = args["limit"]
    rows = db.session.execute(query.order_by(Registration.id).limit(limit + 1)).all()
    page = rows[:limit]
    more = len(rows) > limit
    # Written once, as the response schema would write it; the ETag is the body's digest
    # (not a second JSON encoding of the whole page).
    ids = [row.id for row in page]
    given = answers.answers_of(event.id, ids) if page and page[0].asks_questions else {}
    response = jsonify(
        {
            "results": [list_item(row) | {"answers": given.get(row.id, {})} for row in page],
            "next_cursor": encode_cursor(page[-1].id) if more else None,
        }
    )
    etag = hashlib.sha1(response.get_data()).hexdigest()  # noqa: S324  (not a secret)
    bp.set_etag(etag)
    return response


@bp.get("/<int:registration_id>")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, schemas.RegistrationSchema)
@problems(bp, *READ_ERRORS)
def registration_detail(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _registration(event, registration_id)
    if registration is None:
        raise _missing()
    return as_dict(registration)


@bp.post("")
@token_required(Scope.WRITE)
@bp.etag
@bp.arguments(schemas.RegistrationCreateSchema)
@bp.response(201, schemas.RegistrationSchema)
@problems(bp, 400, 409, *READ_ERRORS)
def registration_create(data: dict[str, Any], event: Event) -> ResponseReturnValue:
    """Register a person: the seat is decided as for the back-office form (confirmed, or on
    the waiting list when the event or the delegation is full). No e-mail is sent."""
    registration = services.register(
        actor(), event, service_data(event, data), approved=True, notify=False
    )
    db.session.commit()
    return as_dict(registration)


@bp.patch("/<int:registration_id>")
@token_required(Scope.WRITE)
@bp.etag
@bp.arguments(schemas.RegistrationUpdateSchema)
@bp.response(200, schemas.RegistrationSchema)
@problems(bp, 400, 409, *READ_ERRORS)
def registration_update(
    data: dict[str, Any], event: Event, registration_id: int
) -> ResponseReturnValue:
    registration = _registration(event, registration_id)
    if registration is None:
        raise _missing()
    bp.check_etag(as_dict(registration), schemas.RegistrationSchema)
    services.update_registration(actor(), registration, service_data(event, data))
    db.session.commit()
    return as_dict(registration)


@bp.post("/<int:registration_id>/cancel")
@token_required(Scope.WRITE)
@bp.response(200, schemas.RegistrationSchema)
@problems(bp, 400, *READ_ERRORS)
def registration_cancel(event: Event, registration_id: int) -> ResponseReturnValue:
    """Cancel: the seat goes to the first on the waiting list; the person's links stop."""
    registration = _registration(event, registration_id)
    if registration is None:
        raise _missing()
    services.cancel(actor(), registration)
    db.session.commit()
    return as_dict(registration)
