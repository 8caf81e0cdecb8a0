"""Leaving the event gives up its workshop places (registration's ``registration_left``
signal, heard by eventsapp/agenda/signups.py), and every workshop waiting list stays
numbered 1..n without gaps."""

from __future__ import annotations

import pytest

from eventsapp.agenda import signups
from eventsapp.agenda.models import SessionKind, SignupStatus, WorkshopSignup
from eventsapp.audit.models import AuditEntry
from eventsapp.errors import Conflict
from eventsapp.registration import services
from tests.factories import make_registration, make_session

CONFIRMED, WAITLISTED, CANCELLED = (
    SignupStatus.CONFIRMED,
    SignupStatus.WAITLISTED,
    SignupStatus.CANCELLED,
)
LEAVING = ["cancel", "decline", "delete_registration"]


def _workshop(event, capacity=1, hour=14):
    return make_session(event, kind=SessionKind.WORKSHOP, capacity=capacity, hour=hour)


def _places(db, workshop) -> list[tuple[int, SignupStatus, int | None]]:
    """(registration id, status, position) of the workshop's sign-ups, as stored."""
    db.session.commit()
    db.session.expire_all()
    rows = db.session.scalars(
        db.select(WorkshopSignup)
        .where(WorkshopSignup.session_id == workshop.id)
        .order_by(WorkshopSignup.id)
    )
    return [(s.registration_id, s.status, s.waitlist_position) for s in rows]


def _queue(db, event, workshop, n: int):
    people = [make_registration(event) for _ in range(n)]
    for registration in people:
        signups.sign_up(registration, workshop.id)
    db.session.commit()
    return people


@pytest.mark.parametrize("leave", LEAVING)
def test_leaving_the_event_gives_the_workshop_seat_to_the_first_waiting(db, event, leave):
    workshop = _workshop(event)
    seated, first, second = _queue(db, event, workshop, 3)
    getattr(services, leave)(None, seated)
    expected = [(first.id, CONFIRMED, None), (second.id, WAITLISTED, 1)]
    if leave != "delete_registration":
        expected.insert(0, (seated.id, CANCELLED, None))
    assert _places(db, workshop) == expected


@pytest.mark.parametrize("leave", LEAVING)
def test_leaving_the_event_closes_the_gap_in_the_workshop_waiting_list(db, event, leave):
    workshop = _workshop(event)
    seated, first, second, third = _queue(db, event, workshop, 4)
    getattr(services, leave)(None, second)
    places = [p for p in _places(db, workshop) if p[1] is not CANCELLED]
    assert places == [
        (seated.id, CONFIRMED, None),
        (first.id, WAITLISTED, 1),
        (third.id, WAITLISTED, 2),
    ]


def test_leaving_the_event_gives_up_every_workshop(db, event):
    morning, afternoon = _workshop(event, hour=9), _workshop(event, hour=14)
    leaving = make_registration(event)
    for workshop in (morning, afternoon):
        signups.sign_up(leaving, workshop.id)
    waiting = make_registration(event)
    signups.sign_up(waiting, afternoon.id)
    services.cancel(None, leaving)
    assert _places(db, morning) == [(leaving.id, CANCELLED, None)]
    assert _places(db, afternoon) == [(leaving.id, CANCELLED, None), (waiting.id, CONFIRMED, None)]


def test_a_release_is_audited_on_the_event(db, event):
    workshop = _workshop(event)
    (leaving,) = _queue(db, event, workshop, 1)
    services.decline(None, leaving)
    db.session.commit()
    actions = db.session.scalars(
        db.select(AuditEntry.action).where(AuditEntry.event_id == event.id)
    ).all()
    assert "workshop_cancel" in actions


def test_other_registrations_keep_their_places(db, event):
    workshop = _workshop(event, capacity=2)
    leaving, staying = _queue(db, event, workshop, 2)
    services.cancel(None, leaving)
    assert (staying.id, CONFIRMED, None) in _places(db, workshop)


def test_cancelling_a_waiting_place_closes_the_gap(db, event):
    workshop = _workshop(event)
    seated, first, second, third = _queue(db, event, workshop, 4)
    signups.cancel(first, workshop.id)
    places = [p for p in _places(db, workshop) if p[1] is WAITLISTED]
    assert places == [(second.id, WAITLISTED, 1), (third.id, WAITLISTED, 2)]
    assert (seated.id, CONFIRMED, None) in _places(db, workshop)


def test_a_promotion_closes_the_gap_it_leaves(db, event):
    workshop = _workshop(event)
    seated, first, second, third = _queue(db, event, workshop, 4)
    signups.cancel(seated, workshop.id)
    places = [p for p in _places(db, workshop) if p[1] is not CANCELLED]
    assert places == [
        (first.id, CONFIRMED, None),
        (second.id, WAITLISTED, 1),
        (third.id, WAITLISTED, 2),
    ]


def test_cancelling_a_place_one_does_not_hold_is_refused_with_a_reason(db, event):
    workshop = _workshop(event)
    (seated,) = _queue(db, event, workshop, 1)
    stranger = make_registration(event)
    with pytest.raises(Conflict) as refused:
        signups.cancel(stranger, workshop.id)
    assert str(refused.value.message) == "You are not signed up for this workshop."
    assert _places(db, workshop) == [(seated.id, CONFIRMED, None)]


def test_a_registrations_places_are_its_own_and_not_cancelled_ones(db, event):
    morning, afternoon = _workshop(event, hour=9), _workshop(event, hour=14)
    mine, other = _queue(db, event, morning, 2)
    signups.sign_up(mine, afternoon.id)
    signups.cancel(mine, afternoon.id)
    assert set(signups.signups_of(mine)) == {morning.id}
    assert signups.signups_of(other)[morning.id].status is WAITLISTED
