"""Issue 11: an attacker who knows only an e-mail address, or who runs another event, gets
nobody's data and no working link. Each test performs the attack over HTTP."""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventsapp.audit.models import AuditEntry
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Person, RegistrationStatus
from tests.factories import make_event, make_person, make_registration
from tests.registration_helpers import outbox, registration_of, signup_data

PASSPORT = "G12345678"
LINK = re.compile(r"/my-registration/([A-Za-z0-9_.\-]+)")


def _victim(event, **kw):
    person = make_person(
        "victim@example.org",
        given_name="Valeria",
        family_name="Vega",
        passport_number=PASSPORT,
        nationality="Mexicana",
        phone="+52 1 555 0101",
        event=event,
    )
    return make_registration(event, person, **kw)


def _tokens_in(text: str) -> list[str]:
    return LINK.findall(text)


def test_signing_up_at_another_event_with_a_victims_address_reveals_and_changes_nothing(
    client, db, event
):
    victim = _victim(event)
    other = make_event()
    response = client.post(
        f"/events/{other.slug}/register",
        data=signup_data("Victim@Example.org", given_name="Mallory", family_name="Mal"),
    )
    location = response.headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert not _tokens_in(location) and not _tokens_in(page)
    assert PASSPORT not in page and "Valeria" not in page
    db.session.expire_all()
    assert victim.person.given_name == "Valeria"
    assert victim.person.passport_number == PASSPORT
    # Event B got its own record: nothing of A's record is reachable through it.
    at_other = registration_of(other, "victim@example.org")
    assert at_other.person_id != victim.person_id
    assert at_other.person.passport_number == ""
    # The link to B's record goes only to the address itself.
    assert {m.recipient for m in outbox()} == {"victim@example.org"}


def test_signing_up_again_after_a_cancellation_hands_out_no_token(client, db, event):
    victim = _victim(event, status=RegistrationStatus.CANCELLED)
    old_token = registration_token(victim)
    response = client.post(
        f"/events/{event.slug}/register",
        data=signup_data("victim@example.org", given_name="Mallory"),
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert old_token not in page and not _tokens_in(page)
    db.session.expire_all()
    assert victim.status is RegistrationStatus.CANCELLED
    assert victim.person.given_name == "Valeria"
    [mail] = outbox()
    assert mail.recipient == "victim@example.org" and mail.kind == "link"
    # The mailed link is new; the old one no longer opens anything.
    assert old_token not in mail.body_text
    assert client.get(f"/events/{event.slug}/my-registration/{old_token}").status_code == 410


def test_known_and_unknown_addresses_get_the_same_answer(client, db, event):
    _victim(event)
    known = client.post(f"/events/{event.slug}/register", data=signup_data("victim@example.org"))
    new = client.post(f"/events/{event.slug}/register", data=signup_data("new@example.org"))
    assert known.status_code == new.status_code == 302
    assert known.headers["Location"] == new.headers["Location"]


def test_one_link_mail_per_address_per_ten_minutes(client, db, event):
    _victim(event)
    for _ in range(30):
        client.post(f"/events/{event.slug}/register", data=signup_data("victim@example.org"))
        client.post(f"/events/{event.slug}/my-registration", data={"email": "victim@example.org"})
    assert len(outbox("victim@example.org")) == 1


def test_link_request_for_an_unknown_address_sends_nothing(client, db, event):
    response = client.post(
        f"/events/{event.slug}/my-registration", data={"email": "nobody@example.org"}
    )
    assert response.status_code == 302
    assert outbox() == []


def test_a_new_link_replaces_the_old_one(client, db, event):
    victim = _victim(event)
    old_token = registration_token(victim)
    old = f"/events/{event.slug}/my-registration/{old_token}"
    assert client.get(old).status_code == 200
    letter = f"/events/{event.slug}/my/{old_token}/visa-letter.pdf"
    assert client.get(letter).status_code == 200
    client.post(f"/events/{event.slug}/my-registration", data={"email": "victim@example.org"})
    [mail] = outbox("victim@example.org")
    [new_token] = _tokens_in(mail.body_text)
    replaced = client.get(old)
    assert replaced.status_code == 410
    html = replaced.get_data(as_text=True)
    assert "newer link" in html and "victim@example.org" not in html and PASSPORT not in html
    assert client.get(f"/events/{event.slug}/my-registration/{new_token}").status_code == 200
    # Documents behind the old link are gone too.
    assert client.get(letter).status_code == 404


def test_a_replaced_link_can_ask_for_a_fresh_one_sent_to_the_address_on_file(client, db, event):
    victim = _victim(event)
    old_token = registration_token(victim)
    victim.access_key = "rotated-by-a-new-link"
    db.session.commit()
    response = client.post(f"/events/{event.slug}/my-registration/{old_token}/new-link")
    assert response.status_code == 302
    [mail] = outbox()
    assert mail.recipient == "victim@example.org"


def test_links_expire_after_the_event(app, client, db):
    event = make_event(
        start_date=date.today() - timedelta(days=60), end_date=date.today() - timedelta(days=58)
    )
    registration = make_registration(event)
    url = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    app.config["PERSONAL_LINK_DAYS_AFTER_EVENT"] = 30
    expired = client.get(url)
    assert expired.status_code == 410
    assert "worked until" in expired.get_data(as_text=True)
    app.config["PERSONAL_LINK_DAYS_AFTER_EVENT"] = 90
    assert client.get(url).status_code == 200


def test_editing_through_one_events_link_never_touches_another_events_record(client, db, event):
    victim_a = _victim(event)
    other = make_event()
    at_b = make_registration(other, make_person("victim@example.org", event=other))
    url = f"/events/{other.slug}/my-registration/{registration_token(at_b)}"
    data = signup_data(given_name="Changed", passport_number="Z999")
    for key in ("email", "role", "delegation_id"):
        del data[key]
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert at_b.person.given_name == "Changed"
    assert victim_a.person.given_name == "Valeria"
    assert victim_a.person.passport_number == PASSPORT


def test_passport_details_never_reach_the_audit_log(client, db, event):
    registration = _victim(event)
    url = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    data = signup_data(
        passport_number="N7777777", passport_expiry="2031-02-03", date_of_birth="1980-04-05"
    )
    for key in ("email", "role", "delegation_id"):
        del data[key]
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert registration.person.passport_number == "N7777777"
    assert registration.person.date_of_birth == date(1980, 4, 5)
    dumped = " ".join(str((e.before, e.after)) for e in db.session.scalars(db.select(AuditEntry)))
    assert "N7777777" not in dumped and "1980-04-05" not in dumped and "2031" not in dumped


def test_audit_entries_of_a_person_name_their_event(client, db, event):
    client.post(f"/events/{event.slug}/register", data=signup_data("new@example.org"))
    entries = db.session.scalars(db.select(AuditEntry)).all()
    assert entries and all(e.event_id == event.id for e in entries)


def test_a_person_who_cancelled_registers_again_through_a_fresh_link(client, db, event):
    registration = _victim(event)
    url = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    client.post(f"{url}/cancel")
    client.post(f"/events/{event.slug}/register", data=signup_data("victim@example.org"))
    mail = [m for m in outbox("victim@example.org") if m.kind == "link"][-1]
    [token] = _tokens_in(mail.body_text)
    fresh = f"/events/{event.slug}/my-registration/{token}"
    assert "Register again" in client.get(fresh).get_data(as_text=True)
    client.post(f"{fresh}/register-again")
    db.session.expire_all()
    assert registration.status is RegistrationStatus.CONFIRMED
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 1


# --- organizers and heads of another event ---------------------------------------------


def _organizer_of(event, email: str):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant, make_user

    user = make_user(email)
    grant(user, event, EventRoleKind.ORGANIZER)
    return user


def test_organizer_of_another_event_registering_a_known_address_changes_nothing_of_it(
    client, db, login, event
):
    victim = _victim(event)
    other = make_event()
    login(_organizer_of(other, "organizer.b@example.org"))
    data = signup_data(
        "victim@example.org", given_name="Mallory", phone="000", preferred_language="en"
    )
    response = client.post(f"/manage/events/{other.slug}/registrations/new", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert (victim.person.given_name, victim.person.phone) == ("Valeria", "+52 1 555 0101")
    assert registration_of(other, "victim@example.org").person.given_name == "Mallory"
    listing = client.get(f"/manage/events/{other.slug}/registrations/").get_data(as_text=True)
    assert "Valeria" not in listing and "+52 1 555 0101" not in listing
    # The organizer's audit trail is written to their own event, not to the victim's.
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.user_id.is_not(None)))
    assert {e.event_id for e in entries} == {other.id}


def test_head_of_another_event_adding_a_known_address_changes_nothing_of_it(
    client, db, login, event
):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant, make_delegation, make_user

    victim = _victim(event)
    other = make_event()
    delegation = make_delegation(other)
    head = make_user("head.b@example.org")
    grant(head, other, EventRoleKind.HEAD, delegation)
    login(head)
    data = signup_data("victim@example.org", given_name="Mallory", preferred_language="en")
    client.post(f"/events/{other.slug}/my-delegation/{delegation.id}/members/new", data=data)
    db.session.expire_all()
    assert victim.person.given_name == "Valeria"
    assert victim.person.passport_number == PASSPORT
    portal = client.get(f"/events/{other.slug}/my-delegation/{delegation.id}/")
    assert PASSPORT not in portal.get_data(as_text=True)


def test_organizer_sends_a_new_link_and_the_old_one_stops_working(
    client, db, login, organizer, event
):
    registration = _victim(event)
    old_token = registration_token(registration)
    url = f"/manage/events/{event.slug}/registrations/{registration.id}/send-link"
    assert client.post(url).status_code == 302  # not signed in: sent to sign in
    assert outbox() == []
    login(organizer)
    client.post(url)
    [mail] = outbox("victim@example.org")
    assert old_token not in mail.body_text
    assert client.get(f"/events/{event.slug}/my-registration/{old_token}").status_code == 410
    again = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "less than 10 minutes ago" in again
    assert len(outbox("victim@example.org")) == 1
