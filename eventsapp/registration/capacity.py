"""The one place that decides who holds a seat.

Every path that can give someone a seat — public sign-up, the delegation head's portal,
the back office, import, approval, promotion from the waiting list — calls ``decide_seat``;
every path that frees one calls ``fill_free_seats``.

Locking: every change of a seat or of the waiting list (``decide_seat``, ``leave``,
``renumber_waitlist``, ``fill_free_seats``, and a deletion through ``lock_event_of``) first
locks the event row (and the delegation row) with ``lock_row`` — ``SELECT … FOR NO KEY
UPDATE`` on PostgreSQL; on SQLite every transaction is ``BEGIN IMMEDIATE`` and so already
serialised — then counts and writes. Two concurrent sign-ups therefore queue on the event
row and the second one counts the first; two concurrent departures from the waiting list
renumber it one after the other. A sign-up holds the lock from its seat count to its
commit: what does not decide the seat (its person, that audit entry) is written before.

Who holds a seat: CONFIRMED and PENDING registrations. A pending registration (the event
needs approval) holds its seat while the organizer decides, so that approving never
overbooks the event and nobody is told "approved" for a seat that is gone; declining it
frees the seat for the first person on the waiting list. The waiting list is numbered
1..n per event without gaps: leaving it renumbers the rest.

Many decisions in one transaction (an import of thousands of rows): ``SeatLedger`` takes the
same locks once, counts the seats once and keeps running totals, deciding each registration
by the same rule as ``decide_seat`` (``_seat_or_wait``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from eventsapp.db import lock_row, utcnow
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.delegation_port import SeatGroup, delegations
from eventsapp.registration.models import SEAT_HOLDING, Registration, RegistrationStatus


def _seats_taken(*conditions: Any, exclude_id: int | None = None) -> int:
    query = db.select(func.count(Registration.id)).where(
        Registration.status.in_(SEAT_HOLDING), *conditions
    )
    if exclude_id is not None:
        query = query.where(Registration.id != exclude_id)
    return db.session.scalar(query) or 0


def event_has_room(event: Event, exclude_id: int | None = None) -> bool:
    if event.capacity is None:
        return True
    return _seats_taken(Registration.event_id == event.id, exclude_id=exclude_id) < event.capacity


def delegation_has_room(delegation: SeatGroup, exclude_id: int | None = None) -> bool:
    taken = _seats_taken(Registration.delegation_id == delegation.id, exclude_id=exclude_id)
    return taken < delegation.seat_quota


def _next_waitlist_position(event_id: int) -> int:
    current = db.session.scalar(
        db.select(func.max(Registration.waitlist_position)).where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.WAITLISTED,
        )
    )
    return (current or 0) + 1


def decide_seat(
    registration: Registration, *, approved: bool, quota_full: str
) -> RegistrationStatus:
    """Give ``registration`` a seat (CONFIRMED, or PENDING when the event needs approval and
    it is not ``approved``) or put it on the waiting list with its position.

    ``quota_full`` says what happens when its delegation has no seat left: "refuse" raises a
    DomainError on the ``delegation_id`` field (back office, head portal), "waitlist" puts
    the registration on the waiting list (public sign-up, import). The registration is
    flushed; the caller records the audit entry and commits.
    """
    event = lock_row(Event, registration.event_id)
    delegation = (
        delegations().lock(registration.delegation_id) if registration.delegation_id else None
    )
    was_waitlisted = registration.status is RegistrationStatus.WAITLISTED
    if registration in db.session:
        db.session.flush()  # a new registration gets its id, so that it never counts itself
    # else: a new registration outside the session is not in the database yet, so it counts
    # nothing, and it is written once, with the status decided here (no INSERT + UPDATE).
    own_id = registration.id
    seat = event_has_room(event, exclude_id=own_id)
    if delegation is not None and not delegation_has_room(delegation, exclude_id=own_id):
        _refuse_if_asked(delegation, quota_full)
        seat = False
    _seat_or_wait(
        registration,
        event,
        seat,
        approved=approved,
        was_waitlisted=was_waitlisted,
        next_position=lambda: _next_waitlist_position(event.id),
    )
    db.session.add(registration)
    db.session.flush()
    if was_waitlisted and registration.status is not RegistrationStatus.WAITLISTED:
        renumber_waitlist(event.id)
    return registration.status


def _refuse_if_asked(delegation: SeatGroup, quota_full: str) -> None:
    """A full delegation: "refuse" is a form error on the delegation; "waitlist" waits."""
    if quota_full == "refuse":
        raise DomainError(
            _l("This delegation has no seat left (quota %(n)d).", n=delegation.seat_quota),
            field="delegation_id",
        )


def _seat_or_wait(
    registration: Registration,
    event: Event,
    seat: bool,
    *,
    approved: bool,
    was_waitlisted: bool,
    next_position: Callable[[], int],
) -> None:
    """The status that follows from having a seat or not: CONFIRMED (PENDING when the event
    needs approval and it is not ``approved``), else the end of the waiting list (a waiting
    registration keeps its place)."""
    if seat:
        pending = event.requires_approval and not approved
        registration.status = (
            RegistrationStatus.PENDING if pending else RegistrationStatus.CONFIRMED
        )
        registration.waitlist_position = None
        if not pending:
            registration.decided_at = utcnow()
    elif not was_waitlisted:
        position = next_position()  # may query (and autoflush): before the status changes
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlist_position = position


class SeatLedger:
    """Seat decisions for many registrations of one event in one transaction (an import).

    Takes the locks ``decide_seat`` takes (the event row, then the event's delegations in id
    order) once, counts the seats held once, and then ``place`` decides each registration by
    the same rule, keeping running totals: no query per registration. For registrations
    that hold no seat and are not on the waiting list (new, or taken up again after leaving);
    a registration whose seat changes otherwise goes through ``decide_seat`` and is followed
    by ``recount``. Nothing is flushed: the caller flushes (in batches) and commits."""

    def __init__(self, event_id: int) -> None:
        self.event = lock_row(Event, event_id)
        # Keyed by id; looked up by a registration's delegation_id, None finding nothing.
        self.delegations: dict[int | None, SeatGroup] = {
            d.id: d for d in delegations().lock_event(event_id)
        }
        self.recount()

    def recount(self) -> None:
        """Count again from the database (after a flush of changes made elsewhere)."""
        event_id = self.event.id
        self.event_taken = _seats_taken(Registration.event_id == event_id)
        # The query leaves out registrations without a delegation (no None key).
        self.delegation_taken: dict[int | None, int] = dict(
            db.session.execute(
                db.select(Registration.delegation_id, func.count(Registration.id))
                .where(
                    Registration.event_id == event_id,
                    Registration.status.in_(SEAT_HOLDING),
                    Registration.delegation_id.is_not(None),
                )
                .group_by(Registration.delegation_id)
            )
            .tuples()
            .all()
        )
        self.last_position = _next_waitlist_position(event_id) - 1

    def _next_position(self) -> int:
        self.last_position += 1
        return self.last_position

    def place(
        self, registration: Registration, *, approved: bool, quota_full: str
    ) -> RegistrationStatus:
        """``decide_seat`` for ``registration`` (see the class), on the running totals."""
        event = self.event
        seat = event.capacity is None or self.event_taken < event.capacity
        delegation = self.delegations.get(registration.delegation_id)
        if delegation is not None and self.delegation_taken.get(delegation.id, 0) >= (
            delegation.seat_quota
        ):
            _refuse_if_asked(delegation, quota_full)
            seat = False
        _seat_or_wait(
            registration,
            event,
            seat,
            approved=approved,
            was_waitlisted=False,
            next_position=self._next_position,
        )
        if registration.status in SEAT_HOLDING:
            self.event_taken += 1
            if delegation is not None:
                self.delegation_taken[delegation.id] = (
                    self.delegation_taken.get(delegation.id, 0) + 1
                )
        return registration.status


def seat_beyond_capacity(registration: Registration) -> None:
    """An organizer's explicit choice: a seat although the event or delegation is full (the
    caller records why). A waiting registration leaves the list, which is renumbered."""
    lock_event_of(registration)
    was_waitlisted = registration.status is RegistrationStatus.WAITLISTED
    registration.status = RegistrationStatus.CONFIRMED
    registration.waitlist_position = None
    registration.decided_at = utcnow()
    db.session.flush()
    if was_waitlisted:
        renumber_waitlist(registration.event_id)


def lock_event_of(registration: Registration) -> Event:
    """Take the event lock before ``registration`` leaves or is deleted, then read it again:
    a promotion or renumbering committed while this transaction waited is seen."""
    event = lock_row(Event, registration.event_id)
    db.session.refresh(registration)
    return event


def leave(registration: Registration, status: RegistrationStatus) -> list[Registration]:
    """Set a leaving status (cancelled or declined) and give the freed seat to the waiting
    list. Returns the registrations promoted."""
    lock_event_of(registration)
    was_waitlisted = registration.status is RegistrationStatus.WAITLISTED
    registration.status = status
    registration.waitlist_position = None
    registration.decided_at = utcnow()
    db.session.flush()
    if was_waitlisted:
        renumber_waitlist(registration.event_id)
        return []
    return fill_free_seats(registration.event_id)


def renumber_waitlist(event_id: int) -> None:
    """Close the gaps: the waiting list is numbered 1..n in its current order."""
    lock_row(Event, event_id)
    waiting = db.session.scalars(
        db.select(Registration)
        .where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.WAITLISTED,
        )
        .order_by(Registration.waitlist_position, Registration.id)
    ).all()
    for position, registration in enumerate(waiting, start=1):
        if registration.waitlist_position != position:
            registration.waitlist_position = position
    db.session.flush()


def fill_free_seats(event_id: int) -> list[Registration]:
    """Promote waiting registrations, first come first served, while seats are free (a
    registration whose delegation is full keeps its place). Each promoted person is told."""
    from eventsapp.registration.notifications import notify_promoted

    event = lock_row(Event, event_id)
    promoted: list[Registration] = []
    waiting = db.session.scalars(
        db.select(Registration)
        .where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.WAITLISTED,
        )
        .order_by(Registration.waitlist_position, Registration.id)
    ).all()
    for registration in waiting:
        if not event_has_room(event):
            break
        if registration.delegation_id is not None:
            delegation = delegations().lock(registration.delegation_id)
            if not delegation_has_room(delegation):
                continue
        pending = event.requires_approval
        registration.status = (
            RegistrationStatus.PENDING if pending else RegistrationStatus.CONFIRMED
        )
        registration.waitlist_position = None
        if not pending:
            registration.decided_at = utcnow()
        db.session.flush()
        promoted.append(registration)
    if promoted:
        renumber_waitlist(event_id)
        for registration in promoted:
            notify_promoted(registration)
    return promoted
