"""Delegation seats are given by the delegation (issue 11, item 7): the public form places a
registrant in a delegation only with its join code, or records a request to join that holds
no seat until the head or an organizer accepts it."""

from __future__ import annotations

import re

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.delegations.models import Delegation, DelegationStatus
from eventsapp.delegations.services import seats_taken
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
    make_user,
)
from tests.registration_helpers import outbox, registration_of, signup_data


def _signup(client, event, email, **fields):
    data = signup_data(email)
    data.pop("delegation_id")
    data.update(fields)
    return client.post(f"/events/{event.slug}/register", data=data)


def _head_of(delegation, event, email="head@example.org"):
    user = make_user(email)
    grant(user, event, EventRoleKind.HEAD, delegation)
    return user


def _member(email):
    data = signup_data(email, preferred_language="en")
    del data["delegation_id"]
    return data


def _sonora(event, quota=1):
    return make_delegation(event, make_jurisdiction("Sonora"), seat_quota=quota)


def test_picking_a_delegation_on_the_public_form_takes_none_of_its_seats(client, db, login, event):
    """The attack: a member of the public picks Sonora (by posting its id, or by asking to
    join it); Sonora's quota is untouched and its head can still fill it."""
    sonora = _sonora(event, quota=1)
    response = _signup(client, event, "public@example.org", delegation_id=str(sonora.id))
    assert response.status_code == 302
    assert (
        _signup(
            client,
            event,
            "asker@example.org",
            join_request="y",
            requested_delegation_id=str(sonora.id),
        ).status_code
        == 302
    )
    for email in ("public@example.org", "asker@example.org"):
        registration = registration_of(event, email)
        assert registration.delegation_id is None
        assert registration.status is RegistrationStatus.CONFIRMED  # registered on their own
    assert seats_taken(sonora) == 0

    login(_head_of(sonora, event))
    base = f"/events/{event.slug}/my-delegation/{sonora.id}/"
    assert client.post(base + "members/new", data=_member("chosen@example.org")).status_code == 302
    chosen = registration_of(event, "chosen@example.org")
    assert (chosen.delegation_id, chosen.status) == (sonora.id, RegistrationStatus.CONFIRMED)


def test_public_form_offers_a_code_not_a_list_of_seats(client, db, event):
    _sonora(event)
    html = client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    assert 'name="join_code"' in html
    assert 'name="delegation_id"' not in html
    assert "I belong to a delegation but have no code" in html


def test_a_valid_code_puts_the_registrant_in_the_delegation(client, db, event):
    sonora = _sonora(event, quota=2)
    typed = sonora.join_code[:4].lower() + "-" + sonora.join_code[4:].lower()
    assert _signup(client, event, "member@example.org", join_code=typed).status_code == 302
    member = registration_of(event, "member@example.org")
    assert (member.delegation_id, member.status) == (sonora.id, RegistrationStatus.CONFIRMED)
    assert member.requested_delegation_id is None


def test_a_valid_code_of_a_full_delegation_puts_on_the_waiting_list(client, db, event):
    sonora = _sonora(event, quota=1)
    make_registration(event, delegation_id=sonora.id)
    _signup(client, event, "late@example.org", join_code=sonora.join_code)
    late = registration_of(event, "late@example.org")
    assert (late.delegation_id, late.status, late.waitlist_position) == (
        sonora.id,
        RegistrationStatus.WAITLISTED,
        1,
    )
    assert seats_taken(sonora) == 1


def test_a_wrong_code_is_an_error_next_to_the_field_and_nothing_is_saved(client, db, event):
    _sonora(event)  # a delegation exists: the error must not name it
    other = make_event()
    foreign = make_delegation(other, make_jurisdiction("Chihuahua"))
    for code in ("WRONG234", foreign.join_code):  # another event's code is wrong here too
        response = _signup(client, event, "guess@example.org", join_code=code)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert 'id="join_code-error"' in html and "not valid" in html
        error = re.search(r'id="join_code-error">(.*?)</div>', html, re.S).group(1)
        assert "Sonora" not in error and "Chihuahua" not in error
    assert registration_of(event, "guess@example.org") is None
    assert outbox("guess@example.org") == []


def test_a_withdrawn_delegations_code_is_refused(client, db, event):
    sonora = _sonora(event)
    sonora.status = DelegationStatus.WITHDRAWN
    db.session.commit()
    html = _signup(client, event, "late@example.org", join_code=sonora.join_code).get_data(
        as_text=True
    )
    assert 'id="join_code-error"' in html
    assert registration_of(event, "late@example.org") is None


def test_asking_to_join_needs_a_delegation_and_not_a_code_too(client, db, event):
    sonora = _sonora(event)
    html = _signup(client, event, "a@example.org", join_request="y").get_data(as_text=True)
    assert 'id="requested_delegation_id-error"' in html
    html = _signup(
        client,
        event,
        "a@example.org",
        join_request="y",
        join_code=sonora.join_code,
        requested_delegation_id=str(sonora.id),
    ).get_data(as_text=True)
    assert 'id="join_request-error"' in html
    assert registration_of(event, "a@example.org") is None


def test_head_sees_and_rotates_the_code_old_code_refused(client, db, login, event):
    sonora = _sonora(event, quota=3)
    old = sonora.join_code
    head = login(_head_of(sonora, event))
    base = f"/events/{event.slug}/my-delegation/{sonora.id}/"
    assert old in client.get(base).get_data(as_text=True)
    assert client.post(base + "join-code").status_code == 302
    db.session.expire_all()
    new = sonora.join_code
    assert new != old and len(new) == 8
    assert new in client.get(base).get_data(as_text=True)
    entry = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "rotate_join_code")
    ).one()
    assert (entry.user_id, entry.event_id, entry.object_id) == (head.id, event.id, sonora.id)
    assert old not in str((entry.before, entry.after, entry.summary))

    client.post("/logout")
    html = _signup(client, event, "late@example.org", join_code=old).get_data(as_text=True)
    assert 'id="join_code-error"' in html
    assert _signup(client, event, "late@example.org", join_code=new).status_code == 302
    assert registration_of(event, "late@example.org").delegation_id == sonora.id


def test_organizer_sees_and_rotates_the_code(client, db, login, organizer, event):
    sonora = _sonora(event)
    old = sonora.join_code
    login(organizer)
    url = f"/manage/events/{event.slug}/delegations/"
    assert old in client.get(url).get_data(as_text=True)
    assert client.post(url + f"{sonora.id}/join-code").status_code == 302
    db.session.expire_all()
    assert sonora.join_code != old


def test_organizer_of_another_event_can_neither_see_nor_rotate_the_code(client, db, login, event):
    sonora = _sonora(event)
    old = sonora.join_code
    other = make_event()
    stranger = make_user("stranger@example.org")
    grant(stranger, other, EventRoleKind.ORGANIZER)
    login(stranger)
    assert client.get(f"/manage/events/{event.slug}/delegations/").status_code == 403
    assert (
        client.post(f"/manage/events/{event.slug}/delegations/{sonora.id}/join-code").status_code
        == 403
    )
    # through their own event's URL, the delegation is not theirs
    assert (
        client.post(f"/manage/events/{other.slug}/delegations/{sonora.id}/join-code").status_code
        == 404
    )
    db.session.expire_all()
    assert sonora.join_code == old
    for page in (f"/events/{event.slug}", f"/events/{event.slug}/register"):
        assert old not in client.get(page).get_data(as_text=True)


def test_a_request_holds_no_seat_until_the_head_accepts(client, db, login, event):
    sonora = _sonora(event, quota=1)
    _signup(
        client,
        event,
        "asker@example.org",
        join_request="y",
        requested_delegation_id=str(sonora.id),
        organization_other="Fiscalía de Sonora",
    )
    asker = registration_of(event, "asker@example.org")
    assert (asker.delegation_id, asker.requested_delegation_id) == (None, sonora.id)
    assert seats_taken(sonora) == 0

    head = login(_head_of(sonora, event))
    base = f"/events/{event.slug}/my-delegation/{sonora.id}/"
    html = client.get(base).get_data(as_text=True)
    assert "Requests to join" in html and "asker@example.org" in html
    assert "Fiscalía de Sonora" in html
    assert client.post(base + f"requests/{asker.id}/accept").status_code == 302
    db.session.expire_all()
    assert (asker.delegation_id, asker.requested_delegation_id, asker.status) == (
        sonora.id,
        None,
        RegistrationStatus.CONFIRMED,
    )
    assert seats_taken(sonora) == 1
    entry = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "accept_join")
    ).one()
    assert (entry.user_id, entry.event_id) == (head.id, event.id)
    assert "Requests to join" not in client.get(base).get_data(as_text=True)


def test_accepting_into_a_full_delegation_is_refused_with_a_message(client, db, login, event):
    sonora = _sonora(event, quota=1)
    make_registration(event, delegation_id=sonora.id)
    asker = make_registration(event, requested_delegation_id=sonora.id)
    login(_head_of(sonora, event))
    base = f"/events/{event.slug}/my-delegation/{sonora.id}/"
    response = client.post(base + f"requests/{asker.id}/accept", follow_redirects=True)
    assert "no seat left" in response.get_data(as_text=True)
    db.session.expire_all()
    assert (asker.delegation_id, asker.requested_delegation_id, asker.status) == (
        None,
        sonora.id,
        RegistrationStatus.CONFIRMED,
    )


def test_head_refuses_a_request_the_person_stays_registered(client, db, login, event):
    sonora = _sonora(event)
    asker = make_registration(event, requested_delegation_id=sonora.id)
    login(_head_of(sonora, event))
    base = f"/events/{event.slug}/my-delegation/{sonora.id}/"
    assert client.post(base + f"requests/{asker.id}/refuse").status_code == 302
    db.session.expire_all()
    assert (asker.delegation_id, asker.requested_delegation_id, asker.status) == (
        None,
        None,
        RegistrationStatus.CONFIRMED,
    )
    assert (
        db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "refuse_join"))
        .one()
        .event_id
        == event.id
    )


def test_head_of_a_cannot_accept_or_see_requests_for_b(client, db, login, event):
    a = make_delegation(event, seat_quota=5)
    b = make_delegation(event, seat_quota=5)
    for_b = make_registration(
        event, make_person("wants.b@example.org"), requested_delegation_id=b.id
    )
    login(_head_of(a, event, "heada@example.org"))
    assert "wants.b@example.org" not in client.get(
        f"/events/{event.slug}/my-delegation/{a.id}/"
    ).get_data(as_text=True)
    for url in (
        f"/events/{event.slug}/my-delegation/{a.id}/requests/{for_b.id}/accept",
        f"/events/{event.slug}/my-delegation/{a.id}/requests/{for_b.id}/refuse",
        f"/events/{event.slug}/my-delegation/{b.id}/requests/{for_b.id}/accept",
        f"/events/{event.slug}/my-delegation/{b.id}/join-code",
    ):
        assert client.post(url).status_code == 404, url
    db.session.expire_all()
    assert (for_b.delegation_id, for_b.requested_delegation_id) == (None, b.id)


def test_organizer_accepts_or_refuses_a_request_in_the_back_office(
    client, db, login, organizer, event
):
    sonora = _sonora(event, quota=2)
    first = make_registration(
        event, make_person("first@example.org"), requested_delegation_id=sonora.id
    )
    second = make_registration(
        event, make_person("second@example.org"), requested_delegation_id=sonora.id
    )
    login(organizer)
    listing = client.get(f"/manage/events/{event.slug}/delegations/").get_data(as_text=True)
    assert "Requests to join: 2" in listing
    base = f"/manage/events/{event.slug}/registrations/"
    assert "Asks to join Sonora" in client.get(base + str(first.id)).get_data(as_text=True)
    assert client.post(base + f"{first.id}/join-request/accept").status_code == 302
    assert client.post(base + f"{second.id}/join-request/refuse").status_code == 302
    db.session.expire_all()
    assert (first.delegation_id, first.requested_delegation_id) == (sonora.id, None)
    assert (second.delegation_id, second.requested_delegation_id) == (None, None)


def test_organizer_of_another_event_cannot_settle_a_request(client, db, login, event):
    sonora = _sonora(event)
    asker = make_registration(event, requested_delegation_id=sonora.id)
    other = make_event()
    stranger = make_user("stranger@example.org")
    grant(stranger, other, EventRoleKind.ORGANIZER)
    login(stranger)
    assert (
        client.post(
            f"/manage/events/{other.slug}/registrations/{asker.id}/join-request/accept"
        ).status_code
        == 404
    )
    db.session.expire_all()
    assert (asker.delegation_id, asker.requested_delegation_id) == (None, sonora.id)


def test_every_delegation_gets_its_own_code(db, event):
    codes = {make_delegation(event).join_code for _ in range(5)}
    assert len(codes) == 5
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", code) for code in codes)
    assert (
        db.session.scalar(
            db.select(db.func.count()).select_from(Delegation).where(Delegation.join_code == "")
        )
        == 0
    )
    assert db.session.scalar(db.select(db.func.count(Registration.id))) == 0
