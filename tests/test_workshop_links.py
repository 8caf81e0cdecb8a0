"""The workshop sign-up page is linked from the personal page and from the e-mails that
carry the personal link."""

from __future__ import annotations

from eventsapp.registration.links import registration_token
from eventsapp.registration.notifications import notify_cancelled, notify_link
from tests.factories import make_registration
from tests.registration_helpers import outbox


def test_personal_page_links_the_agenda_and_workshops(client, db, event):
    registration = make_registration(event)
    token = registration_token(registration)
    html = client.get(f"/events/{event.slug}/my-registration/{token}").get_data(as_text=True)
    agenda = f"/events/{event.slug}/my/{token}/agenda"
    assert f'href="{agenda}"' in html
    assert client.get(agenda).status_code == 200


def test_the_link_mail_carries_the_workshop_link_and_a_cancellation_does_not(db, event):
    registration = make_registration(event)
    notify_link(registration)
    db.session.commit()
    token = registration_token(registration)
    [message] = outbox(registration.person.email)
    assert "sign-up for the workshops" in message.body_text
    assert f"/events/{event.slug}/my/{token}/agenda" in message.body_text
    notify_cancelled(registration)
    db.session.commit()
    cancelled = [m for m in outbox(registration.person.email) if m.id != message.id]
    assert cancelled and "/agenda" not in cancelled[0].body_text
