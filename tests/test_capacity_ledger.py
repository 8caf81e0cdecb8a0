"""capacity.SeatLedger (imports: many decisions in one transaction) applies decide_seat's
rules on running totals: it starts from the seats and waiting places already held, and each
placement counts for the next."""

from __future__ import annotations

import pytest

from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.registration.capacity import SeatLedger
from eventsapp.registration.models import Registration
from tests.factories import make_delegation, make_event, make_person, make_registration
from tests.test_capacity_rules import CANCELLED, CONFIRMED, DECLINED, PENDING, WAITLISTED


def _place_all(event, n: int, *, delegation=None, approved=True, quota_full="waitlist"):
    """Place ``n`` new registrations through one ledger; (status, position) of each."""
    ledger = SeatLedger(event.id)
    placed = []
    for _ in range(n):
        registration = Registration(
            event_id=event.id,
            person_id=make_person(event=event).id,
            delegation_id=delegation.id if delegation else None,
        )
        ledger.place(registration, approved=approved, quota_full=quota_full)
        db.session.add(registration)
        placed.append(registration)
    db.session.flush()
    return [(r.status, r.waitlist_position) for r in placed]


def test_the_ledger_starts_from_the_seats_and_waiting_places_already_held(db):
    event = make_event(capacity=3)
    make_registration(event)
    make_registration(event, status=PENDING)
    make_registration(event, status=WAITLISTED, waitlist_position=1)
    for status in (CANCELLED, DECLINED):
        make_registration(event, status=status)
    make_registration(make_event(capacity=3))  # another event's seat
    assert _place_all(event, 2) == [(CONFIRMED, None), (WAITLISTED, 2)]


def test_each_placement_counts_for_the_next(db):
    event = make_event(capacity=2)
    assert _place_all(event, 4) == [
        (CONFIRMED, None),
        (CONFIRMED, None),
        (WAITLISTED, 1),
        (WAITLISTED, 2),
    ]


def test_an_event_without_capacity_seats_every_placement(db):
    event = make_event(capacity=None)
    make_registration(event)
    assert _place_all(event, 2) == [(CONFIRMED, None)] * 2


def test_a_placement_that_needs_approval_is_pending(db):
    event = make_event(capacity=2, requires_approval=True)
    assert _place_all(event, 1, approved=False) == [(PENDING, None)]
    assert _place_all(event, 1, approved=True) == [(CONFIRMED, None)]


def test_the_ledger_counts_each_delegations_seats(db):
    event = make_event(capacity=None)
    delegation, other = make_delegation(event, seat_quota=2), make_delegation(event)
    make_registration(event, delegation_id=delegation.id)
    make_registration(event, delegation_id=delegation.id, status=CANCELLED)
    make_registration(event, delegation_id=other.id)
    assert _place_all(event, 2, delegation=delegation) == [(CONFIRMED, None), (WAITLISTED, 1)]


@pytest.mark.parametrize("quota", [1, 2])
def test_a_delegation_without_members_yet_has_its_whole_quota(db, quota):
    event = make_event(capacity=None)
    delegation = make_delegation(event, seat_quota=quota)
    placed = _place_all(event, quota + 1, delegation=delegation)
    assert placed == [(CONFIRMED, None)] * quota + [(WAITLISTED, 1)]


def test_a_full_delegation_refuses_a_placement_when_asked_to(db):
    event = make_event(capacity=None)
    delegation = make_delegation(event, seat_quota=1)
    make_registration(event, delegation_id=delegation.id)
    with pytest.raises(DomainError) as refused:
        _place_all(event, 1, delegation=delegation, quota_full="refuse")
    assert refused.value.field == "delegation_id"
    assert str(refused.value.message) == "This delegation has no seat left (quota 1)."


def test_recount_reads_the_seats_taken_since(db):
    event = make_event(capacity=1)
    ledger = SeatLedger(event.id)
    make_registration(event)  # taken elsewhere in the transaction
    ledger.recount()
    late = Registration(event_id=event.id, person_id=make_person(event=event).id)
    assert ledger.place(late, approved=True, quota_full="waitlist") is WAITLISTED
    assert late.waitlist_position == 1
