"""The schedule editor: a rooms x time grid per day, and the JSON API its script calls.

Every change goes through the same form and service as the plain list, so the server
validates everything again (CSRF comes in the X-CSRFToken header)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import abort, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from eventsapp.agenda import labels, services
from eventsapp.agenda.conflicts import event_bounds
from eventsapp.agenda.forms import SessionForm
from eventsapp.agenda.manage import bp
from eventsapp.agenda.models import AgendaSession
from eventsapp.agenda.sessions_manage import event_session_or_404, form_data, prepare_session_form
from eventsapp.auth.permissions import organizer_required
from eventsapp.errors import DomainError
from eventsapp.events.models import Event, Room
from eventsapp.extensions import db
from eventsapp.timezones import to_wall

SLOT_MINUTES = 15
DAY_START = time(7, 0)
DAY_END = time(20, 0)
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


@dataclass
class Block:
    session: AgendaSession
    row: int
    span: int
    column: int
    start_local: datetime
    end_local: datetime


def event_days(event: Event) -> list[date]:
    count = (event.end_date - event.start_date).days + 1
    return [event.start_date + timedelta(days=i) for i in range(count)]


def _grid(
    event: Event, day: date, rooms: Sequence[Room]
) -> tuple[list[datetime], list[Block], bool, tuple[datetime, datetime]]:
    start, end = event_bounds(event)
    sessions = db.session.scalars(
        db.select(AgendaSession)
        .where(AgendaSession.event_id == event.id)
        .options(selectinload(AgendaSession.room), selectinload(AgendaSession.track))
        .order_by(AgendaSession.starts_at)
    ).all()
    todays = [s for s in sessions if to_wall(s.starts_at, event.timezone).date() == day]
    first = min([DAY_START] + [to_wall(s.starts_at, event.timezone).time() for s in todays])
    first = time(first.hour)
    last_minutes = max(
        [DAY_END.hour * 60]
        + [
            min(
                (to_wall(s.ends_at, event.timezone) - datetime.combine(day, time(0)))
                // timedelta(minutes=1),
                24 * 60,
            )
            for s in todays
        ]
    )
    origin = datetime.combine(day, first)
    rows = max(1, -(-(last_minutes - first.hour * 60) // SLOT_MINUTES))
    slots = [origin + timedelta(minutes=SLOT_MINUTES * i) for i in range(rows)]
    columns: dict[int | None, int] = {room.id: index for index, room in enumerate(rooms)}
    unassigned = len(rooms)
    blocks: list[Block] = []
    for s in todays:
        local_start = to_wall(s.starts_at, event.timezone)
        local_end = to_wall(s.ends_at, event.timezone)
        row = int((local_start - origin) // timedelta(minutes=SLOT_MINUTES))
        span = max(1, -(-int((local_end - local_start) // timedelta(minutes=1)) // SLOT_MINUTES))
        column = columns.get(s.room_id, unassigned)
        blocks.append(Block(s, row, min(span, rows - row), column, local_start, local_end))
    has_unassigned = any(b.column == unassigned for b in blocks)
    return slots, blocks, has_unassigned, (start, end)


@bp.route("/schedule")
@organizer_required
def schedule(event: Event) -> ResponseReturnValue:
    days = event_days(event)
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        day = days[0]
    if day not in days:
        day = days[0]
    rooms = db.session.scalars(
        db.select(Room).where(Room.event_id == event.id).order_by(Room.position, Room.name)
    ).all()
    slots, blocks, has_unassigned, _bounds = _grid(event, day, rooms)
    form = SessionForm()
    prepare_session_form(form, event)
    return render_template(
        "agenda/schedule.html",
        event=event,
        days=days,
        day=day,
        rooms=rooms,
        slots=slots,
        blocks=blocks,
        has_unassigned=has_unassigned,
        labels=labels,
        form=form,
        slot_minutes=SLOT_MINUTES,
        local_format=LOCAL_FORMAT,
    )


# --- JSON API --------------------------------------------------------------------------
API_FIELDS = (
    "title_en",
    "title_es",
    "description_en",
    "description_es",
    "kind",
    "starts_at",
    "ends_at",
    "room_id",
    "track_id",
    "language",
    "capacity",
    "cle_hours",
    "is_published",
) + SessionForm.ROLE_FIELDS


def _as_formdata(data: dict[str, Any]) -> MultiDict[str, str]:
    """Form values as the strings a browser would post."""
    pairs: list[tuple[str, str]] = []
    for key, value in data.items():
        if isinstance(value, list):
            pairs.extend((key, str(v)) for v in value)
        elif isinstance(value, bool):
            if value:
                pairs.append((key, "y"))
        elif isinstance(value, datetime):
            pairs.append((key, value.strftime(LOCAL_FORMAT)))
        elif value is None:
            pairs.append((key, ""))
        else:
            pairs.append((key, str(getattr(value, "value", value))))
    return MultiDict(pairs)


MAX_SESSION_MINUTES = 7 * 24 * 60  # a session longer than a week is a typing error


def _merge(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Apply posted changes; ``minutes`` sets the length (keeping the start)."""
    merged = dict(current)
    for key in API_FIELDS:
        if key in changes:
            merged[key] = changes[key]
    minutes = changes.get("minutes")
    if minutes is not None:
        try:
            minutes = int(minutes)
        except (TypeError, ValueError):
            minutes = 0
        start = merged.get("starts_at")
        if isinstance(start, str):
            try:
                start = datetime.strptime(start, LOCAL_FORMAT)
            except ValueError:
                start = None
        merged["ends_at"] = ""  # refused by the form's own check unless a sane length follows
        if start and 0 < minutes <= MAX_SESSION_MINUTES:
            with contextlib.suppress(OverflowError):  # a start near year 9999
                merged["ends_at"] = start + timedelta(minutes=minutes)
    elif "starts_at" in changes and "ends_at" not in changes and current.get("starts_at"):
        length = current["ends_at"] - current["starts_at"]
        with contextlib.suppress(TypeError, ValueError):
            merged["ends_at"] = datetime.strptime(changes["starts_at"], LOCAL_FORMAT) + length
    return merged


def _api_save(event: Event, session: AgendaSession) -> ResponseReturnValue:
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        return jsonify(ok=False, errors={"": [_("Send the changes as a JSON object.")]}), 400
    current = (
        services.session_data(session, event) if session.id else {"kind": "panel", "language": "en"}
    )
    form = SessionForm(formdata=_as_formdata(_merge(current, changes)), meta={"csrf": False})
    prepare_session_form(form, event)
    if not form.validate():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return jsonify(ok=False, errors=errors), 400
    try:
        found = services.save_session(current_user, event, session, form_data(form))
    except DomainError as error:
        db.session.rollback()
        return jsonify(ok=False, errors={error.field or "": [str(error.message)]}), 409
    db.session.commit()
    return jsonify(
        ok=True,
        id=session.id,
        starts_at=to_wall(session.starts_at, event.timezone).strftime(LOCAL_FORMAT),
        ends_at=to_wall(session.ends_at, event.timezone).strftime(LOCAL_FORMAT),
        room_id=session.room_id,
        warnings=[str(f.message) for f in found],
    )


@bp.route("/schedule/api/sessions", methods=["POST"])
@organizer_required
def api_create(event: Event) -> ResponseReturnValue:
    return _api_save(event, AgendaSession())


@bp.route("/schedule/api/sessions/<int:session_id>", methods=["POST"])
@organizer_required
def api_update(event: Event, session_id: int) -> ResponseReturnValue:
    return _api_save(event, event_session_or_404(event, session_id))


@bp.route("/schedule/api/sessions/<int:session_id>", methods=["GET"])
@organizer_required
def api_get(event: Event, session_id: int) -> ResponseReturnValue:
    session = event_session_or_404(event, session_id)
    data = services.session_data(session, event)
    if session.event_id != event.id:
        abort(404)
    return jsonify(
        {
            key: (
                value.strftime(LOCAL_FORMAT)
                if isinstance(value, datetime)
                else getattr(value, "value", value)
                if not isinstance(value, (int, list))
                else value
            )
            for key, value in data.items()
            if key != "cle_hours"
        }
        | {"id": session.id, "cle_hours": str(session.cle_hours or "")}
    )
