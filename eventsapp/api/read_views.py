"""API v1, read-only resources: the event, rooms, tracks, sessions, speakers, delegations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from http import HTTPStatus
from typing import Any

from flask.typing import ResponseReturnValue
from flask_smorest import Blueprint
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from eventsapp.agenda.models import AgendaSession, Speaker
from eventsapp.api import schemas
from eventsapp.api.auth import token_required
from eventsapp.api.blueprint import api_blueprint
from eventsapp.api.models import Scope
from eventsapp.api.problems import PROBLEM_TYPE
from eventsapp.delegations.models import Delegation
from eventsapp.events.models import Event, Room, Track
from eventsapp.extensions import db
from eventsapp.registration.models import SEAT_HOLDING, Registration

bp = api_blueprint("api_read", __name__, "", "Events and agenda")


def problems(blueprint: Blueprint, *codes: int) -> Callable[..., Any]:
    """Document the problem-details answers an operation can give."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        for code in codes:
            view = blueprint.alt_response(
                code,
                schema=schemas.ProblemSchema,
                content_type=PROBLEM_TYPE,
                description=HTTPStatus(code).phrase,
            )(view)
        return view

    return decorator


READ_ERRORS = (401, 403, 404, 429)
SESSION_COLUMNS = [key for key in schemas.SessionSchema().fields if key != "speakers"]


@bp.get("")
@token_required(Scope.READ, Scope.CHECKIN)
@bp.etag
@bp.response(200, schemas.EventSchema)
@problems(bp, *READ_ERRORS)
def event_detail(event: Event) -> ResponseReturnValue:
    """The event of the token."""
    return {
        **{key: getattr(event, key) for key in schemas.EventSchema().fields},
        "kind": event.kind.value,
    }


@bp.get("/rooms")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, schemas.RoomSchema(many=True))
@problems(bp, *READ_ERRORS)
def rooms(event: Event) -> Sequence[Room]:
    return db.session.scalars(
        db.select(Room).where(Room.event_id == event.id).order_by(Room.position, Room.id)
    ).all()


@bp.get("/tracks")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, schemas.TrackSchema(many=True))
@problems(bp, *READ_ERRORS)
def tracks(event: Event) -> Sequence[Track]:
    return db.session.scalars(
        db.select(Track).where(Track.event_id == event.id).order_by(Track.id)
    ).all()


@bp.get("/sessions")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, schemas.SessionSchema(many=True))
@problems(bp, *READ_ERRORS)
def sessions(event: Event) -> ResponseReturnValue:
    """Every session, published or not (is_published says which)."""
    rows = db.session.scalars(
        db.select(AgendaSession)
        .where(AgendaSession.event_id == event.id)
        .options(selectinload(AgendaSession.speaker_links))
        .order_by(AgendaSession.starts_at, AgendaSession.id)
    ).all()
    return [
        {
            **{key: getattr(row, key) for key in SESSION_COLUMNS},
            "kind": row.kind.value,
            "language": row.language.value,
            "speakers": [
                {"speaker_id": link.speaker_id, "role": link.role.value}
                for link in row.speaker_links
            ],
        }
        for row in rows
    ]


@bp.get("/speakers")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, schemas.SpeakerSchema(many=True))
@problems(bp, *READ_ERRORS)
def speakers(event: Event) -> ResponseReturnValue:
    rows = db.session.scalars(
        db.select(Speaker)
        .where(Speaker.event_id == event.id)
        .options(selectinload(Speaker.person))
        .order_by(Speaker.id)
    ).all()
    return [
        {
            "id": row.id,
            "name": row.person.full_name,
            "affiliation": row.affiliation,
            "bio_en": row.bio_en,
            "bio_es": row.bio_es,
        }
        for row in rows
    ]


@bp.get("/delegations")
@token_required(Scope.READ)
@bp.etag
@bp.response(200, schemas.DelegationSchema(many=True))
@problems(bp, *READ_ERRORS)
def delegations(event: Event) -> ResponseReturnValue:
    """Each delegation with the seats its members hold (confirmed and pending)."""
    used: dict[int | None, int] = dict(
        db.session.execute(
            db.select(Registration.delegation_id, func.count(Registration.id))
            .where(Registration.event_id == event.id, Registration.status.in_(SEAT_HOLDING))
            .group_by(Registration.delegation_id)
        )
        .tuples()
        .all()
    )
    rows = db.session.scalars(
        db.select(Delegation)
        .where(Delegation.event_id == event.id)
        .options(selectinload(Delegation.jurisdiction), selectinload(Delegation.organization))
        .order_by(Delegation.id)
    ).all()
    return [
        {
            "id": row.id,
            "name": row.name,
            "status": row.status.value,
            "seat_quota": row.seat_quota,
            "seats_used": used.get(row.id, 0),
            "head_person_id": row.head_person_id,
        }
        for row in rows
    ]
