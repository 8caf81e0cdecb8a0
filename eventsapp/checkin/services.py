"""Check-in rules: what a scanned badge means, and the one atomic write that admits a person.

Two desks may scan the same badge at the same instant. The check-in is a conditional UPDATE
(``... WHERE id = :id AND checked_in_at IS NULL``): the database lets exactly one of them
change the row; the other sees rowcount 0 and answers "already checked in" with the
winner's time and desk. On PostgreSQL the loser's UPDATE waits for the winner's row lock and
re-checks the condition; SQLite runs every transaction as BEGIN IMMEDIATE, so writers queue.
Services flush and audit; the caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from eventsapp.actor import Actor
from eventsapp.agenda.models import AgendaSession, SessionKind, SignupStatus, WorkshopSignup
from eventsapp.audit.services import record
from eventsapp.badges.tokens import parse_badge_token
from eventsapp.checkin.models import SessionAttendance
from eventsapp.db import rowcount, utcnow
from eventsapp.delegations.models import Delegation
from eventsapp.errors import Conflict
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.inputs import database_id
from eventsapp.registration.models import Registration, RegistrationStatus

DESK_MAX = 60
# What the desk shows, loaded with the registration in one query.
WITH_PERSON_AND_DELEGATION = (
    joinedload(Registration.person),
    joinedload(Registration.delegation).joinedload(Delegation.jurisdiction),
    joinedload(Registration.delegation).joinedload(Delegation.organization),
)


@dataclass
class ScanResult:
    """The answer to one scan. ``state`` is one of labels.HEADLINE's keys."""

    state: str
    registration: Registration | None = None
    reason: str = ""  # for "unknown": forged / reissued / other_event / missing
    at: datetime | None = None  # when checked in (or attended)
    desk: str = ""  # where checked in (or attended)
    session: AgendaSession | None = None
    workshop_full: bool = False  # attending a full workshop without a confirmed sign-up


def clean_desk(desk: str | None) -> str:
    return (desk or "").strip()[:DESK_MAX]


def resolve_token(
    event: Event, token: str, secret: str | Sequence[str]
) -> Registration | ScanResult:
    """The registration a badge token names on this event, or an "unknown" result
    (``secret``: the key, or the current key and its fallbacks)."""
    parsed = parse_badge_token(secret, token)
    if parsed is None:
        return ScanResult("unknown", reason="forged")
    registration = db.session.get(
        Registration, parsed.registration_id, options=WITH_PERSON_AND_DELEGATION
    )
    if registration is None:
        return ScanResult("unknown", reason="missing")
    if registration.event_id != event.id:
        return ScanResult("unknown", reason="other_event")
    if parsed.version != registration.badge_token_version:
        return ScanResult("unknown", reason="reissued")
    return registration


def scan(
    event: Event,
    token: str,
    *,
    actor: Actor,
    desk: str,
    secret: str | Sequence[str],
    session: AgendaSession | None = None,
) -> ScanResult:
    """Check a badge in at the door, or record attendance at ``session`` if given."""
    found = resolve_token(event, token, secret)
    if isinstance(found, ScanResult):
        return found
    return admit(found, actor=actor, desk=desk, session=session)


def check_in(registration: Registration, *, actor: Actor, desk: str) -> ScanResult:
    """Admit a confirmed registration once; every other case says why not."""
    desk = clean_desk(desk)
    if registration.status != RegistrationStatus.CONFIRMED:
        return ScanResult("not_admitted", registration, reason=registration.status.value)
    if registration.checked_in_at is not None:
        return _already(registration)
    now = utcnow()
    result = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.checked_in_at.is_(None))
        .values(checked_in_at=now, checkin_desk=desk, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:  # another desk was first
        db.session.refresh(registration, ["checked_in_at", "checkin_desk"])
        return _already(registration)
    for name, value in (("checked_in_at", now), ("checkin_desk", desk), ("updated_at", now)):
        set_committed_value(registration, name, value)
    record(
        actor,
        "checkin",
        registration,
        summary=registration.person.full_name,
        after={"checked_in_at": now.isoformat(), "checkin_desk": desk},  # as just set
        before={"checked_in_at": None, "checkin_desk": ""},
        desk=desk,
    )
    db.session.flush()
    return ScanResult("checked_in", registration, at=registration.checked_in_at, desk=desk)


def _already(registration: Registration) -> ScanResult:
    return ScanResult(
        "already_checked_in",
        registration,
        at=registration.checked_in_at,
        desk=registration.checkin_desk,
    )


def undo_check_in(registration: Registration, *, actor: Actor, desk: str) -> ScanResult:
    """Take a check-in back (a scan at the wrong person, a wrong badge)."""
    desk = clean_desk(desk)
    before = {
        "checked_in_at": registration.checked_in_at.isoformat()
        if registration.checked_in_at
        else None,
        "checkin_desk": registration.checkin_desk,
    }
    result = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.checked_in_at.is_not(None))
        .values(checked_in_at=None, checkin_desk="")
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        raise Conflict(_not_checked_in_message())
    set_committed_value(registration, "checked_in_at", None)
    set_committed_value(registration, "checkin_desk", "")
    record(
        actor,
        "checkin.undo",
        registration,
        summary=registration.person.full_name,
        before=before,
        after={"checked_in_at": None, "checkin_desk": ""},
        desk=desk,
    )
    db.session.flush()
    return ScanResult("undone", registration, desk=desk)


def _not_checked_in_message() -> str:
    return _("This person is not checked in.")


def workshop_is_full_for(registration: Registration, session: AgendaSession) -> bool:
    """A workshop at capacity, and this person holds no confirmed seat in it."""
    if session.kind != SessionKind.WORKSHOP or session.capacity is None:
        return False
    confirmed = db.session.execute(
        select(
            func.count(WorkshopSignup.id),
            func.count(WorkshopSignup.id).filter(WorkshopSignup.registration_id == registration.id),
        ).where(
            WorkshopSignup.session_id == session.id,
            WorkshopSignup.status == SignupStatus.CONFIRMED,
        )
    ).one()
    total: int
    own: int
    total, own = confirmed
    return own == 0 and total >= session.capacity


def record_attendance(
    registration: Registration, session: AgendaSession, *, actor: Actor, desk: str
) -> ScanResult:
    """One attendance row per session and person, whatever the number of scans."""
    desk = clean_desk(desk)
    if registration.status != RegistrationStatus.CONFIRMED:
        return ScanResult(
            "not_admitted", registration, reason=registration.status.value, session=session
        )
    full = workshop_is_full_for(registration, session)
    values = {
        "session_id": session.id,
        "registration_id": registration.id,
        "scanned_at": utcnow(),
        "desk": desk,
        "staff_user_id": getattr(actor, "id", None),
    }
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    inserted_id = db.session.execute(
        dialect.insert(SessionAttendance)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["session_id", "registration_id"])
        .returning(SessionAttendance.id)
    ).scalar()
    attendance = db.session.scalar(
        select(SessionAttendance).where(
            SessionAttendance.session_id == session.id,
            SessionAttendance.registration_id == registration.id,
        )
    )
    assert attendance is not None  # inserted above, or there already (the conflict)
    state = "attended" if inserted_id is not None else "already_attended"
    if inserted_id is not None:
        record(
            actor,
            "checkin.attendance",
            attendance,
            event_id=registration.event_id,
            summary=registration.person.full_name,
            desk=desk,
        )
        db.session.flush()
    return ScanResult(
        state,
        registration,
        at=attendance.scanned_at,
        desk=attendance.desk,
        session=session,
        workshop_full=full,
    )


def undo_attendance(
    registration: Registration, session: AgendaSession, *, actor: Actor, desk: str
) -> ScanResult:
    attendance = db.session.scalar(
        select(SessionAttendance).where(
            SessionAttendance.session_id == session.id,
            SessionAttendance.registration_id == registration.id,
        )
    )
    if attendance is None:
        raise Conflict(_not_checked_in_message())
    record(
        actor,
        "checkin.attendance.undo",
        attendance,
        event_id=registration.event_id,
        summary=registration.person.full_name,
        desk=clean_desk(desk),
    )
    db.session.delete(attendance)
    db.session.flush()
    return ScanResult("undone", registration, desk=clean_desk(desk), session=session)


def event_session(event: Event, session_id: object) -> AgendaSession | None:
    """A session of this event by id (None when absent, of another event, or not a number)."""
    number = database_id(session_id)
    if number is None:
        return None
    found = db.session.get(AgendaSession, number)
    return found if found is not None and found.event_id == event.id else None


def event_registration(event: Event, registration_id: object) -> Registration | None:
    number = database_id(registration_id)
    if number is None:
        return None
    found = db.session.get(Registration, number)
    return found if found is not None and found.event_id == event.id else None


def admit(
    registration: Registration, *, actor: Actor, desk: str, session: AgendaSession | None = None
) -> ScanResult:
    """Door check-in, or attendance at ``session`` when the desk records a session."""
    if session is not None:
        return record_attendance(registration, session, actor=actor, desk=desk)
    return check_in(registration, actor=actor, desk=desk)


def take_back(
    registration: Registration, *, actor: Actor, desk: str, session: AgendaSession | None = None
) -> ScanResult:
    """Undo the door check-in, or the attendance at ``session``."""
    if session is not None:
        return undo_attendance(registration, session, actor=actor, desk=desk)
    return undo_check_in(registration, actor=actor, desk=desk)
