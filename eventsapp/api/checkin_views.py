"""API v1, check-ins: scan a badge (or admit a registration by id), and list check-ins
since a cursor (a client that keeps polling gets each check-in once, and again only if it
was undone and made anew)."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any

from flask.typing import ResponseReturnValue
from sqlalchemy import and_, or_
from sqlalchemy.orm import selectinload

from eventsapp.api import schemas
from eventsapp.api.auth import actor, token_required
from eventsapp.api.blueprint import api_blueprint
from eventsapp.api.models import Scope
from eventsapp.api.read_views import READ_ERRORS, problems
from eventsapp.checkin import services
from eventsapp.errors import DomainError, NotFound
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import plain_text_error
from eventsapp.registration.models import Registration
from eventsapp.signing import signing_keys

bp = api_blueprint("api_checkins", __name__, "/checkins", "Check-ins")


def encode_cursor(at: datetime, registration_id: int) -> str:
    text = f"{at.isoformat()}|{registration_id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _, number = text.partition("|")
        at = datetime.fromisoformat(stamp)
        if at.tzinfo is None or not number.isdigit() or len(number) > 10:
            return None
        return at, int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


@bp.get("")
@token_required(Scope.CHECKIN, Scope.READ)
@bp.arguments(schemas.CheckinListArgs, location="query")
@bp.response(200, schemas.CheckinPageSchema)
@problems(bp, 400, *READ_ERRORS)
def checkin_list(args: dict[str, Any], event: Event) -> ResponseReturnValue:
    """Check-ins in the order they happened, ``limit`` at a time."""
    query = db.select(Registration).where(
        Registration.event_id == event.id, Registration.checked_in_at.is_not(None)
    )
    if args.get("cursor"):
        after = decode_cursor(args["cursor"])
        if after is None:
            raise DomainError("This cursor is not one we gave.", field="cursor")
        at, last_id = after
        query = query.where(
            or_(
                Registration.checked_in_at > at,
                and_(Registration.checked_in_at == at, Registration.id > last_id),
            )
        )
    limit = args["limit"]
    rows = db.session.scalars(
        query.options(selectinload(Registration.person))
        .order_by(Registration.checked_in_at, Registration.id)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    last = page[-1] if page and len(rows) > limit else None
    # checked_in_at is never None here (the query asks for check-ins); the test narrows it.
    cursor = (
        encode_cursor(last.checked_in_at, last.id)
        if last is not None and last.checked_in_at is not None
        else None
    )
    return {
        "results": [
            {
                "registration_id": row.id,
                "name": row.person.full_name,
                "delegation_id": row.delegation_id,
                "checked_in_at": row.checked_in_at,
                "desk": row.checkin_desk,
            }
            for row in page
        ],
        "next_cursor": cursor,
    }


@bp.post("")
@token_required(Scope.CHECKIN)
@bp.arguments(schemas.CheckinCreateSchema)
@bp.response(200, schemas.ScanResultSchema)
@problems(bp, 400, *READ_ERRORS)
def checkin_create(data: dict[str, Any], event: Event) -> ResponseReturnValue:
    """Scan: ``token`` is the badge's QR text, or ``registration_id`` admits by id. The
    answer's ``state`` says what the desk would show (checked_in, already, unknown…)."""
    desk = data["desk"].strip()
    if (message := plain_text_error(desk)) is not None:
        raise DomainError(str(message), field="desk")
    if data.get("registration_id") is not None:
        registration = services.event_registration(event, data["registration_id"])
        if registration is None:
            raise NotFound("No such registration at this event.")
        result = services.admit(registration, actor=actor(), desk=desk)
    elif data.get("token"):
        result = services.scan(
            event, data["token"], actor=actor(), desk=desk, secret=signing_keys()
        )
    else:
        raise DomainError("Send the badge code as token, or registration_id.")
    found = result.registration
    answer = {
        "state": result.state,
        "registration_id": found.id if found is not None else None,
        "name": found.person.full_name if found is not None else "",
        "checked_in_at": result.at,
        "desk": result.desk,
    }
    db.session.commit()
    return answer
