"""Safe actions: every destructive or irreversible action asks first, naming its
consequence (a page without JavaScript; the dialog reads the same words); feedback says
what really happened; approving past capacity is an explicit choice whose reason is kept."""

from __future__ import annotations

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.events.models import Event
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_person,
    make_registration,
    make_user,
)


def _flash(client) -> str:
    with client.session_transaction() as session:
        return " ".join(str(m) for _c, m in session.get("_flashes", []))


def _status(db, registration_id):
    db.session.expire_all()
    return db.session.get(Registration, registration_id).status


def test_single_actions_ask_first_and_name_the_consequence(client, db, login, organizer, event):
    reg = make_registration(event, make_person("ana@example.org", "Ana", "Ruiz", event=event))
    login(organizer)
    base = f"/manage/events/{event.slug}/registrations/{reg.id}"
    detail = client.get(base).get_data(as_text=True)
    # the buttons are links to the confirmations, which carry the consequence for the dialog
    assert f'href="{base}/decline"' in detail and f'href="{base}/delete"' in detail
    assert "their seat goes to the waiting list" in detail
    for action, words in (
        ("decline", "told by e-mail that the registration is declined"),
        ("cancel", "personal link stops working"),
        ("delete", "This cannot be undone."),
    ):
        page = client.get(f"{base}/{action}")
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and words in html and "Ana Ruiz" in html
        assert f'action="{base}/{action}"' in html and 'name="confirmed" value="1"' in html
        assert _status(db, reg.id) is RegistrationStatus.CONFIRMED  # asking changed nothing
    client.post(f"{base}/decline", data={"confirmed": "1"})
    assert _status(db, reg.id) is RegistrationStatus.DECLINED


def test_bulk_decline_asks_first_and_counts_what_changed(client, db, login, organizer, event):
    regs = [make_registration(event, status=RegistrationStatus.PENDING) for _ in range(2)]
    declined = make_registration(event, status=RegistrationStatus.DECLINED)
    ids = [str(r.id) for r in (*regs, declined)]
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/bulk"
    page = client.post(url, data={"ids": ids, "action": "decline"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "3 registrations will be declined" in html
    assert all(f'name="ids" value="{i}"' in html for i in ids)
    assert _status(db, regs[0].id) is RegistrationStatus.PENDING
    answer = client.post(url, data={"ids": ids, "action": "decline", "confirmed": "1"})
    assert answer.status_code == 302
    assert "2 registrations changed. 1 unchanged" in _flash(client)
    assert {_status(db, r.id) for r in regs} == {RegistrationStatus.DECLINED}


def test_bulk_approve_counts_only_those_who_got_a_seat(client, db, login, organizer):
    event = make_event(capacity=2, requires_approval=True)
    grant(organizer, event, EventRoleKind.ORGANIZER)
    pending = [make_registration(event, status=RegistrationStatus.PENDING) for _ in range(2)]
    waiting = make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=1)
    login(organizer)
    ids = [str(r.id) for r in (*pending, waiting)]
    answer = client.post(
        f"/manage/events/{event.slug}/registrations/bulk", data={"ids": ids, "action": "approve"}
    )
    assert answer.status_code == 302  # approving asks nothing
    assert "2 registrations changed. 1 unchanged" in _flash(client)
    assert _status(db, waiting.id) is RegistrationStatus.WAITLISTED


def test_approving_in_a_full_event_says_they_still_wait(client, db, login, organizer):
    event = make_event(capacity=1)
    grant(organizer, event, EventRoleKind.ORGANIZER)
    make_registration(event)
    waiting = make_registration(
        event,
        make_person("iker@example.org", "Iñaki", "Cortés", event=event),
        status=RegistrationStatus.WAITLISTED,
        waitlist_position=1,
    )
    login(organizer)
    base = f"/manage/events/{event.slug}/registrations/{waiting.id}"
    client.post(f"{base}/approve")
    flashed = _flash(client)
    assert "Registration approved" not in flashed
    assert "Iñaki Cortés stays on the waiting list (#1)" in flashed
    assert _status(db, waiting.id) is RegistrationStatus.WAITLISTED
    assert "Approve beyond capacity" in client.get(base).get_data(as_text=True)

    client.post(f"{base}/approve", data={"beyond_capacity": "1", "reason": ""})
    assert "Say why" in _flash(client)
    assert _status(db, waiting.id) is RegistrationStatus.WAITLISTED

    client.post(f"{base}/approve", data={"beyond_capacity": "1", "reason": "Keynote's aide"})
    assert "Registration approved" in _flash(client)
    assert _status(db, waiting.id) is RegistrationStatus.CONFIRMED
    assert db.session.get(Registration, waiting.id).waitlist_position is None
    entry = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "approve").order_by(AuditEntry.id.desc())
    ).first()
    assert entry.after["beyond_capacity_reason"] == "Keynote's aide"
    seats = db.session.scalar(
        db.select(db.func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED
        )
    )
    assert seats == 2  # one beyond the capacity of 1, as chosen


def test_event_delete_lives_on_settings_behind_a_confirmation(client, db, login, admin, event):
    login(admin)
    dashboard = client.get(f"/manage/events/{event.slug}/").get_data(as_text=True)
    assert "Delete this event" not in dashboard
    settings = client.get(f"/manage/events/{event.slug}/settings").get_data(as_text=True)
    assert f'href="/manage/events/{event.slug}/delete"' in settings
    page = client.get(f"/manage/events/{event.slug}/delete").get_data(as_text=True)
    assert "This cannot be undone." in page and "Printed badges stop working" in page
    assert db.session.get(Event, event.id) is not None
    client.post(f"/manage/events/{event.slug}/delete", data={"confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Event, event.id) is None


def test_head_remove_and_delegate_cancel_ask_first(client, db, login, event):
    delegation = make_delegation(event)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    member = make_registration(
        event, make_person("m@example.org", "Luz", "Paz", event=event), delegation_id=delegation.id
    )
    login(head)
    url = f"/events/{event.slug}/my-delegation/{delegation.id}/members/{member.id}/remove"
    portal = client.get(f"/events/{event.slug}/my-delegation/{delegation.id}/")
    assert f'href="{url}"' in portal.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "The registration of Luz Paz is cancelled" in page
    assert _status(db, member.id) is RegistrationStatus.CONFIRMED

    client.post("/logout")
    token = registration_token(member)
    link = f"/events/{event.slug}/my-registration/{token}"
    assert f'href="{link}/cancel"' in client.get(link).get_data(as_text=True)
    page = client.get(f"{link}/cancel").get_data(as_text=True)
    assert "this link stops working" in page
    assert _status(db, member.id) is RegistrationStatus.CONFIRMED
    client.post(f"{link}/cancel", data={"confirmed": "1"})
    assert _status(db, member.id) is RegistrationStatus.CANCELLED


def test_new_qr_code_says_the_printed_badge_stops_working(client, db, login, organizer, event):
    reg = make_registration(event, make_person("q@example.org", "Eva", "Sol", event=event))
    login(organizer)
    url = f"/manage/events/{event.slug}/badges/{reg.id}/reissue"
    assert f'href="{url}"' in client.get(f"/manage/events/{event.slug}/badges").get_data(
        as_text=True
    )
    page = client.get(url).get_data(as_text=True)
    assert "the badge already printed stops working at check-in" in page
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).badge_token_version == 1
