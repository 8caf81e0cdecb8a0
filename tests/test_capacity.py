"""Capacity and the waiting list: never overbooked, numbered without gaps, promotion."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request

from eventsapp import create_app
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.factories import make_delegation, make_event, make_person, make_registration
from tests.registration_helpers import outbox, registration_of, served, signup_data


def _statuses(db, event):
    rows = db.session.execute(
        db.select(Registration.status, Registration.waitlist_position).where(
            Registration.event_id == event.id
        )
    ).all()
    return rows


def test_full_event_waitlists_with_position(client, db):
    event = make_event(capacity=1)
    client.post(f"/events/{event.slug}/register", data=signup_data("a@example.org"))
    client.post(f"/events/{event.slug}/register", data=signup_data("b@example.org"))
    client.post(f"/events/{event.slug}/register", data=signup_data("c@example.org"))
    assert registration_of(event, "a@example.org").status is RegistrationStatus.CONFIRMED
    b = registration_of(event, "b@example.org")
    c = registration_of(event, "c@example.org")
    assert (b.status, b.waitlist_position) == (RegistrationStatus.WAITLISTED, 1)
    assert (c.status, c.waitlist_position) == (RegistrationStatus.WAITLISTED, 2)
    page = client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    assert "The event is full" in page


def test_cancellation_promotes_first_waitlisted_and_tells_them(client, db, login, organizer, event):
    event.capacity = 1
    db.session.commit()
    first = make_registration(event)
    waiting = [
        make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=n)
        for n in (1, 2)
    ]
    login(organizer)
    response = client.post(f"/manage/events/{event.slug}/registrations/{first.id}/cancel")
    assert response.status_code == 302
    db.session.expire_all()
    assert first.status is RegistrationStatus.CANCELLED
    assert waiting[0].status is RegistrationStatus.CONFIRMED
    assert waiting[0].waitlist_position is None
    assert (waiting[1].status, waiting[1].waitlist_position) == (RegistrationStatus.WAITLISTED, 1)
    promoted_mail = outbox(waiting[0].person.email)
    assert [m.kind for m in promoted_mail] == ["promoted"]


def test_raising_capacity_is_not_needed_for_decline_promotion(client, db, login, organizer):
    event = make_event(capacity=1, requires_approval=True)
    pending = make_registration(event, status=RegistrationStatus.PENDING)
    waiting = make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=1)
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant

    grant(organizer, event, EventRoleKind.ORGANIZER)
    login(organizer)
    client.post(f"/manage/events/{event.slug}/registrations/{pending.id}/decline")
    db.session.expire_all()
    assert pending.status is RegistrationStatus.DECLINED
    # The event needs approval: the promoted person now holds a seat, pending a decision.
    assert waiting.status is RegistrationStatus.PENDING
    assert [m.kind for m in outbox(pending.person.email)] == ["declined"]


def test_raising_delegation_quota_promotes(client, db, login, organizer, event):
    delegation = make_delegation(event, seat_quota=1)
    make_registration(event, delegation_id=delegation.id)
    waiting = make_registration(
        event,
        delegation_id=delegation.id,
        status=RegistrationStatus.WAITLISTED,
        waitlist_position=1,
    )
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/delegations/{delegation.id}/edit",
        data={
            "jurisdiction_id": str(delegation.jurisdiction_id),
            "organization_id": "",
            "head_person_id": "",
            "seat_quota": "2",
            "status": "invited",
            "protocol_position": "",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert waiting.status is RegistrationStatus.CONFIRMED


def test_public_signup_into_full_delegation_is_waitlisted(client, db, event):
    delegation = make_delegation(event, seat_quota=1)
    make_registration(event, delegation_id=delegation.id)
    client.post(
        f"/events/{event.slug}/register",
        data=signup_data("late@example.org", join_code=delegation.join_code),
    )
    late = registration_of(event, "late@example.org")
    assert (late.status, late.waitlist_position) == (RegistrationStatus.WAITLISTED, 1)


def test_pending_holds_a_seat(client, db):
    event = make_event(capacity=1, requires_approval=True)
    client.post(f"/events/{event.slug}/register", data=signup_data("a@example.org"))
    client.post(f"/events/{event.slug}/register", data=signup_data("b@example.org"))
    assert registration_of(event, "a@example.org").status is RegistrationStatus.PENDING
    assert registration_of(event, "b@example.org").status is RegistrationStatus.WAITLISTED


def test_double_submitted_form_creates_one_registration(client, db, event):
    data = signup_data("twice@example.org")
    first = client.post(f"/events/{event.slug}/register", data=data)
    second = client.post(f"/events/{event.slug}/register", data=data)
    # Both get the same answer (an address's registration is not revealed); one record.
    assert first.status_code == second.status_code == 302
    count = db.session.scalar(
        db.select(db.func.count(Registration.id)).where(Registration.event_id == event.id)
    )
    assert count == 1


def _post(url: str, data: dict, results: list, barrier: threading.Barrier) -> None:
    body = urllib.parse.urlencode(data).encode()
    barrier.wait()
    try:
        request = urllib.request.Request(url, data=body, method="POST")
        # Do not follow the redirect: the 302 itself is the success.
        opener = urllib.request.build_opener(_NoRedirect)
        with opener.open(request, timeout=300) as response:
            results.append(response.status)
    except urllib.error.HTTPError as error:
        results.append(error.code)
    except Exception as error:  # noqa: BLE001 (recorded, then asserted on)
        results.append(repr(error))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_200_concurrent_signups_never_overbook(app, db):
    event = make_event(capacity=50)
    make_person("someone@example.org")  # the person table is not empty
    slug = event.slug
    db.session.commit()  # end the test's own transaction (SQLite: it would hold the write lock)
    n = 200
    results: list = []
    barrier = threading.Barrier(n)
    # The same app and database; a bounded pool that lets requests queue for a connection
    # instead of timing out (PostgreSQL allows ~100 connections, SQLite one writer anyway).
    config = dict(app.config)
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 20, "max_overflow": 0, "pool_timeout": 600}
    server_app = create_app(config)
    with served(server_app) as base:
        url = f"{base}/events/{slug}/register"
        threads = [
            threading.Thread(
                target=_post,
                args=(url, signup_data(f"delegate{i}@example.org"), results, barrier),
            )
            for i in range(n)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(map(str, results)) == ["302"] * n
    db.session.expire_all()
    rows = _statuses(db, event)
    confirmed = [r for r in rows if r.status is RegistrationStatus.CONFIRMED]
    waitlisted = sorted(
        r.waitlist_position for r in rows if r.status is RegistrationStatus.WAITLISTED
    )
    assert len(rows) == n
    assert len(confirmed) == 50
    assert waitlisted == list(range(1, 151))


def test_raising_event_capacity_then_filling_seats(client, db, login, organizer, event):
    event.capacity = 1
    db.session.commit()
    make_registration(event)
    waiting = make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=1)
    login(organizer)
    client.post(f"/manage/events/{event.slug}/registrations/fill-seats")
    db.session.expire_all()
    assert waiting.status is RegistrationStatus.WAITLISTED  # still full
    event.capacity = 2
    db.session.commit()
    client.post(f"/manage/events/{event.slug}/registrations/fill-seats")
    db.session.expire_all()
    assert waiting.status is RegistrationStatus.CONFIRMED
    assert [m.kind for m in outbox(waiting.person.email)] == ["promoted"]


def test_simultaneous_double_submit_creates_one_registration(app, db):
    event = make_event()
    slug = event.slug
    db.session.commit()
    n = 6
    results: list = []
    barrier = threading.Barrier(n)
    data = signup_data("double@example.org")
    with served(app) as base:
        url = f"{base}/events/{slug}/register"
        threads = [
            threading.Thread(target=_post, args=(url, data, results, barrier)) for _ in range(n)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # every submission gets the same answer (302: "check your e-mail"); one record is made
    assert sorted(map(str, results)) == ["302"] * n
    db.session.expire_all()
    count = db.session.scalar(
        db.select(db.func.count(Registration.id)).where(Registration.event_id == event.id)
    )
    assert count == 1
