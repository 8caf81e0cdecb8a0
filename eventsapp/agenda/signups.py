"""Workshop sign-ups: one function decides a seat, under a lock on the session row.

The session row is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite transactions
already hold the write lock), confirmed seats are counted, then the sign-up is written as
confirmed or waitlisted with its position. Cancelling frees a seat and promotes the first
on the waiting list; each workshop's waiting list is numbered 1..n without gaps.

A registration that leaves the event (cancelled, declined, deleted: registration's
``registration_left`` signal) gives up all its workshop places the same way."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from eventsapp.agenda.models import AgendaSession, SessionKind, SignupStatus, WorkshopSignup
from eventsapp.audit.services import record, snapshot
from eventsapp.db import lock_row
from eventsapp.errors import Conflict, DomainError, NotFound
from eventsapp.extensions import db
from eventsapp.registration.models import Registration, RegistrationStatus
from eventsapp.registration.signals import registration_left


def takes_signups(session: AgendaSession) -> bool:
    return session.kind is SessionKind.WORKSHOP and session.is_published


def _signup(session_id: int, registration_id: int) -> WorkshopSignup | None:
    return db.session.scalar(
        db.select(WorkshopSignup).where(
            WorkshopSignup.session_id == session_id,
            WorkshopSignup.registration_id == registration_id,
        )
    )


def _confirmed_count(session_id: int) -> int:
    return (
        db.session.scalar(
            db.select(func.count(WorkshopSignup.id)).where(
                WorkshopSignup.session_id == session_id,
                WorkshopSignup.status == SignupStatus.CONFIRMED,
            )
        )
        or 0
    )


def _next_position(session_id: int) -> int:
    current = db.session.scalar(
        db.select(func.max(WorkshopSignup.waitlist_position)).where(
            WorkshopSignup.session_id == session_id,
            WorkshopSignup.status == SignupStatus.WAITLISTED,
        )
    )
    return (current or 0) + 1


def sign_up(registration: Registration, session_id: int) -> WorkshopSignup:
    """Take a seat in a workshop (or a place on its waiting list)."""
    if registration.status is not RegistrationStatus.CONFIRMED:
        raise DomainError(_l("Only confirmed registrations can sign up for workshops."))
    session = lock_row(AgendaSession, session_id)
    if session.event_id != registration.event_id or not takes_signups(session):
        raise NotFound(_l("This workshop does not take sign-ups."))
    signup = _signup(session.id, registration.id)
    if signup is not None and signup.status is not SignupStatus.CANCELLED:
        return signup
    before = snapshot(signup) if signup else None
    if session.capacity is None or _confirmed_count(session.id) < session.capacity:
        status, position = SignupStatus.CONFIRMED, None
    else:
        status, position = SignupStatus.WAITLISTED, _next_position(session.id)
    if signup is None:
        signup = WorkshopSignup(session_id=session.id, registration_id=registration.id)
        db.session.add(signup)
    signup.status, signup.waitlist_position = status, position
    db.session.flush()
    record(
        None,
        "workshop_signup",
        signup,
        event_id=session.event_id,
        summary=f"{signup.status.value} #{registration.id}",
        before=before,
        after=snapshot(signup),
    )
    return signup


def cancel(registration: Registration, session_id: int) -> WorkshopSignup:
    """Give up a seat or a waiting-list place; a freed seat goes to the first waiting."""
    session = lock_row(AgendaSession, session_id)
    if session.event_id != registration.event_id:
        raise NotFound(_l("This workshop does not take sign-ups."))
    signup = _signup(session.id, registration.id)
    if signup is None or signup.status is SignupStatus.CANCELLED:
        raise Conflict(_l("You are not signed up for this workshop."))
    _give_up(session, signup)
    return signup


def _give_up(session: AgendaSession, signup: WorkshopSignup) -> None:
    """Cancel ``signup`` (its session is locked): a freed seat goes to the first waiting, and
    the waiting list closes its gap."""
    before = snapshot(signup)
    freed = signup.status is SignupStatus.CONFIRMED
    signup.status, signup.waitlist_position = SignupStatus.CANCELLED, None
    db.session.flush()
    record(
        None,
        "workshop_cancel",
        signup,
        event_id=session.event_id,
        summary=f"#{signup.registration_id}",
        before=before,
        after=snapshot(signup),
    )
    if freed:
        promote(session)
    renumber(session)


def release_places(registration: Registration, **_: Any) -> None:
    """``registration`` left the event: give up each of its workshop seats and waiting
    places, one workshop at a time under its lock (in session order)."""
    session_ids = db.session.scalars(
        db.select(WorkshopSignup.session_id)
        .where(
            WorkshopSignup.registration_id == registration.id,
            WorkshopSignup.status != SignupStatus.CANCELLED,
        )
        .order_by(WorkshopSignup.session_id)
    ).all()
    for session_id in session_ids:
        session = lock_row(AgendaSession, session_id)
        signup = _signup(session.id, registration.id)
        if signup is not None and signup.status is not SignupStatus.CANCELLED:
            _give_up(session, signup)


registration_left.connect(release_places)


def renumber(session: AgendaSession) -> None:
    """Close the gaps: the workshop's waiting list is numbered 1..n in its current order."""
    waiting = db.session.scalars(
        db.select(WorkshopSignup)
        .where(
            WorkshopSignup.session_id == session.id,
            WorkshopSignup.status == SignupStatus.WAITLISTED,
        )
        .order_by(WorkshopSignup.waitlist_position, WorkshopSignup.id)
    ).all()
    for position, signup in enumerate(waiting, start=1):
        if signup.waitlist_position != position:
            signup.waitlist_position = position
    db.session.flush()


def promote(session: AgendaSession) -> list[WorkshopSignup]:
    """Fill free seats from the waiting list, in order (the caller holds the lock)."""
    promoted = []
    while session.capacity is None or _confirmed_count(session.id) < session.capacity:
        first = db.session.scalar(
            db.select(WorkshopSignup)
            .where(
                WorkshopSignup.session_id == session.id,
                WorkshopSignup.status == SignupStatus.WAITLISTED,
            )
            .order_by(WorkshopSignup.waitlist_position)
            .limit(1)
        )
        if first is None:
            break
        before = snapshot(first)
        first.status, first.waitlist_position = SignupStatus.CONFIRMED, None
        db.session.flush()
        record(
            None,
            "workshop_promote",
            first,
            event_id=session.event_id,
            summary=f"#{first.registration_id}",
            before=before,
            after=snapshot(first),
        )
        promoted.append(first)
    return promoted


def signups_of(registration: Registration) -> dict[int, WorkshopSignup]:
    rows = db.session.scalars(
        db.select(WorkshopSignup).where(
            WorkshopSignup.registration_id == registration.id,
            WorkshopSignup.status != SignupStatus.CANCELLED,
        )
    )
    return {row.session_id: row for row in rows}


def seats_taken(session_ids: Collection[int]) -> dict[int, int]:
    if not session_ids:
        return {}
    rows = db.session.execute(
        db.select(WorkshopSignup.session_id, func.count(WorkshopSignup.id))
        .where(
            WorkshopSignup.session_id.in_(session_ids),
            WorkshopSignup.status == SignupStatus.CONFIRMED,
        )
        .group_by(WorkshopSignup.session_id)
    )
    return dict(rows.tuples().all())
