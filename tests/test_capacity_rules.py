"""Every rule of eventsapp/registration/capacity.py, one per test, through the services that
use it (sign-up, approve, decline, cancel, delete, update). Each test states the rule in its
name and asserts what the database holds afterwards (and, for promotions, who was told).

Moves between delegations, approvals of waiting registrations and signing up again are in
tests/test_capacity_rules_moves.py."""

from __future__ import annotations

import pytest

from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.registration import capacity, services
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.factories import make_delegation, make_event, make_registration
from tests.registration_helpers import outbox

CONFIRMED = RegistrationStatus.CONFIRMED
PENDING = RegistrationStatus.PENDING
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED
DECLINED = RegistrationStatus.DECLINED


def sign_up(event, email, **kw) -> Registration:
    data = {"email": email, "given_name": "Ana", "family_name": "Muñoz"}
    data.update(kw.pop("data", {}))
    registration = services.register(None, event, data, notify=False, **kw)
    db.session.commit()
    return registration


def waiting(event, n: int, **kw) -> list[Registration]:
    return [
        make_registration(event, status=WAITLISTED, waitlist_position=i, **kw)
        for i in range(1, n + 1)
    ]


def stored(registration: Registration) -> tuple:
    """(status, waiting-list position) as the database holds them after a commit."""
    db.session.commit()
    db.session.expire_all()
    return registration.status, registration.waitlist_position


def waiting_list(event) -> list[tuple[int, int]]:
    """The waiting list as stored: (registration id, position), in position order."""
    db.session.commit()
    return list(
        db.session.execute(
            db.select(Registration.id, Registration.waitlist_position)
            .where(Registration.event_id == event.id, Registration.status == WAITLISTED)
            .order_by(Registration.waitlist_position)
        ).tuples()
    )


def told_promoted(registration: Registration, kind: str = "promoted") -> bool:
    return [m.kind for m in outbox(registration.person.email)] == [kind]


# --- who holds a seat --------------------------------------------------------------------


def test_an_event_without_capacity_confirms_everyone(db):
    event = make_event(capacity=None)
    make_registration(event)
    assert [sign_up(event, f"p{i}@example.org").status for i in range(3)] == [CONFIRMED] * 3


def test_the_last_seat_is_given_and_the_next_person_waits(db):
    event = make_event(capacity=2)
    make_registration(event)
    assert stored(sign_up(event, "last@example.org")) == (CONFIRMED, None)
    assert stored(sign_up(event, "next@example.org")) == (WAITLISTED, 1)


def test_a_pending_registration_holds_its_seat(db):
    event = make_event(capacity=1, requires_approval=True)
    make_registration(event, status=PENDING)
    assert stored(sign_up(event, "late@example.org")) == (WAITLISTED, 1)


@pytest.mark.parametrize("status", [WAITLISTED, CANCELLED, DECLINED])
def test_waiting_cancelled_and_declined_registrations_hold_no_seat(db, status):
    event = make_event(capacity=1)
    make_registration(event, status=status, waitlist_position=1 if status is WAITLISTED else None)
    assert stored(sign_up(event, "seat@example.org")) == (CONFIRMED, None)


def test_another_events_seats_do_not_count(db):
    other = make_event(capacity=1)
    make_registration(other)
    event = make_event(capacity=1)
    assert stored(sign_up(event, "seat@example.org")) == (CONFIRMED, None)


# --- approval and the decision date --------------------------------------------------------


def test_a_sign_up_that_needs_approval_is_pending_and_undecided(db):
    event = make_event(capacity=5, requires_approval=True)
    registration = sign_up(event, "ana@example.org")
    assert stored(registration) == (PENDING, None)
    assert registration.decided_at is None


def test_an_approved_sign_up_is_confirmed_at_once_and_dated(db):
    event = make_event(capacity=5, requires_approval=True)
    registration = sign_up(event, "ana@example.org", approved=True)
    assert stored(registration) == (CONFIRMED, None)
    assert registration.decided_at is not None


def test_a_confirmed_seat_is_dated_and_a_waiting_place_is_not(db):
    event = make_event(capacity=1)
    seated, late = sign_up(event, "a@example.org"), sign_up(event, "b@example.org")
    assert seated.decided_at is not None
    assert late.decided_at is None


# --- the waiting list: numbered 1..n per event, without gaps --------------------------------


def test_the_waiting_list_is_numbered_in_order_of_arrival(db):
    event = make_event(capacity=0)
    late = [sign_up(event, f"p{i}@example.org") for i in range(3)]
    assert waiting_list(event) == [(r.id, n) for n, r in enumerate(late, start=1)]


def test_each_event_numbers_its_own_waiting_list(db):
    other = make_event(capacity=0)
    waiting(other, 3)
    event = make_event(capacity=0)
    assert stored(sign_up(event, "first@example.org")) == (WAITLISTED, 1)


@pytest.mark.parametrize("leave", ["cancel", "decline", "delete_registration"])
def test_leaving_the_waiting_list_closes_the_gap(db, leave):
    event = make_event(capacity=0)
    first, second, third = waiting(event, 3)
    getattr(services, leave)(None, second)
    assert waiting_list(event) == [(first.id, 1), (third.id, 2)]


def test_renumbering_keeps_the_waiting_list_order(db):
    event = make_event(capacity=0)
    a = make_registration(event, status=WAITLISTED, waitlist_position=7)
    b = make_registration(event, status=WAITLISTED, waitlist_position=4)
    c = make_registration(event, status=WAITLISTED, waitlist_position=9)
    capacity.renumber_waitlist(event.id)
    assert waiting_list(event) == [(b.id, 1), (a.id, 2), (c.id, 3)]


def test_renumbering_one_event_leaves_another_alone(db):
    event, other = make_event(capacity=0), make_event(capacity=0)
    make_registration(event, status=WAITLISTED, waitlist_position=3)
    elsewhere = make_registration(other, status=WAITLISTED, waitlist_position=3)
    capacity.renumber_waitlist(event.id)
    assert stored(elsewhere) == (WAITLISTED, 3)


def test_leaving_dates_the_decision_and_frees_the_position(db):
    event = make_event(capacity=0)
    (registration,) = waiting(event, 1)
    services.cancel(None, registration)
    assert stored(registration) == (CANCELLED, None)
    assert registration.decided_at is not None


def test_leaving_the_waiting_list_promotes_nobody(db):
    event = make_event(capacity=1)  # a free seat the organizer has not filled yet
    first, second = waiting(event, 2)
    services.cancel(None, first)
    assert stored(second) == (WAITLISTED, 1)
    assert outbox(second.person.email) == []


def test_an_inactive_registration_cannot_be_cancelled(db):
    event = make_event()
    registration = make_registration(event, status=DECLINED)
    with pytest.raises(DomainError):
        services.cancel(None, registration)
    assert stored(registration) == (DECLINED, None)


# --- promotion: a freed seat goes to the waiting list ----------------------------------------


@pytest.mark.parametrize("leave", ["cancel", "decline", "delete_registration"])
def test_a_freed_seat_goes_to_the_first_waiting_who_is_told(db, leave):
    event = make_event(capacity=1)
    seated = make_registration(event)
    first, second = waiting(event, 2)
    getattr(services, leave)(None, seated)
    assert stored(first) == (CONFIRMED, None)
    assert first.decided_at is not None
    assert told_promoted(first)
    assert waiting_list(event) == [(second.id, 1)]
    assert outbox(second.person.email) == []


def test_declining_a_pending_registration_frees_its_seat(db):
    event = make_event(capacity=1, requires_approval=True)
    pending = make_registration(event, status=PENDING)
    (first,) = waiting(event, 1)
    services.decline(None, pending)
    assert stored(pending) == (DECLINED, None)
    assert stored(first) == (PENDING, None)  # promoted, still to be approved


def test_promotion_into_an_event_that_needs_approval_is_pending_and_undecided(db):
    event = make_event(capacity=1, requires_approval=True)
    (first,) = waiting(event, 1)
    assert capacity.fill_free_seats(event.id) == [first]
    assert stored(first) == (PENDING, None)
    assert first.decided_at is None
    assert told_promoted(first, "promoted_review")  # not "a seat is yours": still to approve


def test_promotion_follows_the_waiting_list_not_the_order_of_sign_up(db):
    event = make_event(capacity=1)
    signed_up_first = make_registration(event, status=WAITLISTED, waitlist_position=2)
    signed_up_later = make_registration(event, status=WAITLISTED, waitlist_position=1)
    assert capacity.fill_free_seats(event.id) == [signed_up_later]
    assert waiting_list(event) == [(signed_up_first.id, 1)]


def test_promotion_takes_only_this_events_waiting_list(db):
    other = make_event(capacity=0)
    (elsewhere,) = waiting(other, 1)
    event = make_event(capacity=1)
    assert capacity.fill_free_seats(event.id) == []
    assert stored(elsewhere) == (WAITLISTED, 1)


def test_promotion_stops_when_the_event_is_full(db):
    event = make_event(capacity=2)
    make_registration(event)
    first, second, third = waiting(event, 3)
    assert capacity.fill_free_seats(event.id) == [first]
    assert waiting_list(event) == [(second.id, 1), (third.id, 2)]


def test_an_event_without_capacity_promotes_everyone_waiting(db):
    event = make_event(capacity=None)
    everyone = waiting(event, 3)
    assert capacity.fill_free_seats(event.id) == everyone
    assert [stored(r) for r in everyone] == [(CONFIRMED, None)] * 3


def test_a_waiting_person_whose_delegation_is_full_keeps_their_place(db):
    event = make_event(capacity=2)
    full = make_delegation(event, seat_quota=1)
    holder = make_registration(event)
    make_registration(event, delegation_id=full.id)  # the delegation's only seat
    blocked = make_registration(
        event, status=WAITLISTED, waitlist_position=1, delegation_id=full.id
    )
    free = make_registration(event, status=WAITLISTED, waitlist_position=2)
    services.cancel(None, holder)
    assert stored(free) == (CONFIRMED, None)
    assert stored(blocked) == (WAITLISTED, 1)
    assert outbox(blocked.person.email) == []


# --- delegation quotas -------------------------------------------------------------------------


def test_a_full_delegation_refuses_a_back_office_sign_up(db):
    event = make_event(capacity=None)
    delegation = make_delegation(event, seat_quota=1)
    make_registration(event, delegation_id=delegation.id)
    with pytest.raises(DomainError) as refused:
        sign_up(event, "x@example.org", data={"delegation_id": delegation.id})
    assert refused.value.field == "delegation_id"
    assert str(refused.value.message) == "This delegation has no seat left (quota 1)."


def test_a_full_delegation_puts_a_public_sign_up_on_the_waiting_list_despite_free_seats(db):
    event = make_event(capacity=None)
    delegation = make_delegation(event, seat_quota=2)
    make_registration(event, delegation_id=delegation.id)
    sign_up(event, "second@example.org", data={"delegation_id": delegation.id})
    third = sign_up(
        event, "third@example.org", data={"delegation_id": delegation.id}, quota_full="waitlist"
    )
    assert stored(third) == (WAITLISTED, 1)


def test_the_quota_counts_only_the_delegations_seat_holders(db):
    event = make_event(capacity=None)
    delegation, other = make_delegation(event, seat_quota=1), make_delegation(event)
    make_registration(event, delegation_id=delegation.id, status=CANCELLED)
    make_registration(event, delegation_id=delegation.id, status=WAITLISTED, waitlist_position=1)
    make_registration(event, delegation_id=other.id)
    joined = sign_up(event, "member@example.org", data={"delegation_id": delegation.id})
    assert stored(joined) == (CONFIRMED, None)


def test_a_pending_member_holds_a_delegation_seat(db):
    event = make_event(capacity=None, requires_approval=True)
    delegation = make_delegation(event, seat_quota=1)
    make_registration(event, delegation_id=delegation.id, status=PENDING)
    late = sign_up(
        event, "late@example.org", data={"delegation_id": delegation.id}, quota_full="waitlist"
    )
    assert stored(late) == (WAITLISTED, 1)
