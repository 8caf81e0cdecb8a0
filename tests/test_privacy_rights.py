"""Issue 11, privacy lifecycle: a registrant downloads their data through their link; an
organizer erases one person from their event (and nobody else's)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.registration import services
from eventsapp.registration.links import registration_token, rotate_key
from eventsapp.registration.models import Person, Registration, RegistrationStatus
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_person,
    make_registration,
    make_user,
)

PASSPORT = "G1234567"


def _delegate(event, email="valeria@example.org", passport=PASSPORT, **kw):
    person = make_person(
        email,
        "Valeria",
        "Vega",
        event=event,
        passport_number=passport,
        nationality="Mexicana",
        phone="+52 55 0101",
    )
    return make_registration(event, person, dietary="Vegana", **kw)


def _data_url(registration) -> str:
    return (
        f"/events/{registration.event.slug}/my-registration/"
        f"{registration_token(registration)}/data.json"
    )


def test_a_registrant_downloads_what_they_gave_to_this_event(client, db, event):
    registration = _delegate(event)
    other_event = make_event()
    _delegate(other_event, passport="OTHER-EVENT-999")
    page = client.get(
        f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    ).get_data(as_text=True)
    assert f"{registration_token(registration)}/data.json" in page
    response = client.get(_data_url(registration))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.get_data(as_text=True))
    assert data["event"]["slug"] == event.slug
    assert data["person"]["passport_number"] == PASSPORT
    assert data["person"]["nationality"] == "Mexicana"
    assert data["registration"]["dietary"] == "Vegana"
    assert data["registration"]["status"] == "confirmed"
    text = response.get_data(as_text=True)
    assert "OTHER-EVENT-999" not in text and other_event.slug not in text
    for internal in ("access_key", "badge_token_version", registration.access_key):
        assert internal not in text


def test_only_a_working_link_downloads(client, db, event):
    registration = _delegate(event)
    old = _data_url(registration)
    other_event = make_event()
    # the link of this registration at another event's address
    foreign = old.replace(f"/events/{event.slug}/", f"/events/{other_event.slug}/")
    assert client.get(foreign).status_code == 404
    assert client.get(old[:-12] + "x/data.json").status_code == 404  # forged
    rotate_key(registration)
    db.session.commit()
    assert client.get(old).status_code == 404  # replaced
    ended = make_event(start_date=date.today() - timedelta(days=100))
    expired = _delegate(ended, "late@example.org")
    assert client.get(_data_url(expired)).status_code == 404


def _entries_about(db, registration_id: int, person_id: int) -> list[AuditEntry]:
    return db.session.scalars(
        db.select(AuditEntry).where(
            ((AuditEntry.object_type == "Registration") & (AuditEntry.object_id == registration_id))
            | ((AuditEntry.object_type == "Person") & (AuditEntry.object_id == person_id))
        )
    ).all()


def test_organizer_erases_a_person_and_the_waiting_list_moves_up(
    client, db, login, organizer, event
):
    event.capacity = 1
    db.session.commit()
    victim = _delegate(event)
    services.update_registration(None, victim, {"phone": "+52 55 0202", "dietary": "Kosher"})
    first = make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=1)
    second = make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=2)
    elsewhere = _delegate(make_event())  # the same address at another event
    db.session.commit()
    registration_id, person_id = victim.id, victim.person_id
    login(organizer)
    base = f"/manage/events/{event.slug}/registrations/{registration_id}"
    assert f"{base}/erase" in client.get(base).get_data(as_text=True)
    confirm = client.get(f"{base}/erase").get_data(as_text=True)
    assert "valeria@example.org" in confirm and "cannot be undone" in confirm
    response = client.post(f"{base}/erase")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, registration_id) is None
    assert db.session.get(Person, person_id) is None
    assert (first.status, first.waitlist_position) == (RegistrationStatus.CONFIRMED, None)
    assert (second.status, second.waitlist_position) == (RegistrationStatus.WAITLISTED, 1)
    # the entries stay, without the person's data
    entries = _entries_about(db, registration_id, person_id)
    assert {e.action for e in entries} >= {"update", "delete", "erase"}
    log = json.dumps(
        [
            [e.summary, e.before, e.after]
            for e in db.session.scalars(
                db.select(AuditEntry).where(AuditEntry.event_id == event.id)
            )
        ]
    )
    for secret in ("valeria@example.org", "Valeria", "+52 55 0202", "Kosher", "Vegana"):
        assert secret not in log, secret
    for entry in entries:
        if entry.action != "erase":
            assert entry.before in (None, {"erased": True})
            assert entry.after in (None, {"erased": True})
    # another event's record of the same address is untouched
    assert elsewhere.person.passport_number == PASSPORT
    assert elsewhere.dietary == "Vegana"


def test_erasing_needs_the_confirmation_form(client, db, login, organizer, event):
    registration = _delegate(event)
    login(organizer)
    client.application.config["WTF_CSRF_ENABLED"] = True
    url = f"/manage/events/{event.slug}/registrations/{registration.id}/erase"
    assert client.post(url).status_code == 400
    db.session.expire_all()
    assert db.session.get(Registration, registration.id) is not None


def test_an_organizer_of_another_event_erases_nobody(client, db, login, event):
    registration = _delegate(event)
    other = make_event()
    stranger = make_user("stranger@example.org")
    grant(stranger, other, EventRoleKind.ORGANIZER)
    login(stranger)
    url = f"/manage/events/{event.slug}/registrations/{registration.id}/erase"
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    through_own = f"/manage/events/{other.slug}/registrations/{registration.id}/erase"
    assert client.get(through_own).status_code == 404
    assert client.post(through_own).status_code == 404
    db.session.expire_all()
    assert db.session.get(Registration, registration.id) is not None


def test_a_head_of_delegation_is_not_erased_behind_their_delegations_back(
    client, db, login, organizer, event
):
    registration = _delegate(event)
    delegation = make_delegation(event)
    delegation.head_person_id = registration.person_id
    db.session.commit()
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/{registration.id}/erase"
    page = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "head of a delegation" in page
    db.session.expire_all()
    assert db.session.get(Registration, registration.id) is not None
