"""Capacity rules for a registration that already exists: approving it, moving it to another
delegation, deleting it, signing up again after leaving (see tests/test_capacity_rules.py
for seats, the waiting list and promotion)."""

from __future__ import annotations

import pytest

from eventsapp.errors import DomainError
from eventsapp.registration import services
from tests.factories import make_delegation, make_event, make_registration
from tests.registration_helpers import outbox
from tests.test_capacity_rules import (
    CANCELLED,
    CONFIRMED,
    DECLINED,
    PENDING,
    WAITLISTED,
    sign_up,
    stored,
    waiting,
    waiting_list,
)

# --- approving -------------------------------------------------------------------------------


def test_approving_a_pending_registration_confirms_and_dates_it(db):
    event = make_event(capacity=1, requires_approval=True)
    pending = make_registration(event, status=PENDING)
    assert services.approve(None, pending) is CONFIRMED
    assert stored(pending) == (CONFIRMED, None)
    assert pending.decided_at is not None
    assert [m.kind for m in outbox(pending.person.email)] == ["confirmed"]


def test_approving_a_waiting_registration_gives_it_a_free_seat_without_a_second_approval(db):
    event = make_event(capacity=1, requires_approval=True)
    first, second = waiting(event, 2)
    assert services.approve(None, first) is CONFIRMED
    assert stored(first) == (CONFIRMED, None)
    assert first.decided_at is not None
    assert waiting_list(event) == [(second.id, 1)]  # the list closes the gap


def test_approving_a_waiting_registration_in_a_full_event_keeps_its_position(db):
    event = make_event(capacity=1)
    make_registration(event)
    first, second, third = waiting(event, 3)
    assert services.approve(None, second) is WAITLISTED
    assert waiting_list(event) == [(first.id, 1), (second.id, 2), (third.id, 3)]
    assert second.decided_at is None
    assert outbox(second.person.email) == []


def test_approving_a_waiting_member_of_a_full_delegation_keeps_them_waiting(db):
    event = make_event(capacity=None)
    delegation = make_delegation(event, seat_quota=1)
    make_registration(event, delegation_id=delegation.id)
    (member,) = waiting(event, 1, delegation_id=delegation.id)
    assert services.approve(None, member) is WAITLISTED
    assert stored(member) == (WAITLISTED, 1)


@pytest.mark.parametrize("status", [DECLINED, CANCELLED])
def test_approving_someone_who_left_a_full_event_puts_them_at_the_end(db, status):
    event = make_event(capacity=1)
    make_registration(event)
    waiting(event, 2)
    gone = make_registration(event, status=status)
    assert services.approve(None, gone) is WAITLISTED
    assert stored(gone) == (WAITLISTED, 3)


# --- moving to another delegation -------------------------------------------------------------


def _move(registration, delegation):
    return services.update_registration(None, registration, {"delegation_id": delegation.id})


def test_a_confirmed_person_who_moves_keeps_their_seat_in_a_full_event(db):
    event = make_event(capacity=1, requires_approval=True)
    target = make_delegation(event, seat_quota=1)
    seated = make_registration(event)
    waiting(event, 1)
    _move(seated, target)
    assert stored(seated) == (CONFIRMED, None)
    assert seated.delegation_id == target.id


def test_a_pending_person_who_moves_stays_pending(db):
    event = make_event(capacity=5, requires_approval=True)
    target = make_delegation(event)
    pending = make_registration(event, status=PENDING)
    _move(pending, target)
    assert stored(pending) == (PENDING, None)
    assert pending.decided_at is None


def test_moving_into_a_full_delegation_is_refused(db):
    event = make_event(capacity=None)
    full = make_delegation(event, seat_quota=1)
    make_registration(event, delegation_id=full.id)
    seated = make_registration(event)
    with pytest.raises(DomainError) as refused:
        _move(seated, full)
    assert refused.value.field == "delegation_id"


def test_moving_out_of_a_full_delegation_gives_its_seat_to_the_delegations_waiting_list(db):
    event = make_event(capacity=None)
    old, new = make_delegation(event, seat_quota=1), make_delegation(event, seat_quota=1)
    mover = make_registration(event, delegation_id=old.id)
    (member,) = waiting(event, 1, delegation_id=old.id)
    _move(mover, new)
    assert stored(mover) == (CONFIRMED, None)
    assert stored(member) == (CONFIRMED, None)
    assert [m.kind for m in outbox(member.person.email)] == ["promoted"]


def test_a_waiting_person_who_moves_keeps_their_position(db):
    event = make_event(capacity=0)
    delegation = make_delegation(event)
    first, second = waiting(event, 2)
    _move(first, delegation)
    assert waiting_list(event) == [(first.id, 1), (second.id, 2)]


# --- signing up again ---------------------------------------------------------------------------


def test_someone_who_cancelled_and_signs_up_again_for_a_full_event_waits_at_the_end(db):
    event = make_event(capacity=1)
    first = sign_up(event, "again@example.org")
    services.cancel(None, first)  # the seat goes to nobody: nobody waits
    make_registration(event)
    (queued,) = waiting(event, 1)
    again = sign_up(event, "again@example.org")
    assert again.id == first.id
    assert stored(again) == (WAITLISTED, 2)
    assert waiting_list(event) == [(queued.id, 1), (again.id, 2)]


def test_someone_who_was_declined_and_signs_up_again_gets_a_free_seat(db):
    event = make_event(capacity=1, requires_approval=True)
    first = sign_up(event, "again@example.org")
    services.decline(None, first)
    again = sign_up(event, "again@example.org")
    assert stored(again) == (PENDING, None)
