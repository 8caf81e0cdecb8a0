"""Resending the personal link (issue 15): per registration and in bulk (the link rotates:
the old one says it was replaced), and the public "e-mail me my link" form."""

from __future__ import annotations

from eventsapp.registration.links import LinkState, check_token, registration_token
from eventsapp.registration.models import RegistrationStatus
from tests.factories import make_event, make_person, make_registration
from tests.registration_helpers import outbox


def test_bulk_resend_rotates_each_link_and_mails_it(client, db, login, organizer, event):
    regs = [
        make_registration(event, make_person(f"d{i}@example.org", event=event)) for i in range(3)
    ]
    cancelled = make_registration(
        event, make_person("gone@example.org", event=event), status=RegistrationStatus.CANCELLED
    )
    other = make_registration(make_event(), make_person("other@example.org"))
    old = {r.id: registration_token(r) for r in regs}
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/registrations/bulk",
        data={"ids": [str(r.id) for r in [*regs, cancelled, other]], "action": "send_link"},
        follow_redirects=True,
    )
    assert "3 registrations updated." in response.get_data(as_text=True)
    for r in regs:
        db.session.refresh(r)
        assert check_token(old[r.id], event.id).state is LinkState.REPLACED
        [mail] = outbox(r.person.email)
        assert mail.kind == "link" and registration_token(r) in mail.body_text
    assert outbox("gone@example.org") == [] and outbox("other@example.org") == []
    # a second bulk send within 10 minutes mails nobody again
    client.post(
        f"/manage/events/{event.slug}/registrations/bulk",
        data={"ids": [str(r.id) for r in regs], "action": "send_link"},
    )
    assert len(outbox(regs[0].person.email)) == 1


def test_one_registrations_link_is_resent(client, db, login, organizer, event):
    registration = make_registration(event, make_person("solo@example.org", event=event))
    old = registration_token(registration)
    login(organizer)
    client.post(f"/manage/events/{event.slug}/registrations/{registration.id}/send-link")
    db.session.refresh(registration)
    [mail] = outbox("solo@example.org")
    assert registration_token(registration) in mail.body_text and old not in mail.body_text


def test_the_public_form_mails_a_fresh_link_only_to_a_registered_address(client, db, event):
    registration = make_registration(event, make_person("known@example.org", event=event))
    old = registration_token(registration)
    known = client.post(
        f"/events/{event.slug}/my-registration", data={"email": "known@example.org"}
    )
    unknown = client.post(
        f"/events/{event.slug}/my-registration", data={"email": "stranger@example.org"}
    )
    assert known.status_code == unknown.status_code
    assert known.get_data() == unknown.get_data()  # says nothing about who is registered
    db.session.refresh(registration)
    [mail] = outbox("known@example.org")
    assert registration_token(registration) in mail.body_text
    assert check_token(old, event.id).state is LinkState.REPLACED
    assert outbox("stranger@example.org") == []
